"""Reader of 媒體政策及業務宣導經費彙計表 (media and publicity spending by 科目).

Like 歲出機關別預算表, the value lines (款/項/目/節 ordinal, then 預算數) are printed before the
code lines, one per 科目 row and in the same order; each 科目 is a 10-digit code on its own line
with its name on the next, and a work plan's 預計執行內容 follows its name. The code says the
level and so whether the value line starts with an ordinal: 00PP000000 主管 (款), 00PPAA0000
機關 (項), FFPPAA0000 政事別 (none), FFPPAAWW00 工作計畫 (目), deeper 節.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import product

from ...model.base import Loc
from ...model.oversight import MediaLevel, MediaRow, MediaTable
from ...numbers import parse_amount, segmentations
from ...text import Line
from ...vocab.sections import BY_ID
from .context import ReadContext
from .oversight_text import agency_name, block, is_furniture

TABLE = "media"
_CODE = re.compile(r"^\s*(\d{10})\s*$")
_VALUES = re.compile(r"^[-\d,\s]+$")
_HEADER = ("科目", "預算數", "預計執行內容", "款項目節", "名稱及編號")


def level_of(code: str) -> MediaLevel:
    if code.startswith("00"):
        return "ministry" if code[4:6] == "00" else "agency"
    if code[6:] == "0000":
        return "function"
    return "work_plan" if code[8:] == "00" else "sub"


def _has_ordinal(level: MediaLevel) -> bool:
    return level != "function"


@dataclass
class _Row:
    code: str
    line: int
    name: str = ""
    desc: list[tuple[int, str]] = field(default_factory=list)


def _is_header(ln: Line) -> bool:
    key = ln.key
    return key in _HEADER or (
        not any(ch.isdigit() for ch in key) and any(h in key for h in _HEADER[1:])
    )


def _readings(ln: Line, level: MediaLevel) -> list[tuple[str | None, list[int | None]]]:
    """(ordinal, amounts) readings of a value line for a row of this level."""
    runs = ln.text.split()
    out: list[tuple[str | None, list[int | None]]] = []
    for segs in product(*[segmentations(r) for r in runs]):
        tokens = [t for s in segs for t in s]
        if any(t.startswith("-") and t != "-" for t in tokens):
            continue
        if _has_ordinal(level):
            if not tokens[0].isdigit():
                continue
            out.append((tokens[0], [parse_amount(t) for t in tokens[1:]]))
        else:
            out.append((None, [parse_amount(t) for t in tokens]))
    # a reading that keeps numbers whole comes first: `4 2,345` is 4 and 2,345
    out.sort(key=lambda o: len(o[1]))
    return out


def read_media(ctx: ReadContext) -> MediaTable | None:
    lines = ctx.lines(TABLE)
    if not lines:
        return None
    agency = agency_name(ctx.doc)
    values: list[Line] = []
    rows: list[_Row] = []
    expect_name = False
    title = BY_ID[TABLE]
    for ln in lines:
        if expect_name:  # a name can equal a page-header fragment (the agency's short name)
            rows[-1].name = ln.key
            expect_name = False
            continue
        if is_furniture(ln, agency) or _is_header(ln) or ln.key in (title.title, *title.fragments):
            continue
        m = _CODE.match(ln.text)
        if m:
            rows.append(_Row(m.group(1), ln.no))
            expect_name = True
        elif _VALUES.match(ln.text) and not rows:
            values.append(ln)
        elif rows:
            rows[-1].desc.append((ln.no, ln.text))
    if len(values) != len(rows):
        ctx.report(
            "unparsed",
            TABLE,
            rows[0].line if rows else None,
            f"{len(values)} value lines for {len(rows)} 科目 rows",
        )
    out: list[MediaRow] = []
    for i, r in enumerate(rows):
        level = level_of(r.code)
        amounts: list[int | None]
        ordinal, amounts, lines_ = None, [], {}
        if i < len(values):
            readings = _readings(values[i], level)
            if readings:
                ordinal, amounts = readings[0]
                lines_ = {"amount": values[i].no, "ordinal": values[i].no}
            if len({(o, tuple(a[:1])) for o, a in readings if len(a) == len(readings[0][1])}) > 1:
                ctx.report(
                    "ambiguous_number",
                    TABLE,
                    values[i].no,
                    f"value line of {r.code} has several readings",
                    [a for _, a in readings],
                )
        out.append(
            MediaRow(
                loc=Loc(line=r.line),
                table=TABLE,
                locs={k: Loc(line=v) for k, v in lines_.items()},
                code=r.code,
                level=level,
                ordinal=ordinal,
                name=r.name,
                amount=amounts[0] if amounts else None,
                extra_amounts=amounts[1:],
                description=block(r.desc, TABLE),
            )
        )
    _check(ctx, out)
    return MediaTable(rows=out)


def _check(ctx: ReadContext, rows: list[MediaRow]) -> None:
    """政事別 and 機關 amounts are the sums of the rows below them."""
    for i, r in enumerate(rows):
        if r.level not in ("agency", "function") or r.amount is None:
            continue
        child = "function" if r.level == "agency" else "work_plan"
        got = 0
        for below in rows[i + 1 :]:
            if below.level == r.level or (r.level == "function" and below.level == "agency"):
                break
            if below.level == child:
                got += below.amount or 0
        if got != r.amount:
            ctx.report(
                "inconsistent",
                TABLE,
                r.line_of("amount"),
                f"預算數 of {r.code} is {r.amount}, its rows add up to {got}",
            )
