"""Detail lines and cases of the city books' 歲出計畫說明提要與各項費用明細表: the tables of the
`detail-lines` and `cases` resources

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "r_detail_lines",
        sa.Column("book_id", sa.String(length=64), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column(
            "sub_unit",
            sa.Text(),
            nullable=True,
            comment="the sub-unit (分預算) whose appendix (附錄) prints the row; empty for the book's own tables, whose totals never include these rows",
        ),
        sa.Column(
            "work_plan_code",
            sa.Text(),
            nullable=True,
            comment="工作計畫 code (11 characters in city books)",
        ),
        sa.Column(
            "sub_plan_no",
            sa.Text(),
            nullable=True,
            comment="分支計畫 number; None for a work plan's own line",
        ),
        sa.Column(
            "object_code",
            sa.Text(),
            nullable=True,
            comment="the 用途別科目 line it details, e.g. 2054",
        ),
        sa.Column("case_no", sa.Text(), nullable=True, comment="案別 number; empty outside a case"),
        sa.Column("unit", sa.Text(), nullable=True, comment="單位"),
        sa.Column("quantity", sa.Text(), nullable=True, comment="數量 as printed, e.g. 81×12"),
        sa.Column("unit_price", sa.Numeric(), nullable=True, comment="單價, in the book's unit"),
        sa.Column("amount", sa.BigInteger(), nullable=True, comment="預算數, in the book's unit"),
        sa.Column(
            "total_cost", sa.BigInteger(), nullable=True, comment="multi-year total printed with it"
        ),
        sa.Column("description", sa.Text(), nullable=True, comment="說明"),
        sa.Column(
            "source_line",
            sa.BigInteger(),
            nullable=True,
            comment="1-based line of the row's main figure in the book's text",
        ),
        sa.Column(
            "source_page",
            sa.BigInteger(),
            nullable=True,
            comment="1-based PDF page of the row's main figure; empty for a text book",
        ),
        sa.Column(
            "source_bbox",
            sa.Text(),
            nullable=True,
            comment="box of the row's main figure on its page: x0,top,x1,bottom in points from the top left; empty for a text book",
        ),
        sa.ForeignKeyConstraint(
            ["book_id"],
            ["books.id"],
            name=op.f("fk_r_detail_lines_book_id_books"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("book_id", "row_no", name=op.f("pk_r_detail_lines")),
        comment="各項費用明細",
    )
    op.create_table(
        "r_cases",
        sa.Column("book_id", sa.String(length=64), nullable=False),
        sa.Column("row_no", sa.Integer(), nullable=False),
        sa.Column(
            "sub_unit",
            sa.Text(),
            nullable=True,
            comment="the sub-unit (分預算) whose appendix (附錄) prints the row; empty for the book's own tables, whose totals never include these rows",
        ),
        sa.Column("work_plan_code", sa.Text(), nullable=True),
        sa.Column("sub_plan_no", sa.Text(), nullable=True),
        sa.Column("case_no", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column(
            "amount",
            sa.BigInteger(),
            nullable=True,
            comment="this year's amount, in the book's unit",
        ),
        sa.Column(
            "total_cost",
            sa.BigInteger(),
            nullable=True,
            comment="multi-year total (總經費/總工程費)",
        ),
        sa.Column("description", sa.Text(), nullable=True, comment="說明"),
        sa.Column(
            "source_line",
            sa.BigInteger(),
            nullable=True,
            comment="1-based line of the row's main figure in the book's text",
        ),
        sa.Column(
            "source_page",
            sa.BigInteger(),
            nullable=True,
            comment="1-based PDF page of the row's main figure; empty for a text book",
        ),
        sa.Column(
            "source_bbox",
            sa.Text(),
            nullable=True,
            comment="box of the row's main figure on its page: x0,top,x1,bottom in points from the top left; empty for a text book",
        ),
        sa.ForeignKeyConstraint(
            ["book_id"], ["books.id"], name=op.f("fk_r_cases_book_id_books"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("book_id", "row_no", name=op.f("pk_r_cases")),
        comment="案別",
    )


def downgrade() -> None:
    op.drop_table("r_cases")
    op.drop_table("r_detail_lines")
