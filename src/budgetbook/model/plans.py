"""Model of 歲出計畫提要及分支計畫概況表. (stub: to be written)"""

from __future__ import annotations

from pydantic import BaseModel


class WorkPlan(BaseModel):
    """Stub."""


class SubPlan(BaseModel):
    """Stub."""


class ObjectLine(BaseModel):
    """Stub."""
