"""Reader of the oversight tables: 委辦經費分析表, 媒體政策及業務宣導經費彙計表 and
決議、附帶決議及注意事項辦理情形. Each table has its own module; this one assembles them."""

from __future__ import annotations

from typing import Any

from .context import ReadContext
from .oversight_commissioned import read_commissioned
from .oversight_media import read_media
from .oversight_resolutions import read_resolutions


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from these sections (None where the book lacks the section)."""
    return {
        "commissioned": read_commissioned(ctx),
        "media": read_media(ctx),
        "resolutions": read_resolutions(ctx),
    }
