"""Reader of 委辦經費分析表, 媒體政策及業務宣導經費彙計表, 決議辦理情形. (stub: to be written)"""

from __future__ import annotations

from typing import Any

from .context import ReadContext


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from these sections."""
    return {}
