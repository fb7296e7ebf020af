"""The city books' 公務車輛明細表: the work plan each vehicle is listed under, its 汽缸總排氣量 as
printed (a range, horsepower), and the cost columns a central book does not print

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# written out, not derived from today's models, so the migration stays fixed
COLUMNS: tuple[tuple[str, type[sa.Text] | type[sa.BigInteger], str], ...] = (
    ("work_plan", sa.Text, "業務計畫-工作計畫 it is listed under (city)"),
    ("displacement", sa.Text, "汽缸總排氣量 as printed (city)"),
    ("license_tax", sa.BigInteger, "牌照稅 (city)"),
    ("fuel_use_fee", sa.BigInteger, "燃料使用費 or 公路使用養護安全管理費 (city)"),
    ("insurance", sa.BigInteger, "車輛保險費 (city)"),
    ("inspection", sa.BigInteger, "車輛檢驗費 (city)"),
)


def upgrade() -> None:
    with op.batch_alter_table("r_vehicles") as batch_op:
        for name, type_, comment in COLUMNS:
            batch_op.add_column(sa.Column(name, type_(), nullable=True, comment=comment))


def downgrade() -> None:
    with op.batch_alter_table("r_vehicles") as batch_op:
        for name, _, _ in reversed(COLUMNS):
            batch_op.drop_column(name)
