"""The tables of 預算總說明: 年度重要施政計畫 (工作計畫名稱 | 重要計畫項目 | 實施內容), each
period's 實施成果 (工作計畫 | 實施概況 | 實施成果) and the 預算員額說明表.

The two prose tables print no rules: a column ends where the page's rows leave a gap, so the
bound between two columns is the widest x-range between their header labels that no character
of the rows below the header covers (measured afresh under every header row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model.overview import Goal, ProgramResult, ResultsPart
from . import PdfContext
from .layout import Column, find_header, split_cells, squash
from .overview_text import TABLE, TOP, Ln, after, block, name_of, span

CN_ORDINAL = re.compile(r"^([一二三四五六七八九十]+)\s+(\S.*)$")  # `一 中央機關…`: item no.
_BIN = 0.5  # points


def is_table_header(ln: Ln) -> bool:
    return "工作計畫" in ln.key and "實施" in ln.key


def _gutter(rows: list[Ln], lo: float, hi: float) -> float:
    """The middle of the widest x-range in [lo, hi] the rows' characters cover least."""
    n = max(1, int((hi - lo) / _BIN))
    cover = [0] * n
    for ln in rows:
        for _, _, b in ln.line.chars():
            for i in range(max(0, int((b.x0 - lo) / _BIN)), min(n, int((b.x1 - lo) / _BIN) + 1)):
                cover[i] += 1
    least = min(cover)
    best, run_start, best_len = (lo + hi) / 2, None, 0
    for i, c in enumerate([*cover, least + 1]):
        if c == least and run_start is None:
            run_start = i
        elif c != least and run_start is not None:
            if i - run_start > best_len:
                best, best_len = lo + (run_start + i) / 2 * _BIN, i - run_start
            run_start = None
    return best


def _grid(lines: list[Ln], labels: list[tuple[str, str]], ctx: PdfContext,
          what: str) -> list[dict[str, Ln]]:
    """Each body row as {column: cell}, columns measured under each header row."""
    out: list[dict[str, Ln]] = []
    segments: list[list[Ln]] = []
    for ln in lines:
        if is_table_header(ln):
            segments.append([ln])
        elif segments:
            segments[-1].append(ln)
        else:
            ctx.report("unparsed", TABLE, ln.no, f"{what}: line before the table's header")
    for seg in segments:
        found = find_header([seg[0].line], labels)
        if found is None:
            ctx.report("unparsed", TABLE, seg[0].no, f"{what}: header labels not found")
            continue
        cols = found[1]
        rows = seg[1:]
        bounds = [_gutter(rows, a.centre, b.centre) for a, b in zip(cols, cols[1:], strict=False)]
        edges = [-1e9, *bounds, 1e9]
        grid = [Column(c.name, edges[i], edges[i + 1]) for i, c in enumerate(cols)]
        for k, ln in enumerate(rows):
            cells = {}
            for name, cell in split_cells(ln.line, grid).items():
                part = span(ln.line, cell.start, cell.end, brk=k == 0)
                if part is not None and part.text:
                    cells[name] = part
            out.append(cells)
    return out


@dataclass
class _Row:
    first: Ln
    number: str | None
    wp_no: str | None
    wp: list[Ln]
    name: list[Ln]
    text: list[Ln] = field(default_factory=list)


def _work_plan(cell: Ln | None, wp_no: str | None, wp: list[Ln]
               ) -> tuple[str | None, list[Ln], bool]:
    """A work plan cell opens a work plan (`一、一般行政`, True) or continues its wrapped name."""
    if cell is None:
        return wp_no, wp, False
    m = TOP.match(cell.text)
    if m:
        return m.group(1), [after(cell, len(cell.key) - len(squash(m.group(2))))], True
    wp.append(cell)
    return wp_no, wp, False


def read_goals(lines: list[Ln], ctx: PdfContext) -> list[Goal]:
    """年度重要施政計畫: one Goal per numbered 重要計畫項目, under the 工作計畫 printed left."""
    labels = [("wp", "工作計畫名稱"), ("item", "重要計畫項目"), ("text", "實施內容")]
    items: list[_Row] = []
    wp_no: str | None = None
    wp: list[Ln] = []
    for cells in _grid(lines, labels, ctx, "年度重要施政計畫"):
        wp_no, wp, _ = _work_plan(cells.get("wp"), wp_no, wp)
        item = cells.get("item")
        if item is not None:
            m = CN_ORDINAL.match(item.line.text[item.start:item.end].strip())
            if m:
                name = after(item, len(m.group(1)))
                items.append(_Row(item, m.group(1), wp_no, wp, [name]))
            elif items:
                items[-1].name.append(item)
            else:
                ctx.report("unparsed", TABLE, item.no, "年度重要施政計畫: name before any item")
        if "text" in cells:
            if items:
                items[-1].text.append(cells["text"])
            else:
                ctx.report("unparsed", TABLE, cells["text"].no, "年度重要施政計畫: text before any item")
    return [Goal(loc=it.first.loc, table=TABLE, locs={"work_plan": it.wp[0].loc} if it.wp else {},
                 work_plan_number=it.wp_no, work_plan=name_of(it.wp), number=it.number or "",
                 name=name_of(it.name), text=block(it.text)) for it in items]


def read_programs(lines: list[Ln], part: ResultsPart, ctx: PdfContext) -> list[ProgramResult]:
    """One period's 實施成果: a program's name (實施概況) opens it, wrapped over the rows
    below; a new one starts where a name follows a row without one, under a new work plan, or
    numbered (`二、…`). A name resumes after a page break when the page before ended in it."""
    labels = [("wp", "工作計畫"), ("name", "實施概況"), ("text", "實施成果")]
    progs: list[_Row] = []
    wp_no: str | None = None
    wp: list[Ln] = []
    had_name = False
    for cells in _grid(lines, labels, ctx, "實施成果"):
        wp_no, wp, opened = _work_plan(cells.get("wp"), wp_no, wp)
        name = cells.get("name")
        if name is not None:
            m = TOP.match(name.text)
            if m:
                name = after(name, len(name.key) - len(squash(m.group(2))))
            if m or opened or not had_name or not progs:
                progs.append(_Row(name, m.group(1) if m else None, wp_no, wp, [name]))
            else:
                progs[-1].name.append(name)
        had_name = name is not None
        if "text" in cells:
            if progs:
                progs[-1].text.append(cells["text"])
            else:
                ctx.report("unparsed", TABLE, cells["text"].no, "實施成果: text before any program")
    return [ProgramResult(loc=p.first.loc, table=TABLE,
                          locs={"work_plan": p.wp[0].loc} if p.wp else {},
                          period=part.period, roc_year=part.roc_year, work_plan_number=p.wp_no,
                          work_plan=name_of(p.wp), name=name_of(p.name), text=block(p.text))
            for p in progs]

