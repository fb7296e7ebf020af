"""The row grammar shared by 歲入來源別預算表 and 歲出機關別預算表.

A row is printed as a value line, then the 10-digit code line, then the name line:

    1 345 400 512 -55 本年度預算數係<說明 text>        <- ordinal, figures, start of 說明
    <說明 continues>。                                <- 說明 continues
    0712340101                                       <- code
    利息收入                                         <- name

The ordinal (款/項/目/節 number) is the first token of the value line and never an amount. The
說明 may continue after the name, across a page break, until the next value line.

A value line is recognised by its shape: an optional ordinal, then the row's figures (3 or 4
amounts), then nothing, the start of the 說明 or a name. Figures followed by a unit (`千元`),
by list punctuation (`、`) or by more digits belong to a sentence of the 說明, not to a row.
The identity 本年度 - 上年度 = 比較 chooses among the readings of glued runs
(`160,020149,370`, an ordinal glued to its amount); a row whose figures only read without it
is kept as printed and reported `inconsistent`. Where a glued run still has several readings,
the tree's own sums (parent = sum of children) decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import product

from ...numbers import amounts, format_amount, greedy_split, segmentations
from ...text import Line
from .context import ReadContext
from .ledger_text import HeaderFilter, is_code, join_lines

ORDINAL = re.compile(r"[1-9]\d{0,2}")
TOTAL_NAMES = ("合計", "總計")
PAGE_NUMBER = re.compile(r"\d{1,4}")
_RUN = re.compile(r"[-\d,]+")
_TEXT_AFTER_RUN = ".．、)）"  # `1.本年度…`: the digits open a numbered item of the 說明
_MAX_COMBOS = 4096
_BARE_MAX = 3  # amounts of 1,000 and more carry separators
# What, right after a row's last figure, shows the figures to be part of a sentence: units,
# list and sentence punctuation, connectives. (A value line ends, or goes on with the 說明 or
# a name.)
_PROSE_AFTER = (
    "千", "元", "萬", "億", "兆", "、", "，", ",", "。", "；", ";", "：", ":", "％", "%",
    "年", "月", "日", "人", "件", "次", "家", "項", "個", "名", "倍", "成", "餘", "多", "至",
    "～", "~", "及", "與", "或", "分之",
)
_NUMBERED_ITEM = re.compile(r"\d{1,2}[.．)）]")  # `1.本年度…` opens the 說明


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
        if nxt and not nxt.isspace():  # `-55合 計`: the run is glued to the text
            return tokens, text[pos:]


def consistent(values: tuple[int | None, ...]) -> bool:
    """本年度 - 上年度 = 比較 (a `-` counts as zero); budgets are not negative."""
    amount, last, change = values[0], values[1], values[-1]
    if (amount or 0) < 0 or (last or 0) < 0:
        return False
    return (amount or 0) - (last or 0) == (change or 0)


def identity_message(values: tuple[int | None, ...]) -> str:
    """`本年度 151 − 上年度 150 ≠ 比較 0`"""
    amount, last, change = (format_amount(v) for v in (values[0], values[1], values[-1]))
    return f"本年度 {amount} − 上年度 {last} ≠ 比較 {change}"


def readings(tokens: list[str], n_values: int, *, ordinal_only: bool) -> list[Reading]:
    """The readings of the runs as [ordinal] + n_values figures.

    Readings that satisfy the identity come first and alone: they choose among the
    segmentations of glued runs. Failing any, the line is read as printed: the tokens as they
    stand when each is an amount already, else the segmentations of the glued runs (the
    greedy one first), all of which are kept for the table's sums to decide."""
    if not tokens:
        return []
    found = _readings(tokens, n_values, ordinal_only, bare_max=_BARE_MAX)
    checked = [r for r in found if _checks(r)]
    if checked:
        return checked
    # unseparated amounts of 1,000 and more only if nothing else reads
    wide = [r for r in _readings(tokens, n_values, ordinal_only, bare_max=12) if _checks(r)]
    if wide:
        return wide
    return _as_printed(tokens, n_values, found)


def _checks(r: Reading) -> bool:
    return all(v is None for v in r.values) or consistent(r.values)


