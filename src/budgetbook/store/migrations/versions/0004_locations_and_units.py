"""Locations, units and sub-units: every location column gains its page and box (PDF books),
every book its money unit, every resource row the sub-unit whose appendix prints it

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# table -> prefixes of its locations: `source` has source_line already and gains source_page
# and source_bbox (written out, not derived from today's models, so the migration stays fixed)
LOCATIONS: dict[str, tuple[str, ...]] = {
    "r_expenditure_lines": ('source',),
    "r_work_plans": ('content', 'expected_results', 'source'),
    "r_sub_plans": ('description', 'source'),
    "r_object_lines": ('source',),
    "r_revenue": ('source',),
    "r_expenditure_by_agency": ('source',),
    "r_revenue_notes": ('source',),
    "r_cost_summary": ('source',),
    "r_object_class_analysis": ('source',),
    "r_capital_expenditure": ('source',),
    "r_personnel_costs": ('source',),
    "r_staffing": ('source',),
    "r_staffing_units": ('source',),
    "r_vehicles": ('source',),
    "r_offices": ('source', 'right_half'),
    "r_subsidies": ('source',),
    "r_subsidy_totals": ('source',),
    "r_donations": ('source',),
    "r_donation_totals": ('source',),
    "r_overseas_travel": ('source',),
    "r_overseas_travel_summary": ('source',),
    "r_functional_economic": ('source',),
    "r_commissioned_projects": ('source',),
    "r_commissioned_totals": ('source',),
    "r_media_spending": ('source',),
    "r_resolutions": ('source',),
    "r_duties": ('source',),
    "r_divisions": ('source',),
    "r_staffing_summary": ('source',),
    "r_goals": ('source', 'text'),
    "r_program_results": ('source', 'text'),
    "r_overview_texts": ('source', 'end'),
}


SUB_UNIT = ("the sub-unit (分預算) whose appendix (附錄) prints the row; empty for the book's own "
            "tables, whose totals never include these rows")


def _what(prefix: str) -> str:
    return "the row's main figure" if prefix == "source" else \
        f"the row's {prefix.replace('_', ' ')}"


def _comments(prefix: str) -> tuple[str, str, str]:
    what = _what(prefix)
    return (f"1-based line of {what} in the book's text",
            f"1-based PDF page of {what}; empty for a text book",
            f"box of {what} on its page: x0,top,x1,bottom in points from the top left; empty "
            "for a text book")


def upgrade() -> None:
    with op.batch_alter_table("source_lines") as batch_op:
        batch_op.add_column(sa.Column("page", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("bbox", sa.Text(), nullable=True))
    op.create_table(
        "book_files",
        sa.Column("book_id", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["book_id"], ["books.id"],
                                name=op.f("fk_book_files_book_id_books"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("book_id", name=op.f("pk_book_files")),
    )
    with op.batch_alter_table("r_overseas_travel") as batch_op:
        batch_op.add_column(sa.Column("books", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("books") as batch_op:
        # the books stored so far are all central-government books, printed in thousands
        batch_op.add_column(sa.Column("unit", sa.String(length=16), nullable=False,
                                      server_default="thousand TWD"))
    for table, prefixes in LOCATIONS.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("sub_unit", sa.Text(), nullable=True, comment=SUB_UNIT))
            for p in prefixes:
                line, page, bbox = _comments(p)
                batch_op.alter_column(f"{p}_line", existing_type=sa.BigInteger(), comment=line)
                batch_op.add_column(sa.Column(f"{p}_page", sa.BigInteger(), nullable=True,
                                              comment=page))
                batch_op.add_column(sa.Column(f"{p}_bbox", sa.Text(), nullable=True,
                                              comment=bbox))


def downgrade() -> None:
    for table, prefixes in LOCATIONS.items():
        with op.batch_alter_table(table) as batch_op:
            for p in prefixes:
                batch_op.drop_column(f"{p}_bbox")
                batch_op.drop_column(f"{p}_page")
                batch_op.alter_column(f"{p}_line", existing_type=sa.BigInteger(), comment=None)
            batch_op.drop_column("sub_unit")
    with op.batch_alter_table("books") as batch_op:
        batch_op.drop_column("unit")
    with op.batch_alter_table("r_overseas_travel") as batch_op:
        batch_op.drop_column("books")
    op.drop_table("book_files")
    with op.batch_alter_table("source_lines") as batch_op:
        batch_op.drop_column("bbox")
        batch_op.drop_column("page")
