"""The row grammar shared by 歲入來源別預算表 and 歲出機關別預算表.

A row is printed as a value line, then the 10-digit code line, then the name line:

    1 469 526 628 -57 本年度預算數係信用保證專款及      <- ordinal, figures, start of 說明
    計畫專戶存款之利息收入。                          <- 說明 continues
    0726750101                                       <- code
    利息收入                                         <- name

The ordinal (款/項/目/節 number) is the first token of the value line and never an amount. The
說明 may continue after the name, across a page break, until the next value line. A value line
is recognised by its figures: 本年度 - 上年度 = 比較 must hold. Where a glued run still has
several readings, the tree's own sums (parent = sum of children) decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import product

from ...numbers import amounts, segmentations
from ...text import Line
from .context import ReadContext
from .ledger_text import HeaderFilter, is_code, join_lines

ORDINAL = re.compile(r"[1-9]\d{0,2}")
TOTAL_NAMES = ("合計", "總計")
PAGE_NUMBER = re.compile(r"\d{1,4}")
_RUN = re.compile(r"[-\d,]+")
_TEXT_AFTER_RUN = ".．、)）"  # `1.本年度…`: the digits open a numbered item of the 說明
_MAX_COMBOS = 4096


@dataclass(frozen=True)
class Reading:
    """One interpretation of a value line: the ordinal and the figures (amount, last year,
    [prior-year actual], change)."""

    ordinal: str | None
    values: tuple[int | None, ...]

    def candidate(self) -> list[int | None]:
        return [None if self.ordinal is None else int(self.ordinal), *self.values]


@dataclass
class Draft:
    """A row being assembled from its lines."""

    line: int
    readings: list[Reading]
    head_text: str = ""  # what follows the figures on the value line
    code: str | None = None
    code_line: int | None = None
    name: str | None = None
    name_line: int | None = None
    is_total: bool = False
    text_lines: list[Line] = field(default_factory=list)

    @property
    def reading(self) -> Reading | None:
        return self.readings[0] if self.readings else None


def split_numbers(text: str) -> tuple[list[str], str]:
    """The runs of figures at the start of a line and the text that follows them."""
    tokens: list[str] = []
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return tokens, ""
        m = _RUN.match(text, pos)
        if not m:
            return tokens, text[pos:]
        end = m.end()
        nxt = text[end] if end < len(text) else ""
        if nxt and not nxt.isspace() and (nxt in _TEXT_AFTER_RUN or nxt.isascii()):
            return tokens, text[pos:]
        tokens.append(m.group())
        pos = end
        if nxt and not nxt.isspace():  # `-57合 計`: the run is glued to the text
            return tokens, text[pos:]


def consistent(values: tuple[int | None, ...]) -> bool:
    """本年度 - 上年度 = 比較 (a `-` counts as zero); budgets are not negative."""
    amount, last, change = values[0], values[1], values[-1]
    if (amount or 0) < 0 or (last or 0) < 0:
        return False
    return (amount or 0) - (last or 0) == (change or 0)


def readings(tokens: list[str], n_values: int, *, ordinal_only: bool) -> list[Reading]:
    """Every reading of the runs as [ordinal] + n_values consistent figures."""
    if not tokens:
        return []
    # amounts of 1,000 and more carry separators; unseparated ones only if nothing else reads
    found = _readings(tokens, n_values, ordinal_only, bare_max=3)
    return found or _readings(tokens, n_values, ordinal_only, bare_max=12)


def _readings(tokens: list[str], n_values: int, ordinal_only: bool,
              bare_max: int) -> list[Reading]:
    options = [segmentations(t.strip(","), bare_max=bare_max) for t in tokens]
    size = 1
    for o in options:
        size *= max(len(o), 1)
    if size == 0 or size > _MAX_COMBOS:
        return []
    found: list[Reading] = []
    for combo in product(*options):
        flat = tuple(tok for seg in combo for tok in seg)
        if ordinal_only and len(flat) == 1 and ORDINAL.fullmatch(flat[0]):
            found.append(Reading(flat[0], (None,) * n_values))
        for has_ordinal in (True, False):
            if len(flat) != n_values + has_ordinal:
                continue
            ordinal = flat[0] if has_ordinal else None
            if ordinal is not None and not ORDINAL.fullmatch(ordinal):
                continue
            values = tuple(amounts(flat[has_ordinal:]))
            if consistent(values):
                found.append(Reading(ordinal, values))
    return list(dict.fromkeys(found))


def assemble(ctx: ReadContext, sid: str, n_values: int) -> list[Draft]:
    """Group a section's data lines into rows."""
    data = HeaderFilter(ctx).data(ctx.lines(sid))
    drafts: list[Draft] = []
    current: Draft | None = None
    awaiting_name = False
    for i, ln in enumerate(data):
        if is_code(ln):
            if current is None or current.code is not None or current.is_total:
                current = Draft(line=ln.no, readings=[])  # a row printed without figures
                drafts.append(current)
            current.code, current.code_line = ln.text.strip(), ln.no
            awaiting_name = True
            continue
        if awaiting_name and current is not None:
            current.name, current.name_line = ln.text.strip(), ln.no
            awaiting_name = False
            continue
        # between a value line and its code only 說明 text can stand
        if current is None or current.code is not None or current.is_total:
            draft = _value_line(ln, data[i + 1] if i + 1 < len(data) else None, n_values)
            if draft is not None:
                current = draft
                drafts.append(current)
                continue
        if PAGE_NUMBER.fullmatch(ln.key) and current is not None:
            continue  # a bare page number that survived extraction, not 說明
        if current is None:
            ctx.report("unparsed", sid, ln.no, f"text before the first row: {ln.text.strip()}")
            continue
        current.text_lines.append(ln)
    if awaiting_name and current is not None:
        ctx.report("unparsed", sid, current.code_line, f"code {current.code} without a name")
    return drafts


