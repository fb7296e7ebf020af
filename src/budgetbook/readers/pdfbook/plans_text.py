"""Text of 歲出計畫提要及分支計畫概況表 in a PDF book: the cells of a text column (計畫內容,
預期成果, 說明, 承辦單位) over its wrapped rows joined back into sentences, one list item a line,
each later row's start kept as a mark (its line, page and box) for the figures the prose states.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...model.base import TextBlock
from .layout import Cell, Column, line_loc

TABLE = "plans"
# A list item opens a row: `1.`, `(1)`, `（1）`, `一、`; `7.5億元` or `(市)` is no item.
_ITEM = re.compile(r"^(?:\d{1,2}\.(?!\d)|[(（]\d{1,2}[)）]|[一二三四五六七八九十]+、)")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def clean(text: str) -> str:
    """A cell's text without the spaces the row rebuilding puts between spread-out CJK
    characters; a space between two ASCII words is kept (single)."""
    return _CJK_SPACE.sub("", re.sub(r"\s+", " ", text.strip()))


def _glue(a: str, b: str) -> str:
    # a column wraps at its width: CJK and figures rejoin directly, ASCII words keep a space
    if a and b and _ASCII_LETTER.match(a[-1]) and _ASCII_LETTER.match(b[0]):
        return f"{a} {b}"
    return a + b


def text_block(cells: Sequence[Cell]) -> TextBlock | None:
    """The cells of one text column, top to bottom, as a TextBlock: wrapped rows joined, each
    list item on a line of its own; `marks` say where each later row starts."""
    cells = [c for c in cells if clean(c.text)]
    if not cells:
        return None
    text = ""
    marks = []
    for i, cell in enumerate(cells):
        piece = clean(cell.text)
        if i == 0:
            text = piece
            continue
        if _ITEM.match(piece):
            text += "\n"
            marks.append((len(text), cell.loc))
            text += piece
        else:
            joined = _glue(text, piece)
            marks.append((len(joined) - len(piece), cell.loc))
            text = joined
    first = cells[0]
    return TextBlock(text=text, loc=line_loc(first.line, first.start, first.end),
                     end_line=cells[-1].line.no, table=TABLE, marks=marks)


def units_of(cells: Sequence[Cell]) -> list[str]:
    """承辦單位: the column wraps mid-name (`人事室、資訊管理` / `中心`), so its rows are joined
    first and then split at the enumeration comma."""
    joined = "".join(clean(c.text) for c in cells)
    return [u for u in re.split(r"[、，,]", joined) if u]


def text_columns(label_row: Sequence[Column], second_label: str) -> list[Column]:
    """The 計畫內容 and 預期成果 columns from their labels' row: both are left-aligned text, so
    the boundary lies just left of the second label (half a character, for a row printed a
    little left of its label), not halfway between the labels."""
    first, second = label_row
    char = (second.x1 - second.x0) / max(1, len(second_label))
    cut = second.x0 - char / 2
    return [Column(first.name, -1e9, cut), Column(second.name, cut, 1e9)]


def after_label(cell: Cell, label: str) -> Cell | None:
    """The text printed after `label` (and its colon) in the cell of the labels' row; a cell
    not opening with the label is text as a whole."""
    m = re.match(r"\s*".join(map(re.escape, label)) + r"\s*[:：]?\s*", cell.text)
    if m is None:
        return cell
    if m.end() == len(cell.text):
        return None
    return Cell(cell.text[m.end():], cell.line, cell.start + m.end(), cell.end)
