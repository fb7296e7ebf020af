"""Flat views the audit rules join on, derived from the model by structure alone.

Each view row carries its `source` location. They complement the export resources (also reachable as
`t.<resource>`), adding what a cross-table rule needs: the cells of 各項費用彙計表 with their
column's work plan, the figures stated in prose (說明), and the union of keys two tables share
(so a figure printed in one table and missing from the other fails rather than vanishing).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache

from pydantic import BaseModel

from .. import units
from ..model import Book
from ..model.base import Loc, TextBlock
from ..model.ledgers import AgencyExpenditureRow
from ..model.plans import SubPlan
from ..numbers import parse_amount
from ..vocab.object_codes import standard_name

TOTAL_COLUMN = "total"
_AMOUNT = r"(\d{1,3}(?:,\d{3})*|\d+)"


@dataclass(frozen=True)
class _Prose:
    """The patterns of figures stated in prose, in the book's unit word (千元 or 元): e.g.
    本年度預算數1,234千元，包括業務費1,000千元，獎補助費234千元。"""

    stated_total: re.Pattern[str]
    stated_part: re.Pattern[str]
    sub_plan_total: re.Pattern[str]
    media: re.Pattern[str]
    amount_in: re.Pattern[str]
    sub_plan_amount: re.Pattern[str]


@cache
def _prose(word: str) -> _Prose:
    u = re.escape(word)
    return _Prose(
        stated_total=re.compile("本年度預算數" + _AMOUNT + u),
        stated_part=re.compile(r"([\u4e00-\u9fff]{2,8}?)" + _AMOUNT + u),
        sub_plan_total=re.compile("^本項分支計畫編列" + _AMOUNT + u),
        media=re.compile("含媒體(?:政策及業務)?宣導經費" + _AMOUNT + u),
        amount_in=re.compile(_AMOUNT + u),
        sub_plan_amount=re.compile(r"([^，。]+?)經?費" + _AMOUNT + u),
    )


def _prose_of(book: Book) -> _Prose:
    return _prose(units.WORD[book.unit])
_ITEM = re.compile(r"\((\d{1,2})\)")
_CHANGE_KEY = re.compile(r"(淨)?([增減])列")
_SUB_CHANGE = re.compile(r"<\d{1,2}>")
_TOP_ITEM = re.compile(r"^(\d{1,2})\.(?!\d)")
_SUB_ITEM = re.compile(r"^[（(]\s*(\d{1,2})\s*[)）]")
# 職員95人、聘用11人 / 聘用人員11人，約僱人員6人
_STAFF = re.compile(r"(職員|聘用|約僱|技工|工友|駕駛|警察|法警|駐警)(?:人員)?(\d+)人")


def plan_group(code: str | None) -> str | None:
    """The 業務計畫 a 10-digit (a city's 11-digit) 科目 code belongs to (`1234562501` -> `1234562500`):
    a table that prints a 業務計畫 as one row where others print its 工作計畫 one by one is
    compared with their sum."""
    if code and len(code) in (10, 11) and code.isdigit():  # a city's has 11 digits
        return code[:-2] + "00"
    return code


def object_class(code: str) -> str:
    """A 用途別科目 code as a central book prints it: a city's 6 digits are the central 4 and
    `00` (101500 -> 1015), so the rules joining by 1000, 2000 … read both."""
    return code[:4] if len(code) == 6 and code.isdigit() and code.endswith("00") else code


class Cell(BaseModel):
    object_code: str
    object_name: str
    parent_code: str | None
    level: int | None
    column: str  # the work plan's code, or "total" for the 合計 column
    work_plan_code: str | None
    work_plan_group: str | None = None  # its 業務計畫 (plan_group), for a table printing that
    amount: int | None
    source: Loc
    object_class: str = ""  # object_code as a central book prints it (object_class)

    def model_post_init(self, _context: object) -> None:
        if self.work_plan_group is None:
            self.work_plan_group = plan_group(self.work_plan_code)
        self.object_class = self.object_class or object_class(self.object_code)


class Stated(BaseModel):
    """A figure stated in prose: `label` is what the text calls it (本年度預算數, 業務費 …).

    kinds: total, object (本年度預算數 and its 包括 parts, 歲出機關別預算表); sub_plan (a
    sub-plan's amount named in that 說明), change (its 較上年度 增列/減列, signed; the 淨 one
    where printed) and change_part (the 增列/減列 a 淨 one nets); sub_plan_total (本項分支計畫
    編列), item (the amount of a numbered item of a sub-plan's 說明; `parent` is the item it
    details) and item_part (the figures an item's 計 adds up); media; staff; personnel (a
    人事費 category's 共計) and personnel_part (what it adds up)."""

    table: str
    kind: str
    code: str | None  # work plan (or ledger row) code
    sub_plan_no: str | None = None
    item: str | None = None
    parent: str | None = None
    lead: bool = True  # the first of the figures an item states without a total of them
    label: str
    amount: int | None
    source: Loc


class KindLine(BaseModel):
    """A second-level object line with the kind its standard name gives it."""

    work_plan_code: str
    sub_plan_no: str
    object_code: str
    object_name: str
    kind: str  # subsidy (補助) | donation (捐助) | commissioned (委辦) | other
    amount: int | None
    source: Loc
    # the code another table files this line under: its work plan's, or the 業務計畫's where
    # that table prints only the 業務計畫 (委辦經費分析表 may)
    filed_under: str | None = None


class Key(BaseModel):
    work_plan_code: str
    object_code: str | None = None
    source: Loc | None = None


class GrantGroup(BaseModel):
    work_plan_code: str
    object_code: str | None
    amount: int | None
    source: Loc


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
                            amount=amount, source=row.loc_of(f"amounts[{i}]")))
        out.append(Cell(object_code=row.code, object_name=row.name, parent_code=row.parent_code,
                        level=row.level, column=TOTAL_COLUMN, work_plan_code=None,
                        amount=row.total, source=row.loc_of("total")))
    if cs.total is not None:
        for i, amount in enumerate(cs.total.amounts):
            code = codes[i] if i < len(codes) else None
            out.append(Cell(object_code="TOTAL", object_name="合計", parent_code=None, level=0,
                            column=code or f"column{i + 1}", work_plan_code=code, amount=amount,
                            source=cs.total.loc_of(f"amounts[{i}]")))
        out.append(Cell(object_code="TOTAL", object_name="合計", parent_code=None, level=0,
                        column=TOTAL_COLUMN, work_plan_code=None, amount=cs.total.total,
                        source=cs.total.loc_of("total")))
    return out


