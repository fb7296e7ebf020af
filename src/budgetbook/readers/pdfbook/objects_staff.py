"""Reader of 預算員額明細表 from a PDF book, a coded table over a two-page spread (see
`objects_spread`): each category (職員 … 駐外雇員, 合計) has a 本年度 and a 上年度 column under
it on a sub-header row, then 年需經費 本年度, 上年度, 比較, then the 說明 notes, which may
follow a figure with no gap (`12,3451.減列…`).
"""

from __future__ import annotations

from ...model.base import TextBlock
from ...model.objects import STAFF_CATEGORIES, StaffCount, StaffingRow, StaffingTable
from ...pdf import PdfLine
from . import PdfContext
from .layout import Cell, TablePage, line_loc
from .objects_grid import Label, amount, join, label_spans
from .objects_spread import NOTE_ITEM, header_row, level_of, merged, ordinals, read_page

STAFFING = "staffing"
_COST = (("cost", "本年度"), ("cost_last_year", "上年度"), ("cost_change", "比較"))


def _columns(rows: list[PdfLine], at: int) -> tuple[list[Label], int] | None:
    """The figure columns and the index of the sub-header row (本年度 上年度 …)."""
    cats: list[Label] = []
    for ln in rows[max(at - 3, 0):at + 1]:
        after = -1e9
        for cat in STAFF_CATEGORIES:
            found = label_spans(ln, cat, after)
            if found:
                cats.append(Label(cat, found[0].x0, found[0].x1))
                after = found[0].x1
        if len(cats) >= 2:
            break
        cats = []
    sub = next((i for i in range(at, min(at + 3, len(rows)))
                if len(label_spans(rows[i], "本年度")) >= len(cats)), None)
    if not cats or sub is None:
        return None
    slots: dict[str, list[Label]] = {c.name: [] for c in cats}
    for words in ("本年度", "上年度"):
        for s in label_spans(rows[sub], words):
            near = min(cats, key=lambda c: abs(c.centre - s.centre))
            slots[near.name].append(s)
    out: list[Label] = []
    for head in cats:
        for i, s in enumerate(sorted(slots[head.name], key=lambda s: s.x0)[:2]):
            out.append(Label(f"{head.name}|{i}", s.x0, s.x1))
    after = cats[-1].x1
    for name, words in _COST:
        found = label_spans(rows[at], words, after)
        if not found:
            return None
        out.append(Label(name, found[0].x0, found[0].x1))
        after = found[0].x1
    return sorted(out, key=lambda c: c.x0), sub


def read_staffing(ctx: PdfContext, pages: list[TablePage]) -> StaffingTable:
    table = StaffingTable(table=STAFFING, loc=line_loc(pages[0].page.rows[pages[0].title_row]))
    spread = []
    for page in pages:
        at = header_row(page)
        found = None if at is None else _columns(page.rows, at)
        if at is None or found is None:
            ctx.report("unparsed", STAFFING, page.rows[0].no if page.rows else None,
                       f"page {page.number}: header rows (款, categories, 本年度) not found")
            continue
        columns, sub = found
        spread.append(read_page(ctx, STAFFING, page, columns, sub + 1,
                                ordinals(page.rows[at]), notes=True))
    rows, notes = merged(spread)
    for r in rows:
        if r.code is None:
            ctx.report("unparsed", STAFFING, r.name_line.no, f"{r.name}: no 10-digit code above it")
            continue
        counts = []
        for cat in STAFF_CATEGORIES:
            now, last = r.cells.get(f"{cat}|0"), r.cells.get(f"{cat}|1")
            if now is None and last is None:
                continue
            where = (now or last)
            assert where is not None
            counts.append(StaffCount(
                table=STAFFING, loc=where.loc, category=cat,
                locs={"last_year_count": last.loc} if last else {},
                count=amount(ctx, STAFFING, now) if now else None,
                last_year_count=amount(ctx, STAFFING, last) if last else None))
        main = r.cells.get("合計|0") or r.cells.get("cost")
        costs = {k: r.cells[k] for k, _ in _COST if k in r.cells}
        table.rows.append(StaffingRow(
            table=STAFFING, loc=main.loc if main else line_loc(r.name_line),
            locs={k: c.loc for k, c in costs.items()}, ordinal=r.ordinal, code=r.code,
            name=r.name, level=level_of(r), counts=counts, printed=bool(r.cells),
            **{k: amount(ctx, STAFFING, c) for k, c in costs.items()}))
    table.notes = _notes(notes)
    return table


def _notes(cells: list[Cell]) -> list[TextBlock]:
    """說明 items (`1.…`, `2.…` with `(1)…` parts inside), their wrapped lines joined; each
    line's location is that of its 說明 text only (a figure may share the row)."""
    lines: list[tuple[PdfLine, int, str]] = []
    for cell in cells:
        if lines and lines[-1][0] is cell.line:
            lines[-1] = (cell.line, lines[-1][1], join([lines[-1][2], cell.text]))
        else:
            lines.append((cell.line, cell.start, cell.text))
    items: list[list[tuple[PdfLine, int, str]]] = []
    for line, start, text in lines:
        if NOTE_ITEM.match(text) or not items:
            items.append([])
        items[-1].append((line, start, text))
    out = []
    for item in items:
        text, marks = "", []
        for line, start, part in item:
            joined = join([text, part])
            if text:
                marks.append((len(joined) - len(part.strip()), line_loc(line, start)))
            text = joined
        first = item[0]
        out.append(TextBlock(text=text, loc=line_loc(first[0], first[1]), end_line=item[-1][0].no,
                             table=STAFFING, marks=marks))
    return out
