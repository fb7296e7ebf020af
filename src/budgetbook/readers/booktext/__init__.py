"""Reader of the text extracted from a unit budget book's PDF.

`read(path)` finds the sections by their titles, hands each family of sections to its own module
and assembles one Book. A section the book lacks becomes a `missing_section` finding; an
unexpected failure inside one section reader is reported as an `unparsed` finding for that
section instead of losing the whole book.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from ... import units
from ...errors import ReadError
from ...model import Book
from ...text import Document, load
from ...vocab.sections import SECTION_TITLES, forms
from . import holdings, ledgers, objects, oversight, overview, plans, travel
from .context import ReadContext
from .ledger_text import agency_header

FAMILIES = (overview, ledgers, plans, objects, holdings, travel, oversight)
_YEAR = re.compile(r"中華民國\s*(\d{2,3})\s*年度")
_UNIT = re.compile(r"單位\s*[：:]\s*(新[臺台]幣\s*千?元)")
_AGENCY_CODE = re.compile(r"^\s*00(\d{4})0000\s*$")


def read(path: str | Path, *, phase: str | None = None) -> Book:
    """Read a budget book from its extracted text."""
    return read_document(load(path), phase=phase)


def read_document(doc: Document, *, phase: str | None = None) -> Book:
    ctx = ReadContext.of(doc)
    if not ctx.sections:
        first = next((ln for ln in doc.lines if ln.text.strip()), doc.lines[0])
        raise ReadError(
            "no section of a unit budget book found; expected titles such as "
            "預算總說明, 歲出計畫提要及分支計畫概況表 or 各項費用彙計表",
            path=doc.path,
            line=first.no,
        )
    second = _second_book(doc, ctx)
    if second is not None:
        no, title = second
        raise ReadError(
            f"a second book starts here ({title} again, after the first book's sections); "
            "expected one budget book per file: split the file and read each book on its own",
            path=doc.path,
            line=no,
        )
    if doc.cut_line is not None:
        ctx.report("unparsed", "text", doc.cut_line,
                   "the file ends inside a character: its text is cut here and read as far as "
                   "it goes; the rest of the book is missing")
    fields: dict[str, Any] = {"source": doc.path, "encoding": doc.encoding}
    fields.update(_header(doc, ctx))
    fields["phase"] = phase or _phase(doc, ctx)
    fields["unit"] = _unit(doc)
    for family in FAMILIES:
        try:
            fields.update(family.read(ctx))
        except Exception as exc:  # one broken section must not lose the book
            name = family.__name__.rsplit(".", 1)[-1]
            ctx.report("unparsed", name, None, f"reader {name} failed: {type(exc).__name__}: {exc}")
    for s in SECTION_TITLES:
        if not forms(s.id) & set(ctx.sections):
            ctx.report("missing_section", s.id, None, f"section {s.title} not found in the book")
    fields["findings"] = ctx.findings
    return Book(**fields)


def _second_book(doc: Document, ctx: ReadContext) -> tuple[int, str] | None:
    """Where a second book starts in the file, with the title that opens it: the first span of a
    section seen before from which at least half of the sections seen so far (two at least) are
    printed again. A section printed in two places, or a page header repeated, is one section
    seen again, not a second book."""
    spans = sorted((start, sid) for sid, s in ctx.sections.items() for start, _ in s.spans)
    seen: list[str] = []
    for k, (start, sid) in enumerate(spans):
        if sid in seen:
            again = {later for _, later in spans[k:]} & set(seen)
            if len(again) >= max(2, (len(seen) + 1) // 2):
                return (_book_start(doc, spans[0][0], spans[k - 1][0], start),
                        ctx.sections[sid].title)
        else:
            seen.append(sid)
    return None


def _book_start(doc: Document, first: int, floor: int, title_no: int) -> int:
    """The first line of a book whose first title is at `title_no`: the lines the file opens
    with before its first title (the agency's name) when they are printed again just before
    it (and after `floor`)."""
    head = [ln.key for ln in doc.nonblank(1, first) if ln.key][:3]
    before = [ln for ln in doc.nonblank(floor, title_no) if ln.key][-3:]
    for i in range(len(before)):
        keys = [ln.key for ln in before[i:]]
        if keys and keys == head[: len(keys)]:
            return before[i].no
    return title_no


def _header(doc: Document, ctx: ReadContext) -> dict[str, Any]:
    """Agency, parent ministry and year from the page headers and the 科目 codes."""
    out: dict[str, Any] = {}
    for ln in doc.lines:
        m = _YEAR.search(ln.text)
        if m:
            out["roc_year"] = int(m.group(1))
            break
    # 歲出機關別預算表 / 歲入來源別預算表 print 00PP000000 (主管) then 00PPAA0000 (機關)
    codes: list[tuple[str, int]] = []
    for sid in ("expenditure_by_agency", "revenue", "capital", "staffing"):
        for ln in ctx.lines(sid):
            m = _AGENCY_CODE.match(ln.text)
            if m:
                codes.append((m.group(1), ln.no))
        if codes:
            break
    nb = doc.nonblank()
    index = {ln.no: i for i, ln in enumerate(nb)}

    def name_after(no: int) -> str | None:
        i = index.get(no)
        if i is None or i + 1 >= len(nb):
            return None
        return re.sub(r"[\d,\-\s]+$", "", nb[i + 1].text).strip() or None

    for agency, no in codes:
        if agency.endswith("00"):
            out.setdefault("parent_code", agency)
            out.setdefault("parent_name", name_after(no))
        else:
            out.setdefault("agency_code", agency)
            out.setdefault("_agency_line", no)
    if "_agency_line" in out:
        no = out.pop("_agency_line")
        short = name_after(no)
        # the page header prints the agency's full name (parent + short name) next to its year
        # line; the book's first lines print it too, unless its sections were reordered
        header = agency_header(doc)
        full = next(
            (
                key
                for key in (header, *(ln.key for ln in nb[:5]))
                if key and short and key.endswith(short) and len(key) < 30
            ),
            None,
        )
        out["agency_name"] = full or short
    return out


def _unit(doc: Document) -> str:
    """The money unit the page headers print most (`單位：新臺幣千元`); a book printing none
    is a central book's default."""
    counts = Counter(u for ln in doc.lines for m in _UNIT.finditer(ln.text)
                     if (u := units.of_word(m.group(1))))
    return counts.most_common(1)[0][0] if counts else units.DEFAULT


def _phase(doc: Document, ctx: ReadContext) -> str:
    """A proposal says 預算案 in its opening lines. The 決議 section speaks of earlier years'
    預算案 (總預算案 is one of its headings), so its lines do not count when it opens the book."""
    spans = ctx.sections["resolutions"].spans if "resolutions" in ctx.sections else []
    head = [
        ln.key
        for ln in doc.nonblank()
        if not any(a <= ln.no < b for a, b in spans)
    ][:12]
    if any("預算案" in key for key in head):
        return "proposed"
    return "enacted"
