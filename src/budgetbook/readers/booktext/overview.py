"""Reader of 預算總說明 (overview). (stub: to be written)"""

from __future__ import annotations

from typing import Any

from .context import ReadContext


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from these sections."""
    return {}
