"""The fact table (every amount of expenditure of every book, once, with its book's government,
agency, year, phase and unit) and the store's generation; filled from the books already stored

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_BOOK = "b.government, b.agency_code, b.agency_name, b.fiscal_year, b.phase, b.unit"
_COLUMNS = ("book_id, row_no, resource, government, agency_code, agency_name, fiscal_year, "
            "phase, unit, function, work_plan_code, work_plan_name, sub_plan_no, sub_plan_name, "
            "object_level1_code, object_level1_name, object_code, object_name, amount, "
            "source_line")


def upgrade() -> None:
    op.create_table(
        "facts",
        sa.Column("book_id", sa.String(length=64), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column("resource", sa.String(length=32), nullable=False),
        sa.Column("government", sa.String(length=16), nullable=False),
        sa.Column("agency_code", sa.String(length=8), nullable=False),
        sa.Column("agency_name", sa.Text(), nullable=True),
        sa.Column("fiscal_year", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=16), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("function", sa.Text(), nullable=True),
        sa.Column("work_plan_code", sa.Text(), nullable=True),
        sa.Column("work_plan_name", sa.Text(), nullable=True),
        sa.Column("sub_plan_no", sa.Text(), nullable=True),
        sa.Column("sub_plan_name", sa.Text(), nullable=True),
        sa.Column("object_level1_code", sa.Text(), nullable=True),
        sa.Column("object_level1_name", sa.Text(), nullable=True),
        sa.Column("object_code", sa.Text(), nullable=True),
        sa.Column("object_name", sa.Text(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("source_line", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["book_id"], ["books.id"], name=op.f("fk_facts_book_id_books"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("book_id", "row_no", name=op.f("pk_facts")),
    )
    op.create_index("ix_facts_year_phase", "facts", ["fiscal_year", "phase", "agency_code"])
    op.create_index("ix_facts_agency", "facts", ["agency_code", "fiscal_year"])
    op.create_table(
        "store_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("generation", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_state")),
    )
    # the books already stored: their own expenditure lines, else their own work plans
    op.execute(f"""
        INSERT INTO facts ({_COLUMNS})
        SELECT l.book_id, l.row_no, 'expenditure-lines', {_BOOK}, substr(l.work_plan_code, 1, 2),
               l.work_plan_code, l.work_plan_name, l.sub_plan_no, l.sub_plan_name,
               l.object_level1_code, l.object_level1_name, l.object_code, l.object_name,
               l.amount, l.source_line
        FROM r_expenditure_lines l JOIN books b ON b.id = l.book_id
        WHERE l.sub_unit IS NULL""")
    op.execute(f"""
        INSERT INTO facts ({_COLUMNS})
        SELECT w.book_id, w.row_no, 'work-plans', {_BOOK}, substr(w.code, 1, 2), w.code, w.name,
               NULL, NULL, NULL, NULL, NULL, NULL, w.amount, w.source_line
        FROM r_work_plans w JOIN books b ON b.id = w.book_id
        WHERE w.sub_unit IS NULL
          AND w.book_id NOT IN (SELECT book_id FROM r_expenditure_lines)""")
    op.execute("INSERT INTO store_state (id, generation) VALUES (1, 1)")


def downgrade() -> None:
    op.drop_table("store_state")
    op.drop_index("ix_facts_agency", table_name="facts")
    op.drop_index("ix_facts_year_phase", table_name="facts")
    op.drop_table("facts")
