"""What kind of budget book a PDF is. budgetbook reads unit budget books (單位預算); two other
kinds share some of their tables and must never be taken for one:

- a special fund's book (附屬單位預算: 作業基金, 特別收入基金 …), whose tables are a fund's
  (收支營運, 餘絀) rather than an agency's 歲入/歲出;
- a ministry's summary volume (主管預算 / 主管綜計表), whose 歲出機關別預算表 lists several
  agencies and which prints no agency's 歲出計畫提要及分支計畫概況表.

Each is told from what the book prints: the titles of its opening pages (and the document's
own title), and the agencies its tables list.
"""

from __future__ import annotations

import re

from ...errors import ReadError
from ...pdf import PdfText
from .layout import TablePage, squash
from .meta import AGENCY_CODE, opening_rows

_FUND = re.compile(r"附屬單位預算|(?:作業|營業|特別收入|資本計畫|債務)基金")


def check_kind(text: PdfText, pages: list[TablePage]) -> None:
    """Raise ReadError naming what the book is when it is no unit budget book."""
    opening = opening_rows(text)
    for key in (*opening, squash(text.title)):
        m = _FUND.search(key)
        if m:
            raise ReadError(f"a special fund's budget book ({m.group(0)}: 附屬單位預算), not a "
                            "unit budget book (單位預算); budgetbook reads unit budget books",
                            path=text.path)
    agencies = {m.group(1) for tp in pages if tp.section == "expenditure_by_agency"
                and not tp.sub_unit for r in tp.rows
                if (m := AGENCY_CODE.match(squash(r.text))) and not m.group(1).endswith("00")}
    plans = any(tp.section == "plans" for tp in pages)
    if len(agencies) > 1 and not plans:
        raise ReadError(f"a ministry's summary volume (主管預算) of {len(agencies)} agencies "
                        f"({', '.join(sorted(agencies)[:6])}{' …' if len(agencies) > 6 else ''}), "
                        "not one agency's unit budget book (單位預算); read each agency's own "
                        "book instead", path=text.path)
