"""Whether a book is whole: a book cut short must not pass its audit by having little to check.

A book is incomplete when
- its text stops inside a character (the file was cut; `text.load` reads up to the cut), or
- a central government book lacks a section every central book prints (`vocab/sections.py`).
  City and county books print another set of tables, so for them a missing section stays a
  warning.
The check then also says when the book's id cannot be formed (the agency code, the year or the
phase is not printed where the reader looks: a cut book often lost them).

`audit()` reports it as one failed check, rule `book.incomplete`, so that the audit exits 1,
the stored book counts it among its failed checks and the API lists it with them.
"""

from __future__ import annotations

from ..model import Book
from ..model.base import Loc
from ..vocab.governments import CENTRAL
from ..vocab.sections import BY_ID
from .engine import Check, Figure

RULE = "book.incomplete"
_ID_FIELDS = {"agency_code": "agency code (its 科目 codes)",
              "roc_year": "year (中華民國…年度 of the page headers)",
              "phase": "phase (預算案 or 法定預算)"}


def cut_lines(book: Book) -> list[int]:
    """The lines where the book's text was cut (the file ends inside a character)."""
    return [f.line for f in book.findings
            if f.kind == "unparsed" and f.table == "text" and f.line is not None]


def missing_sections(book: Book) -> list[str]:
    """Titles of the sections the book lacks, in the book's order (central books only)."""
    if book.government != CENTRAL:
        return []
    roots = [BY_ID[f.table].form_of or f.table for f in book.findings
             if f.kind == "missing_section" and f.table in BY_ID]
    return [BY_ID[r].title for r in dict.fromkeys(roots)]  # a table's two forms named once


def reasons(book: Book) -> list[str]:
    """What makes the book incomplete, each in plain words; empty for a whole book."""
    out = [f"its text is cut at line {line:,} (the file ends inside a character)"
           for line in cut_lines(book)]
    missing = missing_sections(book)
    if missing:
        out.append(f"{len(missing)} of its sections are missing: {', '.join(missing)}")
    unknown = [what for name, what in _ID_FIELDS.items() if not getattr(book, name)]
    if out and unknown:  # a book built by hand may have no id; a book read and cut says why
        out.insert(0, f"no id: cannot tell its {', '.join(unknown)}")
    return out


def check(book: Book) -> Check | None:
    """The failed `book.incomplete` check of an incomplete book, None for a whole one."""
    why = reasons(book)
    if not why:
        return None
    return Check(id=f"{RULE}:book", rule=RULE, table="book",
                 description="incomplete book: " + "; ".join(why), status="fail",
                 figures=[Figure(path="source", value=None, loc=Loc(line=n))
                          for n in cut_lines(book)])
