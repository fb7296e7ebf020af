"""budgetbook: read, check and serve Taiwanese government unit budget books (單位預算書)."""

from __future__ import annotations

from .errors import AuditError, BudgetBookError, ReadError
from .model import Book
from .readers import read

__all__ = ["AuditError", "Book", "BudgetBookError", "ReadError", "read"]
__version__ = "0.1.0"
