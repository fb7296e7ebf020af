"""Layout of 委辦經費分析表: the lines of the table turned into rows with the value runs of
each printing, names, years and 委辦內容 (see `oversight_commissioned` for how the amounts are
then read).

A row (project `(n)`, work plan `n.CODE`, or 合計) is printed in two renderings, and each
rendering names the row twice (a project's marker line, a work plan's code line), with the
row's values before or after the name, or on a line of their own just after. A line of values
and text with no marker repeats an item continued from the previous page: its values say which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...text import Line
from .context import ReadContext
from .oversight_text import is_furniture

TABLE = "commissioned"
WIDTH = 6  # amounts per rendering: other, 合計, two unnamed, 用人, 業務 (A order)
_MARKER = re.compile(r"\((\d{1,3})\)")
_CODE = re.compile(r"^(?P<pre>.*?)(?P<digits>\d+)\.(?P<code>\d{10})\s*$")
_YEARS = re.compile(r"^\d{2,3}-\d{2,3}$")
# a figure on a line: a thousands group, or digits opening or closing it (`5G` in a name is none)
_FIGURE_IN = re.compile(r"\d,\d{3}|^[\d\-]|\d$")
_VALS = r"(?:-|\d)[-\d,]*(?: (?:-|\d)[-\d,]*)*"
_LEAD_VALS = re.compile(rf"^\s*({_VALS})(?=$|\s|[^\x00-\x7f])\s*")
_TAIL_VALS = re.compile(rf"\s({_VALS})\s*$")
# where a name printed on a marker line stops: a space, or a value run glued to it
_NAME_END = re.compile(r"\s|(?:-\s?)*\d{1,3},\d{3}|-(?:\s|$)|\d+(?=\s|$|[^\x00-\x7f])")
_HEADER_KEYS = ("用人費用", "業務費用", "委辦內容", "分析表", "委辦經費")
Amounts = tuple[int | None, ...]


@dataclass
class _Occurrence:
    line: int
    runs: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class LayoutRow:
    kind: str  # project | work_plan | total
    line: int
    wp_code: str | None = None
    number: str | None = None
    name: list[str] = field(default_factory=list)
    occs: list[_Occurrence] = field(default_factory=list)
    years: tuple[str, int] | None = None
    desc: list[tuple[int, str]] = field(default_factory=list)
    options: list[tuple[Amounts, tuple[int, ...]]] = field(default_factory=list)

    def add_desc(self, no: int, text: str) -> None:
        text = text.strip()
        if text and all(text != t for _, t in self.desc):  # each 內容 is printed twice
            self.desc.append((no, text))

    def runs_text(self) -> str:
        return "".join(r for o in self.occs for r, _ in o.runs)


def _is_header(ln: Line) -> bool:
    key = ln.key
    if any(ch.isdigit() for ch in key):
        return False
    return (
        key.startswith("委辦計畫")
        or key in ("起訖", "年度", "經常")
        or any(k in key for k in _HEADER_KEYS)
    )


def _split_runs(text: str, no: int) -> list[tuple[str, int]]:
    return [(r, no) for r in text.split()]


class Parser:
    def __init__(self, ctx: ReadContext) -> None:
        self.ctx = ctx
        self.rows: dict[tuple[str | None, str | None, str], LayoutRow] = {}
        self.wp: LayoutRow | None = None
        self.last: LayoutRow | None = None  # row of the latest occurrence
        self.owner: LayoutRow | None = None  # row that plain text lines belong to
        self.naming: LayoutRow | None = None  # row whose name wraps onto indented lines
        self.naming_first = False
        self.wp_name_due: LayoutRow | None = None

    def row(self, kind: str, wp: str | None, number: str | None, no: int) -> LayoutRow:
        key = (wp, number, kind)
        if key not in self.rows:
            self.rows[key] = LayoutRow(kind, no, wp_code=wp, number=number)
        return self.rows[key]

    def occur(self, r: LayoutRow, no: int, runs: list[tuple[str, int]]) -> _Occurrence:
        occ = _Occurrence(no, runs)
        r.occs.append(occ)
        self.last = r
        return occ

    def feed(self, ln: Line, agency: str) -> None:
        text, no = ln.text, ln.no
        if is_furniture(ln, agency) or _is_header(ln):
            self.naming = None
            return
        if "合計" in ln.key and _LEAD_VALS.match(text.replace("合計", " ")):
            r = self.row("total", None, None, no)
            self.occur(r, no, _split_runs(text.replace("合計", " "), no))
            self.naming = None
            return
        m = _CODE.match(text)
        if m:
            r = self.row("work_plan", m["code"], None, no)
            # the ordinal can be glued to the last value (`6,4321.`): it is the one printed
            # alone elsewhere, else the work plan's position in the table
            wps = sum(1 for x in self.rows.values() if x.kind == "work_plan")
            expected = r.number or str(wps)
            digits = m["digits"]
            ordinal = expected if digits.endswith(expected) else digits[-1]
            if m["pre"].strip() == "" and len(digits) <= 2:
                ordinal = digits
            r.number = r.number or ordinal
            self.occur(r, no, _split_runs(m["pre"] + digits[: -len(ordinal)], no))
            self.wp = self.owner = r
            self.wp_name_due, self.naming = r, None
            return
        if self.wp_name_due is not None and not _FIGURE_IN.search(ln.key):
            if not self.wp_name_due.name:
                self.wp_name_due.name.append(ln.key)
            self.wp_name_due = None
            return
        self.wp_name_due = None
        if _MARKER.search(text) and self.wp is not None:
            self.marker_line(text, no)
            return
        stripped = text.strip()
        if _YEARS.match(stripped) and self.last is not None:
            self.last.years = self.last.years or (stripped, no)
            return
        if self.naming is not None and text.startswith("  "):
            if self.naming_first:
                self.naming.name.append(stripped)
            return
        self.naming = None
        lead = _LEAD_VALS.match(text)
        if lead and not _YEARS.match(lead.group(1)):
            self.value_line(lead.group(1), text[lead.end() :], no)
            return
        if self.owner is not None:
            self.owner.add_desc(no, stripped)

    def value_line(self, vals: str, rest: str, no: int) -> None:
        """Values with no marker: the late values of the latest occurrence, or the repeated
        values of an item continued from the previous page."""
        occ = self.last.occs[-1] if self.last and self.last.occs else None
        if occ is not None and (not rest.strip() or not occ.runs):
            occ.runs.extend(_split_runs(vals, no))
            owner = self.last
        else:
            owner = self.continued(vals) or self.continued_changed(vals, no) or self.owner
        if rest.strip() and owner is not None:
            owner.add_desc(no, rest)
            self.owner = owner

    def continued(self, vals: str) -> LayoutRow | None:
        glued = vals.replace(" ", "")
        for r in reversed(list(self.rows.values())):
            if r.kind == "project" and glued in r.runs_text():
                return r
        return None

    def continued_changed(self, vals: str, no: int) -> LayoutRow | None:
        """The repeated values of a continued item that differ from its first printing in one
        character: the item, reported `inconsistent` at this line."""
        glued = vals.replace(" ", "")
        if not re.search(r"\d,\d{3}", glued):
            return None
        for r in reversed(list(self.rows.values())):
            if r.kind != "project":
                continue
            text = r.runs_text()
            for i in range(len(text) - len(glued) + 1):
                if sum(a != b for a, b in zip(glued, text[i : i + len(glued)], strict=True)) == 1:
                    self.ctx.report("inconsistent", TABLE, no,
                                    f"values repeated for {r.number} differ from its printing")
                    return r
        return None

    def marker_line(self, text: str, no: int) -> None:
        parts = _MARKER.split(text)
        lead = parts[0]
        for i in range(1, len(parts), 2):
            number, chunk = f"({parts[i]})", parts[i + 1]
            last_marker = i + 2 >= len(parts)
            end = _NAME_END.search(chunk)
            name = chunk[: end.start()] if end else chunk
            rest = chunk[len(name) :]
            runs: list[tuple[str, int]] = []
            years: str | None = None
            lead = lead.strip()
            if _YEARS.match(lead):
                years = lead
            elif lead:
                runs += _split_runs(lead, no)
            m = _LEAD_VALS.match(rest)
            if m:
                if _YEARS.match(m.group(1)):
                    years = m.group(1)
                else:
                    runs += _split_runs(m.group(1), no)
                rest = rest[m.end() :]
            lead = ""
            if not last_marker:  # values before the next marker are that marker's
                t = _TAIL_VALS.search(" " + rest)
                if t:
                    lead, rest = t.group(1), (" " + rest)[: t.start()]
            r = self.row("project", self.wp.wp_code if self.wp else None, number, no)
            first = not r.occs
            self.occur(r, no, runs)
            if first:
                r.name.append(name.strip())
            if years and r.years is None:
                r.years = (years, no)
            r.add_desc(no, rest)
            self.owner = r
            self.naming, self.naming_first = r, first
