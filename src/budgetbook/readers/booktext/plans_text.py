"""Text of 歲出計畫提要及分支計畫概況表: joining wrapped lines, the twice-printed 計畫內容 and
預期成果 blocks, and the 承辦單位 column glued to the 說明 text.

Only the layout is used: list item markers (`1.`, `(1)`), the full-width indentation of wrapped
lines, blank-line gaps between blocks, the labels, and repetition of the same lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model.base import Loc, TextBlock
from ...text import Line
from .textmarks import attach

TABLE = "plans"
LABEL_CONTENT = "計畫內容"
LABEL_RESULTS = "預期成果"
# A list item starts a line: `1.`, `(1)`, `（1）`, `一、`; `7.5億元` is not an item.
_ITEM = re.compile(r"^(?:(\d{1,2})\.(?!\d)|[(（]\d{1,2}[)）]|[一二三四五六七八九十]+、)")
_SPACES = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[A-Za-z]")
_NOT_UNIT = re.compile(r"[\d，。：；,:;]")
# The 承辦單位 column holds about 7 characters a line and the 說明 column about 20, so a line
# standing alone longer than this opens the 說明; a name glued before a space may be longer.
_UNIT_WIDTH = 14
_UNIT_NAME_MAX = 24


def is_item_start(text: str, raw: str) -> bool:
    """A new list item; wrapped lines are indented with a full-width space, items are not."""
    lead = raw[: len(raw) - len(raw.lstrip())]
    return "\u3000" not in lead and bool(_ITEM.match(text.strip()))


def item_number(text: str) -> int | None:
    m = _ITEM.match(text.strip())
    return int(m.group(1)) if m and m.group(1) else None


def _glue(a: str, b: str) -> str:
    # the PDF wraps at a fixed width: CJK and numbers rejoin directly, ASCII words keep a space
    if a and b and _ASCII_WORD.match(a[-1]) and _ASCII_WORD.match(b[0]):
        return f"{a} {b}"
    return a + b


def join_text(parts: list[tuple[str, str]]) -> str:
    """(text, raw) pairs joined into sentences, one list item per line."""
    items: list[str] = []
    for text, raw in parts:
        t = _SPACES.sub(" ", text).strip()
        if not t:
            continue
        if items and not is_item_start(text, raw):
            items[-1] = _glue(items[-1], t)
        else:
            items.append(t)
    return "\n".join(items)


def block_of(lines: list[Line], first_text: str | None = None) -> TextBlock | None:
    """A TextBlock from source lines; `first_text` replaces the first line's text (the part
    left after a glued column was cut off)."""
    if not lines:
        return None
    parts = [(ln.text, ln.raw) for ln in lines]
    if first_text is not None:
        parts[0] = (first_text, "")
    text = join_text(parts)
    return attach(TextBlock(text=text, loc=Loc(line=lines[0].no), end_line=lines[-1].no, table=TABLE),
                  [(ln.no, p) for ln, p in zip(lines, parts, strict=True)], join_text)


# ---------------------------------------------------------------- 計畫內容 / 預期成果

@dataclass
class Chunk:
    label: str | None
    lines: list[Line] = field(default_factory=list)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(ln.key for ln in self.lines)


def label_of(line: Line) -> tuple[str, str] | None:
    """(label, text after it) for a 計畫內容：/預期成果： line."""
    for label in (LABEL_CONTENT, LABEL_RESULTS):
        rest = line.key[len(label):]
        if line.key.startswith(label) and (not rest or rest[0] in ":："):
            return label, rest[1:]
    return None


def chunks_of(lines: list[Line]) -> list[Chunk]:
    """Blocks of the text area: a block starts at a label, after a blank-line gap, or where an
    item number does not follow the previous one (two blocks printed without a gap)."""
    out: list[Chunk] = []
    prev: Line | None = None
    last_no: int | None = None
    for ln in lines:
        lab = label_of(ln)
        if lab:
            out.append(Chunk(lab[0]))
            last_no = None
            prev = ln
            if lab[1]:  # text glued after the label
                out[-1].lines.append(Line(ln.no, lab[1], lab[1]))
            continue
        n = item_number(ln.text) if is_item_start(ln.text, ln.raw) else None
        gap = prev is not None and ln.no - prev.no > 1
        restart = n is not None and last_no is not None and n <= last_no
        if not out or gap or restart:
            out.append(Chunk(None))
            last_no = None
        out[-1].lines.append(ln)
        if n is not None:
            last_no = n
        prev = ln
    return _split_glued_copies([c for c in out if c.lines])


def _split_glued_copies(chunks: list[Chunk]) -> list[Chunk]:
    """A block that begins with the whole of another block is that copy plus a new block."""
    changed = True
    while changed:
        changed = False
        for i, c in enumerate(chunks):
            for other in chunks:
                n = len(other.lines)
                if other is c or n >= len(c.lines) or c.keys[:n] != other.keys:
                    continue
                chunks[i : i + 1] = [Chunk(c.label, c.lines[:n]), Chunk(None, c.lines[n:])]
                changed = True
                break
            if changed:
                break
    return chunks


def _last_item(lines: list[Line]) -> int | None:
    nums = [item_number(ln.text) for ln in lines if is_item_start(ln.text, ln.raw)]
    nums = [n for n in nums if n is not None]
    return nums[-1] if nums else None


def _continues(chunk: Chunk) -> int | None:
    """The item number the chunk's first numbered item follows (it may start mid-item)."""
    found = [item_number(ln.text) for ln in chunk.lines if is_item_start(ln.text, ln.raw)]
    nums = [n for n in found if n is not None]
    return nums[0] - 1 if nums else None


