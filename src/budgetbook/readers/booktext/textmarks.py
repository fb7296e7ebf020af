"""Where each source line of a joined text block starts, so that a figure stated in prose can be
traced to the line that prints it.

A text field (說明 …) is its wrapped lines joined into sentences, and the model keeps only its
first and last line. The reader that joins a block attaches, here, the offset in the joined
text where each later source line begins; `line_at` reads it back (the audit's stated figures).
A block with nothing attached (built by hand, or loaded from an export) answers its first line.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import TypeVar

from ...model.base import TextBlock

T = TypeVar("T")
_MARKS: dict[int, list[tuple[int, int]]] = {}  # id(block) -> [(offset, line)], ascending


def attach(block: TextBlock | None, parts: Sequence[tuple[int, T]],
           join: Callable[[list[T]], str]) -> TextBlock | None:
    """Record where each of `parts` ((line, text) joined by `join` into `block.text`) starts;
    the joined text of the first k parts must be a prefix of the whole."""
    if block is None or len(parts) < 2:
        return block
    marks: list[tuple[int, int]] = []
    prev = parts[0][0]
    for k in range(1, len(parts)):
        no = parts[k][0]
        if no != prev:
            marks.append((len(join([p for _, p in parts[:k]])), no))
            prev = no
    key = id(block)
    _MARKS[key] = marks
    weakref.finalize(block, _MARKS.pop, key, None)
    return block


def line_at(block: TextBlock, pos: int) -> int:
    """The source line printing the character at `pos` of `block.text`."""
    line = block.line
    for offset, no in _MARKS.get(id(block), ()):
        if offset > pos:
            break
        line = no
    return line
