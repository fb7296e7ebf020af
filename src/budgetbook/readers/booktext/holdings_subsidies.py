"""Reader of 補助經費分析表 (subsidies).

Left page rows: `23,456合計 12,345` (total), `23,456 12,3451.5212342000` + name (work plan),
`11,100 6,20001(1)補助…` + name lines (item), then per recipient its figures and 補助內容 first
(`115 11,100 6,200<補助內容>…`, the leading 115 is 列入預算年度) and its label last
(`[1]<recipient> 115-115`). Left columns: 人事費, 業務費 (經常門).
Right page rows: labels (printed twice) and a run of five figures at the end of the row's line or
on a line of its own, in the order 土地, 營建工程, 其他 (資本門), 合計, then 其他 (經常門): the
經常門 其他 column is extracted after 合計 (the book's totals and the 經濟性分類 tables confirm that
it holds current, not capital, money).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...model.holdings import (
    SubsidyGroup,
    SubsidyItem,
    SubsidyRecipient,
    SubsidyTable,
    SubsidyTotal,
)
from ...text import Line
from ...vocab.sections import BY_ID
from .context import ReadContext
from .holdings_grants import (
    Half,
    Spec,
    halves,
    join_text,
    lead,
    pair,
    prefer_clean,
    resolve,
    text_block,
    trail,
)

TABLE = "subsidies"
SPEC = Spec(
    TABLE,
    ("personnel", "operating"),
    ("land", "construction", "capital_other", "amount", "current_other"),
)
_GROUP_REST = re.compile(r"^([1-9]\d*)\.(\d{10})\s*$")
_ITEM_REST = re.compile(r"^(\d{2})?\((\d+)\)(.*)$")
_RECIPIENT = re.compile(r"^\[(\d+)\]\s*(.*?)\s*(\d{2,3}-\d{2,3})?\s*$")
_YEAR_LEAD = re.compile(r"^\d{2,3}\s+[-\d]")
_RIGHT_MARKERS = (
    ("total", re.compile(r"^合\s*計()")),
    ("group", re.compile(r"^([1-9]\d*)\.\d{10}")),
    ("item", re.compile(r"^\((\d+)\)")),
    ("recipient", re.compile(r"^\[(\d+)\]")),
)


@dataclass
class _Row:
    kind: str
    half: Half
    data: dict[str, Any] = field(default_factory=dict)
    name_lines: list[Line] = field(default_factory=list)


def read_subsidies(ctx: ReadContext) -> SubsidyTable | None:
    if not ctx.has(TABLE):
        return None
    title = BY_ID[TABLE]
    left, right = halves(ctx.lines(TABLE), {title.title, *title.fragments})
    rows = _read_left(left)
    partners = pair(ctx, TABLE, [r.half for r in rows], _read_right(right))
    return _build(ctx, rows, partners)


def _read_left(lines: list[Line]) -> list[_Row]:
    rows: list[_Row] = []
    state: str | None = None  # what a plain text line continues
    pending: dict[str, Any] | None = None  # a recipient's figures and 補助內容, waiting for its label
    for ln in lines:
        t = ln.text.strip()
        if "合計" in t and (found := lead(t.replace("合計", " "), 2, lambda r: not r.strip())):
            rows.append(_Row("total", Half("total", "", ln.no, [v for v, _ in found])))
            state = None
        elif re.search(r"\.\d{10}\s*$", t) and (found := lead(t, 2, lambda r: bool(_GROUP_REST.match(r)))):
            m = _GROUP_REST.match(found[0][1])
            assert m
            half = Half("group", m[1], ln.no, [v for v, _ in found])
            rows.append(_Row("group", half, {"number": m[1], "work_plan_code": m[2]}))
            state = "group_name"
        elif found := lead(t, 2, lambda r: bool(_ITEM_REST.match(r))):
            m = _ITEM_REST.match(found[0][1])
            assert m
            number = f"{m[1] or ''}({m[2]})"
            row = _Row("item", Half("item", m[2], ln.no, [v for v, _ in found]), {"number": number})
            row.name_lines.append(Line(ln.no, m[3], m[3]))
            rows.append(row)
            state = "item_name"
        elif t.startswith("[") and (m := _RECIPIENT.match(t)):
            p = pending or {"options": [], "line": ln.no}
            half = Half("recipient", m[1], p["line"], p["options"])
            data = {"number": f"[{m[1]}]", "name": m[2], "years": m[3]}
            data.update(budget_year=p.get("budget_year"), description=p.get("description"))
            rows.append(_Row("recipient", half, data))
            pending, state = None, None
        elif _YEAR_LEAD.match(t) and (found := prefer_clean(lead(t, 3, lambda r: True))):
            year = found[0][0][0]
            pending = {
                "options": [v[1:] for v, _ in found], "line": ln.no,
                "budget_year": None if year is None else str(year),
                "lines": [ln], "first": found[0][1],
            }
            state = "desc"
        elif state == "group_name":
            rows[-1].data["work_plan_name"] = t
            state = None
        elif state == "item_name":
            rows[-1].name_lines.append(ln)
        elif state == "desc" and pending is not None:
            pending["lines"].append(ln)
        if pending is not None and state == "desc":
            pending["description"] = text_block(pending["lines"], TABLE, pending["first"])
    return rows


def _read_right(lines: list[Line]) -> list[Half]:
    halves_: list[Half] = []
    current: Half | None = None
    for ln in lines:
        t = ln.text.strip()
        for kind, rx in _RIGHT_MARKERS:
            m = rx.match(t)
            if m:
                number = m[1]
                if current is None or (current.kind, current.number) != (kind, number) or current.options:
                    current = Half(kind, number, ln.no)
                break
        options, _ = trail(t, len(SPEC.right_fields))
        if options and current is not None and not current.options:
            current.options, current.line = options, ln.no
            halves_.append(current)
    return halves_


def _build(ctx: ReadContext, rows: list[_Row], partners: list[Half | None]) -> SubsidyTable:
    table = SubsidyTable()
    for row, right in zip(rows, partners, strict=True):
        figures, lines = resolve(ctx, SPEC, row.half, right)
        base = {"line": row.half.line, "table": TABLE, "lines": lines, **figures}
        if row.kind == "total":
            table.total = SubsidyTotal(**base)
        elif row.kind == "group":
            table.groups.append(SubsidyGroup(
                **base, number=row.data["number"], work_plan_code=row.data["work_plan_code"],
                work_plan_name=row.data.get("work_plan_name", ""),
            ))
        elif row.kind == "item":
            if not table.groups:
                ctx.report("unparsed", TABLE, row.half.line, "item before any work plan")
                continue
            name = join_text([ln.text for ln in row.name_lines])
            table.groups[-1].items.append(SubsidyItem(**base, number=row.data["number"], name=name))
        elif row.kind == "recipient":
            if not table.groups or not table.groups[-1].items:
                ctx.report("unparsed", TABLE, row.half.line, "recipient before any item")
                continue
            table.groups[-1].items[-1].recipients.append(SubsidyRecipient(**base, **row.data))
    return table
