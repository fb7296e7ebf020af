"""Every export resource, in package order."""

from __future__ import annotations

from ..resource import Resource
from . import details, holdings, ledgers, objects, oversight, overview, plans, travel


def all_resources() -> list[Resource]:
    out: list[Resource] = []
    for module in (plans, details, ledgers, objects, holdings, travel, oversight, overview):
        out.extend(module.RESOURCES)
    return out
