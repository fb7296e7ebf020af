"""Model of 歲入來源別預算表, 歲出機關別預算表, 歲入項目說明提要表. (stub: to be written)"""

from __future__ import annotations

from pydantic import BaseModel


class RevenueRow(BaseModel):
    """Stub."""


class AgencyExpenditureRow(BaseModel):
    """Stub."""


class RevenueNote(BaseModel):
    """Stub."""
