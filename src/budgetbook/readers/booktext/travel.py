"""Reader of 派員出國計畫預算總表/類別表, 歲出按職能及經濟性綜合分類表. (stub: to be written)"""

from __future__ import annotations

from typing import Any

from .context import ReadContext


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from these sections."""
    return {}