def _amount(text: str) -> int | None:
    try:
        return parse_amount(text)
    except ValueError:
        return None


def _first_sentence(block: TextBlock) -> str:
    return re.split(r"[。\n]", block.text, maxsplit=1)[0]


def _figure_line(block: TextBlock, m: re.Match[str], group: int = 1) -> Loc:
    """A figure's location: the line of its last digit (a figure can wrap onto the next line)."""
    return block.loc_at(m.end(group) - 1)


def _squash(name: str) -> str:
    return re.sub(r"[^\w]", "", name)


def _agency_stated(row: AgencyExpenditureRow, book: Book) -> list[Stated]:
    d = row.description
    if d is None or row.code is None:
        return []
    out: list[Stated] = []
    first = _first_sentence(d)
    prose = _prose_of(book)
    m = prose.stated_total.search(first)
    if not m:
        return []

    def add(kind: str, label: str, mm: re.Match[str], group: int = 1, sign: int = 1,
            **kw: str | None) -> None:
        value = _amount(mm.group(group))
        out.append(Stated(table="expenditure_by_agency", kind=kind, code=row.code, label=label,
                          amount=None if value is None else sign * value,
                          source=_figure_line(d, mm, group), **kw))

    add("total", "本年度預算數", m)
    rest_at = m.end()
    if "包括" in first[rest_at:]:
        start = first.index("包括", rest_at) + len("包括")
        for pm in prose.stated_part.finditer(first, start, len(first)):
            add("object", pm.group(1), pm, 2)
    # (n)<sub-plan>經費<amount>千元，較上年度增列…<amount>千元，減列…，計淨減列<amount>千元。
    subs = {_squash(sp.name): sp.no for wp in book.work_plans if wp.code == row.code
            for sp in wp.sub_plans}
    marks = list(_ITEM.finditer(d.text))
    for k, im in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(d.text)
        head = prose.sub_plan_amount.match(d.text, im.end(), end)
        item = im.group(1)
        if head:
            add("sub_plan", head.group(1), head, 2,
                sub_plan_no=subs.get(_squash(head.group(1))), item=item)
        changes = []
        # <1>, <2> … detail the item's change (they restate it): the item's own words end there
        sub = _SUB_CHANGE.search(d.text, im.end(), end)
        end = sub.start() if sub else end
        after = d.text.find("較上年度", head.end() if head else im.end(), end)
        if after < 0:
            # 新增…<amount>千元: all of a new item is an increase; 所列<amount>千元如數減列: a
            # finished one's whole last-year amount is a decrease
            gone = d.text.find("如數減列", im.end(), end)
            new = d.text.startswith("新增", im.end())
            if gone >= 0 or new:
                amounts = [am for am in prose.amount_in.finditer(d.text, im.end(),
                                                                  gone if gone >= 0 else end)
                           if not _MULTI_YEAR.search(re.split(r"[，、；。：:]",
                                                              d.text[im.end():am.start()])[-1])]
                if amounts:
                    add("change", "較上年度", amounts[-1], sign=-1 if gone >= 0 else 1,
                        item=item)
            continue
        keys = list(_CHANGE_KEY.finditer(d.text, after, end))
        for am in prose.amount_in.finditer(d.text, after, end):
            key = next((km for km in reversed(keys) if km.end() <= am.start()), None)
            if key is not None:
                changes.append((am, -1 if key.group(2) == "減" else 1, bool(key.group(1))))
        net = [c for c in changes if c[2]]
        for am, sign, is_net in changes:
            kind = ("change" if not net or is_net else "change_part")
            add(kind, "較上年度", am, sign=sign, item=item)
            if is_net:
                add("change_net", "較上年度", am, sign=sign, item=item)
    return out


