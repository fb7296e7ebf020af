"""預算總說明 (overview) read from the seed book, and from variants of it."""

from __future__ import annotations

from pathlib import Path

import pytest

import budgetbook
from budgetbook.export.rows.overview import RESOURCES
from budgetbook.export.tabular import columns_of, flat_row
from budgetbook.readers.booktext.overview_text import Ln, join, name_of
from conftest import SEED  # noqa: E402


@pytest.fixture(scope="module")
def book():
    return budgetbook.read(SEED)


@pytest.fixture(scope="module")
def ov(book):
    assert book.overview is not None
    return book.overview


def _unparsed(book):
    return [f for f in book.findings if f.table == "overview" and f.kind == "unparsed"]


def test_no_unparsed_or_inconsistent_findings(book):
    assert _unparsed(book) == []
    assert [f for f in book.findings if f.table == "overview"] == []


def test_duties(ov):
    assert [d.number for d in ov.duties] == ["1", "2", "3"]
    assert [d.line for d in ov.duties] == [11, 15, 39]
    first = ov.duties[0].text
    assert first.text == (
        "經濟部中小企業處於 70 年 1 月 15 日，依據行政院 69 年 12 月 8 日令核定成立，"
        "並依 73年 11月 28日總統令公布之經濟部中小企業處組織條例設置。"
    )
    assert (first.line, first.end_line) == (11, 13)
    second = ov.duties[1]
    assert len(second.items) == 6
    assert second.items[0] == "市場之調查及開發。"
    assert second.items[5] == "其他有關中小企業之創辦或健全發展之事項。"
    # the paragraph after the sub-items is part of the item, on its own line
    lines = second.text.text.split("\n")
    assert lines[0].endswith("負責有關中小企業之：")
    assert lines[1] == "(1)市場之調查及開發。"
    assert lines[-1].startswith("另因應整體產業結構面臨變革")
    assert lines[-1].endswith("取得營運資金等相關事項。")
    assert second.text.end_line == 37


def test_divisions(ov):
    assert len(ov.divisions) == 9
    assert [d.name for d in ov.divisions] == [
        "政策規劃組", "經營輔導組", "創業育成組", "知識資訊組", "財務融通組",
        "秘書室", "主計室", "人事室", "政風室",
    ]
    assert [len(d.duties) for d in ov.divisions] == [6, 8, 7, 6, 6, 5, 1, 1, 1]
    policy = ov.divisions[0]
    assert policy.line == 45
    assert (policy.duties[3].number, policy.duties[3].line) == ("4", 52)
    assert policy.duties[3].text == "本處主管法規之研究、撰擬及修正事項。"
    accounting = ov.divisions[6]
    assert (accounting.line, accounting.number) == (131, "7")
    assert accounting.duties[0].number is None
    assert accounting.duties[0].text == "辦理歲計、會計業務。"


def test_staffing(ov):
    s = ov.staffing
    assert s is not None
    assert (s.title, s.line, s.last_year, s.year) == ("經濟部中小企業處預算員額說明表", 140, 110, 111)
    assert [(r.name, r.last_year_count, r.count, r.line) for r in s.rows] == [
        ("職員", 95, 95, 150), ("聘用", 23, 11, 160), ("約僱", 6, 6, 162), ("技工", 2, 2, 164),
        ("工友", 2, 1, 166), ("駕駛", 1, 0, 168), ("合計", 129, 115, 170),
    ]
    assert s.explanation is not None
    assert s.explanation.text == (
        "本(111)年度預算員額 115 人，較上年度減列聘用 12 人、工友及駕駛各 1人，合計 14人。"
    )
    assert (s.explanation.line, s.explanation.end_line) == (150, 158)


