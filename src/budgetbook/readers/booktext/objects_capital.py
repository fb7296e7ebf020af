"""Reader of 資本支出分析表.

Rows carry their 10-digit 科目 code. The left page half prints 土地, 房屋建築及設備, 公共建設及設施,
機械設備 with the 款/項/目 ordinal glued among them (`- - -4 -`, `<ministry>主管12`); the right half
prints 運輸設備, 資訊軟硬體設備, 雜項設備, 權利, 投資, 其他資本支出 and 合計. 合計 decides among
the readings of glued figures.
"""

from __future__ import annotations

from ...model.base import Loc
from ...model.objects import CAPITAL_COLUMNS, CapitalExpenditure, CapitalExpenditureRow
from .context import ReadContext
from .objects_common import (
    CodedRow,
    amount,
    coded_halves,
    level_of,
    matches,
    pair_halves,
    readings,
    split_ordinal,
    total_of,
)

SID = "capital"
LEFT = [f for f, _ in CAPITAL_COLUMNS[:4]]
RIGHT = [f for f, _ in CAPITAL_COLUMNS[4:]]


def read_capital(ctx: ReadContext) -> CapitalExpenditure | None:
    if not ctx.has(SID):
        return None
    table = CapitalExpenditure(table=SID, loc=Loc(line=ctx.sections[SID].start))
    for left, right in pair_halves(coded_halves(ctx.lines(SID))):
        table.rows.append(_row(ctx, left, right))
    return table


def _row(ctx: ReadContext, left: CodedRow, right: CodedRow | None) -> CapitalExpenditureRow:
    level = level_of(left.code)
    row = CapitalExpenditureRow(loc=Loc(line=left.line), table=SID, code=left.code, name=left.name,
                                level=level, ordinal=left.ordinal)
    expect = level != "function" and left.ordinal is None
    right_printed = right is not None and right.printed
    if expect and not right_printed:
        # a heading row: at most its glued ordinal
        runs = left.prefixes()[0][0]
        if len(runs) == 1 and runs[0].isdigit():
            row.ordinal = runs[0]
        row.printed = bool(runs) and row.ordinal is None
        if not row.printed:
            return row
    if right is None or not right.printed:
        ctx.report("unparsed", SID, left.line, f"no right-half figures for {left.code}")
        return row
    found: list[tuple[str | None, dict[str, int | None]]] = []
    printed: list[tuple[str | None, dict[str, int | None]]] = []  # readings that do not add up
    for lruns, _ in left.prefixes():
        for lr in readings(lruns, len(LEFT) + int(expect)):
            for ordinal, toks in split_ordinal(lr, expect):
                lvals = {f: amount(t) for f, (t, _) in zip(LEFT, toks, strict=True)}
                for rruns, _ in right.prefixes():
                    for rr in readings(rruns, len(RIGHT)):
                        vals = dict(lvals)
                        vals.update({f: amount(t) for f, (t, _) in zip(RIGHT, rr, strict=True)})
                        parts = [vals[f] for f in LEFT + RIGHT[:-1]]
                        if matches(vals["total"], parts) and (ordinal, vals) not in found:
                            found.append((ordinal, vals))
                        elif len(printed) < 1000:
                            printed.append((ordinal, vals))
        if found:
            break
    if not found and printed:
        # figures that parse but do not add up: read as printed (the reading closest to 合計),
        # the row's 合計 line reported; the column sums point at the figure itself
        found = [min(printed, key=lambda o: abs((o[1]["total"] or 0)
                                                  - total_of([o[1][f] for f in LEFT + RIGHT[:-1]])))]
        ctx.report("inconsistent", SID, right.line,
                   f"{left.code}: the columns do not add up to 合計 as printed")
    elif not found:
        ctx.report("unparsed", SID, left.line, f"no reading of {left.code} agrees with 合計")
        return row
    distinct = {tuple(v.values()) for _, v in found}
    if len(distinct) > 1:
        ctx.report("ambiguous_number", SID, left.line,
                   f"{left.code}: {len(distinct)} readings agree with 合計; first kept",
                   [list(v) for v in distinct])
    ordinal, vals = found[0]
    for f, v in vals.items():
        setattr(row, f, v)
    if ordinal:
        row.ordinal = ordinal
    row.locs = {f: Loc(line=right.line) for f in RIGHT}
    return row
