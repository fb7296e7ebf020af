"""A book as flat data: its metadata, every resource table, its source text and its audit.

This is what the Fiscal Data Package holds and what the database stores, so a book read from
its text and a book loaded from a package (the bundled sample) take the same path from here on.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .. import units
from ..audit.engine import Figure
from ..audit.units import in_book_unit
from ..errors import ReadError
from ..model import Book
from ..model.base import Loc
from ..readers.twbudget import CsvFile, agencies, function_code
from ..text import Document
from ..vocab.governments import CENTRAL
from .rows import all_resources
from .tabular import Column, table_columns, tables

PLANS, LEDGER = "work-plans", "expenditure-by-agency"  # the resources of an open-data book

SOURCE_LINES = "source-lines"
AUDIT_CHECKS = "audit-checks"
META_FIELDS = ("id", "agency_code", "agency_name", "parent_code", "parent_name", "roc_year",
               "fiscal_year", "phase", "unit", "government", "table_units", "source_name", "source_sha256", "expenditure_total",
               "revenue_total", "audit_total", "audit_passed", "audit_failed", "audit_skipped",
               "flags")

SOURCE_COLUMNS = [Column("line_no", "integer", "1-based line number"),
                  Column("text", "string", "the line as extracted from the PDF"),
                  Column("page", "integer", "the line's PDF page; empty for a text book"),
                  Column("bbox", "string", "the line's box on its page: x0,top,x1,bottom in "
                         "points from the top left; empty for a text book")]
CHECK_COLUMNS = [
    Column("check_id", "string", ""), Column("rule", "string", ""),
    Column("table_name", "string", "table the check is reported under"),
    Column("description", "string", ""), Column("status", "string", "pass, fail or skip"),
    Column("expected", "integer", ""), Column("actual", "integer", ""),
    Column("reason", "string", ""),
    Column("source_lines", "string", "source lines of the figures, checked figure first"),
    Column("figures", "string", "JSON list of {path, value, source_line, source_page, source_bbox}"),
]


@dataclass
class Bundle:
    meta: dict[str, Any]
    tables: dict[str, tuple[str, list[Column], list[dict[str, Any]]]]  # name -> title, cols, rows
    source_lines: list[str] = field(default_factory=list)
    # a PDF book: each source line's page and box, and the PDF's bytes (stored with the book so
    # that its pages can be drawn after the file has moved)
    source_pages: list[int | None] | None = None
    source_boxes: list[str | None] | None = None
    pdf: bytes | None = None
    checks: list[dict[str, Any]] = field(default_factory=list)
    # the line number of each source line when they are not 1, 2, 3 … (a CSV book keeps only
    # its own rows of the file, with their real line numbers)
    source_line_numbers: list[int] | None = None

    def numbered_lines(self) -> list[tuple[int, str]]:
        numbers = self.source_line_numbers or range(1, len(self.source_lines) + 1)
        return list(zip(numbers, self.source_lines, strict=True))

    def source_rows(self) -> list[dict[str, Any]]:
        """The source-lines table: line_no, text, and for a PDF book page and bbox."""
        pages = self.source_pages or [None] * len(self.source_lines)
        boxes = self.source_boxes or [None] * len(self.source_lines)
        return [{"line_no": n, "text": t, "page": p, "bbox": b} for (n, t), p, b
                in zip(self.numbered_lines(), pages, boxes, strict=True)]

    @property
    def id(self) -> str:
        book_id: str = self.meta["id"]
        return book_id


def _identity(book: Book) -> dict[str, Any]:
    """The fields of a book's metadata that say which book it is."""
    return {"id": book.id, "agency_code": book.agency_code, "agency_name": book.agency_name,
            "parent_code": book.parent_code, "parent_name": book.parent_name,
            "roc_year": book.roc_year, "fiscal_year": book.fiscal_year, "phase": book.phase,
            "unit": book.unit, "government": book.government}


