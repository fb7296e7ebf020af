"""Export resources of 預算總說明 (overview): duties, divisions, staffing, goals, results, texts."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from ...model import Book
from ...model.base import Loc
from ..resource import NOT_SEARCHED, Resource


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DutyRow(_Row):
    number: str = Field(description="item number as printed (1, 2, …)")
    text: str = Field(description="the item, its (1) (2) sub-items on their own lines")
    item_count: int = Field(description="number of (1) (2) … sub-items")
    source: Loc


class DivisionRow(_Row):
    number: str
    name: str = Field(description="division (組/室) name")
    duties: str = Field(description="its duties, one a line")
    duty_count: int
    source: Loc


class StaffingRow(_Row):
    name: str = Field(description="staff category (職員, 聘用, 約僱, 技工, 工友, 駕駛, 合計)")
    last_year: int | None = Field(None, description="ROC year of the previous-year column")
    last_year_count: int | None
    year: int | None = Field(None, description="ROC year of this year's column")
    count: int | None
    source: Loc


class GoalRow(_Row):
    work_plan_number: str | None
    work_plan: str = Field(description="工作計畫名稱")
    number: str = Field(description="重要計畫項目 ordinal (一, 二, …)")
    name: str = Field(description="重要計畫項目")
    text: str | None = Field(None, description="實施內容")
    source: Loc
    text_loc: Loc | None = None


class ProgramResultRow(_Row):
    part_number: str
    period: str | None = Field(None, description="前年度 / 上年度")
    roc_year: int | None
    work_plan_number: str | None
    work_plan: str
    name: str = Field(description="計畫 (實施概況)")
    text: str | None = Field(None, description="實施成果")
    source: Loc
    text_loc: Loc | None = None


class OverviewTextRow(_Row):
    kind: str = Field(description="policy_intro, policy_goals, staffing_explanation or other",
                      json_schema_extra=NOT_SEARCHED)
    title: str | None = None
    text: str
    source: Loc
    end_loc: Loc


def _duties(book: Book) -> Iterator[DutyRow]:
    for d in book.overview.duties if book.overview else []:
        yield DutyRow(number=d.number, text=d.text.text, item_count=len(d.items),
                      source=d.loc)


def _divisions(book: Book) -> Iterator[DivisionRow]:
    for d in book.overview.divisions if book.overview else []:
        yield DivisionRow(number=d.number, name=d.name,
                          duties="\n".join(x.text for x in d.duties),
                          duty_count=len(d.duties), source=d.loc)


def _staffing(book: Book) -> Iterator[StaffingRow]:
    s = book.overview.staffing if book.overview else None
    if s is None:
        return
    for r in s.rows:
        yield StaffingRow(name=r.name, last_year=s.last_year, last_year_count=r.last_year_count,
                          year=s.year, count=r.count, source=r.loc)


def _goals(book: Book) -> Iterator[GoalRow]:
    for g in book.overview.goals if book.overview else []:
        yield GoalRow(work_plan_number=g.work_plan_number, work_plan=g.work_plan,
                      number=g.number, name=g.name, text=g.text.text if g.text else None,
                      source=g.loc, text_loc=g.text.loc if g.text else None)


def _results(book: Book) -> Iterator[ProgramResultRow]:
    for part in book.overview.results if book.overview else []:
        for p in part.programs:
            yield ProgramResultRow(
                part_number=part.number, period=p.period, roc_year=p.roc_year,
                work_plan_number=p.work_plan_number, work_plan=p.work_plan, name=p.name,
                text=p.text.text if p.text else None, source=p.loc,
                text_loc=p.text.loc if p.text else None)


def _texts(book: Book) -> Iterator[OverviewTextRow]:
    o = book.overview
    if o is None:
        return
    blocks = [("policy_intro", o.policy_title, o.policy_intro),
              ("policy_goals", o.policy_title, o.policy_goals),
              ("staffing_explanation", o.staffing.title if o.staffing else None,
               o.staffing.explanation if o.staffing else None)]
    blocks += [("other", x.title, x.text) for x in o.other]
    blocks += [("results", x.title, x.text) for x in o.results]
    for kind, title, block in blocks:
        if block is not None:
            yield OverviewTextRow(kind=kind, title=title, text=block.text,
                                  source=block.loc, end_loc=Loc(line=block.end_line))


RESOURCES: list[Resource] = [
    Resource("duties", "機關主要職掌", DutyRow, _duties,
             "The agency's statutory duties (現行法定職掌), one row per numbered item."),
    Resource("divisions", "內部分層業務", DivisionRow, _divisions,
             "The agency's divisions (組/室) and their duties."),
    Resource("staffing-summary", "預算員額說明表", StaffingRow, _staffing,
             "Budgeted posts by staff category, previous year and this year."),
    Resource("goals", "年度重要施政計畫", GoalRow, _goals,
             "The year's important plans: work plan, plan item and what it will do."),
    Resource("program-results", "以前年度計畫實施成果", ProgramResultRow, _results,
             "Results of the programs of the year before last and of the past half year."),
    Resource("overview-texts", "預算總說明文字", OverviewTextRow, _texts,
             "Prose of the overview: policy intro and goals, staffing explanation, other parts."),
]
