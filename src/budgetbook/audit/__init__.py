"""Audit a Book: every arithmetic identity across its tables, as data-driven rules."""
