"""Model of 預算總說明 (overview). (stub: to be written)"""

from __future__ import annotations

from pydantic import BaseModel


class Overview(BaseModel):
    """Stub."""
