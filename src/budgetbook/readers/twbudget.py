"""Reader of the central government's open expenditure data (one CSV per year and phase, one
row per work plan or 節, amounts in NTD), as published by the budget office and compiled by the
budget.g0v.tw community. Each file becomes one Book per agency, at work-plan level.

Every row keeps its CSV line as its source line. Amounts become thousands of NTD exactly; an
amount that is not a whole number of thousands is rounded *and* reported as an
`inexact_amount` finding, never silently.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BudgetBookError, ReadError
from ..model import AgencyExpenditureRow, Book, Finding, TextBlock, WorkPlan
from ..model.base import Loc
from ..text import decode

COLUMNS = ("year", "code", "amount", "name", "topname", "depname", "depcat", "cat", "ref")
OPTIONAL = ("note",)
NO_SECTION = "無細項"  # the 目 is not split into 節
TABLE = "twbudget"
_CODE = re.compile(r"^[0-9A-Z]{10}$")  # a few published codes carry a letter (391101A000)
_FILE_YEAR = re.compile(r"(\d{4})")


@dataclass
class Row:
    line: int  # first CSV line of the record (1-based, the header is line 1)
    end_line: int
    year: int
    code: str
    amount_ntd: int
    name: str
    topname: str
    depname: str
    depcat: str
    cat: str
    ref: str
    note: str


@dataclass
class CsvFile:
    """One file read and checked: its rows, its books, and its text for the source view."""

    path: Path
    year: int
    phase: str
    rows: list[Row]
    lines: list[str]  # the file's physical lines
    books: list[Book] = field(default_factory=list)

    @property
    def total_thousands(self) -> int:
        return sum(round(r.amount_ntd / 1000) for r in self.rows)


def _phase_of(path: Path, phase: str | None) -> str:
    if phase:
        return phase
    for part in reversed(path.resolve().parts[:-1]):
        if part in ("proposed", "enacted"):
            return part
    raise ReadError("cannot tell the phase: put the file in a proposed/ or enacted/ folder, "
                    "or pass --phase", path=str(path))


def _records(text: str, path: Path) -> tuple[list[str], list[tuple[int, int, dict[str, str]]]]:
    """The header and each record with its first and last physical line."""
    # lines end at \n only, as in an editor or grep: notes hold stray \r characters
    reader = csv.reader(io.StringIO(text, newline="\n"))
    try:
        header = next(reader)
    except StopIteration:
        raise ReadError("empty file; expected a CSV with columns " + ",".join(COLUMNS),
                        path=str(path), line=1) from None
    except csv.Error as exc:
        raise ReadError(f"not a CSV file ({exc})", path=str(path), line=1) from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ReadError(f"missing column(s) {', '.join(missing)}; expected the columns "
                        f"{','.join(COLUMNS)}[,note] (found {','.join(header)})",
                        path=str(path), line=1)
    out = []
    start = reader.line_num + 1
    try:
        for values in reader:
            end = reader.line_num
            if any(v.strip() for v in values):
                if len(values) > len(header):
                    raise ReadError(f"{len(values)} fields where the header has {len(header)}",
                                    path=str(path), line=start)
                out.append((start, end, dict(zip(header, values, strict=False))))
            start = end + 1
    except csv.Error as exc:
        raise ReadError(f"malformed CSV ({exc})", path=str(path), line=start) from None
    return header, out


def _int(value: str, column: str, path: Path, line: int) -> int:
    v = value.strip()
    if re.fullmatch(r"-?\d+", v):
        return int(v)
    if re.fullmatch(r"-?\d+\.0+", v):
        return int(v.split(".")[0])
    raise ReadError(f"column {column}: expected a whole number, found {value!r}",
                    path=str(path), line=line)


def read_file(path: str | Path, phase: str | None = None, *, books: bool = True) -> CsvFile:
    """Read and check one file; any error names the file, the line and the column, and nothing
    of the file is returned (so nothing is half-loaded). Without `books`, the agencies' books
    are not made (the checks across files need only the rows)."""
    p = Path(path)
    if not p.exists():
        raise ReadError("no such file", path=str(p))
    if p.is_dir():
        raise ReadError("is a directory; expected a CSV file", path=str(p))
    data = p.read_bytes()
    if not data.strip():
        raise ReadError("empty file; expected a CSV with columns " + ",".join(COLUMNS),
                        path=str(p), line=1)
    text, _ = decode(data, str(p))
    ph = _phase_of(p, phase)
    m = _FILE_YEAR.search(p.name)
    file_year = int(m.group(1)) if m else None
    _, records = _records(text, p)
    if not records:
        raise ReadError("no rows after the header", path=str(p), line=2)
    rows = []
    for start, end, rec in records:
        year = _int(rec["year"], "year", p, start)
        if file_year is not None and year != file_year:
            raise ReadError(f"column year: {year} in a file named for {file_year}",
                            path=str(p), line=start)
        code = rec["code"].strip()
        if not code:
            raise ReadError("column code: empty; expected a 10-digit 科目 code",
                            path=str(p), line=start)
        rows.append(Row(start, end, year, code, _int(rec["amount"], "amount", p, start),
                        rec["name"].strip(), rec["topname"].strip(), rec["depname"].strip(),
                        rec["depcat"].strip(), rec["cat"].strip(), rec["ref"].strip(),
                        (rec.get("note") or "").strip()))
    # the physical lines, numbered as the csv reader above numbers them
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    f = CsvFile(p, rows[0].year, ph, rows, lines)
    f.books = _books(f) if books else []
    return f


def _thousands(row: Row, findings: list[Finding]) -> int:
    whole, rest = divmod(row.amount_ntd, 1000)
    if rest:
        findings.append(Finding(kind="inexact_amount", table=TABLE, loc=Loc(line=row.line),
                                message=f"amount {row.amount_ntd:,} NTD is not a whole number of "
                                        f"thousands; stored as {round(row.amount_ntd / 1000):,}"))
        return round(row.amount_ntd / 1000)
    return whole


def function_code(code: str) -> str:
    """The 政事別 row's code of a work plan's code: its last four digits zero."""
    return code[:6] + "0000"


@dataclass
class Function:
    """A 政事別 of an agency's book: the work plans' code with its last four digits zero."""

    code: str
    name: str
    line: int  # its first work plan's
    amount: int = 0


@dataclass
class Agency:
    """One agency's rows of a file, as its book holds them: each row's amount in thousands and
    its name, the agency's 政事別 with their sums, and what the reading found."""

    code: str
    rows: list[Row]
    amounts: list[int]
    names: list[str]
    functions: dict[str, Function]
    findings: list[Finding]

    @property
    def total(self) -> int:
        return sum(self.amounts)

    @property
    def head_code(self) -> str:
        return f"00{self.code}0000"

    def book(self, f: CsvFile) -> Book:
        """The agency's book without its rows (its id, names, year, phase and unit)."""
        return Book(source=str(f.path), agency_code=self.code, agency_name=self.rows[0].depname,
                    parent_name=self.rows[0].topname, roc_year=f.year - 1911, phase=f.phase,
                    findings=self.findings)