def _as_printed(tokens: list[str], n_values: int, found: list[Reading]) -> list[Reading]:
    """Readings of a line whose figures break the identity."""
    printed = tuple(t.strip(",").replace(",", "") for t in tokens)
    plausible = [r for r in found if _plausible(r)]
    clean = [r for r in plausible if _tokens_of(r) == printed]
    if clean:
        return clean
    if not plausible:  # an unseparated amount of 1,000 or more, printed on its own
        wide = _readings(tokens, n_values, False, bare_max=12)
        return [r for r in wide if _plausible(r) and _tokens_of(r) == printed]
    try:
        greedy = tuple(tok.replace(",", "") for t in tokens for tok in greedy_split(t.strip(",")))
    except ValueError:
        greedy = ()
    return sorted(plausible, key=lambda r: _tokens_of(r) != greedy)


def _plausible(r: Reading) -> bool:
    """Budgets are not negative, and a row has at least one figure."""
    amount, last = r.values[0], r.values[1]
    return (amount or 0) >= 0 and (last or 0) >= 0 and any(v is not None for v in r.values)


def _tokens_of(r: Reading) -> tuple[str, ...]:
    figures = tuple(format_amount(v).replace(",", "") for v in r.values)
    return ((r.ordinal,) if r.ordinal is not None else ()) + figures


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
            found.append(Reading(ordinal, tuple(amounts(flat[has_ordinal:]))))
    return list(dict.fromkeys(found))


def prose_after(text: str, rest: str) -> bool:
    """Whether what follows the figures shows them to be part of a sentence (`29,071千元`,
    `3 4、`, `2 3 45人`): a unit or punctuation, or digits that do not open a numbered item
    of the 說明 after a space."""
    tail = rest.lstrip()
    if not tail:
        return False
    if tail.startswith(_PROSE_AFTER):
        return True
    if tail[0].isdigit() or tail[0] == "-":
        spaced = len(rest) > len(tail) or (len(text) > len(rest) and text[-len(rest) - 1].isspace())
        return not (spaced and _NUMBERED_ITEM.match(tail))
    return False


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
            draft = _value_line(data, i, n_values)
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


def _value_line(data: list[Line], i: int, n_values: int) -> Draft | None:
    ln = data[i]
    found = _line_readings(ln, data[i + 1] if i + 1 < len(data) else None, n_values)
    if not found:
        return None
    rest = split_numbers(ln.text)[1]
    key = re.sub(r"\s+", "", rest)
    if key in TOTAL_NAMES:
        total = [r for r in found if r.ordinal is None]
        if total:
            return Draft(line=ln.no, readings=total, name=key, is_total=True)
    if not any(_checks(r) for r in found) and not _code_follows(data, i, n_values):
        return None  # figures breaking the identity, not followed by a code: not a row
    return Draft(line=ln.no, readings=found, head_text=rest)


def _line_readings(ln: Line, following: Line | None, n_values: int) -> list[Reading]:
    tokens, rest = split_numbers(ln.text)
    if prose_after(ln.text, rest):
        return []
    before_code = following is not None and is_code(following)
    # a lone ordinal (a row printing no figures) only right before its code, with no text
    return readings(tokens, n_values, ordinal_only=before_code and not rest.strip())


def _code_follows(data: list[Line], i: int, n_values: int) -> bool:
    """A row's code comes after its value line, with only 說明 text between."""
    for j in range(i + 1, len(data)):
        if is_code(data[j]):
            return True
        if _line_readings(data[j], data[j + 1] if j + 1 < len(data) else None, n_values):
            return False
    return False


def resolve(ctx: ReadContext, sid: str, drafts: list[Draft],
            parent_of: Callable[[str], str | None]) -> None:
    """Choose among the readings of ambiguous rows by the tree's sums; report what remains,
    and every row whose figures (as read) break 本年度 - 上年度 = 比較."""
    by_code = {d.code: d for d in drafts if d.code}
    children: dict[str | None, list[Draft]] = {}
    for d in drafts:
        if d.code is None:
            continue
        pc = parent_of(d.code)
        children.setdefault(pc if pc in by_code else None, []).append(d)
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
        r = d.reading
        if r is not None and not consistent(r.values):
            ctx.report("inconsistent", sid, d.line, identity_message(r.values), [r.candidate()])


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


def _description_parts(d: Draft) -> list[tuple[int, str]]:
    return ([(d.line, d.head_text)] if d.head_text.strip() else []) + [
        (ln.no, ln.text) for ln in d.text_lines
    ]


def description(d: Draft) -> tuple[str, int, int] | None:
    """The 說明 of a row: the text after its figures and every text line that follows."""
    parts = _description_parts(d)
    if not parts:
        return None
    return join_lines(t for _, t in parts), parts[0][0], parts[-1][0]


def description_parts(d: Draft) -> list[tuple[int, str]]:
    """The (line, text) parts `description` joins (see `textmarks`)."""
    return _description_parts(d)
