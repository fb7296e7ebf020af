"""The typed model of a unit budget book (單位預算書).

Amounts are integers exactly as printed, in the book's `unit` (thousands of NTD for central
books, NTD for city books); a `-` is None, never 0. Codes are strings. Every row carries where
it is printed (`base.Loc`: line, and for a PDF page and box) and its table (`base.Record`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field, model_validator

from .. import units
from ..units import Unit
from ..vocab.governments import CENTRAL, LOCAL
from .base import Finding, Loc, Record, TextBlock
from .holdings import DonationTable, OfficeTable, SubsidyTable, VehicleTable
from .ledgers import AgencyExpenditureRow, RevenueNote, RevenueRow
from .objects import (
    CapitalExpenditure,
    CostSummary,
    ObjectAnalysis,
    PersonnelCosts,
    PersonnelPlan,
    StaffingTable,
)
from .oversight import CommissionedTable, MediaTable, ResolutionsTable
from .overview import Overview
from .plans import ObjectLine, SubPlan, WorkPlan
from .travel import FunctionalEconomic, TravelCategories, TravelSummary

Phase = Literal["proposed", "enacted"]


class Book(BaseModel):
    """One agency's budget book for one fiscal year and phase."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(description="path of the source text")
    encoding: str = Field("utf-8", description="encoding the source was decoded from (utf-8 or cp950)")
    agency_code: str | None = Field(None, description="4-digit agency code (the AAAA of 科目 code 00AAAA0000)")
    agency_name: str | None = Field(None, description="agency name as printed in the page header")
    parent_code: str | None = Field(None, description="4-digit code of the 主管 (ministry)")
    parent_name: str | None = Field(None, description="主管 name as printed (…主管)")
    roc_year: int | None = Field(None, description="fiscal year in the ROC calendar (民國)")
    phase: Phase | None = Field(None, description="proposed (預算案) or enacted (法定預算)")
    table_units: dict[str, Unit] = Field(
        default_factory=dict, description="sections printed in another unit than the book's "
        "(a city book's 千元 summary tables): section id -> unit; their figures stay as printed")
    government: str = Field(CENTRAL, description="the government the agency belongs to: 中央 (the "
                            "central government) or a city or county (臺北市, 高雄市 …)")
    unit: Unit = Field(units.DEFAULT, description="unit of every amount of the book as printed: "
                       "thousand TWD (千元, central books) or TWD (元, city and county books)")

    overview: Overview | None = Field(None, description="預算總說明")
    revenue: list[RevenueRow] = Field(default_factory=list, description="歲入來源別預算表")
    expenditure_by_agency: list[AgencyExpenditureRow] = Field(default_factory=list, description="歲出機關別預算表")
    revenue_notes: list[RevenueNote] = Field(default_factory=list, description="歲入項目說明提要表")
    work_plans: list[WorkPlan] = Field(default_factory=list, description="歲出計畫提要及分支計畫概況表")
    cost_summary: CostSummary | None = Field(None, description="各項費用彙計表")
    object_analysis: ObjectAnalysis | None = Field(None, description="歲出一級用途別科目分析表")
    capital: CapitalExpenditure | None = Field(None, description="資本支出分析表")
    personnel_costs: PersonnelCosts | None = Field(None, description="人事費彙計表")
    personnel_analysis: list[PersonnelPlan] = Field(
        default_factory=list, description="人事費分析表 (a city's: 人事費 by class of staff per "
        "work plan)")
    staffing: StaffingTable | None = Field(None, description="預算員額明細表")
    vehicles: VehicleTable | None = Field(None, description="公務車輛明細表")
    offices: OfficeTable | None = Field(None, description="辦公房舍明細表")
    subsidies: SubsidyTable | None = Field(None, description="補助經費分析表")
    donations: DonationTable | None = Field(None, description="捐助經費分析表")
    travel_summary: TravelSummary | None = Field(None, description="派員出國計畫預算總表")
    travel_categories: TravelCategories | None = Field(None, description="派員出國計畫預算類別表")
    functional: FunctionalEconomic | None = Field(None, description="歲出按職能及經濟性綜合分類表")
    commissioned: CommissionedTable | None = Field(None, description="委辦經費分析表")
    media: MediaTable | None = Field(None, description="媒體政策及業務宣導經費彙計表")
    resolutions: ResolutionsTable | None = Field(None, description="決議、附帶決議及注意事項辦理情形")

    sub_unit: str = Field("", description="the sub-unit (分預算) an appendix (附錄) book is of; "
                          "empty for an agency's own book")
    appendices: list[Book] = Field(
        default_factory=list, description="附錄: the tables a book repeats for each sub-unit, as a "
        "book of the sub-unit's own; never part of this book's totals")
    findings: list[Finding] = Field(default_factory=list, description="what the reader could not do for certain")

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: Any) -> Any:
        """Accept the JSON export back: its computed fields are derived, not stored."""
        if isinstance(data, dict):
            data = {k: v for k, v in data.items() if k not in ("id", "fiscal_year")}
        return data

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fiscal_year(self) -> int | None:
        """Gregorian fiscal year (ROC year + 1911)."""
        return None if self.roc_year is None else self.roc_year + 1911

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str | None:
        """Stable readable id: agency code, Gregorian year, phase (1234-2026-enacted); a city's
        or county's book starts with its government (taipei-01-234-2027-proposed)."""
        if not (self.agency_code and self.roc_year and self.phase):
            return None
        own = f"{self.agency_code}-{self.roc_year + 1911}-{self.phase}"
        slug = LOCAL.get(self.government)
        return f"{slug}-{own}" if slug else own


__all__ = [
    "Book", "Finding", "Loc", "Record", "TextBlock", "Phase", "Overview", "RevenueRow",
    "AgencyExpenditureRow", "RevenueNote", "WorkPlan", "SubPlan", "ObjectLine", "CostSummary",
    "ObjectAnalysis", "CapitalExpenditure", "PersonnelCosts", "StaffingTable", "VehicleTable",
    "OfficeTable", "SubsidyTable", "DonationTable", "TravelSummary", "TravelCategories",
    "FunctionalEconomic", "CommissionedTable", "MediaTable", "ResolutionsTable",
]