def agencies(f: CsvFile) -> list[Agency]:
    """The file's rows by agency, in the order the agencies first appear. A row whose code is
    not a 科目 code is left out (its agency cannot be told; `file_flags` reports it)."""
    by_agency: dict[str, list[Row]] = {}
    for r in f.rows:
        if _CODE.match(r.code):
            by_agency.setdefault(r.code[2:6], []).append(r)
    out = []
    for code, rows in by_agency.items():
        findings: list[Finding] = []
        amounts = [_thousands(r, findings) for r in rows]
        functions: dict[str, Function] = {}
        for r, amount in zip(rows, amounts, strict=True):
            fcode = function_code(r.code)
            fn = functions.get(fcode) or functions.setdefault(fcode, Function(fcode, r.cat, r.line))
            fn.amount += amount
        names = [r.depcat if r.name in ("", NO_SECTION) else f"{r.depcat}·{r.name}" for r in rows]
        out.append(Agency(code, rows, amounts, names, functions, findings))
    return out


def _books(f: CsvFile) -> list[Book]:
    books = []
    for a in agencies(f):
        plans = [WorkPlan(loc=Loc(line=r.line), table=TABLE, code=r.code, name=name,
                          amount=amount)
                 for r, name, amount in zip(a.rows, a.names, a.amounts, strict=True)]
        functions = [AgencyExpenditureRow(loc=Loc(line=fn.line), table=TABLE, code=fn.code,
                                          name=fn.name, level=3, kind="function",
                                          parent_code=a.head_code, amount=fn.amount)
                     for fn in a.functions.values()]
        ledger = [AgencyExpenditureRow(
            loc=Loc(line=r.line), table=TABLE, code=r.code, name=name, level=4, kind="work_plan",
            parent_code=function_code(r.code), ordinal=r.ref, amount=amount,
            description=TextBlock(text=r.note, loc=Loc(line=r.line), end_line=r.end_line,
                                  table=TABLE) if r.note else None)
            for r, name, amount in zip(a.rows, a.names, a.amounts, strict=True)]
        head = AgencyExpenditureRow(loc=Loc(line=a.rows[0].line), table=TABLE, code=a.head_code,
                                    name=a.rows[0].depname, level=2, kind="agency",
                                    amount=a.total)
        book = a.book(f)
        book.work_plans = plans
        book.expenditure_by_agency = [head, *functions, *ledger]
        books.append(book)
    return books


