"""Helpers shared by the readers of the object-class tables: line tokens, glued-number readings,
the 10-digit 科目 code structure and the rows of the coded wide tables (資本支出分析表,
預算員額明細表), whose page halves print every row twice under its code."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ...numbers import RUN, parse_amount, segmentations
from ...text import Line
from ...vocab.sections import SECTION_TITLES
from .context import ReadContext

CODE10 = re.compile(r"^\s*(\d{10})\s*$")
_COMMA = re.compile(r"^-?\d{1,3}(?:,\d{3})+$")
_BARE = re.compile(r"^-?\d+$")
_PAGE_WORDS = ("中華民國", "單位", "年度")
_TITLE_KEYS = {s.title for s in SECTION_TITLES}

Token = tuple[str, int]  # (token text, index of the run it came from)


def is_page_text(ln: Line) -> bool:
    """Page-header text (year line, unit line, a title) that is never a row."""
    return any(w in ln.key for w in _PAGE_WORDS) or ln.key in _TITLE_KEYS


def line_runs(text: str) -> list[str]:
    """The number runs of a line, trailing commas trimmed (a lone `-` kept)."""
    out = []
    for m in RUN.finditer(text):
        r = m.group().strip(",")
        if r:
            out.append(r)
    return out


def name_of(text: str) -> str:
    """The text of a line without its number runs, whitespace removed."""
    return re.sub(r"\s+", "", RUN.sub(" ", text)).strip()


def token_ok(tok: str, bare_max: int, negative: bool) -> bool:
    if tok == "-":
        return True
    if tok.startswith("-") and not negative:
        return False
    if _COMMA.match(tok):
        return True
    return bool(_BARE.match(tok)) and len(tok.lstrip("-")) <= bare_max


# more readings than this of one row are not told apart by its totals anyway: the row is then
# reported as ambiguous by its reader rather than enumerated without end
MAX_READINGS = 512


def readings(runs: list[str], count: int, *, bare_max: int = 3, negative: bool = False,
             code_digits: int = 0) -> list[list[Token]]:
    """Every reading of `runs` as exactly `count` tokens (each token tagged with its run).

    Amounts of 1,000 and more carry separators, so bare tokens have at most `bare_max` digits;
    `code_digits` also admits bare codes of that many digits (4 for 用途別科目)."""
    per_run: list[list[tuple[str, ...]]] = []
    widest = max(bare_max, code_digits)
    for run in runs:
        segs = [
            s for s in segmentations(run, bare_max=widest)
            if all(token_ok(t, bare_max, negative) or (code_digits and re.fullmatch(
                rf"\d{{{code_digits}}}", t)) for t in s)
        ]
        per_run.append(segs)
    # prune by count: the minimum and maximum tokens the remaining runs can contribute, so a
    # long row of glued runs is not enumerated run by run (that grows exponentially)
    rest_min = [0] * (len(per_run) + 1)
    rest_max = [0] * (len(per_run) + 1)
    for i in range(len(per_run) - 1, -1, -1):
        sizes = [len(seg) for seg in per_run[i]] or [0]
        rest_min[i] = rest_min[i + 1] + min(sizes)
        rest_max[i] = rest_max[i + 1] + max(sizes)
    out: list[list[Token]] = []

    def walk(i: int, acc: list[Token]) -> None:
        if len(out) >= MAX_READINGS or not (
                rest_min[i] <= count - len(acc) <= rest_max[i]):
            return
        if i == len(per_run):
            out.append(list(acc))
            return
        for seg in per_run[i]:
            walk(i + 1, acc + [(t, i) for t in seg])

    walk(0, [])
    return out


def amount(tok: str) -> int | None:
    return parse_amount(tok)


def total_of(values: list[int | None]) -> int:
    return sum(v for v in values if v is not None)


def matches(total: int | None, values: list[int | None]) -> bool:
    """A printed total agrees with its parts; `-` totals only all-`-` parts."""
    if total is None:
        return all(v is None for v in values)
    return total == total_of(values)


def level_of(code: str) -> str:
    """Unit level from the 10-digit 科目 code: 政事別(2) 機關(4) 業務計畫(2) 工作計畫(2);
    a 主管 or 機關 prints 00 as 政事別, a 主管 also 00 as the last two agency digits."""
    if code.startswith("00"):
        return "ministry" if code[4:6] == "00" else "agency"
    return "function" if code[6:] == "0000" else "work_plan"


def preamble(ctx: ReadContext, section_id: str, limit: int = 40) -> list[Line]:
    """Lines printed just before the section's first title: the first page's header (and, in
    各項費用彙計表, its 合計 row). Stops at a bare page number or after `limit` lines."""
    s = ctx.sections.get(section_id)
    if not s:
        return []
    before = ctx.doc.nonblank(max(1, s.start - 200), s.start)
    out: list[Line] = []
    for ln in reversed(before):
        if re.fullmatch(r"\d{1,4}", ln.key) or len(out) >= limit:
            break
        out.append(ln)
    return list(reversed(out))


def join_text(parts: list[str]) -> str:
    """Wrapped lines joined back: CJK without spaces, a space between ASCII words."""
    text = ""
    for p in (p.strip() for p in parts):
        if not p:
            continue
        if text and text[-1].isascii() and text[-1].isalnum() and p[0].isascii() and p[0].isalpha():
            text += " "
        text += p
    return text


@dataclass
class CodedRow:
    """One printing (one page half) of a row of a coded wide table. `parts` are the number runs
    of the name line and of any value lines that follow it, with their line numbers."""

    code: str
    name: str
    line: int
    ordinal: str | None = None
    parts: list[tuple[int, list[str]]] = field(default_factory=list)

    def prefixes(self) -> list[tuple[list[str], list[int]]]:
        """(runs, line of each run) using all parts, then fewer: a value line taken as a
        continuation may be a page number or another row's figure."""
        out = []
        for k in range(len(self.parts), 0, -1):
            runs = [r for _, rs in self.parts[:k] for r in rs]
            nos = [no for no, rs in self.parts[:k] for _ in rs]
            out.append((runs, nos))
        return out or [([], [])]

    @property
    def printed(self) -> bool:
        return any(rs for _, rs in self.parts)


