"""Reader of 預算員額明細表 from a PDF book (see `objects_spread` for the two-page spread)."""

from __future__ import annotations

from ...model.objects import StaffingTable
from . import PdfContext
from .layout import TablePage, line_loc


def read_staffing(ctx: PdfContext, pages: list[TablePage]) -> StaffingTable:
    return StaffingTable(table="staffing", loc=line_loc(pages[0].page.rows[pages[0].title_row]))
