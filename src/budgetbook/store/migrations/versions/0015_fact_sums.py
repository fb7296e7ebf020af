"""The facts summed per book and 政事別 (`fact_sums`), kept at ingest beside them, so that a
question over books by agency, year, phase or 政事別 reads a row per book, not per work plan;
filled from the facts already stored

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_BOOK = "book_id, government, agency_code, agency_name, fiscal_year, phase, unit, function"


def upgrade() -> None:
    op.create_table(
        "fact_sums",
        sa.Column("book_id", sa.String(length=64), nullable=False),
        sa.Column("government", sa.String(length=16), nullable=False),
        sa.Column("agency_code", sa.String(length=8), nullable=False),
        sa.Column("agency_name", sa.Text(), nullable=True),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=16), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("function", sa.Text(), nullable=True),
        sa.Column("function_name", sa.Text(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("fact_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["book_id"], ["books.id"],
                                name=op.f("fk_fact_sums_book_id_books"), ondelete="CASCADE"),
    )
    # the 政事別's name: the book's own ledger row of kind function with its two digits
    op.execute(f"INSERT INTO fact_sums ({_BOOK}, function_name, amount, fact_count) "
               f"SELECT {_BOOK}, (SELECT l.name FROM r_expenditure_by_agency l "
               "WHERE l.book_id = facts.book_id AND l.kind = 'function' AND l.sub_unit IS NULL "
               "AND substr(l.code, 1, 2) = facts.function AND l.name IS NOT NULL "
               "AND l.name <> '' ORDER BY l.row_no LIMIT 1), "
               f"sum(amount), count(*) FROM facts GROUP BY {_BOOK}")
    op.create_index("ix_fact_sums_year_phase", "fact_sums",
                    ["fiscal_year", "phase", "agency_code", "unit", "amount", "fact_count"])
    op.create_index("ix_fact_sums_agency", "fact_sums", ["agency_code", "fiscal_year"])
    op.create_index("ix_fact_sums_book", "fact_sums", ["book_id"])


def downgrade() -> None:
    op.drop_index("ix_fact_sums_book", table_name="fact_sums")
    op.drop_index("ix_fact_sums_agency", table_name="fact_sums")
    op.drop_index("ix_fact_sums_year_phase", table_name="fact_sums")
    op.drop_table("fact_sums")
