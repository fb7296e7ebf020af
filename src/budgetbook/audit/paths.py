"""A small path language over the model, so audit rules can name their figures as data.

    work_plans[*].sub_plans[*]           every sub-plan of every work plan
    lines[level=1].amount                the amount of each first-level line (relative)
    $.cost_summary.cells[code={code}]    from the book's root, filtered by the anchor's `code`

A segment is a field name, optionally followed by `[*]` (every item) or `[k=v,k2=v2]` (items whose
fields equal the values; `{name}` in a value is the anchor object's field; `k!=v` excludes,
`k!=` keeps items whose field is printed, `k=` those where it is not). Evaluation yields
(concrete path, value) pairs, the concrete path naming list indexes (`work_plans[0]`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_SEGMENT = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:\[(?P<sel>[^\]]*)\])?$")


def _split(path: str) -> list[str]:
    cur: list[str]
    parts, depth, cur = [], 0, []
    for ch in path:
        if ch == "." and depth == 0:
            parts.append("".join(cur))
            cur = []
            continue
        depth += ch == "["
        depth -= ch == "]"
        cur.append(ch)
    parts.append("".join(cur))
    return [p for p in parts if p]


def _matches(item: Any, conditions: list[tuple[str, str, str]], anchor: Any) -> bool:
    for key, op, want in conditions:
        have = getattr(item, key, None)
        if op == "!=" and want == "":
            if have is None or have == "":
                return False  # `key!=` keeps items where the field is printed
            continue
        if op == "=" and want == "":
            if have is not None and have != "":
                return False  # `key=` keeps items where the field is not printed
            continue
        if want.startswith("{") and want.endswith("}"):
            want_value = getattr(anchor, want[1:-1], None)
        else:
            want_value = want
        equal = want_value is not None and have is not None and str(have) == str(want_value)
        if equal != (op == "="):
            return False
    return True


def _conditions(sel: str) -> list[tuple[str, str, str]]:
    out = []
    for cond in sel.split(","):
        if "!=" in cond:
            key, want = cond.split("!=", 1)
            out.append((key.strip(), "!=", want.strip()))
        elif "=" in cond:
            key, want = cond.split("=", 1)
            out.append((key.strip(), "=", want.strip()))
    return out


class Index:
    """Rows of a list by the values of some of their fields, built once per list and fields, so
    that a filter joining two tables by code (`$.t.cost_cells[object_code={object_code}]`, once
    per row of the other) looks up its rows instead of scanning the whole table each time: the
    audit stays linear in the size of the book. Keyed by where the list is (its concrete path),
    so a book's index holds one entry per list and set of fields."""

    def __init__(self) -> None:
        self._by: dict[tuple[str, tuple[str, ...]], tuple[Any, dict[tuple[str, ...], list[int]]]]
        self._by = {}

    def rows(self, where: str, items: Any, keys: tuple[str, ...],
             values: tuple[str, ...]) -> list[int]:
        entry = self._by.get((where, keys))
        if entry is None or entry[0] is not items:
            table: dict[tuple[str, ...], list[int]] = {}
            for i, item in enumerate(items):
                have = [getattr(item, k, None) for k in keys]
                if all(h is not None for h in have):
                    table.setdefault(tuple(str(h) for h in have), []).append(i)
            entry = (items, table)
            self._by[(where, keys)] = entry
        return entry[1].get(values, [])


def evaluate(root: Any, anchor: Any, anchor_path: str, path: str) -> Iterator[tuple[str, Any]]:
    """Values that `path` names, from the anchor (or the root for `$.`-paths). A root carrying
    an `Index` as `path_index` (the audit's) has its equality filters looked up there."""
    if path.startswith("$."):
        start, start_path, path = root, "", path[2:]
    else:
        start, start_path = anchor, anchor_path
    index = root.__dict__.get("path_index") if hasattr(root, "__dict__") else None
    yield from _walk(start, start_path, _split(path), anchor,
                     index if isinstance(index, Index) else None)


def _lookup(index: Index, where: str, items: Any, conditions: list[tuple[str, str, str]],
            anchor: Any) -> tuple[list[int], list[tuple[str, str, str]]] | None:
    """The indexes of the items that the filter's equalities select (in order), with the
    conditions left to test one by one; None when the filter has no equality to look up."""
    eq = [(k, want) for k, op, want in conditions if op == "=" and want != ""]
    if not eq or not isinstance(items, list):
        return None
    values = []
    for _, want in eq:
        value = getattr(anchor, want[1:-1], None) if (
            want.startswith("{") and want.endswith("}")) else want
        if value is None:
            return [], []  # a field the anchor does not print matches nothing
        values.append(str(value))
    rest = [c for c in conditions if not (c[1] == "=" and c[2] != "")]
    return index.rows(where, items, tuple(k for k, _ in eq), tuple(values)), rest


def _walk(obj: Any, here: str, segments: list[str], anchor: Any,
          index: Index | None = None) -> Iterator[tuple[str, Any]]:
    if not segments:
        yield here, obj
        return
    m = _SEGMENT.match(segments[0])
    if not m:
        raise ValueError(f"bad path segment {segments[0]!r}")
    name, sel = m.group("name"), m.group("sel")
    if obj is None:
        return
    value = getattr(obj, name, None)
    where = f"{here}.{name}" if here else name
    if sel is None:
        yield from _walk(value, where, segments[1:], anchor, index)
        return
    if value is None:
        return
    conditions = [] if sel == "*" else _conditions(sel)
    found = _lookup(index, where, value, conditions, anchor) if index is not None else None
    if found is not None:
        rows, rest = found
        for i in rows:
            if _matches(value[i], rest, anchor):
                yield from _walk(value[i], f"{where}[{i}]", segments[1:], anchor, index)
        return
    for i, item in enumerate(value):
        if _matches(item, conditions, anchor):
            yield from _walk(item, f"{where}[{i}]", segments[1:], anchor, index)