# --- checks of a file, and across files -----------------------------------------------------
#
# Each check is data: an id, the table `budgetbook audit` groups it under, what passes, and a
# function finding the problems of one file (given the files of the same phase). A problem is a
# sentence for the books' flags, with the agency it concerns (None: the whole file), its CSV
# lines and, for a figure, the expected and actual values. `file_flags` (ingest) and
# `budgetbook audit FILE.csv` (audit/dataset.py) run the same checks.

FAR = 0.7  # a file with under 70% (or over 1/70%) of its neighbours' rows or total is flagged
NEIGHBOURS = 2  # years each side of a file that it is measured against


@dataclass
class Problem:
    sentence: str
    agency: str | None = None  # None: the whole file
    lines: list[int] = field(default_factory=list)
    expected: int | None = None
    actual: int | None = None


@dataclass(frozen=True)
class FileCheck:
    id: str
    table: str  # the group of the audit report
    description: str  # what passes
    find: Callable[[CsvFile, list[CsvFile]], list[Problem]]
    needs_neighbours: bool = False  # skipped (with the reason) for a file without neighbours


def agency_of(code: str) -> str | None:
    """The 4-digit agency of a 10-character 科目 code; None for a code that is not one."""
    return code[2:6] if _CODE.match(code) else None


def _malformed(f: CsvFile, _: list[CsvFile]) -> list[Problem]:
    return [Problem(f"code {r.code} (line {r.line}) is not a 10-character 科目 code; the row is "
                    "left out of the agency books", None, [r.line], actual=round(
                        r.amount_ntd / 1000))
            for r in f.rows if agency_of(r.code) is None]


def _duplicates(f: CsvFile, _: list[CsvFile]) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for r in f.rows:
        if r.code in seen:
            out.append(Problem(f"duplicate code {r.code} (lines {seen[r.code]} and {r.line})",
                               agency_of(r.code), [seen[r.code], r.line]))
        seen.setdefault(r.code, r.line)
    return out


def _agency_names(f: CsvFile, _: list[CsvFile]) -> list[Problem]:
    names: dict[str, dict[str, int]] = {}
    for r in f.rows:
        agency = agency_of(r.code)
        if agency is not None:
            names.setdefault(agency, {}).setdefault(r.depname, r.line)
    return [Problem(f"agency code {agency} carries several agency names: "
                    f"{'、'.join(sorted(ns))}", agency, sorted(ns.values()))
            for agency, ns in sorted(names.items()) if len(ns) > 1]


def _inexact(f: CsvFile, _: list[CsvFile]) -> list[Problem]:
    return [Problem(f"amount {r.amount_ntd:,} NTD (line {r.line}) is not a whole number of "
                    f"thousands; stored as {round(r.amount_ntd / 1000):,}", agency_of(r.code),
                    [r.line], expected=round(r.amount_ntd / 1000) * 1000, actual=r.amount_ntd)
            for r in f.rows if r.amount_ntd % 1000]


def neighbours_of(f: CsvFile, files: list[CsvFile]) -> list[CsvFile]:
    """The files of the same phase within NEIGHBOURS years of `f` (not `f` itself)."""
    return sorted((g for g in files if g.phase == f.phase and g.path != f.path
                   and 0 < abs(g.year - f.year) <= NEIGHBOURS), key=lambda g: g.year)


