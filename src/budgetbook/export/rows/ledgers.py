"""Export resources of 歲入來源別預算表, 歲出機關別預算表, 歲入項目說明提要表. (stub: to be written)"""

from __future__ import annotations

from ..resource import Resource

RESOURCES: list[Resource] = []
