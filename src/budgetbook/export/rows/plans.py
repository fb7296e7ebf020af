"""Export resources of 歲出計畫提要及分支計畫概況表. (stub: to be written)"""

from __future__ import annotations

from ..resource import Resource

RESOURCES: list[Resource] = []
