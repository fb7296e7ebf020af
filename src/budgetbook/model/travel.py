"""Model of 派員出國計畫預算總表/類別表, 歲出按職能及經濟性綜合分類表. (stub: to be written)"""

from __future__ import annotations

from pydantic import BaseModel


class TravelSummary(BaseModel):
    """Stub."""


class TravelCategories(BaseModel):
    """Stub."""


class FunctionalEconomic(BaseModel):
    """Stub."""