def _value_line(ln: Line, following: Line | None, n_values: int) -> Draft | None:
    tokens, rest = split_numbers(ln.text)
    before_code = following is not None and is_code(following)
    # a lone ordinal (a row printing no figures) only right before its code, with no text
    found = readings(tokens, n_values, ordinal_only=before_code and not rest.strip())
    if not found:
        return None
    key = re.sub(r"\s+", "", rest)
    if key in TOTAL_NAMES:
        total = [r for r in found if r.ordinal is None]
        if total:
            return Draft(line=ln.no, readings=total, name=key, is_total=True)
    return Draft(line=ln.no, readings=found, head_text=rest)


def resolve(ctx: ReadContext, sid: str, drafts: list[Draft],
            parent_of: Callable[[str], str | None]) -> None:
    """Choose among the readings of ambiguous rows by the tree's sums; report what remains."""
    by_code = {d.code: d for d in drafts if d.code}
    children: dict[str | None, list[Draft]] = {}
    for d in drafts:
        if d.code is None:
            continue
        parent = parent_of(d.code)
        children.setdefault(parent if parent in by_code else None, []).append(d)
    totals = [d for d in drafts if d.is_total]

    def kids(d: Draft) -> list[Draft]:
        return children.get(d.code if not d.is_total else None, []) if (d.code or d.is_total) else []

    def parent(d: Draft) -> Draft | None:
        if d.is_total or d.code is None:
            return None
        p = parent_of(d.code)
        return by_code.get(p) if p in by_code else (totals[0] if totals else None)

    changed = True
    while changed:
        changed = False
        for d in drafts:
            if len(d.readings) < 2:
                continue
            for expected in (_sum_of(kids(d)), _rest_of(parent(d), d, kids)):
                if expected is None:
                    continue
                fit = _fitting(d.readings, expected)
                if len(fit) == 1:
                    d.readings = fit
                    changed = True
                    break
    for d in drafts:
        if len(d.readings) > 1:
            ctx.report("ambiguous_number", sid, d.line,
                       "figures of the row have several readings ([ordinal, amount, last year, "
                       "(prior-year actual,) change]); the table's sums do not decide",
                       [r.candidate() for r in d.readings])


def _fitting(found: list[Reading], expected: tuple[int, ...]) -> list[Reading]:
    """Readings whose figures equal the expected sums. 前年度決算數 are rounded one by one and
    need not add up (a parent can differ by 1 from its children), so when no reading fits on
    every column the budget columns alone decide."""
    fit = [r for r in found if tuple(v or 0 for v in r.values) == expected]
    if fit or len(expected) != 4:
        return fit
    budget = (0, 1, 3)
    return [r for r in found if all((r.values[i] or 0) == expected[i] for i in budget)]


def _sum_of(rows: list[Draft]) -> tuple[int, ...] | None:
    if not rows or any(len(r.readings) != 1 for r in rows):
        return None
    vectors = [tuple(v or 0 for v in r.readings[0].values) for r in rows]
    return tuple(sum(col) for col in zip(*vectors, strict=True))


def _rest_of(parent: Draft | None, row: Draft,
             kids: Callable[[Draft], list[Draft]]) -> tuple[int, ...] | None:
    """What the parent's figures leave for `row` after its resolved siblings."""
    if parent is None or len(parent.readings) != 1:
        return None
    siblings = [s for s in kids(parent) if s is not row]
    own = tuple(v or 0 for v in parent.readings[0].values)
    if not siblings:
        return own
    others = _sum_of(siblings)
    if others is None:
        return None
    return tuple(a - b for a, b in zip(own, others, strict=True))


def description(d: Draft) -> tuple[str, int, int] | None:
    """The 說明 of a row: the text after its figures and every text line that follows."""
    parts = ([(d.line, d.head_text)] if d.head_text.strip() else []) + [
        (ln.no, ln.text) for ln in d.text_lines
    ]
    if not parts:
        return None
    return join_lines(t for _, t in parts), parts[0][0], parts[-1][0]