def from_book(book: Book, doc: Document | None = None) -> Bundle:
    """Flatten a Book (and its source text, when at hand) and audit it."""
    from ..audit import audit

    if not book.id:
        expected = {"agency_code": "the agency's 科目 codes (or a city's page labels)",
                    "roc_year": "the 中華民國…年度 of the page headers",
                    "phase": "預算案 or 法定預算 on the opening pages (or pass --phase)"}
        missing = [n for n in expected if not getattr(book, n)]
        raise ReadError(f"cannot tell the book's {', '.join(missing)}; expected "
                        + "; ".join(expected[n] for n in missing), path=book.source)
    tabs = {t.resource.name: (t.resource.title, t.columns, t.rows) for t in tables(book)}
    report = audit(book)
    summary = report.summary()
    lines = [ln.raw.rstrip("\r") for ln in doc.lines] if doc else []
    sha = hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest() if lines else None
    agency_row = next((r for r in book.expenditure_by_agency if r.kind == "agency"), None)
    exp_total = agency_row.amount if agency_row and agency_row.amount is not None else (
        sum(w.amount or 0 for w in book.work_plans) if book.work_plans else None)
    rev_total = next((r.amount for r in book.revenue if r.level == 0), None)
    # totals in the book's unit, whatever unit their table prints (a city's 千元 ledgers)
    from_ledger = agency_row is not None and agency_row.amount is not None
    exp_total = in_book_unit(exp_total, "expenditure_by_agency" if from_ledger else "work_plans",
                             book.table_units, book.unit)
    rev_total = in_book_unit(rev_total, "revenue", book.table_units, book.unit)
    meta = {
        **_identity(book),
        "table_units": json.dumps(book.table_units, ensure_ascii=False) if book.table_units
        else None,
        "source_name": Path(book.source).name, "source_sha256": sha,
        "expenditure_total": exp_total, "revenue_total": rev_total,
        "audit_total": summary["total"], "audit_passed": summary["passed"],
        "audit_failed": summary["failed"], "audit_skipped": summary["skipped"],
        "flags": None,
    }
    checks = [{
        "check_id": c.id, "rule": c.rule, "table_name": c.table, "description": c.description,
        "status": c.status, "expected": c.expected, "actual": c.actual, "reason": c.reason,
        "source_lines": ",".join(str(f.source_line) for f in c.figures if f.source_line),
        "figures": json.dumps([f.model_dump() for f in c.figures], ensure_ascii=False),
    } for c in report.checks]
    pdf = Path(doc.pdf_path).read_bytes() if doc and doc.pdf_path else None
    return Bundle(meta=meta, tables=tabs, source_lines=lines, checks=checks,
                  source_pages=list(doc.line_pages) if doc and doc.line_pages else None,
                  source_boxes=list(doc.line_boxes) if doc and doc.line_boxes else None, pdf=pdf)


def _parse(value: str | None, typ: str, path: Path, line: int, column: str) -> Any:
    if value is None:
        raise ReadError(f"column {column}: missing (the row is shorter than the header)",
                        path=str(path), line=line)
    if value == "":
        return None
    try:
        if typ == "integer":
            return int(value)
        if typ == "number":
            return Decimal(value)
        if typ == "boolean":
            return value.lower() == "true"
    except (ValueError, InvalidOperation):
        article = "an" if typ[0] in "aeiou" else "a"
        raise ReadError(f"column {column}: expected {article} {typ}, found {value!r}",
                        path=str(path), line=line) from None
    return value


def _read_csv(path: Path, columns: list[Column]) -> list[dict[str, Any]]:
    types = {c.name: c.type for c in columns}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = set(types) - set(reader.fieldnames or [])
            if missing:
                raise ReadError(f"missing columns {sorted(missing)}", path=str(path), line=1)
            out = []
            start = 2  # the physical line a record starts on (a text can span lines)
            for row in reader:
                if None in row:
                    raise ReadError("the row has more fields than the header", path=str(path),
                                    line=start)
                out.append({k: _parse(row.get(k), types[k], path, start, k) for k in types})
                start = reader.line_num + 1
            return out
    except OSError as exc:
        raise ReadError(f"cannot read ({exc.strerror})", path=str(path)) from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise ReadError(f"not a readable CSV ({exc})", path=str(path)) from None


