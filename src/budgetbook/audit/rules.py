"""The audit rules, as data. (Rules are added as the model's sections land.)"""

from __future__ import annotations

from .engine import Rule

RULES: list[Rule] = []