_OPEN = "（(【[〔"
_CLOSE = "）)】]〕"
# a figure for more than this year: a project's 總經費, what earlier years 已編列, what later years need
_MULTI_YEAR = re.compile(r"總經費|已編列|已列|以前年度|未來年度|累計")
_TOTAL_WORD = re.compile(r"^(?:合計|共計|合共|總計|總共)|^(?:計|共)$|(?:合計|共計|合共|總計)$")
# what follows a figure its details come after: `X千元：`, `X千元，其中…`, `X千元，包括：`, `X千元係…`
_DETAILS = re.compile(r"^[，。]?\s*(?:(?P<list>[：:])|(?P<of>其中|係?包括|係?包含|明細如下)|(?P<as>係))")


@dataclass
class _Figure:
    """A figure of an item's prose and the figures that detail it."""

    value: int | None
    start: int
    end: int
    clause: str  # the words before it, from the last separator
    opens: str | None = None  # list (`：`), of (其中/包括), as (係), year (本年度…)
    total: bool = False
    parts: list[_Figure] = field(default_factory=list)
    restates: _Figure | None = None  # a total restating the one figure it adds up the details of


def _flat(text: str) -> str:
    """The text with what stands in brackets blanked out (`（經常支出…千元）`, `（含…）`): an aside,
    not a figure of the sentence."""
    out, depth = [], 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        if depth:
            out.append("\u3000")
        else:
            out.append(ch)
        if ch in _CLOSE and depth:
            depth -= 1
    return "".join(out)


