"""Where a 10-digit 科目 code sits in the trees of the ledger tables.

歲入來源別: 款(2) + agency(4) + 目(2) + 節(2). 歲出機關別: `00PP000000` 主管, `00PPAA0000` 機關,
`FFPPAA0000` 政事別, `FFPPAAWW00` 業務計畫, `FFPPAAWWTT` 工作計畫.
"""

from __future__ import annotations

from ...model.ledgers import ExpenditureKind

KIND_LEVEL: dict[ExpenditureKind, int] = {
    "total": 0, "ministry": 1, "agency": 2, "function": 3, "work_plan": 4, "task": 5,
}


def revenue_level(code: str) -> int:
    """1 款, 2 項 (the agency), 3 目, 4 節."""
    # 款 (2 digits), 項 (4, or a city's 5), 目 and 節 (2 each): read from the right
    if not code[2:].strip("0"):
        return 1
    if code[-4:] == "0000":
        return 2
    return 3 if code[-2:] == "00" else 4


def revenue_parent(code: str) -> str | None:
    level = revenue_level(code)
    return {1: None, 2: code[:2] + "0" * (len(code) - 2), 3: code[:-4] + "0000",
            4: code[:-2] + "00"}[level]


def expenditure_kind(code: str) -> ExpenditureKind:
    # a city's code has an agency part of 5 digits, not 4: the levels are read from the right
    if code.startswith("00"):
        return "ministry" if not code[4:].strip("0") else "agency"
    if code[-4:] == "0000":
        return "function"
    return "work_plan" if code[-2:] == "00" else "task"


def expenditure_parent(code: str) -> str | None:
    return {
        "ministry": None,
        "agency": "00" + code[2:4] + "0" * (len(code) - 4),
        "function": "00" + code[2:-4] + "0000",
        "work_plan": code[:-4] + "0000",
        "task": code[:-2] + "00",
    }[expenditure_kind(code)]
