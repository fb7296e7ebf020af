"""Model of 公務車輛明細表, 辦公房舍明細表, 補助經費分析表, 捐助經費分析表. (stub: to be written)"""

from __future__ import annotations

from pydantic import BaseModel


class VehicleTable(BaseModel):
    """Stub."""


class OfficeTable(BaseModel):
    """Stub."""


class SubsidyTable(BaseModel):
    """Stub."""


class DonationTable(BaseModel):
    """Stub."""