def _paragraph(text: str, prose: _Prose) -> list[_Figure]:
    """The figures of one numbered paragraph as a tree: what the paragraph states at its own level,
    each with the figures that detail it (after `：`, 其中, 包括, 明細如下, 係, or this year's amount
    of a multi-year project) and each total (合計, 共計, 合共, `，計`; `…等，所需` after a list)
    with the figures it adds up. Figures in brackets and multi-year figures (總經費, 已編列,
    以前年度, 未來年度) are left out: they restate or exceed the item, they do not make it up."""
    flat = _flat(text)
    figures: list[_Figure] = []
    last = 0
    for m in prose.amount_in.finditer(flat):
        if flat[m.start()] == "\u3000":
            continue
        before = flat[last:m.start()]
        clause = re.split(r"[，、；。：:]", before)[-1].replace("\u3000", "").strip()
        last = m.end()
        if _MULTI_YEAR.search(clause):
            continue
        figures.append(_Figure(_amount(m.group(1)), m.start(), m.end(1), clause))
    root: list[_Figure] = []
    stack: list[_Figure] = []
    since = 0  # root figures before this index are added up by a total already
    sentence = 0  # … or stand in an earlier sentence (`；`, `。`)
    for k, f in enumerate(figures):
        prev = figures[k - 1] if k else None
        gap = flat[prev.end if prev else 0:f.start]
        if prev is not None and prev.opens:
            dm = _DETAILS.match(re.sub(r"^\S*?元", "", gap))
            gap = gap[gap.find(dm.group(0)) + len(dm.group(0)):] if dm else gap
        if "。" in gap:
            stack.clear()
        if "；" in gap or "。" in gap:
            while stack and stack[-1].opens in ("list", "as"):
                stack.pop()
            sentence = len(root)
        after = flat[f.end:figures[k + 1].start if k + 1 < len(figures) else len(flat)]
        after = re.sub(r"^\S*?元", "", after, count=1).replace("\u3000", "")
        dm = _DETAILS.match(after)
        if dm:
            f.opens = next(name for name, v in dm.groupdict().items() if v)
        elif "本年度" in f.clause:
            f.opens = "year"
        listed = not stack and f.clause.startswith("所需") and "，" in gap[-len(f.clause) - 2:] \
            and len(root) - max(since, sentence) >= 2
        if (_TOTAL_WORD.search(f.clause) or listed) and len(root) > since:
            stack.clear()
            parts = root[since:]
            if len(parts) == 1 and parts[0].parts:
                f.restates, f.parts = parts[0], parts[0].parts
            else:
                f.parts = parts
            root[since:] = [f]
            since = sentence = len(root)
            continue
        while f.opens and stack and stack[-1].opens == f.opens:
            stack.pop()  # `A千元係…；B千元係…`: the second details itself, not the first
        (stack[-1].parts if stack else root).append(f)
        if f.opens:
            stack.append(f)
    return root


Item = tuple[str, str, str | None, int | None, Loc, bool]


def _paragraph_items(root: list[_Figure], item: str, parent: str | None,
                     loc: Callable[[_Figure], Loc]) -> list[Item]:
    out: list[Item] = []
    details = 0

    def emit(kind: str, key: str, of: str | None, f: _Figure, lead: bool = True) -> None:
        out.append((kind, key, of, f.value, loc(f), lead))

    def detail(f: _Figure, own: bool = True) -> None:
        """The figures detailing `f` and those detailing them, each as its own check."""
        nonlocal details
        if f.restates is not None:
            detail(f.restates)  # the figure a total restates adds up the same details
        if not f.parts:
            return
        if own:
            details += 1
            key = f"{item}~{details}"
            emit("detail", key, item, f)
            for p in f.parts:
                emit("detail_part", key, key, p)
        if f.restates is None:
            for p in f.parts:
                detail(p)

    if len(root) == 1:
        emit("item", item, parent, root[0])
        for p in root[0].parts:
            emit("item_part", item, item, p)
        detail(root[0], own=False)
    else:
        for k, f in enumerate(root):
            emit("item", item, parent, f, lead=k == 0)
            detail(f)
    return out


def _items(d: TextBlock, prose: _Prose) -> list[Item]:
    """The numbered items of a 說明 (`1.…計<amount>千元`, `(1)…<amount>千元`), as (kind, item,
    parent, amount, line, lead): kind `item` for an item's amount (its total, else each figure it
    states at its own level; `lead` marks the first), `item_part` for the figures that make up an
    item's one amount, `detail` for a figure detailed further within the item and `detail_part`
    for its details. The sub-items of an item stating no amount of its own stand for it (parent
    None); those of an item with an amount detail it."""
    out: list[Item] = []
    top: str | None = None  # the current numbered item
    top_has_amount = False
    pos = 0
    for text in d.text.split("\n"):
        at, pos = pos, pos + len(text) + 1
        tm, sm = _TOP_ITEM.match(text), _SUB_ITEM.match(text)
        if not tm and not sm:
            continue
        root = _paragraph(text, prose)
        if tm:
            top, item, parent = tm.group(1), tm.group(1), None
            top_has_amount = bool(root)
        elif top is None:
            assert sm is not None  # not a top item, so a sub-item
            item, parent = f"({sm.group(1)})", None
        else:
            assert sm is not None  # not a top item, so a sub-item
            item, parent = f"{top}({sm.group(1)})", top if top_has_amount else None

        def loc(f: _Figure, at: int = at) -> Loc:
            return d.loc_at(at + f.end - 1)  # the line of its last digit

        out += _paragraph_items(root, item, parent, loc)
    return out


