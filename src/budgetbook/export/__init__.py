"""Exports of a Book: Fiscal Data Package, JSON, XLSX."""
