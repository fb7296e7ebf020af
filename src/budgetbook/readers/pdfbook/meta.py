"""A PDF book's agency, parent ministry, year, phase and unit, as the book prints them.

- agency and 主管: the 歲出機關別預算表 (or 歲入來源別預算表) prints `00PP000000` (主管) and
  `00AAAA0000` (機關) on a line of their own, the name on the line below;
- the year: the 中華民國…年度 the table pages print most;
- the unit: the `單位：新臺幣千元` the table pages print most;
- the phase: `預算案` or `法定預算` as the opening pages print it, else as the document's own
  title (its information dictionary) names it, else unknown (`--phase` supplies it).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ... import units
from ...pdf import PdfText
from ...vocab.governments import local_of
from .layout import TablePage, squash

AGENCY_CODE = re.compile(r"^00(\d{4})0000$")  # 00AAAA0000: an agency (00PP000000: 主管)
_UNIT = re.compile(r"單位[：:](新[臺台]幣千?元)")
OPENING_PAGES = 4


def book_meta(text: PdfText, pages: list[TablePage]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for section in ("expenditure_by_agency", "revenue"):
        for tp in (p for p in pages if p.section == section and not p.sub_unit):
            rows = [squash(r.text) for r in tp.rows]
            for i, key in enumerate(rows):
                m = AGENCY_CODE.match(key)
                if not m or i + 1 >= len(rows):
                    continue
                # 款/項 numbers print before the name, the figures after it
                name = re.sub(r"[\d,\-]+$", "", re.sub(r"^\d+", "", rows[i + 1]))
                if m.group(1).endswith("00"):
                    out.setdefault("parent_code", m.group(1))
                    out.setdefault("parent_name", name)
                else:
                    out.setdefault("agency_code", m.group(1))
                    out.setdefault("agency_name", name)
            if "agency_code" in out:
                break
        if "agency_code" in out:
            break
    if "agency_code" not in out:
        out.update(_local_agency(text, pages))
    found = Counter(units.of_word(m.group(1)) for tp in pages for r in tp.page.rows[:8]
                    if (m := _UNIT.search(squash(r.text))))
    found.pop(None, None)
    if found:
        out["unit"] = found.most_common(1)[0][0]
    phase = _phase(text)
    if phase:
        out["phase"] = phase
    return out


# a city book's page label: its agency code (主管 2 digits, 機關 3) and the page number, printed
# `01-234-5`, `01-234 - 5`, `01234-5頁` or, on its own, `01-234`; some print the 機關 part only
# (`234 - 5`)
_PAGE_LABEL = re.compile(r"^(\d{2})-?(\d{3})(?:-\d+頁?|頁)?$")
_SHORT_LABEL = re.compile(r"^(\d{3})-\d{1,4}頁?$")
# a city's 11-digit 科目 code: 政事別 2 digits, then the agency's 主管 2 and 機關 3
_CITY_CODE = re.compile(r"(?<![0-9A-Za-z])\d{11}(?![0-9A-Za-z])")


def garbled(rows: list[str]) -> bool:
    """Text whose font maps its characters to the wrong code points (Greek, Cyrillic, Indic …
    letters where a Taiwanese book prints Chinese): nothing on it can be read."""
    chars = [c for key in rows for c in key if not c.isspace()]
    foreign = [c for c in chars if c.isalpha() and not c.isascii()
               and not ("\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"
                        or "\uff00" <= c <= "\uffef")]
    return len(foreign) > 0.25 * len(chars)


def _local_agency(text: PdfText, pages: list[TablePage]) -> dict[str, Any]:
    """A city's or county's book: the agency as its table pages' header prints it (the line
    above each title, e.g. 某市政府某局), its government from that name, and its code from
    the page labels."""
    names = Counter(squash(tp.page.rows[tp.title_row - 1].text) for tp in pages
                    if tp.title_row >= 1 and not tp.sub_unit)
    out: dict[str, Any] = {}
    name = names.most_common(1)[0][0] if names else None
    government = local_of(name) if name else None
    if not (name and government):
        return out
    out.update(agency_name=name, government=government)
    edges = [squash(r.text) for p in text.pages if not garbled([r.text for r in p.rows])
             for r in (*p.rows[:3], *p.rows[-3:])]
    labels = Counter(f"{m.group(1)}-{m.group(2)}" for key in edges
                     if (m := _PAGE_LABEL.match(key)))
    if labels:
        out["agency_code"] = labels.most_common(1)[0][0]
        return out
    # labels of the 機關 part only: the 主管 part is the one the book's 11-digit codes print
    # before it
    short = Counter(m.group(1) for key in edges if (m := _SHORT_LABEL.match(key)))
    if short:
        part = short.most_common(1)[0][0]
        heads = Counter(c[2:4] for tp in pages for r in tp.rows
                        for c in _CITY_CODE.findall(r.text) if c[4:7] == part)
        if heads:
            out["agency_code"] = f"{heads.most_common(1)[0][0]}-{part}"
    return out


def opening_rows(text: PdfText) -> list[str]:
    """The first rows of the opening pages (cover, contents), spaces removed: where a book says
    what it is."""
    return [squash(r.text) for p in text.pages[:OPENING_PAGES] for r in p.rows[:12]]


def _phase(text: PdfText) -> str | None:
    opening = opening_rows(text)
    for source in (opening, [text.title]):
        for key in source:
            if "法定預算" in key:
                return "enacted"
            if re.search(r"(?<!總)預算案", key):
                return "proposed"
    return None


def unit_mismatches(pages: list[TablePage], unit: str | None
                    ) -> list[tuple[TablePage, str, list[int]]]:
    """Each table whose pages print a unit (`單位：新臺幣千元`) other than the book's `unit`:
    its first such page, the unit it prints and the pages printing it. The figures stay as
    printed; the caller reports the table once."""
    by_table: dict[tuple[str, str], list[tuple[TablePage, str]]] = {}
    for tp in pages:
        for r in tp.page.rows[:8]:
            if (m := _UNIT.search(squash(r.text))) and (u := units.of_word(m.group(1))):
                if u != unit:
                    by_table.setdefault((tp.section, tp.sub_unit), []).append((tp, u))
                break
    return [(found[0][0], found[0][1], sorted({tp.page.number for tp, _ in found}))
            for found in by_table.values()]