def _sub_plan_items(wp_code: str, sp: SubPlan, prose: _Prose) -> list[Stated]:
    if sp.description is None:
        return []
    return [Stated(table="plans", kind=kind, code=wp_code, sub_plan_no=sp.no, item=item,
                   parent=parent, label="說明", amount=amount, source=line, lead=lead)
            for kind, item, parent, amount, line, lead in _items(sp.description, prose)]


def _media_items(book: Book) -> list[Stated]:
    """媒體政策及業務宣導經費彙計表 說明 of a work plan: its items' amounts."""
    if book.media is None:
        return []
    return [Stated(table="media", kind=f"media_{kind}", code=row.code, item=item,
                   parent=parent, label="說明", amount=amount, source=line, lead=lead)
            for row in book.media.rows if row.description is not None
            for kind, item, parent, amount, line, lead in _items(row.description, _prose_of(book))]


def _personnel_stated(book: Book) -> list[Stated]:
    """人事費彙計表 說明: `…<amount>千元及…<amount>千元，共計<amount>千元` per category."""
    out: list[Stated] = []
    if book.personnel_costs is None:
        return out
    for c in book.personnel_costs.categories:
        d = c.description
        if d is None:
            continue
        amounts = list(_prose_of(book).amount_in.finditer(d.text))
        totals = [a for a in amounts if d.text[max(0, a.start() - 1):a.start()] == "計"]
        for am in amounts:
            kind = "personnel" if not totals or am is totals[-1] else "personnel_part"
            out.append(Stated(table="personnel_costs", kind=kind, code=c.ordinal, label=c.name,
                              amount=_amount(am.group(1)),
                              source=d.loc_at(am.end(1) - 1)))
    return out


def stated(book: Book) -> list[Stated]:
    out: list[Stated] = []
    prose = _prose_of(book)
    for row in book.expenditure_by_agency:
        out += _agency_stated(row, book)
    for wp in book.work_plans:
        for sp in wp.sub_plans:
            d = sp.description
            if d is None:
                continue
            m = prose.sub_plan_total.search(d.text)
            if m:
                out.append(Stated(table="plans", kind="sub_plan_total", code=wp.code,
                                  sub_plan_no=sp.no, label="編列", amount=_amount(m.group(1)),
                                  source=_figure_line(d, m)))
            for mm in prose.media.finditer(d.text):
                out.append(Stated(table="plans", kind="media", code=wp.code, sub_plan_no=sp.no,
                                  label="媒體宣導經費", amount=_amount(mm.group(1)),
                                  source=_figure_line(d, mm)))
            out += _sub_plan_items(wp.code, sp, prose)
    out += _personnel_stated(book)
    out += _media_items(book)
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
                              amount=int(count), source=block.loc))
    return out


_KINDS = (("補助", "subsidy"), ("捐助", "donation"), ("委辦", "commissioned"))


def _kind(code: str, printed: str) -> str:
    name = standard_name(code) or printed
    return next((kind for word, kind in _KINDS if word in name), "other")


def kind_lines(book: Book) -> list[KindLine]:
    filed = _commissioned_codes(book)
    return [
        KindLine(work_plan_code=wp.code, sub_plan_no=sp.no, object_code=ln.code,
                 object_name=ln.name, kind=_kind(ln.code, ln.name), amount=ln.amount,
                 source=ln.loc, filed_under=_filed(wp.code, filed))
        for wp in book.work_plans for sp in wp.sub_plans for ln in sp.object_lines
        if ln.level == 2
    ]


