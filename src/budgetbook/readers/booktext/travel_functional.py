"""Reader of 歲出按職能及經濟性綜合分類表 (expenditure by function and economic type).

The table's 27 economic columns are printed over three pages, each split into a left half
(the 職能 labels and four columns) and a right half (five columns, no labels). Each half
lists the 總計 row first, then the 職能 rows in the same order. The first page's header and
總計 row can come before the table's title line, so the reader starts at the header.

The 總計 row does not always print its values in column order (`345,678 23,456123,456`
against the detail row's `345,678 123,456 23,456`); the 職能 rows, which each satisfy the
table's row sums, fix the order and the 總計 row is checked against their column sums.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ...model.base import Loc
from ...model.travel import CAPITAL_PARTS, CURRENT_PARTS, ECONOMIC_COLUMNS, FunctionalRow
from ...text import Line
from .context import ReadContext
from .travel_common import Values, candidates, column_sums, is_page_number, nz

TABLE = "functional"
FIELDS = tuple(f for f, _ in ECONOMIC_COLUMNS)
LEFT, RIGHT = 4, 5  # columns per half page
HEADER_TERMS = (
    "職能", "經濟性", "分類", "經常", "資本", "支出", "總計", "移轉", "對企業", "對政府", "對國外",
    "對家庭", "非營利機構", "受僱人員報酬", "商品及勞務", "土地租金", "債務利息", "投資", "增資",
    "營業基金", "特種基金", "民間企業", "土地購入", "無形資產", "住宅", "房屋", "運輸工具",
    "營建工程", "機器", "土地改良", "資訊軟體", "固定", "形成", "歲出按職能及經",
)
_LABEL_LAST = re.compile(r"^(?P<figs>[\d,\-\s]*?)\s*(?P<label>[^\W\d_][^\d]*?)(?P<code>\d+)?$")
_LABEL_FIRST = re.compile(r"^(?P<label>[^\d\-]+?)\s+(?P<figs>[\d,\-\s]+)$")


@dataclass
class HalfRow:
    line: Line
    figs: str
    label: str | None = None
    code: str | None = None


def region_start(ctx: ReadContext, junk: set[str]) -> int | None:
    """First line of the table: its title, or the header and 總計 row printed above it."""
    sec = ctx.sections.get(TABLE)
    if sec is None:
        return None
    start = sec.start
    before = ctx.doc.nonblank(max(1, start - 80), start)
    for ln in reversed(before):
        key = ln.key
        if key in junk or any(t in key for t in HEADER_TERMS):
            start = ln.no
            continue
        break
    return start


def _half_row(ln: Line, junk: set[str]) -> HalfRow | None:
    text = ln.text.strip()
    if not text or not any(c.isdigit() or c == "-" for c in text):
        return None
    if re.fullmatch(r"[\d,\-\s]+", text):
        return None if is_page_number(ln) else HalfRow(ln, text)
    m = _LABEL_FIRST.match(text)
    if m and re.sub(r"\s+", "", m.group("label")) == "總計":
        return HalfRow(ln, m.group("figs"), "總計")
    m = _LABEL_LAST.match(text)
    if m and m.group("figs").strip():
        label = re.sub(r"\s+", "", m.group("label"))
        if label in junk or "年度" in label:  # the page header's year line (115年度)
            return None
        return HalfRow(ln, m.group("figs"), label, m.group("code"))
    return None


def _groups(lines: list[Line], junk: set[str]) -> list[list[HalfRow]]:
    """Runs of labelled rows (left halves) and of bare rows (right halves), in order."""
    groups: list[list[HalfRow]] = []
    for ln in lines:
        row = _half_row(ln, junk)
        if row is None:
            continue
        if groups and (groups[-1][0].label is None) == (row.label is None):
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _row_ok(v: Values) -> bool:
    d = dict(zip(FIELDS, v, strict=True))
    cur = sum(nz(d[f]) for f in CURRENT_PARTS)
    cap = sum(nz(d[f]) for f in CAPITAL_PARTS)
    return (cur == nz(d["current_total"]) and cap == nz(d["capital_total"])
            and nz(d["total"]) == nz(d["current_total"]) + nz(d["capital_total"]))


def read_functional(ctx: ReadContext, lines: list[Line],
                    junk: set[str]) -> tuple[list[FunctionalRow], FunctionalRow | None]:
    groups = _groups(lines, junk)
    if not groups:
        return [], None
    if groups[0][0].label is None or len(groups) % 2 or len(groups) // 2 * (LEFT + RIGHT) != len(FIELDS):
        ctx.report("unparsed", TABLE, groups[0][0].line.no,
                   f"expected {len(FIELDS) // (LEFT + RIGHT)} pages of labelled and bare rows, "
                   f"found {len(groups)} runs of rows")
        return [], None
    n = len(groups[0])
    for g in groups[1:]:
        if len(g) != n:
            ctx.report("unparsed", TABLE, g[0].line.no, f"a half page lists {len(g)} rows, not {n}")
            return [], None
    # per row: the half rows of every half page, and the readings of each half
    halves = [[g[i] for g in groups] for i in range(n)]
    options: list[list[Values]] = []
    for row in halves:
        per_half = [candidates(h.figs, LEFT if h.label is not None else RIGHT) for h in row]
        combos = [tuple(itertools.chain(*c)) for c in itertools.product(*per_half)]
        fitting = [c for c in combos if _row_ok(c)]
        options.append(fitting or combos)
    out = [_build(row, opts) for row, opts in zip(halves, options, strict=True)]
    total_i = next((i for i, r in enumerate(out) if r.is_total), None)
    details = [i for i in range(n) if i != total_i]
    _decide_details(ctx, out, options, details, total_i)
    if total_i is not None:
        _check_total(ctx, out[total_i], options[total_i], [out[i] for i in details])
    total = out[total_i] if total_i is not None else None
    return [out[i] for i in details], total


def _build(row: list[HalfRow], opts: list[Values]) -> FunctionalRow:
    first = row[0]
    rec = FunctionalRow(loc=Loc(line=first.line.no), table=TABLE, name=first.label or "",
                        code=first.code, is_total=first.label == "總計")
    pos = 0
    for h in row:
        width = LEFT if h.label is not None else RIGHT
        for f in FIELDS[pos : pos + width]:
            if h.line.no != rec.line:
                rec.set_loc(f, h.line.no)
        pos += width
    if len(opts) == 1:
        _fill(rec, opts[0])
    return rec


def _fill(rec: FunctionalRow, values: Values) -> None:
    for f, v in zip(FIELDS, values, strict=True):
        setattr(rec, f, v)


def _values(rec: FunctionalRow) -> Values:
    return tuple(getattr(rec, f) for f in FIELDS)


def _decide_details(ctx: ReadContext, out: list[FunctionalRow], options: list[list[Values]],
                    details: list[int], total_i: int | None) -> None:
    open_rows = [i for i in details if len(options[i]) != 1]
    if not open_rows:
        return
    if total_i is not None and len(options[total_i]) == 1:
        others = [_values(out[i]) for i in details if i not in open_rows]
        fits = []
        for combo in itertools.islice(itertools.product(*(options[i] for i in open_rows)), 20000):
            sums = column_sums([*others, *combo])
            if all(nz(a) == nz(b) for a, b in zip(sums, options[total_i][0], strict=True)):
                fits.append(combo)
        if len(fits) == 1:
            for i, v in zip(open_rows, fits[0], strict=True):
                _fill(out[i], v)
            return
    for i in open_rows:
        ctx.report("ambiguous_number", TABLE, out[i].line,
                   f"{out[i].name}: glued figures not decided by the row and column sums",
                   [list(v) for v in options[i][:20]])


def _check_total(ctx: ReadContext, total: FunctionalRow, opts: list[Values],
                 details: list[FunctionalRow]) -> None:
    """Take the 總計 row in column order: the detail rows' sums when the printed values are
    the same figures in another order; report it when they are other figures."""
    if not details or not opts:
        if len(opts) == 1:
            _fill(total, opts[0])
        return
    sums = column_sums([_values(d) for d in details])
    for v in opts:
        if all(nz(a) == nz(b) for a, b in zip(v, sums, strict=True)):
            _fill(total, v)
            return
    pos = 0
    for width in (LEFT, RIGHT) * (len(FIELDS) // (LEFT + RIGHT)):
        want = sorted(nz(x) for x in sums[pos : pos + width])
        if not any(sorted(nz(x) for x in v[pos : pos + width]) == want for v in opts):
            ctx.report("inconsistent", TABLE, total.line_of(FIELDS[pos]),
                       f"總計 columns {FIELDS[pos]}..{FIELDS[pos + width - 1]} differ from the "
                       "sums of the 職能 rows", [list(v[pos : pos + width]) for v in opts])
            if len(opts) == 1:
                _fill(total, opts[0])
            return
        pos += width
    _fill(total, sums)
