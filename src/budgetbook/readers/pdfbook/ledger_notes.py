from __future__ import annotations

from typing import Any


def read_notes(ctx: Any, sid: str, sub_unit: str) -> list[Any]:
    return []
