"""Fiscal Data Package: datapackage.json and one CSV per resource.

The package is a Tabular Data Package (so `frictionless validate` checks every CSV against its
schema) carrying the Fiscal Data Package `model` of the expenditure and revenue resources.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from .. import units
from ..model import Book
from ..text import Document
from .bundle import AUDIT_CHECKS, CHECK_COLUMNS, SOURCE_COLUMNS, SOURCE_LINES, Bundle, from_book
from .tabular import Column

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


def _csv(names: list[str], rows: list[dict[str, Any]], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow(["" if row.get(n) is None else row[n] for n in names])


def _resource(name: str, title: str, columns: list[Column], description: str = "") -> dict[str, Any]:
    res: dict[str, Any] = {
        "name": name,
        "title": title,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": [
                {"name": c.name, "type": c.type,
                 **({"description": c.description} if c.description else {})}
                for c in columns
            ],
            "missingValues": [""],
        },
    }
    if description:
        res["description"] = description
    return res


def descriptor(bundle: Bundle) -> dict[str, Any]:
    meta = bundle.meta
    unit = meta.get("unit") or units.DEFAULT
    resources = [_resource(name, title, cols) for name, (title, cols, _) in bundle.tables.items()]
    if bundle.source_lines:
        resources.append(_resource(SOURCE_LINES, "the book text, line by line", SOURCE_COLUMNS,
                                   "every source_line in the other resources points here"))
    resources.append(_resource(AUDIT_CHECKS, "audit checks", CHECK_COLUMNS))
    desc: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": meta["id"].lower(),
        "title": f"{meta.get('agency_name') or meta['agency_code']} {meta['roc_year']}年度 "
                 f"單位預算 ({meta['phase']})",
        "description": "Unit budget book (單位預算書) read by budgetbook; amounts in "
                       f"{units.describe(unit)}.",
        "countryCode": "TW",
        "currency": "TWD",
        "fiscalPeriod": {"start": f"{meta['fiscal_year']}-01-01",
                         "end": f"{meta['fiscal_year']}-12-31"},
        "budgetbook": {**meta, "unit": unit},
        "model": _FISCAL_MODEL["expenditure-lines"],
        "resources": resources,
    }
    return desc


def write_bundle(bundle: Bundle, out: str | Path) -> Path:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name, (_, cols, rows) in bundle.tables.items():
        _csv([c.name for c in cols], rows, out / f"{name}.csv")
    if bundle.source_lines:
        _csv([c.name for c in SOURCE_COLUMNS], bundle.source_rows(), out / f"{SOURCE_LINES}.csv")
    _csv([c.name for c in CHECK_COLUMNS], bundle.checks, out / f"{AUDIT_CHECKS}.csv")
    path = out / "datapackage.json"
    path.write_text(json.dumps(descriptor(bundle), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return path


def write_fdp(book: Book, out: str | Path, doc: Document | None = None) -> Path:
    """Write the package into directory `out` (created if needed); returns datapackage.json."""
    return write_bundle(from_book(book, doc), out)
