"""Vertical labels in the side margins: one character per line, stacked down the page edge.

Municipal books print the work plan's name down both margins (一/般/行/政/｜/行/政/管/理).
Grouped by baseline, each of those characters would join the table row beside it; so they are
found first and set apart. A margin label is the outermost column of characters on a side when
every character in it stands alone on its line (nothing within half its height) and
they follow each other at about one line pitch, within a few character heights of the page
edge. Everything is measured in the characters' own heights; no coordinate is fixed.
"""

from __future__ import annotations

from .chars import PageChars

MIN_STACK = 3  # fewer stacked characters are a table cell, not a label
MAX_PITCH = 1.8  # successive label characters: top-to-top distance, in character heights
MAX_COLUMNS_PER_SIDE = 2
ALONE = 0.5  # a label character's clearance from the text beside it, in character heights
# How far from the page edge a label may stand, in character heights: the municipal books'
# labels stand 1.6-3.3 heights in, the vertical texts of an organisation chart 7.7 and more.
MARGIN_BAND = 5


def margin_columns(chars: PageChars) -> tuple[list[tuple[str, list[int]]], set[int]]:
    """The stacked margin columns of a page, each as its side ("left" or "right") and its
    character indices top to bottom, left margin first; and the set of all their indices."""
    n = len(chars)
    taken: set[int] = set()
    columns: list[tuple[str, list[int]]] = []
    if n < MIN_STACK:
        return columns, taken
    centre = [(chars.x0[i] + chars.x1[i]) / 2 for i in range(n)]
    for side in ("left", "right"):
        for _ in range(MAX_COLUMNS_PER_SIDE):
            rest = [i for i in range(n) if i not in taken]
            if len(rest) <= MIN_STACK:
                break
            if side == "left":
                edge = min(rest, key=lambda i: chars.x0[i])
            else:
                edge = max(rest, key=lambda i: chars.x1[i])
            half = (chars.x1[edge] - chars.x0[edge]) / 2
            column = sorted((i for i in rest if abs(centre[i] - centre[edge]) <= half),
                            key=lambda i: chars.top[i])
            if not _is_label(chars, column, rest, side):
                break
            columns.append((side, column))
            taken.update(column)
    return columns, taken


def _is_label(chars: PageChars, column: list[int], rest: list[int], side: str) -> bool:
    if len(column) < MIN_STACK:
        return False
    members = set(column)
    for a, b in zip(column, column[1:], strict=False):
        h = min(chars.bottom[a] - chars.top[a], chars.bottom[b] - chars.top[b])
        step = chars.top[b] - chars.top[a]
        if h <= 0 or not h / 2 < step <= MAX_PITCH * h:  # one character per line, stacked
            return False
    # In the margin: near the page's edge. Vertical text inside the page (the boxes of an
    # organisation chart) stands farther in.
    h = sorted(chars.bottom[i] - chars.top[i] for i in column)[len(column) // 2]
    if side == "left":
        inset = min(chars.x0[i] for i in column)
    else:
        inset = chars.width - max(chars.x1[i] for i in column)
    if inset > MARGIN_BAND * h:
        return False
    # Each character must stand alone on its line: nothing on the inner side closer than half
    # a character height (a word or a number has its next character right there; a label
    # beside a table's text keeps clear of it).
    for i in column:
        h = chars.bottom[i] - chars.top[i]
        for j in rest:
            if j in members:
                continue
            overlap = min(chars.bottom[i], chars.bottom[j]) - max(chars.top[i], chars.top[j])
            if overlap <= h / 2:
                continue
            gap = chars.x0[j] - chars.x1[i] if side == "left" else chars.x0[i] - chars.x1[j]
            if gap < ALONE * h:
                return False
    return True
