"""Where each source line of a joined text block starts, so that a figure stated in prose can be
traced to the line that prints it.

A text field (說明 …) is its wrapped lines joined into sentences; the reader that joins a block
records on it (`TextBlock.marks`) the offset in the joined text where each later source line
begins, and `TextBlock.loc_at` reads it back (the audit's stated figures). The marks are part
of the model, so they survive a JSON round trip.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from ...model.base import Loc, TextBlock

T = TypeVar("T")


def attach(block: TextBlock | None, parts: Sequence[tuple[int, T]],
           join: Callable[[list[T]], str]) -> TextBlock | None:
    """Record where each of `parts` ((line, text) joined by `join` into `block.text`) starts;
    the joined text of the first k parts must be a prefix of the whole."""
    if block is None or len(parts) < 2:
        return block
    prev = parts[0][0]
    for k in range(1, len(parts)):
        no = parts[k][0]
        if no != prev:
            block.marks.append((len(join([p for _, p in parts[:k]])), Loc(line=no)))
            prev = no
    return block
