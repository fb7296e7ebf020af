"""A city's 歲入預算表 and 歲出預算表 print 本年度預算數 as 合計, 經常門 and 資本門: the two parts

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# written out, not derived from today's models, so the migration stays fixed
COLUMNS = (("current_amount", "本年度預算數 經常門, where printed"),
           ("capital_amount", "本年度預算數 資本門, where printed"))


def upgrade() -> None:
    for table in ("r_revenue", "r_expenditure_by_agency"):
        with op.batch_alter_table(table) as batch_op:
            for name, comment in COLUMNS:
                batch_op.add_column(sa.Column(name, sa.BigInteger(), nullable=True,
                                              comment=comment))


def downgrade() -> None:
    for table in ("r_revenue", "r_expenditure_by_agency"):
        with op.batch_alter_table(table) as batch_op:
            for name, _ in reversed(COLUMNS):
                batch_op.drop_column(name)