def programme_text(lines: list[Line]) -> tuple[TextBlock | None, TextBlock | None]:
    """(計畫內容, 預期成果) from the text area of a work plan.

    The book prints each block twice, and labels the first copy of 預期成果 `計畫內容：`; only
    the second copy carries `預期成果：`. Lists continued after a page break come as unlabelled
    blocks, again twice; each joins the list whose numbering it continues.
    """
    chunks = chunks_of(lines)
    labelled = [c for c in chunks if c.label]
    results_keys = next((c.keys for c in labelled if c.label == LABEL_RESULTS), None)
    distinct: list[Chunk] = []
    for c in labelled:
        if all(c.keys != d.keys for d in distinct):
            distinct.append(c)
    content = next((c for c in distinct if c.keys != results_keys), None)
    results: Chunk | None
    if results_keys is not None:
        results = next(c for c in labelled if c.keys == results_keys)
    else:
        results = distinct[1] if len(distinct) > 1 else None
    lists: dict[str, list[Line]] = {
        LABEL_CONTENT: list(content.lines) if content else [],
        LABEL_RESULTS: list(results.lines) if results else [],
    }
    seen = {c.keys for c in labelled}
    turn = LABEL_CONTENT
    for c in chunks:
        if c.label or c.keys in seen:
            continue
        seen.add(c.keys)
        follows = _continues(c)
        ends = {k: _last_item(v) for k, v in lists.items()}
        match = [k for k, last in ends.items() if follows is not None and last == follows]
        target = match[0] if len(match) == 1 else turn
        lists[target].extend(c.lines)
        turn = LABEL_RESULTS if target == LABEL_CONTENT else LABEL_CONTENT
    return block_of(lists[LABEL_CONTENT]), block_of(lists[LABEL_RESULTS])


# ---------------------------------------------------------------- 承辦單位 and 說明

def _unit_like(text: str, width: int = _UNIT_WIDTH) -> bool:
    return bool(text) and not _NOT_UNIT.search(text) and len(text) <= width


def _split_units(lines: list[Line]) -> tuple[list[str], int | None, tuple[int, str | None] | None]:
    """The 承辦單位 parts, the line of the first, and where the 說明 starts (the index of its
    first line, with that line's text when a unit is glued in front of it)."""
    unit_parts: list[str] = []
    unit_line: int | None = None
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        head, _, tail = t.partition(" ")
        if tail.strip() and _unit_like(head, _UNIT_NAME_MAX):
            unit_parts.append(head)
            return unit_parts, unit_line or ln.no, (i, tail.strip())
        if _unit_like(t):
            unit_parts.append(t)
            unit_line = unit_line or ln.no
            continue
        return unit_parts, unit_line, (i, None)
    return unit_parts, unit_line, None


def units_and_description(lines: list[Line]) -> tuple[list[str], int | None, TextBlock | None]:
    """Split a sub-plan's text lines into its 承辦單位 and its 說明.

    The units column is narrow and wraps mid-name (`<unit>、<unit head>` / `<unit tail>`); its
    last line is glued to the first 說明 line with a space, or stands alone. Units lines are short
    and carry no digits or sentence punctuation; the 說明 column is wider and opens with a
    sentence.
    """
    unit_parts, unit_line, start = _split_units(lines)
    block = block_of(lines[start[0]:], start[1]) if start else None
    return _units(unit_parts), unit_line, block


def _units(parts: list[str]) -> list[str]:
    return [u for u in "".join(parts).split("、") if u]
