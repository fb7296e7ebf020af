"""Fiscal Data Package: datapackage.json and one CSV per resource.

The package is a Tabular Data Package (so `frictionless validate` checks every CSV against its
schema) carrying the Fiscal Data Package `model` of the expenditure and revenue resources.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ..model import Book
from .tabular import Table, tables

# Fiscal Data Package model: which columns are measures and which are dimensions.
_FISCAL_MODEL = {
    "expenditure-lines": {
        "measures": {"amount": {"source": "amount", "currency": "TWD", "factor": 1000}},
        "dimensions": {
            "fiscal-year": {"attributes": {"fiscal_year": {"source": "fiscal_year"}},
                            "dimensionType": "datetime"},
            "administrative-classification": {
                "attributes": {"agency_code": {"source": "agency_code"}},
                "dimensionType": "classification"},
            "activity": {
                "attributes": {
                    "work_plan_code": {"source": "work_plan_code"},
                    "work_plan_name": {"source": "work_plan_name", "labelfor": "work_plan_code"},
                    "sub_plan_no": {"source": "sub_plan_no", "parent": "work_plan_code"},
                    "sub_plan_name": {"source": "sub_plan_name", "labelfor": "sub_plan_no"},
                },
                "primaryKey": ["work_plan_code", "sub_plan_no"],
                "dimensionType": "activity"},
            "economic-classification": {
                "attributes": {
                    "object_code": {"source": "object_code"},
                    "object_name": {"source": "object_name", "labelfor": "object_code"},
                },
                "primaryKey": ["object_code"],
                "dimensionType": "classification"},
        },
    },
}


def _csv(table: Table, path: Path) -> None:
    names = [c.name for c in table.columns]
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(names)
        for row in table.rows:
            writer.writerow(["" if row.get(n) is None else row[n] for n in names])


def descriptor(book: Book, tabs: list[Table]) -> dict[str, Any]:
    resources = []
    for t in tabs:
        res: dict[str, Any] = {
            "name": t.resource.name,
            "title": t.resource.title,
            "path": f"{t.resource.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [
                    {"name": c.name, "type": c.type, **({"description": c.description}
                                                       if c.description else {})}
                    for c in t.columns
                ],
                "missingValues": [""],
            },
        }
        if t.resource.description:
            res["description"] = t.resource.description
        resources.append(res)
    agency = book.agency_name or book.agency_code or "unknown agency"
    name = (book.id or "budget-book").lower()
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": f"{agency} {book.roc_year}年度 單位預算 ({book.phase})",
        "description": "Unit budget book (單位預算書) read by budgetbook; amounts in thousands of NTD.",
        "fiscalPeriod": {"start": f"{book.fiscal_year}-01-01", "end": f"{book.fiscal_year}-12-31"}
        if book.fiscal_year else None,
        "countryCode": "TW",
        "currency": "TWD",
        "budgetbook": {
            "id": book.id, "agency_code": book.agency_code, "agency_name": book.agency_name,
            "parent_code": book.parent_code, "parent_name": book.parent_name,
            "roc_year": book.roc_year, "fiscal_year": book.fiscal_year, "phase": book.phase,
            "source": Path(book.source).name, "unit": "thousand TWD",
        },
        "model": _FISCAL_MODEL.get("expenditure-lines"),
        "resources": resources,
    }


def write_fdp(book: Book, out: str | Path) -> Path:
    """Write the package into directory `out` (created if needed); returns datapackage.json."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tabs = tables(book)
    for t in tabs:
        _csv(t, out / f"{t.resource.name}.csv")
    desc = descriptor(book, tabs)
    if desc["fiscalPeriod"] is None:
        del desc["fiscalPeriod"]
    path = out / "datapackage.json"
    path.write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