def from_fdp(directory: str | Path) -> Bundle:
    """Load a package written by `budgetbook export --format fdp`."""
    d = Path(directory)
    desc_path = d / "datapackage.json" if d.is_dir() else d
    d = desc_path.parent
    try:
        desc = json.loads(desc_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReadError("no datapackage.json; expected a package from budgetbook export",
                        path=str(desc_path)) from None
    except json.JSONDecodeError as exc:
        raise ReadError(f"invalid JSON ({exc.msg})", path=str(desc_path), line=exc.lineno) from None
    meta = desc.get("budgetbook")
    if not isinstance(meta, dict) or not meta.get("id"):
        raise ReadError("not a budgetbook package: no budgetbook.id in the descriptor",
                        path=str(desc_path))
    bundle = Bundle(meta={k: meta.get(k) for k in META_FIELDS}, tables={})
    bundle.meta["unit"] = bundle.meta["unit"] or units.DEFAULT
    bundle.meta["government"] = bundle.meta["government"] or CENTRAL
    for i, res in enumerate(desc.get("resources", [])):
        try:
            cols = [Column(f["name"], f.get("type", "string"), f.get("description", ""))
                    for f in res["schema"]["fields"]]
            path = d / res["path"]
        except (KeyError, TypeError):
            raise ReadError(f"resource {i + 1} lacks a path or schema fields",
                            path=str(desc_path)) from None
        rows = _read_csv(path, cols)
        if res["name"] == SOURCE_LINES:
            bundle.source_lines = [r["text"] or "" for r in rows]
            if any(r.get("page") for r in rows):
                bundle.source_pages = [r.get("page") for r in rows]
                bundle.source_boxes = [r.get("bbox") for r in rows]
            numbers = [r["line_no"] for r in rows]
            if numbers != list(range(1, len(rows) + 1)):
                bundle.source_line_numbers = numbers
        elif res["name"] == AUDIT_CHECKS:
            bundle.checks = rows
        else:
            bundle.tables[res["name"]] = (res.get("title", res["name"]), cols, rows)
    return bundle


def _check(rule: str, description: str, lines: list[int], reason: str | None = None
           ) -> dict[str, Any]:
    return {"check_id": f"{rule}:{lines[0] if lines else 0}", "rule": rule,
            "table_name": "dataset", "description": description, "status": "fail",
            "expected": None, "actual": None, "reason": reason,
            "source_lines": ",".join(map(str, lines)),
            "figures": json.dumps([Figure(path="file", value=None, loc=Loc(line=n)).model_dump()
                                   for n in lines])}


def _row(cols: list[str], line: int, **values: Any) -> dict[str, Any]:
    """A row of a table with columns `cols`: `values`, its source line, the rest empty."""
    return {**dict.fromkeys(cols), **values, "source_line": line}


def from_csv_file(f: CsvFile, flags: dict[str | None, list[str]]) -> list[Bundle]:
    """The books of an open-data file, one per agency (see readers.twbudget): their work plans
    and their 歲出機關別 ledger (the agency, its 政事別, its work plans with their notes), the
    file's lines of their own rows, and the file's problems (`flags`, by agency; None: the
    whole file) as failed checks of the dataset. The rows are made as the tables of the
    agency's Book would hold them, without the models: a year of open data is a hundred
    thousand rows, and these are already checked."""
    resources = {r.name: r for r in all_resources()}
    empty: dict[str, tuple[str, list[Column], list[dict[str, Any]]]] = {
        name: (r.title, table_columns(r), []) for name, r in resources.items()}
    plan_cols = [c.name for c in empty[PLANS][1]]
    ledger_cols = [c.name for c in empty[LEDGER][1]]
    spans: dict[str, list[int]] = {}
    for r in f.rows:
        spans.setdefault(r.code[2:6], []).extend(range(r.line, r.end_line + 1))
    out = []
    for a in agencies(f):
        plans = [_row(plan_cols, r.line, code=r.code, name=name, amount=amount,
                      sub_plan_count=0)
                 for r, name, amount in zip(a.rows, a.names, a.amounts, strict=True)]
        ledger = [_row(ledger_cols, a.rows[0].line, code=a.head_code, name=a.rows[0].depname,
                       level=2, kind="agency", amount=a.total)]
        ledger += [_row(ledger_cols, fn.line, code=fn.code, name=fn.name, level=3,
                        kind="function", parent_code=a.head_code, amount=fn.amount)
                   for fn in a.functions.values()]
        ledger += [_row(ledger_cols, r.line, code=r.code, name=name, level=4, kind="work_plan",
                        parent_code=function_code(r.code), ordinal=r.ref, amount=amount,
                        description=r.note or None)
                   for r, name, amount in zip(a.rows, a.names, a.amounts, strict=True)]
        # each book its own row lists (a caller may add rows to one book's table); the column
        # lists, which nothing changes, are the file's (copying them took a second per 7,500
        # books)
        tabs: dict[str, tuple[str, list[Column], list[dict[str, Any]]]] = {
            name: (title, cols, []) for name, (title, cols, _) in empty.items()}
        tabs[PLANS] = (*tabs[PLANS][:2], plans)
        tabs[LEDGER] = (*tabs[LEDGER][:2], ledger)
        own = flags.get(None, []) + flags.get(a.code, [])
        checks = [_check("dataset.file", flag, [], reason="a problem of the whole file")
                  for flag in own]
        checks += [_check(f"reader.{x.kind}", x.message, [x.line] if x.line else [])
                   for x in a.findings]
        meta = {
            **_identity(a.book(f)), "table_units": None,
            "source_name": f"{f.path.parent.name}/{f.path.name}",
            "source_sha256": None, "expenditure_total": a.total, "revenue_total": None,
            "audit_total": len(checks), "audit_passed": 0, "audit_failed": len(checks),
            "audit_skipped": 0, "flags": json.dumps(own, ensure_ascii=False) if own else None,
        }
        numbers = sorted(set(spans[a.code]))
        out.append(Bundle(meta=meta, tables=tabs, source_lines=[f.lines[n - 1] for n in numbers],
                          checks=checks, source_line_numbers=numbers))
    return out
