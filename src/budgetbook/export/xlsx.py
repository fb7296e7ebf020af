"""Excel workbook: one sheet per resource, header row frozen, numbers stored as numbers."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from ..model import Book
from .tabular import output_file, tables


def write_xlsx(book: Book, out: str | Path) -> Path:
    out = output_file(book, out, ".xlsx")
    wb = Workbook()
    wb.remove(wb.active)
    for t in tables(book):
        ws = wb.create_sheet(t.resource.name[:31])  # Excel caps sheet names at 31 chars
        names = [c.name for c in t.columns]
        ws.append(names)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in t.rows:
            ws.append([row.get(n) for n in names])
        for c, col in enumerate(t.columns, start=1):
            if col.type == "integer":
                for (cell,) in ws.iter_rows(min_row=2, min_col=c, max_col=c):
                    cell.number_format = "#,##0"
        ws.freeze_panes = "A2"
    wb.save(out)
    return out
