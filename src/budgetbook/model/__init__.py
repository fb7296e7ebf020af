"""The typed model of a unit budget book (單位預算書).

Amounts are integers in thousands of NTD exactly as printed; a `-` is None, never 0. Codes are
strings. Every row carries its source line and table (see `base.Record`).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from .base import Finding, Record, TextBlock
from .holdings import DonationTable, OfficeTable, SubsidyTable, VehicleTable
from .ledgers import AgencyExpenditureRow, RevenueNote, RevenueRow
from .objects import (
    CapitalExpenditure,
    CostSummary,
    ObjectAnalysis,
    PersonnelCosts,
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
    encoding: str = "utf-8"
    agency_code: str | None = Field(None, description="4-digit agency code, e.g. 2675")
    agency_name: str | None = None
    parent_code: str | None = Field(None, description="4-digit code of the 主管 (ministry)")
    parent_name: str | None = None
    roc_year: int | None = Field(None, description="fiscal year in the ROC calendar (民國)")
    phase: Phase | None = None

    overview: Overview | None = None
    revenue: list[RevenueRow] = Field(default_factory=list)
    expenditure_by_agency: list[AgencyExpenditureRow] = Field(default_factory=list)
    revenue_notes: list[RevenueNote] = Field(default_factory=list)
    work_plans: list[WorkPlan] = Field(default_factory=list)
    cost_summary: CostSummary | None = None
    object_analysis: ObjectAnalysis | None = None
    capital: CapitalExpenditure | None = None
    personnel_costs: PersonnelCosts | None = None
    staffing: StaffingTable | None = None
    vehicles: VehicleTable | None = None
    offices: OfficeTable | None = None
    subsidies: SubsidyTable | None = None
    donations: DonationTable | None = None
    travel_summary: TravelSummary | None = None
    travel_categories: TravelCategories | None = None
    functional: FunctionalEconomic | None = None
    commissioned: CommissionedTable | None = None
    media: MediaTable | None = None
    resolutions: ResolutionsTable | None = None

    findings: list[Finding] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fiscal_year(self) -> int | None:
        """Gregorian fiscal year (ROC year + 1911)."""
        return None if self.roc_year is None else self.roc_year + 1911

    @computed_field  # type: ignore[prop-decorator]
    @property
    def id(self) -> str | None:
        """Stable readable id: agency code, Gregorian year, phase (2675-2022-enacted)."""
        if not (self.agency_code and self.roc_year and self.phase):
            return None
        return f"{self.agency_code}-{self.roc_year + 1911}-{self.phase}"


__all__ = [
    "Book", "Finding", "Record", "TextBlock", "Phase", "Overview", "RevenueRow",
    "AgencyExpenditureRow", "RevenueNote", "WorkPlan", "SubPlan", "ObjectLine", "CostSummary",
    "ObjectAnalysis", "CapitalExpenditure", "PersonnelCosts", "StaffingTable", "VehicleTable",
    "OfficeTable", "SubsidyTable", "DonationTable", "TravelSummary", "TravelCategories",
    "FunctionalEconomic", "CommissionedTable", "MediaTable", "ResolutionsTable",
]
