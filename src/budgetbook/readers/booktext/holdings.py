"""Reader of 公務車輛明細表, 辦公房舍明細表, 補助經費分析表, 捐助經費分析表. (stub: to be written)"""

from __future__ import annotations

from typing import Any

from .context import ReadContext


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from these sections."""
    return {}
