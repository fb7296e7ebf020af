"""Reader of 歲入項目說明提要表: one page per revenue item (a 節, or a 目 without 節).

Each page prints the item twice:

    0412340300                       <- top: the 目 (or the item itself when it is a 目)
    賠償收入 60 承辦單位                <- name, the item's amount, label
    各組〈室〉-0412340301              <- 承辦單位 glued to `-` + the item's code
    -一般賠償收入                       <- `-` + the item's name (may wrap)
    依據…辦理。<內容>。 <內容>。…       <- 說明 (項目內容, 法令依據) repeated 3-4 times
    二、法令依據一、項目內容 …           <- the labels, scrambled
    --- 款 金 額 說 明 ---
    2 60 / 0400000000 / 罰款及賠償收入   <- bottom: the tree from 款 down, each level showing
    6017 / 0412340000 / <agency>       <- the item's amount glued to the level's ordinal
    602 / 0412340300 / 賠償收入
    <項目內容>。1                        <- the 項目內容 glued to the item's ordinal
    0412340301 / 一般賠償收入 60

The bottom gives the 項目內容 once; what the repeated block holds besides it is the 法令依據.
"""

from __future__ import annotations

import re
from typing import Any

from ...model.base import Loc, TextBlock
from ...model.ledgers import RevenueNote
from ...numbers import format_amount, is_amount, parse_amount
from ...text import Line
from .context import ReadContext
from .ledger_codes import revenue_level
from .ledger_text import HeaderFilter, is_code, join_lines

_LABEL = "承辦單位"
_NAME_AMOUNT = re.compile(r"^(?P<name>.*?)\s*(?P<amount>-|-?\d{1,3}(?:,\d{3})*|\d+)\s*$")
_UNIT_CODE = re.compile(r"^(?P<units>.*?)-(?P<code>\d{10})\s*$")
_SECTION_LABELS = re.compile(r"[一二]、(?:項目內容|法令依據)：?")
# a line of 說明 prose rather than a 承辦單位 or a wrapped name
_PROSE = re.compile(r"。|^\s*(?:\d+[.．、]|\(\d+\)|[一二三四五六七八九十]+、)")
_TRAILING_ORDINAL = re.compile(r"\s*(\d{1,3})\s*$")


def read_notes(ctx: ReadContext, sid: str) -> list[RevenueNote]:
    if not ctx.has(sid):
        return []
    out: list[RevenueNote] = []
    for page in _items(ctx, sid):
        if page:
            note = _read_page(ctx, sid, page)
            if note is not None:
                out.append(note)
    return out


def _items(ctx: ReadContext, sid: str) -> list[list[Line]]:
    """The section's data lines cut into items. An item starts at its top: a code line followed
    by the `name amount 承辦單位` line. The page header (title) also starts one, but is not
    needed: a page whose header was lost is still told apart by its top."""
    hf = HeaderFilter(ctx)
    title = ctx.sections[sid].title
    data: list[Line | None] = []  # None: a title line
    ln: Line | None
    for ln in ctx.lines(sid):
        if ln.key == title:
            data.append(None)
        elif not hf.is_header(ln):
            data.append(ln)
    items: list[list[Line]] = []
    for i, ln in enumerate(data):
        if ln is None:
            items.append([])
            continue
        nxt = data[i + 1] if i + 1 < len(data) else None
        if is_code(ln) and nxt is not None and _LABEL in nxt.text:
            if not items or items[-1]:
                items.append([])
        if items:
            items[-1].append(ln)
    return items


def _read_page(ctx: ReadContext, sid: str, page: list[Line]) -> RevenueNote | None:
    # the bottom starts at the value line just before the first 款 code
    first_kuan = next(
        (i for i, ln in enumerate(page) if is_code(ln) and ln.text.strip()[2:] == "0" * 8), None
    )
    if first_kuan is None or first_kuan < 2:
        ctx.report("unparsed", sid, page[0].no, "item page without its 款 … 節 tree")
        return None
    top, bottom = page[: first_kuan - 1], page[first_kuan - 1 :]
    head = _read_top(top)
    if "bad_amount" in head:
        no, token = head["bad_amount"]
        ctx.report("unparsed", sid, no, f"item amount {token!r} is not an amount")
    tree = _read_bottom(bottom, head.get("amount"))
    if tree is None:
        ctx.report("unparsed", sid, page[0].no, "item page without an item code and name")
        return None
    return _note(ctx, sid, head, tree)


def _read_top(top: list[Line]) -> dict[str, Any]:
    """Amount, 承辦單位 and the repeated 說明 block of the page's upper half."""
    out: dict[str, Any] = {"units": [], "region": []}
    i = 0
    while i < len(top) and _LABEL not in top[i].text:
        i += 1
    if i < len(top):
        before = top[i].text.split(_LABEL)[0]
        m = _NAME_AMOUNT.match(before.strip())
        if m and is_amount(m.group("amount")):
            out["amount_token"], out["amount_line"] = m.group("amount"), top[i].no
        elif m:  # digits the grammar refuses (`00`): no amount, said where it is printed
            out["bad_amount"] = (top[i].no, m.group("amount"))
    i += 1
    in_name = False  # after `-code`: the `-name` lines (the name may wrap)
    for ln in top[i:]:
        text = ln.text.strip()
        if out["region"] or _PROSE.search(text):
            cleaned = _SECTION_LABELS.sub("", text).strip()
            if cleaned:
                out["region"].append((ln.no, cleaned))
            continue
        if in_name:
            continue
        m = _UNIT_CODE.match(text)
        if m:
            if m.group("units").strip():
                out["units"].append((ln.no, m.group("units")))
            out["code"] = m.group("code")
            in_name = True
            continue
        out["units"].append((ln.no, text))
    if "amount_token" in out:
        out["amount"] = parse_amount(out["amount_token"])
    return out