def _commissioned_codes(book: Book) -> set[str]:
    if book.commissioned is None:
        return set()
    return {t.work_plan_code for t in book.commissioned.totals if t.work_plan_code}


def _filed(code: str, printed: set[str]) -> str:
    """The code a table that prints `printed` files a work plan under: its own, else its
    業務計畫's when only that is printed."""
    group = plan_group(code)
    return group if code not in printed and group in printed else code


def _lines_of_kind(book: Book, kind: str) -> Iterable[tuple[str, str]]:
    for ln in kind_lines(book):
        if ln.kind == kind:
            yield ln.filed_under or ln.work_plan_code, ln.object_code


def grant_groups(book: Book) -> tuple[list[GrantGroup], list[GrantGroup]]:
    subsidies: list[GrantGroup] = []
    if book.subsidies is not None:
        subsidies = [GrantGroup(work_plan_code=g.work_plan_code, object_code=None,
                                amount=g.amount, source=g.loc)
                     for g in book.subsidies.groups]
    donations: list[GrantGroup] = []
    if book.donations is not None:
        for cat in book.donations.categories:
            for obj in cat.objects:
                donations += [GrantGroup(work_plan_code=g.work_plan_code,
                                         object_code=obj.object_code, amount=g.amount,
                                         source=g.loc) for g in obj.groups]
    return subsidies, donations


def keys(pairs: Iterable[tuple[str, str | None]]) -> list[Key]:
    seen: dict[tuple[str, str | None], Key] = {}
    for wp, obj in pairs:
        seen.setdefault((wp, obj), Key(work_plan_code=wp, object_code=obj))
    return list(seen.values())


class DetailProduct(BaseModel):
    """A detail line printing 數量 and 單價 (city books): their product beside its 預算數."""

    work_plan_code: str
    object_code: str
    quantity: str
    unit_price: float
    amount: int | None
    product: int | None  # None where 數量 is no product of numbers (then nothing is checked)
    source: Loc


_FACTOR = re.compile(r"^\d+(?:\.\d+)?$")


def quantity_product(quantity: str, unit_price: float) -> int | None:
    """數量 × 單價, where 數量 is printed as a product (`81×12`, `6×12×10000`) of numbers; the
    amounts are whole NTD, so a fractional product is rounded as the book rounds it."""
    factors = [f.replace(",", "") for f in re.split(r"[×xX*＊]", quantity.replace(" ", ""))]
    if not factors or not all(_FACTOR.match(f) for f in factors):
        return None
    product = Fraction(str(unit_price))
    for f in factors:
        product *= Fraction(f)
    return round(product)


def detail_products(book: Book) -> list[DetailProduct]:
    out: list[DetailProduct] = []
    for wp in book.work_plans:
        lines = [*wp.object_lines, *(o for sp in wp.sub_plans for o in sp.object_lines),
                 *(o for sp in wp.sub_plans for c in sp.cases for o in c.object_lines)]
        for o in lines:
            for d in o.detail_lines:
                if d.quantity and d.unit_price is not None and d.amount is not None:
                    out.append(DetailProduct(
                        work_plan_code=wp.code, object_code=o.code, quantity=d.quantity,
                        unit_price=d.unit_price, amount=d.amount,
                        product=quantity_product(d.quantity, d.unit_price), source=d.loc))
    return out


# the row model of each view (what the rules' paths are checked against, `audit.schema`)
VIEW_MODELS: dict[str, type[BaseModel]] = {
    "cost_cells": Cell, "kind_lines": KindLine, "stated": Stated, "stated_staff": Stated,
    "subsidy_groups": GrantGroup, "donation_groups": GrantGroup, "subsidy_keys": Key,
    "donation_keys": Key, "commissioned_keys": Key, "detail_products": DetailProduct,
}


def all_views(book: Book) -> dict[str, Sequence[BaseModel]]:
    subsidies, donations = grant_groups(book)
    commissioned = []
    if book.commissioned is not None:
        commissioned = [t.work_plan_code for t in book.commissioned.totals if t.work_plan_code]
    return {
        "cost_cells": cost_cells(book),
        "detail_products": detail_products(book),
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