def test_policy_texts(ov):
    assert ov.policy_title == "經濟部中小企業處 111 年度施政目標與重點"
    intro = ov.policy_intro
    assert intro is not None and intro.line == 173
    paragraphs = intro.text.split("\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].endswith("促進整體經濟活力。")
    assert paragraphs[1].startswith("本處依據行政院 111年度施政方針")
    assert ov.policy_year == 111
    assert ov.policy_goals is not None and ov.policy_goals.line == 189
    assert ov.policy_goals.text.startswith("強化中小企業科技應用能力，加速數位轉型；")
    assert ov.policy_goals.text.endswith("促進地方均衡發展。")


def test_goals(ov):
    assert [(g.work_plan, g.number, g.name, g.line) for g in ov.goals] == [
        ("中小企業科技應用", "一", "運用科技創新轉型升級", 203),
        ("中小企業科技應用", "二", "促進小型企業創新研發", 221),
        ("中小企業科技應用", "三", "亞洲·矽谷新創鏈結計畫", 231),
        ("中小企業發展", "一", "營造企業優質發展環境", 247),
        ("中小企業發展", "二", "創新輔導活絡產業經濟", 255),
        ("中小企業發展", "三", "強化資金規劃運用能力", 267),
    ]
    assert ov.goals[0].lines == {"work_plan": 199}
    third = ov.goals[2].text
    assert third is not None
    # the text runs on after the repeated column header
    assert third.text == (
        "以完備臺灣創業生態系為目標，協助新創鏈結產業與國際，並厚植新創人力資源，"
        "加強學研機構探勘具商業應用潛力技術之能力，以擴散新創成果橋接效益。"
    )
    assert (third.line, third.end_line) == (235, 242)
    assert ov.goals[3].text.text == "中小企業白皮書編撰、中小企業公共服務、協助中小企業參與 APEC區域跨境整合等。"


def test_results_parts(ov):
    assert [(p.number, p.period, p.roc_year, p.line, len(p.programs)) for p in ov.results] == [
        ("一", "前年度", 109, 277, 32), ("二", "上年度", 110, 978, 31),
    ]
    assert ov.results[1].title == "上年度已過期間（110 年 1 月 1 日至 6 月 30 日止）計畫實施成果概述"
    for part, counts in zip(ov.results, ([24, 8], [24, 7]), strict=True):
        plans = [p.work_plan for p in part.programs]
        assert [plans.count("中小企業科技應用"), plans.count("中小企業發展")] == counts
        assert all(p.period == part.period and p.roc_year == part.roc_year for p in part.programs)


def test_result_programs(ov):
    before, half = ov.results
    first = before.programs[0]
    assert (first.name, first.line, first.lines) == (
        "優化中小企業科技策略布局暨政策決策發展計畫", 285, {"work_plan": 281, "text": 291})
    assert first.text.text.endswith("進行 109年中小企業數位程度調查。")
    by_line = {p.line: p for part in ov.results for p in part.programs}
    assert by_line[334].name == "中小企業服務優化與特色加值計畫"
    assert by_line[476].name == "推動 5G定向育成加速器計畫"
    assert by_line[881].name == "協助中小企業參與 APEC 等區域經濟整合計畫"
    # items 一、二、… each on their own line
    items = by_line[399].text.text.split("\n")
    assert len(items) == 4 and items[3].startswith("四、協助學、研創育機構研發能量商品化或事業化")
    assert len(by_line[1164].text.text.split("\n")) == 7
    # text that runs on after a page header
    assert "籌資成效回饋給推薦單位。\n三、對外公告徵求創新案源2次" in by_line[601].text.text
    # a name whose end is printed after the page break, before the rest of its text
    cloud = by_line[1382]
    assert cloud.name == "以企業視角優化政府雲服務介面計畫(數位平台服務與科技應用計畫)"
    assert "本年度優先串接「企業開辦」及「企業籌備」2 項服務" in cloud.text.text
    assert (cloud.text.line, cloud.text.end_line) == (1386, 1407)
    assert "提供商品化快製服務10次。" in by_line[1459].text.text
    assert half.programs[-1].name == "加強投資中小企業服務計畫"
    assert half.programs[-1].work_plan == "中小企業發展"
    assert half.programs[-1].lines["work_plan"] == 1502


def test_page_furniture_is_dropped(ov):
    texts = [p.text.text for part in ov.results for p in part.programs]
    texts += [g.text.text for g in ov.goals] + [d.text.text for d in ov.duties]
    for t in texts:
        assert "預算總說明" not in t and "中華民國" not in t
        assert "工作計畫實施概況" not in t.replace(" ", "")
        assert "經濟部中小企業處" not in t or "組織條例" in t
    assert ov.other == []


def test_export_resources(book):
    by_name = {r.name: r for r in RESOURCES}
    required = {
        "divisions": {"name", "duties", "duty_count", "source_line"},
        "program-results": {"period", "roc_year", "work_plan", "name", "text", "source_line"},
        "duties": {"number", "text", "source_line"},
        "goals": {"work_plan", "number", "name", "text", "source_line"},
        "staffing-summary": {"name", "last_year_count", "count", "source_line"},
    }
    for name, cols in required.items():
        assert cols <= {c.name for c in columns_of(by_name[name].row_model)}, name
    rows = {name: list(r.rows(book)) for name, r in by_name.items()}
    assert [len(rows[n]) for n in required] == [9, 63, 3, 6, 7]
    assert rows["divisions"][6].duties == "辦理歲計、會計業務。"
    assert rows["divisions"][0].duties.count("\n") == 5
    assert rows["program-results"][32].model_dump()["period"] == "上年度"
    assert flat_row(rows["staffing-summary"][-1]) == {
        "name": "合計", "last_year": 110, "last_year_count": 129, "year": 111, "count": 115,
        "source_line": 170, "source_page": None, "source_bbox": None}


def test_joining_wrapped_lines():
    lines = [Ln(1, "鏈結 Google", ""), Ln(2, "數位學程與 AWS", ""), Ln(3, "Cloud 課程 474,1", ""),
             Ln(4, "78千元", "")]
    assert join(lines) == "鏈結 Google數位學程與 AWS Cloud 課程 474,178千元"
    assert name_of(["型 升 級", "推動 5G定向育"]) == "型升級推動 5G定向育"


# variants: the reader must follow the book's structure, not this book's names and figures
def _variant(tmp_path: Path, edits: list[tuple[str, str]]) -> budgetbook.Book:
    text = SEED.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    return budgetbook.read(path)


def test_variant_renamed_and_changed(tmp_path):
    book = _variant(tmp_path, [
        ("政策規劃組", "策略規劃發展組"),
        # a work plan renamed in the plans table and in both results tables (re-wrapped)
        ("二、中小企業\n\n發 展", "二、中小企業\n\n輔 導 發 展"),
        ("二、中小企業發\n\n展", "二、中小企業輔\n\n導發展"),
        ("小型商家轉型升\n\n級計畫", "微型商家數位轉\n\n型升級計畫"),
        ("職員 95 95 本(111)", "職員 96 97 本(111)"),
        ("合計 129 115", "合計 130 117"),
        ("額 115 人", "額 117 人"),
    ])
    assert _unparsed(book) == []
    ov = book.overview
    assert ov.divisions[0].name == "策略規劃發展組"
    assert len(ov.divisions[0].duties) == 6
    assert [g.work_plan for g in ov.goals][3:] == ["中小企業輔導發展"] * 3
    for part, n in zip(ov.results, (8, 7), strict=True):
        assert [p.work_plan for p in part.programs].count("中小企業輔導發展") == n
        assert len(part.programs) in (32, 31)
    assert ov.results[0].programs[4].name == "微型商家數位轉型升級計畫"
    assert ov.results[0].programs[24].name == "中小企業中英文白皮書編撰計畫"
    rows = {r.name: (r.last_year_count, r.count) for r in ov.staffing.rows}
    assert rows["職員"] == (96, 97) and rows["合計"] == (130, 117)
    assert ov.staffing.explanation.text.startswith("本(111)年度預算員額 117 人")
    assert [f for f in book.findings if f.table == "overview"] == []


def test_variant_inconsistent_total_is_reported(tmp_path):
    book = _variant(tmp_path, [("職員 95 95 本(111)", "職員 95 99 本(111)")])
    found = [f for f in book.findings if f.table == "overview" and f.kind == "inconsistent"]
    assert len(found) == 1 and found[0].line == 170


def test_variant_parts_reordered(tmp_path):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    policy = next(i for i, ln in enumerate(lines) if ln.strip().startswith("二、") and "施政目標" in ln)
    results = next(i for i, ln in enumerate(lines) if ln.strip().startswith("三、") and "實施狀況" in ln)
    end = next(i for i, ln in enumerate(lines) if ln.replace(" ", "") == "主要表")
    moved = lines[:policy] + lines[results:end] + lines[policy:results] + lines[end:]
    path = tmp_path / "reordered.txt"
    path.write_text("\n".join(moved), encoding="utf-8")
    book = budgetbook.read(path)
    assert _unparsed(book) == []
    ov = book.overview
    assert len(ov.goals) == 6 and len(ov.divisions) == 9
    assert [len(p.programs) for p in ov.results] == [32, 31]
    assert ov.results[1].programs[19].name.startswith("以企業視角優化政府雲服務介面計畫")


def test_variant_extra_part_is_kept_as_text(tmp_path):
    extra = "四、其他\n\n本處預算執行情形良好。\n\n 主 要 表"
    book = _variant(tmp_path, [(" 主 要 表", extra)])
    assert _unparsed(book) == []
    ov = book.overview
    assert [(o.number, o.title, o.text.text) for o in ov.other] == [
        ("四", "其他", "本處預算執行情形良好。")]
    assert ov.results[1].programs[-1].text.text.endswith("以期協助企業營運發展。")
