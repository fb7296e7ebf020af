"""Reader of 歲入來源別預算表, 歲出機關別預算表 and 歲入項目說明提要表.

The two 預算表 share one row grammar (see `ledger_rows`); what differs is how a code places a
row in the tree (see `ledger_codes`). The notes table has a page per item (see `ledger_notes`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...model.base import Loc, TextBlock
from ...model.ledgers import AgencyExpenditureRow, ExpenditureKind, RevenueRow
from .context import ReadContext
from .ledger_codes import (
    KIND_LEVEL,
    expenditure_kind,
    expenditure_parent,
    revenue_level,
    revenue_parent,
)
from .ledger_notes import read_notes
from .ledger_rows import Draft, assemble, consistent, description, description_parts, resolve
from .ledger_text import join_lines, page_header
from .textmarks import attach

REVENUE = "revenue"
EXPENDITURE = "expenditure_by_agency"
NOTES = "revenue_notes"
PRIOR_HEADER = "前年度決算數"


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from these sections."""
    return {
        "revenue": read_revenue(ctx),
        "expenditure_by_agency": read_expenditure(ctx),
        "revenue_notes": read_notes(ctx, NOTES),
    }


# --- the two 預算表 ---------------------------------------------------------------------------

def value_columns(ctx: ReadContext, sid: str) -> int:
    """3 figures (本年度, 上年度, 比較), or 4 when the header prints 前年度決算數."""
    header = page_header(ctx, sid)
    return 4 if any(PRIOR_HEADER in ln.key for ln in header) else 3


def _drafts(ctx: ReadContext, sid: str,
            parent_of: Callable[[str], str | None]) -> tuple[list[Draft], int]:
    """The section's rows, figures resolved. If no value line reads consistently with the
    header's column count (a header not recognised), the other layout is tried; only the
    findings of the reading kept are reported."""
    first = value_columns(ctx, sid)
    tried = []
    for n in (first, 7 - first):
        scratch = ReadContext(doc=ctx.doc, sections=ctx.sections)
        drafts = assemble(scratch, sid, n)
        tried.append((drafts, n, scratch.findings))
        if _reads(drafts):
            break
    drafts, n, findings = next(
        (t for t in tried if _reads(t[0])),
        next((t for t in tried if any(d.readings for d in t[0])), tried[0]),
    )
    ctx.findings.extend(findings)
    resolve(ctx, sid, drafts, parent_of)
    return drafts, n


def _reads(drafts: list[Draft]) -> bool:
    """Some row prints figures that hold 本年度 - 上年度 = 比較 in this layout."""
    return any(
        any(v is not None for v in r.values) and consistent(r.values)
        for d in drafts for r in d.readings
    )


def _fields(ctx: ReadContext, sid: str, d: Draft, n: int,
            parent_of: Callable[[str], str | None], codes: set[str]) -> dict[str, Any] | None:
    if d.code is None and not d.is_total:
        ctx.report("unparsed", sid, d.line, "figures without a 科目 code")
        return None
    parent = parent_of(d.code) if d.code else None
    r = d.reading
    values: list[int | None] = list(r.values) if r else [None] * n
    if n == 3:
        values.insert(2, None)
    lines = {k: v for k, v in (("code", d.code_line), ("name", d.name_line)) if v and v != d.line}
    text = description(d)
    return {
        "line": d.line,
        "table": sid,
        "lines": lines,
        "code": d.code,
        "name": d.name or "",
        "ordinal": r.ordinal if r else None,
        "parent_code": parent if parent in codes else None,
        "amount": values[0],
        "last_year_amount": values[1],
        "prior_year_actual": values[2],
        "change": values[3],
        "description": attach(TextBlock(text=text[0], loc=Loc(line=text[1]), end_line=text[2], table=sid),
                              description_parts(d), join_lines) if text else None,
    }


def read_revenue(ctx: ReadContext) -> list[RevenueRow]:
    if not ctx.has(REVENUE):
        return []
    drafts, n = _drafts(ctx, REVENUE, revenue_parent)
    out: list[RevenueRow] = []
    codes = {d.code for d in drafts if d.code}
    for d in drafts:
        f = _fields(ctx, REVENUE, d, n, revenue_parent, codes)
        if f is not None:
            level = 0 if d.is_total else revenue_level(d.code or "")
            out.append(RevenueRow(level=level, **f))
    return out


def read_expenditure(ctx: ReadContext) -> list[AgencyExpenditureRow]:
    if not ctx.has(EXPENDITURE):
        return []
    drafts, n = _drafts(ctx, EXPENDITURE, expenditure_parent)
    out: list[AgencyExpenditureRow] = []
    codes = {d.code for d in drafts if d.code}
    for d in drafts:
        f = _fields(ctx, EXPENDITURE, d, n, expenditure_parent, codes)
        if f is not None:
            kind: ExpenditureKind = "total" if d.is_total else expenditure_kind(d.code or "")
            out.append(AgencyExpenditureRow(level=KIND_LEVEL[kind], kind=kind, **f))
    return out
