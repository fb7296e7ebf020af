"""Rows rebuilt from positions: characters sharing a baseline, left to right, with the gaps
between them turned into spaces so that columns stay aligned in the printed text.

The file's text order is not reading order (municipal books write a page's 用途別科目 after
its amounts), so nothing here looks at the order PDFium returns characters in.

- A row: characters whose baselines lie within a fraction of their own height of the row's
  first (lowest-y) baseline. Anchoring on the first baseline, not the last one added, keeps
  tightly set lines from chaining into one.
- Spacing: the page is laid on a grid of cells as wide as its typical half-width character
  (a CJK character is two cells, as a terminal shows it). A gap wider than a fraction of the
  characters' height is a space; it becomes as many spaces as reach the next character's cell,
  at least one, so a column starts at the same place on every row that has room for it.
"""

from __future__ import annotations

import unicodedata
from array import array
from dataclasses import dataclass
from statistics import median

from .chars import PageChars

SAME_LINE = 0.35  # baselines this far apart (in character heights) still share a row
SPACE_GAP = 0.15  # a gap this wide (in character heights) separates words or columns
CELL_SAMPLE = 500  # characters sampled for the page's cell width
DUPLICATE = 0.3  # the same character overprinted within this much of its width (fake bold)


@dataclass(slots=True)
class Row:
    """One rebuilt line: its text, and for each visible character its offset in the text and
    its index among the page's characters (whose boxes the page keeps once)."""

    text: str
    offsets: array[int]  # 'I': string offset of each visible character, increasing
    chars: array[int]  # 'I': the character's index in the page's PageChars


_CELLS: dict[str, int] = {}


def _cells(c: str) -> int:
    """Terminal cells of a character: 2 for East Asian wide and full-width ones."""
    n = _CELLS.get(c)
    if n is None:
        n = _CELLS[c] = 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return n


def cell_width(chars: PageChars, indices: list[int]) -> float:
    """The page's grid cell: the median advance of a half-width character (a wide one counts as
    two cells), measured on the page's own characters."""
    step = max(1, len(indices) // CELL_SAMPLE)  # a median needs no more than a sample
    widths = [(chars.x1[i] - chars.x0[i]) / _cells(chars.text[i]) for i in indices[::step]]
    widths = [w for w in widths if w > 0]
    return median(widths) if widths else 1.0


def group_rows(chars: PageChars, indices: list[int]) -> list[list[int]]:
    """Character indices grouped into rows (top to bottom), each ordered left to right."""
    base, top, bottom, x0 = chars.base, chars.top, chars.bottom, chars.x0
    order = sorted(indices, key=base.__getitem__)
    rows: list[list[int]] = []
    anchor = anchor_h = 0.0
    current: list[int] = []
    for i in order:
        h = bottom[i] - top[i]
        if current and base[i] - anchor <= SAME_LINE * min(h, anchor_h):
            current.append(i)
            continue
        if current:
            rows.append(current)
        current, anchor, anchor_h = [i], base[i], h
    if current:
        rows.append(current)
    for row in rows:
        row.sort(key=x0.__getitem__)
    return rows


def layout_row(chars: PageChars, row: list[int], origin: float, cell: float,
               height: list[float]) -> Row:
    """The text of one row with spaces for its gaps, and each character's offset and index."""
    text, x0, x1 = chars.text, chars.x0, chars.x1
    parts: list[str] = []
    offsets = array("I")
    kept = array("I")
    cells = _CELLS
    length = 0  # characters in the text so far
    cursor = 0  # grid cells used so far
    prev = -1
    for i in row:
        c = text[i]
        xi = x0[i]
        if prev < 0:
            pad = max(0, round((xi - origin) / cell))  # the row's indent
        elif c == text[prev] and xi - x0[prev] <= DUPLICATE * (x1[prev] - x0[prev]):
            continue  # bold faked by printing a character twice, a hair apart: keep one
        elif xi - x1[prev] > SPACE_GAP * min(height[i], height[prev]):
            pad = max(1, round((xi - origin) / cell) - cursor)  # to the character's own cell
        else:
            pad = 0
        if pad:
            parts.append(" " * pad)
            length += pad
            cursor += pad
        parts.append(c)
        offsets.append(length)
        kept.append(i)
        length += 1
        cursor += cells.get(c) or _cells(c)
        prev = i
    return Row("".join(parts), offsets, kept)


def rebuild_rows(chars: PageChars, indices: list[int]) -> list[Row]:
    """The page's rows, top to bottom, from the characters `indices` (margin labels left out)."""
    if not indices:
        return []
    origin = min(chars.x0[i] for i in indices)
    cell = cell_width(chars, indices)
    height = [b - t for t, b in zip(chars.top, chars.bottom, strict=True)]
    return [layout_row(chars, row, origin, cell, height) for row in group_rows(chars, indices)]


def stacked_row(column: list[int], text: str, prefix: str = "") -> Row:
    """A margin label as one line, `prefix` then its characters top to bottom, no spaces."""
    offsets = array("I", range(len(prefix), len(prefix) + len(column)))
    return Row(prefix + "".join(text[i] for i in column), offsets, array("I", column))