def _far(f: CsvFile, files: list[CsvFile], measure: Callable[[CsvFile], int],
         unit: str) -> list[Problem]:
    near = neighbours_of(f, files)
    if not near:
        return []
    typical = sorted(measure(g) for g in near)[len(near) // 2]
    mine = measure(f)
    name = f"{f.path.parent.name}/{f.path.name}"
    years = ", ".join(str(g.year) for g in near)
    if mine < FAR * typical:
        return [Problem(f"incomplete: {name} has {mine:,} {unit} where neighbouring years "
                        f"({years}) have about {typical:,}", expected=typical, actual=mine)]
    if mine * FAR > typical:
        return [Problem(f"unusually large: {name} has {mine:,} {unit} where neighbouring years "
                        f"({years}) have about {typical:,}", expected=typical, actual=mine)]
    return []


def _rows_far(f: CsvFile, files: list[CsvFile]) -> list[Problem]:
    return _far(f, files, lambda g: len(g.rows), "rows")


def _total_far(f: CsvFile, files: list[CsvFile]) -> list[Problem]:
    return _far(f, files, lambda g: g.total_thousands, "thousand NTD")


def neighbour_files(path: Path, phase: str | None = None,
                    warn: Callable[[str], None] | None = None,
                    skip: Iterable[Path] = ()) -> list[CsvFile]:
    """The CSV files of `path`'s folder named for a year within NEIGHBOURS years of its own;
    one that cannot be read is left out (and reported through `warn`), and so are `skip`."""
    m = _FILE_YEAR.search(path.name)
    if m is None:
        return []
    year = int(m.group(1))
    skipped = {p.resolve() for p in skip}
    out = []
    for other in sorted(path.parent.glob("*.csv")):
        n = _FILE_YEAR.search(other.name)
        if other.resolve() == path.resolve() or other.resolve() in skipped or n is None:
            continue
        if 0 < abs(int(n.group(1)) - year) <= NEIGHBOURS:
            try:
                out.append(read_file(other, phase))
            except BudgetBookError as exc:
                if warn:
                    warn(f"neighbouring file left out: {exc.describe()}")
    return out


FILE_CHECKS = (
    FileCheck("dataset.codes.format", "codes",
              "every code is a 10-character 科目 code (政事別, agency, work plan)", _malformed),
    FileCheck("dataset.codes.unique", "codes", "no code appears twice", _duplicates),
    FileCheck("dataset.codes.agency", "codes", "each agency code carries one agency name",
              _agency_names),
    FileCheck("dataset.amounts.thousands", "amounts",
              "every amount is a whole number of thousands of NTD", _inexact),
    FileCheck("dataset.neighbours.rows", "neighbours",
              f"row count within {FAR:.0%}–{1 / FAR:.0%} of the neighbouring years' (median)",
              _rows_far, needs_neighbours=True),
    FileCheck("dataset.neighbours.total", "neighbours",
              f"total within {FAR:.0%}–{1 / FAR:.0%} of the neighbouring years' (median)",
              _total_far, needs_neighbours=True),
)


def file_problems(f: CsvFile, files: list[CsvFile]) -> list[tuple[FileCheck, list[Problem]]]:
    """Every check of FILE_CHECKS on `f`, `files` being the files it is measured against."""
    return [(check, check.find(f, files)) for check in FILE_CHECKS]


def file_flags(files: list[CsvFile]) -> dict[Path, dict[str | None, list[str]]]:
    """Problems of each file as plain sentences, keyed by the agency they concern (None: the
    whole file): codes that are not 科目 codes, duplicate codes, an agency code with several
    names, amounts that are not whole thousands, and row counts or totals far from the
    neighbouring years of the same phase (such as the incomplete 2018 proposal). The published
    codes that carry a letter (391101A000: 機密預算) are 科目 codes, not problems."""
    flags: dict[Path, dict[str | None, list[str]]] = {f.path: {} for f in files}
    for f in files:
        for _, problems in file_problems(f, files):
            for p in problems:
                flags[f.path].setdefault(p.agency, []).append(p.sentence)
    return flags
