"""Reader of 捐助經費分析表 (donations).

Left page rows carry one figure (經常門 人事費) glued to their label: `234,567合計`,
`234,5671.對團體之捐助` (category), `223,4564040 對國內團體之捐助` (用途別科目), `-(1)5912341000` +
name (work plan group). An item prints its figure and 捐助內容 first (`6,540<捐助內容>…`),
then `115-115[3]<item name>…` (起訖年度, number, name, wrapping) and `03 <recipient>` (捐助對象).
Right page rows glue five figures and the repeated 人事費 to the label:
`1,200 - -5,300 13,0406,540[3]…`. Their order is 其他 (經常門), 營建工程, 其他 (資本門), 業務費,
合計, 人事費: the book's 資本支出分析表 and 經濟性分類 show the third figure alone is capital money,
and the first holds the 獎勵及慰問 items (not 業務費).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...model.holdings import (
    DonationCategory,
    DonationGroup,
    DonationItem,
    DonationObject,
    DonationTable,
    DonationTotal,
)
from ...text import Line
from ...vocab.object_codes import is_object_code
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
)

TABLE = "donations"
SPEC = Spec(
    TABLE,
    ("personnel",),
    ("current_other", "construction", "capital_other", "operating", "amount", "_repeat_personnel"),
)
_TOTAL = re.compile(r"^\s*合\s*計\s*$")
_CATEGORY = re.compile(r"^([1-9]\d*)\.\s*(\D.*)$")
_OBJECT = re.compile(r"^(\d{4})\s+(\S.*)$")
_GROUP = re.compile(r"^\((\d+)\)(\d{10})\s*$")
_ITEM = re.compile(r"(\d{2,3}-\d{2,3})?\s*\[(\d+)\]\s*(.*)$")
_TARGET = re.compile(r"^(\d{2})\s+(\S.*)$")
_NAME_TARGET = re.compile(r"^(.*?)\s+(\d{2})\s+(\S.*)$")


def _is_object(rest: str) -> bool:
    m = _OBJECT.match(rest)
    return m is not None and is_object_code(m[1])


# (kind, what the text after the figures must look like, the row number it gives)
_KINDS: tuple[tuple[str, Callable[[str], bool], Callable[[str], str]], ...] = (
    ("total", lambda r: bool(_TOTAL.match(r)), lambda r: ""),
    ("category", lambda r: bool(_CATEGORY.match(r)), lambda r: _CATEGORY.match(r)[1]),  # type: ignore[index]
    ("object", _is_object, lambda r: r[:4]),
    ("group", lambda r: bool(_GROUP.match(r)), lambda r: _GROUP.match(r)[1]),  # type: ignore[index]
)
_RIGHT_ITEM = re.compile(r"^\[(\d+)\]")


@dataclass
class _Row:
    kind: str
    half: Half
    data: dict[str, Any] = field(default_factory=dict)
    name_lines: list[str] = field(default_factory=list)
    target_lines: list[str] = field(default_factory=list)


def read_donations(ctx: ReadContext) -> DonationTable | None:
    if not ctx.has(TABLE):
        return None
    title = BY_ID[TABLE]
    left, right = halves(ctx.lines(TABLE), {title.title, *title.fragments})
    rows = _read_left(left)
    partners = pair(ctx, TABLE, [r.half for r in rows], _read_right(right))
    return _build(ctx, rows, partners)


def _labelled(t: str, n: int) -> tuple[str, str, list[Any], str] | None:
    """(kind, number, readings, text after the figures) of a labelled row, or None."""
    for kind, ok, number in _KINDS:
        found = lead(t.replace("合計", " 合計") if kind == "total" else t, n, ok)
        if found:
            return kind, number(found[0][1]), [v for v, _ in found], found[0][1]
    return None


def _read_left(lines: list[Line]) -> list[_Row]:
    rows: list[_Row] = []
    state: str | None = None
    pending: dict[str, Any] | None = None  # an item's figure and 捐助內容, waiting for its label
    for ln in lines:
        t = ln.text.strip()
        item = _ITEM.search(t) if state != "name" else None
        if item and (item[1] or item.start() == 0):
            before = t[: item.start()]
            if before:  # figure, 內容 and label on one line
                found = prefer_clean(lead(before, 1, lambda r: True))
                pending = {"options": [v for v, _ in found], "line": ln.no, "lines": [ln],
                            "first": found[0][1] if found else before}
            p = pending or {"options": [], "line": ln.no}
            row = _Row("item", Half("item", item[2], p["line"], p["options"]),
                       {"number": f"[{item[2]}]", "years": item[1]})
            if p.get("lines"):
                row.data["description"] = text_block(p["lines"], TABLE, p["first"])
            m = _NAME_TARGET.match(item[3])
            if m:
                row.name_lines.append(m[1])
                row.data["recipient_number"] = m[2]
                row.target_lines.append(m[3])
                state = "target"
            else:
                row.name_lines.append(item[3])
                state = "name"
            rows.append(row)
            pending = None
            continue
        if state == "name":
            m = _TARGET.match(t)
            if m:
                rows[-1].data["recipient_number"] = m[1]
                rows[-1].target_lines.append(m[2])
                state = "target"
            elif _ITEM.search(t) and _ITEM.search(t)[1]:  # type: ignore[index]
                state = None  # an item without 捐助對象; read the line as a new item
                rows.extend(_read_left([ln]))
            else:
                rows[-1].name_lines.append(t)
            continue
        if state == "desc" and pending is not None:
            pending["lines"].append(ln)
            continue
        if (lab := _labelled(t, 1)) is not None:
            kind, number, options, rest = lab
            row = _Row(kind, Half(kind, number, ln.no, options))
            if kind == "category":
                row.data = {"number": number, "name": _CATEGORY.match(rest)[2].strip()}  # type: ignore[index]
            elif kind == "object":
                row.data = {"object_code": number, "object_name": rest[4:].strip()}
            elif kind == "group":
                row.data = {"number": f"({number})", "work_plan_code": _GROUP.match(rest)[2]}  # type: ignore[index]
            rows.append(row)
            state = "group_name" if kind == "group" else None
        elif state == "group_name":
            rows[-1].data["work_plan_name"] = t
            state = None
        elif (found := prefer_clean(lead(t, 1, lambda r: not r[:1].isspace()))) and state != "desc":
            pending = {"options": [v for v, _ in found], "line": ln.no, "lines": [ln], "first": found[0][1]}
            state = "desc"
        elif state == "target":
            rows[-1].target_lines.append(t)
    return rows


def _read_right(lines: list[Line]) -> list[Half]:
    out: list[Half] = []
    n = len(SPEC.right_fields)
    for ln in lines:
        t = ln.text.strip()
        lab = _labelled(t, n)
        if lab is not None:
            out.append(Half(lab[0], lab[1], ln.no, lab[2]))
            continue
        found = lead(t, n, lambda r: bool(_RIGHT_ITEM.match(r)))
        if found:
            out.append(Half("item", _RIGHT_ITEM.match(found[0][1])[1], ln.no, [v for v, _ in found]))  # type: ignore[index]
    return out


def _build(ctx: ReadContext, rows: list[_Row], partners: list[Half | None]) -> DonationTable:
    table = DonationTable()
    for row, right in zip(rows, partners, strict=True):
        figures, lines = resolve(ctx, SPEC, row.half, right)
        base = {"line": row.half.line, "table": TABLE, "lines": lines, **figures}
        parent = _parent(table, row.kind)
        if row.kind == "total":
            table.total = DonationTotal(**base)
        elif row.kind == "category":
            table.categories.append(DonationCategory(**base, **row.data))
        elif parent is None:
            ctx.report("unparsed", TABLE, row.half.line, f"{row.kind} outside its heading")
        elif row.kind == "object":
            parent.objects.append(DonationObject(**base, **row.data))
        elif row.kind == "group":
            parent.groups.append(DonationGroup(**base, **{"work_plan_name": "", **row.data}))
        else:
            parent.items.append(DonationItem(
                **base, **row.data, name=join_text(row.name_lines),
                recipient=join_text(row.target_lines) or None,
            ))
    return table


def _parent(table: DonationTable, kind: str) -> Any:  # one of three model classes
    """The row a new `kind` row belongs to: the last category, object or group."""
    if kind == "object":
        return table.categories[-1] if table.categories else None
    if kind == "group":
        cat = table.categories[-1] if table.categories else None
        return cat.objects[-1] if cat and cat.objects else None
    if kind == "item":
        obj = _parent(table, "group")
        return obj.groups[-1] if obj and obj.groups else None
    return None