def _read_bottom(bottom: list[Line], amount: int | None) -> dict[str, Any] | None:
    """The item's code, name, ordinal and 項目內容 from the tree of the page's lower half."""
    codes = [i for i, ln in enumerate(bottom) if is_code(ln)]
    if len(codes) < 2 or codes[-1] + 1 >= len(bottom):
        return None
    item, parent = codes[-1], codes[-2]
    name_ln = bottom[item + 1]
    m = _NAME_AMOUNT.match(name_ln.text.strip())
    name, printed = (m.group("name"), m.group("amount")) if m and m.group("name") else (
        name_ln.text.strip(), None)
    if printed is not None and not is_amount(printed):
        name, printed = name_ln.text.strip(), None  # not a figure: part of the name
    out: dict[str, Any] = {
        "code": bottom[item].text.strip(), "code_line": bottom[item].no,
        "parent_code": bottom[parent].text.strip(), "name": name.strip(),
        "name_line": name_ln.no, "printed_amount": printed,
    }
    zone = [(ln.no, ln.text.strip()) for ln in bottom[parent + 2 : item]]
    if zone:
        no, last = zone[-1]
        m = _TRAILING_ORDINAL.search(last)
        if m:
            out["ordinal"], out["ordinal_line"] = m.group(1), no
            zone[-1] = (no, last[: m.start()].strip())
    if zone and amount is not None:
        # a 目 printed without 節 carries its amount before the 項目內容
        no, first = zone[0]
        lead = re.match(re.escape(format_amount(amount)) + r"(?:\s+|$)", first)
        if lead:
            zone[0] = (no, first[lead.end() :])
    zone = [(no, t) for no, t in zone if t]
    out["content"] = zone
    return out


def _note(ctx: ReadContext, sid: str, head: dict[str, Any], tree: dict[str, Any]) -> RevenueNote:
    line = tree["code_line"]
    amount = head.get("amount")
    printed = tree["printed_amount"]
    if amount is None and printed is not None:
        amount = parse_amount(printed)
    elif printed is not None and parse_amount(printed) != amount:
        ctx.report("inconsistent", sid, tree["name_line"],
                   f"item amount {printed} differs from the page head's {head['amount_token']}")
    if head.get("code") and head["code"] != tree["code"]:
        ctx.report("inconsistent", sid, line,
                   f"item code {tree['code']} differs from the page head's {head['code']}")
    content = _block(tree["content"], sid)
    basis = _legal_basis(ctx, sid, head["region"], content.text if content else "")
    lines = {
        "name": tree["name_line"],
        "amount": head.get("amount_line") or tree["name_line"],
        "units": head["units"][0][0] if head["units"] else None,
        "ordinal": tree.get("ordinal_line"),
    }
    return RevenueNote(
        loc=Loc(line=line),
        table=sid,
        locs={k: Loc(line=v) for k, v in lines.items() if v is not None and v != line},
        code=tree["code"],
        name=tree["name"],
        level=revenue_level(tree["code"]),
        ordinal=tree.get("ordinal"),
        parent_code=tree["parent_code"],
        amount=amount,
        units=join_lines(t for _, t in head["units"]) or None,
        content=content,
        legal_basis=basis,
        description=_description(content, basis, sid),
    )


def _block(parts: list[tuple[int, str]], sid: str) -> TextBlock | None:
    text = join_lines(t for _, t in parts)
    if not text:
        return None
    return TextBlock(text=text, loc=Loc(line=parts[0][0]), end_line=parts[-1][0], table=sid)


def _legal_basis(ctx: ReadContext, sid: str, region: list[tuple[int, str]],
                 content: str) -> TextBlock | None:
    """The repeated block minus every copy of the 項目內容 is the 法令依據, repeated."""
    if not region:
        return None
    text = join_lines(t for _, t in region)
    copies = text.count(content) if content else 0
    rest = text.replace(content, "") if content else text
    if not rest:
        return None
    once = _one_copy(rest, copies)
    if once is None:
        ctx.report("inconsistent", sid, region[0][0],
                   "the 說明 block is not the 項目內容 and 法令依據 repeated; kept whole")
        once = rest
    return TextBlock(text=once, loc=Loc(line=region[0][0]), end_line=region[-1][0], table=sid)


def _one_copy(text: str, copies: int) -> str | None:
    """`text` as one string repeated: `copies` times if that fits, else its shortest period."""
    if copies >= 1 and len(text) % copies == 0 and text[: len(text) // copies] * copies == text:
        return text[: len(text) // copies]
    # prefix function: the shortest period of the whole string
    fail = [0] * len(text)
    for i in range(1, len(text)):
        k = fail[i - 1]
        while k and text[i] != text[k]:
            k = fail[k - 1]
        fail[i] = k + 1 if text[i] == text[k] else k
    period = len(text) - fail[-1]
    return text[:period] if len(text) % period == 0 else None


def _description(content: TextBlock | None, basis: TextBlock | None,
                 sid: str) -> TextBlock | None:
    """The whole 說明 as the book's upper half prints it: both parts under their labels."""
    blocks = [b for b in (content, basis) if b is not None]
    if not blocks:
        return None
    parts = []
    if content:
        parts.append(f"一、項目內容：{content.text}")
    if basis:
        parts.append(f"二、法令依據：{basis.text}")
    return TextBlock(text="".join(parts), loc=Loc(line=min(b.line for b in blocks)),
                     end_line=max(b.end_line for b in blocks), table=sid)
