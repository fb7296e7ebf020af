"""Export resources of 委辦經費分析表, 媒體政策及業務宣導經費彙計表, 決議辦理情形. (stub: to be written)"""

from __future__ import annotations

from ..resource import Resource

RESOURCES: list[Resource] = []
