"""Shared machinery of 補助經費分析表 and 捐助經費分析表.

Both tables are printed as a left page (the row labels, 補助內容/捐助內容 and the first 經常門
column(s)) followed by a right page (the other 經費之用途分析 columns and 合計), page after page.
Each row is read from both halves; the halves print the rows in the same order, so the rows of
the two halves are paired by position and checked by kind and number. A glued value run is split
into every reading the number grammar allows; the row's own sum (合計 = the sum of the columns)
chooses among them, and a choice it cannot make is reported, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...model.base import Loc, TextBlock
from ...numbers import parse_amount
from ...text import Line
from .context import ReadContext

Values = tuple[int | None, ...]

# the right page's header: column names above the 資本門 line, and the lines after it
_HEADER_WORDS = re.compile(r"(?:業務費|人事費|其他|其它|營建工程|土地|經常|資本|門|合計)+")
_AFTER_HEADER = re.compile(r"經費之用途分析|分析表|單位：|中華民國|^\d{2,3}年度")
_COMMA_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+")


def halves(lines: Sequence[Line], title_keys: set[str]) -> tuple[list[Line], list[Line]]:
    """Split a section's lines into the left-page rows and the right-page rows, in book order.
    A right page starts at its `資本門` column header; a left page at the section title."""
    left: list[Line] = []
    right: list[Line] = []
    mode = left
    skipping = False
    for ln in lines:
        key = ln.key
        if key in title_keys:
            mode, skipping = left, False
            continue
        if key == "資本門":
            # the column names printed just above belong to the header, not to the last row
            while left and mode is left and _HEADER_WORDS.fullmatch(left[-1].key):
                left.pop()
            mode, skipping = right, True
            continue
        if skipping:
            if _HEADER_WORDS.fullmatch(key) or _AFTER_HEADER.search(key) or not _has_value(ln.text):
                continue
            skipping = False
        mode.append(ln)
    return left, right


def _has_value(text: str) -> bool:
    return bool(re.search(r"\d|(?:^|\s)-(?:\s|$)", text))


# --- splitting glued value runs ------------------------------------------------------------


def _tokens_at(text: str, p: int, bare_max: int) -> list[str]:
    """Possible amount tokens starting at text[p]: `-`, a number with separators, or a short
    bare number (amounts of 1,000 and more are printed with separators)."""
    if p >= len(text):
        return []
    if text[p] == "-":
        return ["-"]
    m = re.match(r"\d+", text[p:])
    if not m:
        return []
    digits = m.group()
    out: list[str] = []
    if len(digits) <= 3 and p + len(digits) < len(text) and text[p + len(digits)] == ",":
        c = _COMMA_NUMBER.match(text, p)
        if c:  # every comma group reading: `1,234,567890` can end after any group
            groups = c.group().split(",")
            out.extend(",".join(groups[:k]) for k in range(len(groups), 1, -1))
        return out
    for n in range(min(len(digits), bare_max), 0, -1):
        tok = digits[:n]
        if tok[0] == "0":
            continue  # zero prints as `-`; a leading zero is an item number, not an amount
        out.append(tok)
    return out


def lead(text: str, n: int, rest_ok: Callable[[str], bool], bare_max: int = 3) -> list[tuple[Values, str]]:
    """Every reading of `n` amounts at the start of `text` whose remainder `rest_ok` accepts."""
    found: list[tuple[Values, str]] = []

    def walk(pos: int, acc: list[str]) -> None:
        if len(acc) == n:
            rest = text[pos:]
            if not rest.startswith(",") and rest_ok(rest):
                found.append((tuple(parse_amount(t) for t in acc), rest))
            return
        p = pos
        while p < len(text) and text[p] == " ":
            p += 1
        glued_bare = bool(acc) and p == pos and acc[-1].isdigit()
        for tok in _tokens_at(text, p, bare_max):
            if glued_bare and tok.isdigit():
                continue  # two bare numbers glued would be one number
            walk(p + len(tok), [*acc, tok])

    walk(0, [])
    return found


def trail(text: str, n: int) -> tuple[list[Values], str]:
    """Readings of `n` amounts at the end of `text`, and the text before them."""
    m = re.search(r"[-\d,\s]+$", text)
    if not m:
        return [], text
    for start in range(m.start(), m.end()):
        if start > m.start() and text[start - 1] not in " -" and text[start - 1].isdigit():
            continue  # never cut a number in two
        found = lead(text[start:], n, lambda rest: not rest.strip())
        if found:
            return [v for v, _ in found], text[:start]
    return [], text


def clean_rest(rest: str) -> bool:
    """A remainder that starts a text (not another number)."""
    return not re.match(r"\s*[\d-]", rest)


def prefer_clean(found: list[tuple[Values, str]]) -> list[tuple[Values, str]]:
    """Readings whose text does not start with a digit, if any: `800辦理` is 800, not 8 + `00辦理`."""
    clean = [f for f in found if not f[1][:1].isdigit()]
    return clean or found


# --- text ------------------------------------------------------------------------------------


def join_text(parts: Sequence[str]) -> str:
    """Wrapped lines joined back: CJK without a space, ASCII words with one."""
    out = ""
    for part in parts:
        piece = part.strip()
        if not piece:
            continue
        if out and re.match(r"[A-Za-z0-9]", piece) and re.search(r"[A-Za-z0-9]$", out):
            out += " "
        out += piece
    return out


def text_block(lines: Sequence[Line], table: str, first: str | None = None) -> TextBlock | None:
    """A TextBlock from lines; `first` replaces the first line's text (its figures cut off)."""
    if not lines:
        return None
    parts = [first if first is not None else lines[0].text, *(ln.text for ln in lines[1:])]
    text = join_text(parts)
    if not text:
        return None
    return TextBlock(text=text, loc=Loc(line=lines[0].no), end_line=lines[-1].no, table=table)


