"""Reader of 公務車輛明細表, 現有辦公房舍明細表, 補助經費分析表 and 捐助經費分析表.

Each table has its own module; this one hands the context to them and names the Book fields.
"""

from __future__ import annotations

from typing import Any

from .context import ReadContext
from .holdings_donations import read_donations
from .holdings_premises import read_offices, read_vehicles
from .holdings_subsidies import read_subsidies


def read(ctx: ReadContext) -> dict[str, Any]:
    """Book fields read from these sections."""
    return {
        "vehicles": read_vehicles(ctx),
        "offices": read_offices(ctx),
        "subsidies": read_subsidies(ctx),
        "donations": read_donations(ctx),
    }
