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


def evaluate(root: Any, anchor: Any, anchor_path: str, path: str) -> Iterator[tuple[str, Any]]:
    """Values that `path` names, from the anchor (or the root for `$.`-paths)."""
    if path.startswith("$."):
        start, start_path, path = root, "", path[2:]
    else:
        start, start_path = anchor, anchor_path
    yield from _walk(start, start_path, _split(path), anchor)


def _walk(obj: Any, here: str, segments: list[str], anchor: Any) -> Iterator[tuple[str, Any]]:
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
        yield from _walk(value, where, segments[1:], anchor)
        return
    if value is None:
        return
    conditions = [] if sel == "*" else _conditions(sel)
    for i, item in enumerate(value):
        if _matches(item, conditions, anchor):
            yield from _walk(item, f"{where}[{i}]", segments[1:], anchor)
