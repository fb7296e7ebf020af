"""Reader of 各項費用彙計表, 歲出一級用途別科目分析表, 資本支出分析表, 人事費彙計表, 預算員額明細表. (stub: to be written)"""

from __future__ import annotations

from typing import Any

from .context import ReadContext


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from these sections."""
    return {}
