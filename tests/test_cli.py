"""The CLI through Typer's runner: output, exit codes, and one-line errors."""

import json

from typer.testing import CliRunner

from budgetbook.cli import app

runner = CliRunner()


def test_show_summarises_the_book(seed_path):
    result = runner.invoke(app, ["show", str(seed_path)])
    assert result.exit_code == 0, result.output
    assert "經濟部中小企業處" in result.output
    assert "2675-2022-enacted" in result.output
    assert "5226752000" in result.output  # a work plan row


def test_export_fdp_and_json(tmp_path, seed_path):
    result = runner.invoke(app, ["export", str(seed_path), "--format", "fdp", "--out",
                                 str(tmp_path / "pkg")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pkg" / "datapackage.json").exists()
    result = runner.invoke(app, ["export", str(seed_path), "-f", "json", "-o",
                                 str(tmp_path / "b.json")])
    assert result.exit_code == 0
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["agency_code"] == "2675"


def test_phase_override(tmp_path, seed_path):
    result = runner.invoke(app, ["export", str(seed_path), "-f", "json", "-o",
                                 str(tmp_path / "b.json"), "--phase", "proposed"])
    assert result.exit_code == 0
    assert json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))["id"].endswith("-proposed")


def test_bad_inputs_exit_2_with_one_message(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    other = tmp_path / "other.txt"
    other.write_text("just some text\n")
    for path, expected in [(empty, "empty file"), (other, "no section"),
                           (tmp_path / "missing.txt", "no such file"), (tmp_path, "directory")]:
        result = runner.invoke(app, ["show", str(path)])
        assert result.exit_code == 2, (path, result.output)
        assert expected in result.output and str(path) in result.output
        assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error(tmp_path, seed_path):
    result = runner.invoke(app, ["export", str(seed_path), "-f", "pdf", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "pdf" in result.output