# --- pairing the halves ----------------------------------------------------------------------


@dataclass
class Half:
    """One row's figures as read from one page half: every reading of its value run."""

    kind: str
    number: str
    line: int
    options: list[Values] = field(default_factory=list)


@dataclass
class Spec:
    """How a table's halves map to fields, and the row's own check."""

    table: str
    left_fields: tuple[str, ...]
    right_fields: tuple[str, ...]  # `_repeat_<field>`: a left figure printed again on the right

    def combine(self, left: Values, right: Values) -> dict[str, int | None]:
        out = dict(zip(self.left_fields, left, strict=True))
        for name, value in zip(self.right_fields, right, strict=True):
            out[name] = value
        return out

    def consistent(self, fields: dict[str, int | None]) -> bool:
        for name in list(fields):
            if name.startswith("_repeat_") and fields[name] != fields.get(name[len("_repeat_") :]):
                return False
        parts = [v or 0 for k, v in fields.items() if k != "amount" and not k.startswith("_")]
        return sum(parts) == (fields.get("amount") or 0)


def resolve(ctx: ReadContext, spec: Spec, left: Half, right: Half | None) -> tuple[dict[str, Any], dict[str, int]]:
    """The fields of one row from its two halves, and the right-half fields' line."""
    rights = right.options if right else []
    combos = [
        spec.combine(lv, rv)
        for lv in left.options
        for rv in rights
        if spec.consistent(spec.combine(lv, rv))
    ]
    lines = {name: right.line for name in spec.right_fields if not name.startswith("_")} if right else {}
    if len(combos) == 1:
        chosen = combos[0]
    elif combos:
        ctx.report(
            "ambiguous_number", spec.table, left.line,
            f"{left.kind} {left.number}: the row's sum does not decide between readings",
            [list(c.values()) for c in combos],
        )
        chosen = combos[0]
    else:
        if left.options and rights:
            ctx.report(
                "inconsistent", spec.table, left.line,
                f"{left.kind} {left.number}: 合計 is not the sum of the printed columns",
                [list(spec.combine(lv, rv).values()) for lv in left.options for rv in rights],
            )
        elif not left.options or (right and not rights):
            ctx.report("unparsed", spec.table, left.line,
                       f"{left.kind} {left.number}: cannot read the figures")
        chosen = {}
        if left.options:
            chosen.update(zip(spec.left_fields, left.options[0], strict=True))
        if rights:
            chosen.update(zip(spec.right_fields, rights[0], strict=True))
    return {k: v for k, v in chosen.items() if not k.startswith("_")}, lines


def pair(ctx: ReadContext, table: str, lefts: list[Half], rights: list[Half]) -> list[Half | None]:
    """The right half of each left row (the halves print the same rows in the same order)."""
    out: list[Half | None] = []
    j = 0
    for lh in lefts:
        if j < len(rights) and rights[j].kind == lh.kind and rights[j].number == lh.number:
            out.append(rights[j])
            j += 1
            continue
        ctx.report("unparsed", table, lh.line,
                   f"{lh.kind} {lh.number}: no matching row on the right page half")
        out.append(None)
    for rh in rights[j:]:
        ctx.report("unparsed", table, rh.line, f"{rh.kind} {rh.number}: right-half row not paired")
    return out
