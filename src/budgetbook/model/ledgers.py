"""Model of the ledgers: 歲入來源別預算表 (revenue by source), 歲出機關別預算表 (expenditure by
agency) and 歲入項目說明提要表 (notes on revenue items).

Both 預算表 are trees keyed by the 10-digit 科目 code. In 歲入來源別 the code is
款(2) + agency(4) + 目(2) + 節(2); in 歲出機關別 a 主管 is `00PP000000`, an agency `00PPAA0000`,
a 政事別 `FFPPAA0000`, a 業務計畫 `FFPPAAWW00` and a 工作計畫 `FFPPAAWWTT`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Record, TextBlock

ExpenditureKind = Literal["total", "ministry", "agency", "function", "work_plan", "task"]


class LedgerRow(Record):
    """A row of 歲入來源別預算表 or 歲出機關別預算表. `line` is the line of the row's figures (the
    value line, printed before the code); `lines` holds the code and name lines."""

    code: str | None = Field(None, description="10-digit 科目 code; None for the 合計 row")
    name: str = Field(description="科目名稱 as printed")
    level: int = Field(description="depth in the code tree; 0 for the 合計 row")
    parent_code: str | None = Field(None, description="code of the row one level up, if printed")
    ordinal: str | None = Field(None, description="款/項/目/節 number as printed")
    amount: int | None = Field(None, description="本年度預算數 (thousand NTD)")
    current_amount: int | None = Field(
        None, description="本年度預算數 經常門, where printed (a city's 歲入預算表, 歲出預算表)")
    capital_amount: int | None = Field(None, description="本年度預算數 資本門, where printed")
    last_year_amount: int | None = Field(None, description="上年度預算數")
    prior_year_actual: int | None = Field(None, description="前年度決算數, where printed")
    change: int | None = Field(None, description="本年度與上年度比較")
    description: TextBlock | None = Field(None, description="說明")


class RevenueRow(LedgerRow):
    """A row of 歲入來源別預算表 (revenue by source). level: 1 款, 2 項, 3 目, 4 節, 0 合計."""


class AgencyExpenditureRow(LedgerRow):
    """A row of 歲出機關別預算表 (expenditure by agency). level: 1 主管 (ministry), 2 機關
    (agency), 3 政事別 (function), 4 業務計畫 (work plan, incl. 第一預備金), 5 工作計畫; 0 合計."""

    kind: ExpenditureKind = Field(description="what the code denotes, from its structure")


class RevenueNote(Record):
    """One item of 歲入項目說明提要表: a 節 (or a 目 without 節) with its amount, 承辦單位 and
    說明 (一、項目內容 and 二、法令依據). `line` is the item's code line in the table's tree."""

    code: str = Field(description="10-digit 科目 code of the item")
    name: str
    level: int = Field(description="3 目, 4 節 (as in RevenueRow)")
    ordinal: str | None = Field(None, description="目/節 number as printed")
    parent_code: str | None = Field(None, description="code of the 目 (for a 節) or 項 (for a 目)")
    amount: int | None = Field(None, description="預算金額 (thousand NTD)")
    units: str | None = Field(None, description="承辦單位 as printed (several joined by 、)")
    content: TextBlock | None = Field(None, description="一、項目內容")
    legal_basis: TextBlock | None = Field(None, description="二、法令依據")
    description: TextBlock | None = Field(None, description="the whole 說明, both parts labelled")
