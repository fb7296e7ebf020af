"""Export resources of 各項費用彙計表, 歲出一級用途別科目分析表, 資本支出分析表, 人事費彙計表, 預算員額明細表. (stub: to be written)"""

from __future__ import annotations

from ..resource import Resource

RESOURCES: list[Resource] = []
