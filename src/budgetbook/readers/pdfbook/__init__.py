"""Reader of a unit budget book from its PDF: the PDF text layer (`budgetbook.pdf`) rebuilt
into rows by position, each page classified by the table its title names (`layout`), and one
module per family of tables turning pages into the model, every figure with its page and box.

    read(path) -> Book            the book's own tables; each sub-unit's appendix (附錄) as a
                                  Book of its own in `Book.appendices`, never in its totals
    read_text(text) -> Book       the same from an already rebuilt PdfText

A family module has `read(ctx, sub_unit) -> dict` of Book fields for the tables it knows; one
that fails is reported as an `unparsed` finding for its section, and the book is still read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import units
from ...errors import ReadError
from ...model import Book
from ...model.base import Finding
from ...pdf import PdfText, read_pdf
from ...text import Document
from ...vocab.sections import SECTION_TITLES, forms
from .kind import check_kind
from .layout import (
    TablePage,
    by_section,
    classify,
    line_loc,
    squash,
    sub_units,
    unread_tables,
    years,
)

# families of tables, each in its own module; listed here as they are written
FAMILY_MODULES: tuple[str, ...] = ("ledgers", "plans", "city_plans", "objects", "holdings",
                                   "oversight", "overview")


@dataclass
class PdfContext:
    """What every family reader gets: the rebuilt text, its table pages, and the findings."""

    text: PdfText
    pages: list[TablePage]
    findings: list[Finding] = field(default_factory=list)

    def tables(self, section: str, sub_unit: str = "") -> list[TablePage]:
        return by_section(self.pages, section, sub_unit)

    def report(self, kind: str, table: str, line: int | None, message: str,
               candidates: list[list[int | None]] | None = None) -> None:
        # a finding points at its line's page and box, as every figure does
        loc = None if line is None else line_loc(self.text.line(line))
        self.findings.append(Finding(kind=kind, table=table,
                                     loc=loc, message=message, candidates=candidates or []))


def _families() -> list[tuple[str, Callable[[PdfContext, str], dict[str, Any]]]]:
    import importlib

    out = []
    for name in FAMILY_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        out.append((name, module.read))
    return out


def read(path: str | Path, *, phase: str | None = None,
         progress: Callable[[int, int], None] | None = None) -> tuple[Book, Document]:
    """The book in the PDF at `path`, and its rebuilt text (what its lines count in)."""
    text = read_pdf(path, progress=progress)
    return read_text(text, phase=phase), text.document()


def read_text(text: PdfText, *, phase: str | None = None) -> Book:
    ctx = PdfContext(text, classify(text))
    if not ctx.pages:
        # the same words as for a text that is no book
        raise ReadError("no section of a unit budget book found; expected titles such as "
                        "預算總說明, 歲出計畫提要及分支計畫概況表 or 各項費用彙計表", path=text.path)
    check_kind(text, ctx.pages)
    for title, numbers in unread_tables(text, ctx.pages):
        pages = f"page {numbers[0]}" if len(numbers) == 1 else f"pages {numbers[0]}-{numbers[-1]}"
        ctx.report("unread_table", "pdf", None, f"table {title} ({pages}) is not read: "
                   "budgetbook does not know this table yet")
    for note in text.notes:
        ctx.report("no_text_layer", "pdf", None, note)
    for note in text.font_notes():
        ctx.report("missing_font", "pdf", None, note)
    from .meta import garbled

    for page in text.pages:
        if page.rows and garbled([r.text for r in page.rows]):
            ctx.report("no_text_layer", "pdf", page.rows[0].no,
                       f"page {page.number}: its text layer cannot be read (its font maps the "
                       "characters to other ones); nothing on it is read")
    meta = _meta(text, ctx)
    if phase:
        meta["phase"] = phase
    meta["table_units"] = _table_units(ctx, meta["unit"])
    fields = _read_tables(ctx, "")
    appendices = []
    for name in sub_units(ctx.pages):
        sub = _read_tables(ctx, name)
        appendices.append(Book(source=text.path, encoding="pdf", sub_unit=name, **meta,
                               **{k: v for k, v in sub.items() if k != "findings"}))
    for s in SECTION_TITLES:
        if not any(ctx.tables(f) for f in forms(s.id)):
            ctx.report("missing_section", s.id, None, f"section {s.title} not found in the book")
    return Book(source=text.path, encoding="pdf", **meta, **fields, appendices=appendices,
                findings=ctx.findings)


def _table_units(ctx: PdfContext, unit: str) -> dict[str, str]:
    """The tables printed in another unit than the book's: their figures stay as printed and
    the book records their unit (`Book.table_units`), which the audit converts by; a table
    printing two units on its pages is reported."""
    from .meta import unit_mismatches

    out: dict[str, str] = {}
    for tp, printed, numbers in unit_mismatches(ctx.pages, unit):
        if tp.sub_unit:
            continue
        if out.get(tp.section, printed) != printed:
            ctx.report("inconsistent", tp.section, tp.page.rows[tp.title_row].no,
                       f"{squash(tp.page.rows[tp.title_row].text)} prints two units")
        out[tp.section] = printed
        ctx.report("unit_of_table", tp.section, tp.page.rows[tp.title_row].no,
                   f"{squash(tp.page.rows[tp.title_row].text)} (pages {numbers}) prints "
                   f"單位 {units.WORD[printed]} where the book prints {units.WORD.get(unit, unit)}"
                   "; its figures are kept as printed and converted where compared")
    return out


def _read_tables(ctx: PdfContext, sub_unit: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name, read_family in _families():
        try:
            fields.update(read_family(ctx, sub_unit))
        except Exception as exc:  # one broken table must not lose the book
            where = f"{name} ({sub_unit})" if sub_unit else name
            ctx.report("unparsed", name, None,
                       f"reader {where} failed: {type(exc).__name__}: {exc}")
    return fields


def _meta(text: PdfText, ctx: PdfContext) -> dict[str, Any]:
    """Agency, year, phase and unit, as the book prints them."""
    from .meta import book_meta

    meta = book_meta(text, ctx.pages)
    found = Counter(years(text))
    meta.setdefault("roc_year", found.most_common(1)[0][0] if found else None)
    meta.setdefault("unit", units.DEFAULT)
    return meta


__all__ = ["PdfContext", "read", "read_text", "squash"]
