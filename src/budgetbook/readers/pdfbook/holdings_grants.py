from __future__ import annotations

from typing import Any

from . import PdfContext


def read_subsidies(ctx: PdfContext, sub_unit: str) -> Any:
    return None


def read_donations(ctx: PdfContext, sub_unit: str) -> Any:
    return None
