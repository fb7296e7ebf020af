"""Export resources of 預算總說明 (overview). (stub: to be written)"""

from __future__ import annotations

from ..resource import Resource

RESOURCES: list[Resource] = []
