"""The fact table's year-and-phase index carries the unit and the amount too, so a year's sum
by agency reads the index alone; an index on books.unit (the units of every book are read by
every cross-book sum)

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_facts_year_phase", table_name="facts")
    op.create_index("ix_facts_year_phase", "facts",
                    ["fiscal_year", "phase", "agency_code", "unit", "amount"])
    op.create_index("ix_books_unit", "books", ["unit"])


def downgrade() -> None:
    op.drop_index("ix_books_unit", table_name="books")
    op.drop_index("ix_facts_year_phase", table_name="facts")
    op.create_index("ix_facts_year_phase", "facts", ["fiscal_year", "phase", "agency_code"])
