"""Flat views the audit rules join on, derived from the model by structure alone.

Each view row carries `source_line`. They complement the export resources (also reachable as
`t.<resource>`), adding what a cross-table rule needs: the cells of 各項費用彙計表 with their
column's work plan, the figures stated in prose (說明), and the union of keys two tables share
(so a figure printed in one table and missing from the other fails rather than vanishing).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel

from ..model import Book
from ..model.base import TextBlock
from ..numbers import parse_amount
from ..vocab.object_codes import standard_name

TOTAL_COLUMN = "total"
# 本年度預算數1,234千元，包括業務費1,000千元，獎補助費234千元。
_STATED_TOTAL = re.compile(r"本年度預算數(\d{1,3}(?:,\d{3})*|\d+)千元")
_STATED_PART = re.compile(r"([\u4e00-\u9fff]{2,8}?)(\d{1,3}(?:,\d{3})*|\d+)千元")
_SUB_PLAN_TOTAL = re.compile(r"^本項分支計畫編列(\d{1,3}(?:,\d{3})*|\d+)千元")
_MEDIA = re.compile(r"含媒體(?:政策及業務)?宣導經費(\d{1,3}(?:,\d{3})*|\d+)千元")
# 職員95人、聘用11人 / 聘用人員11人，約僱人員6人
_STAFF = re.compile(r"(職員|聘用|約僱|技工|工友|駕駛|警察|法警|駐警)(?:人員)?(\d+)人")


class Cell(BaseModel):
    object_code: str
    object_name: str
    parent_code: str | None
    level: int | None
    column: str  # the work plan's code, or "total" for the 合計 column
    work_plan_code: str | None
    amount: int | None
    source_line: int


class Stated(BaseModel):
    """A figure stated in prose: `label` is what the text calls it (本年度預算數, 業務費 …)."""

    table: str
    kind: str  # total | object | sub_plan_total | media | staff
    code: str | None  # work plan (or ledger row) code
    sub_plan_no: str | None = None
    label: str
    amount: int | None
    source_line: int


class KindLine(BaseModel):
    """A second-level object line with the kind its standard name gives it."""

    work_plan_code: str
    sub_plan_no: str
    object_code: str
    object_name: str
    kind: str  # subsidy (補助) | donation (捐助) | commissioned (委辦) | other
    amount: int | None
    source_line: int


class Key(BaseModel):
    work_plan_code: str
    object_code: str | None = None
    source_line: int | None = None


class GrantGroup(BaseModel):
    work_plan_code: str
    object_code: str | None
    amount: int | None
    source_line: int


def cost_cells(book: Book) -> list[Cell]:
    cs = book.cost_summary
    if cs is None:
        return []
    codes = [c.code for c in cs.columns]
    out: list[Cell] = []
    for row in cs.rows:
        for i, amount in enumerate(row.amounts):
            code = codes[i] if i < len(codes) else None
            out.append(Cell(object_code=row.code, object_name=row.name,
                            parent_code=row.parent_code, level=row.level,
                            column=code or f"column{i + 1}", work_plan_code=code,
                            amount=amount, source_line=row.line))
        out.append(Cell(object_code=row.code, object_name=row.name, parent_code=row.parent_code,
                        level=row.level, column=TOTAL_COLUMN, work_plan_code=None,
                        amount=row.total, source_line=row.line))
    if cs.total is not None:
        for i, amount in enumerate(cs.total.amounts):
            code = codes[i] if i < len(codes) else None
            out.append(Cell(object_code="TOTAL", object_name="合計", parent_code=None, level=0,
                            column=code or f"column{i + 1}", work_plan_code=code, amount=amount,
                            source_line=cs.total.line))
        out.append(Cell(object_code="TOTAL", object_name="合計", parent_code=None, level=0,
                        column=TOTAL_COLUMN, work_plan_code=None, amount=cs.total.total,
                        source_line=cs.total.line))
    return out


def _amount(text: str) -> int | None:
    try:
        return parse_amount(text)
    except ValueError:
        return None


def _first_sentence(block: TextBlock) -> str:
    return re.split(r"[。\n]", block.text, maxsplit=1)[0]


def stated(book: Book) -> list[Stated]:
    out: list[Stated] = []
    for row in book.expenditure_by_agency:
        d = row.description
        if d is None or row.code is None:
            continue
        first = _first_sentence(d)
        m = _STATED_TOTAL.search(first)
        if not m:
            continue
        out.append(Stated(table="expenditure_by_agency", kind="total", code=row.code,
                          label="本年度預算數", amount=_amount(m.group(1)), source_line=d.line))
        rest = first[m.end():]
        if "包括" in rest:
            for label, number in _STATED_PART.findall(rest.split("包括", 1)[1]):
                out.append(Stated(table="expenditure_by_agency", kind="object", code=row.code,
                                  label=label, amount=_amount(number), source_line=d.line))
    for wp in book.work_plans:
        for sp in wp.sub_plans:
            d = sp.description
            if d is None:
                continue
            m = _SUB_PLAN_TOTAL.search(d.text)
            if m:
                out.append(Stated(table="plans", kind="sub_plan_total", code=wp.code,
                                  sub_plan_no=sp.no, label="編列", amount=_amount(m.group(1)),
                                  source_line=d.line))
            for number in _MEDIA.findall(d.text):
                out.append(Stated(table="plans", kind="media", code=wp.code, sub_plan_no=sp.no,
                                  label="媒體宣導經費", amount=_amount(number),
                                  source_line=d.line))
    return out


def stated_staff(book: Book) -> list[Stated]:
    """Head counts stated in 人事費彙計表 說明 and sub-plan 說明, per category."""
    out: list[Stated] = []
    blocks: list[tuple[str, TextBlock]] = []
    if book.personnel_costs is not None:
        blocks += [("personnel_costs", c.description) for c in book.personnel_costs.categories
                   if c.description is not None]
    for wp in book.work_plans:
        blocks += [("plans", sp.description) for sp in wp.sub_plans
                   if sp.description is not None and _STAFF.search(sp.description.text)]
    for table, block in blocks:
        seen: set[str] = set()
        for label, count in _STAFF.findall(block.text):
            if label in seen:
                continue  # 人事費 說明 can name a category twice (e.g. its 獎金 breakdown)
            seen.add(label)
            out.append(Stated(table=table, kind="staff", code=None, label=label,
                              amount=int(count), source_line=block.line))
    return out


_KINDS = (("補助", "subsidy"), ("捐助", "donation"), ("委辦", "commissioned"))


def _kind(code: str, printed: str) -> str:
    name = standard_name(code) or printed
    return next((kind for word, kind in _KINDS if word in name), "other")


def kind_lines(book: Book) -> list[KindLine]:
    return [
        KindLine(work_plan_code=wp.code, sub_plan_no=sp.no, object_code=ln.code,
                 object_name=ln.name, kind=_kind(ln.code, ln.name), amount=ln.amount,
                 source_line=ln.line)
        for wp in book.work_plans for sp in wp.sub_plans for ln in sp.object_lines
        if ln.level == 2
    ]


def _lines_of_kind(book: Book, kind: str) -> Iterable[tuple[str, str]]:
    for ln in kind_lines(book):
        if ln.kind == kind:
            yield ln.work_plan_code, ln.object_code


def grant_groups(book: Book) -> tuple[list[GrantGroup], list[GrantGroup]]:
    subsidies: list[GrantGroup] = []
    if book.subsidies is not None:
        subsidies = [GrantGroup(work_plan_code=g.work_plan_code, object_code=None,
                                amount=g.amount, source_line=g.line)
                     for g in book.subsidies.groups]
    donations: list[GrantGroup] = []
    if book.donations is not None:
        for cat in book.donations.categories:
            for obj in cat.objects:
                donations += [GrantGroup(work_plan_code=g.work_plan_code,
                                         object_code=obj.object_code, amount=g.amount,
                                         source_line=g.line) for g in obj.groups]
    return subsidies, donations


def keys(pairs: Iterable[tuple[str, str | None]]) -> list[Key]:
    seen: dict[tuple[str, str | None], Key] = {}
    for wp, obj in pairs:
        seen.setdefault((wp, obj), Key(work_plan_code=wp, object_code=obj))
    return list(seen.values())


def all_views(book: Book) -> dict[str, list[BaseModel]]:
    subsidies, donations = grant_groups(book)
    commissioned = []
    if book.commissioned is not None:
        commissioned = [t.work_plan_code for t in book.commissioned.totals if t.work_plan_code]
    return {
        "cost_cells": cost_cells(book),
        "kind_lines": kind_lines(book),
        "stated": stated(book),
        "stated_staff": stated_staff(book),
        "subsidy_groups": subsidies,
        "donation_groups": donations,
        # keys present in either table, so a side missing its figure fails the check
        "subsidy_keys": keys([(g.work_plan_code, None) for g in subsidies]
                             + [(wp, None) for wp, _ in _lines_of_kind(book, "subsidy")]),
        "donation_keys": keys([(g.work_plan_code, g.object_code) for g in donations]
                              + list(_lines_of_kind(book, "donation"))),
        "commissioned_keys": keys([(wp, None) for wp in commissioned]
                                  + [(wp, None) for wp, code in _lines_of_kind(book, "commissioned")]),
    }
