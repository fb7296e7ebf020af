"""books.government: the government a book's agency belongs to (中央, or a city or county);
books.table_units: the tables a book prints in another unit than its own

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("books") as batch_op:
        # every book stored so far is a central-government book
        batch_op.add_column(sa.Column("government", sa.String(length=16), nullable=False,
                                      server_default="中央"))
        batch_op.create_index(batch_op.f("ix_books_government"), ["government"], unique=False)
        batch_op.add_column(sa.Column("table_units", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("books") as batch_op:
        batch_op.drop_column("table_units")
        batch_op.drop_index(batch_op.f("ix_books_government"))
        batch_op.drop_column("government")