def coded_halves(lines: list[Line],
                 note_at: Callable[[str], int | None] | None = None) -> list[list[CodedRow]]:
    """Rows of a wide table whose rows carry 10-digit codes, grouped by page half.

    A half ends where a code repeats. Names and codes pair by order within a half (the
    extraction can print a name before its code). A lone number just before a code line is
    that code's ordinal; other lines of bare values continue the last row. `note_at` gives
    where a 說明 note starts in a line (0: the whole line), to keep notes out of the figures."""
    halves: list[tuple[list[str], list[CodedRow], dict[str, str]]] = []
    codes: list[str] = []
    rows: list[CodedRow] = []
    ordinals: dict[str, str] = {}
    pending_ordinal: str | None = None

    def close() -> None:
        if codes or rows:
            halves.append((list(codes), list(rows), dict(ordinals)))

    for i, ln in enumerate(lines):
        m = CODE10.match(ln.text)
        if m:
            if m.group(1) in codes:
                close()
                codes, rows, ordinals = [], [], {}
            codes.append(m.group(1))
            if pending_ordinal:
                ordinals[m.group(1)] = pending_ordinal
            pending_ordinal = None
            continue
        pending_ordinal = None
        if is_page_text(ln):
            continue
        text = ln.text
        cut = note_at(text) if note_at else None
        if cut is not None:  # a 說明 note, on its own line or glued after the figures
            text = text[:cut]
            if not text.strip():
                continue
        runs = line_runs(text)
        name = name_of(text)
        if name:
            after_code = i > 0 and CODE10.match(lines[i - 1].text) is not None
            if runs or after_code:
                rows.append(CodedRow(code="", name=name, line=ln.no, parts=[(ln.no, runs)]))
            continue
        if not runs:
            continue
        next_is_code = i + 1 < len(lines) and CODE10.match(lines[i + 1].text) is not None
        if next_is_code and len(runs) == 1 and re.fullmatch(r"[1-9]\d{0,2}", runs[0]):
            pending_ordinal = runs[0]
        elif rows and rows[-1].printed:
            rows[-1].parts.append((ln.no, runs))
    close()
    out: list[list[CodedRow]] = []
    for hcodes, hrows, hords in halves:
        for code, row in zip(hcodes, hrows, strict=False):
            row.code = code
            row.ordinal = hords.get(code)
        out.append(hrows[: len(hcodes)])
    return out


def pair_halves(halves: list[list[CodedRow]]) -> list[tuple[CodedRow, CodedRow | None]]:
    """(left, right) printings of each row: halves alternate left, right per page."""
    out: list[tuple[CodedRow, CodedRow | None]] = []
    for k in range(0, len(halves), 2):
        left = halves[k]
        right = {r.code: r for r in halves[k + 1]} if k + 1 < len(halves) else {}
        out.extend((row, right.get(row.code)) for row in left)
    return out


def split_ordinal(tokens: list[Token], expect: bool) -> list[tuple[str | None, list[Token]]]:
    """Candidate (ordinal, values) splits: an ordinal is a bare positive number anywhere among
    the tokens (it is glued to a neighbouring figure)."""
    if not expect:
        return [(None, tokens)]
    out: list[tuple[str | None, list[Token]]] = []
    for k, (tok, _) in enumerate(tokens):
        if re.fullmatch(r"[1-9]\d{0,2}", tok):
            out.append((tok, tokens[:k] + tokens[k + 1 :]))
    return out

