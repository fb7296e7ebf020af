"""Documentation tested against the code: the data model page is current, README commands run."""

from pathlib import Path

from typer.testing import CliRunner

from budgetbook.cli import app
from budgetbook.export.schema_doc import render

ROOT = Path(__file__).resolve().parents[1]


def test_data_model_doc_is_current():
    doc = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert doc == render(), "regenerate: python -m budgetbook.export.schema_doc > docs/data-model.md"


def test_readme_names_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    result = CliRunner().invoke(app, ["--help"])
    for command in ("show", "export", "audit", "ingest", "books", "serve", "compare"):
        assert command in result.output
        assert f"budgetbook {command}" in readme, command
