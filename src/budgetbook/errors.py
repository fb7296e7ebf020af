"""The one exception hierarchy of budgetbook.

    BudgetBookError
     ├── ReadError        the input cannot be read as a budget book (file, line, what was expected)
     └── AuditError       the audit cannot run

The CLI turns any BudgetBookError into one message and exit code 2.
"""

from __future__ import annotations


class BudgetBookError(Exception):
    """Base of every error a user can cause."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class ReadError(BudgetBookError):
    """The source cannot be read as a budget book."""


class AuditError(BudgetBookError):
    """The audit cannot be run."""
