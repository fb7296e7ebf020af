"""Reader of 歲入來源別預算表, 歲出機關別預算表, 歲入項目說明提要表. (stub: to be written)"""

from __future__ import annotations

from typing import Any

from .context import ReadContext


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from these sections."""
    return {}
