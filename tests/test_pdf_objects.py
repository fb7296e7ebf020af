"""The object-class tables of the 內政部 FY114 PDF (各項費用彙計表, 歲出一級用途別科目分析表,
資本支出分析表, 預算員額明細表); expected values read off the page images."""

from __future__ import annotations

import pytest

from pdf_books import moi_book

# reads a real PDF book (seconds): not in the quick lane (scripts/test --fast)
pytestmark = pytest.mark.slow


def test_cost_summary_columns_and_wrapped_name_p124():
    cs = moi_book().cost_summary
    assert len(cs.columns) == 13
    assert cs.columns[0].code == "3708010100"
    assert cs.columns[0].name == "一般行政"
    # printed over two rows: 民政及宗教禮 / 制業務
    assert cs.columns[1].name == "民政及宗教禮制業務"
    assert cs.columns[4].name == "地籍及不動產服務業管理"


def test_cost_summary_row_2039_p124_p128():
    cs = moi_book().cost_summary
    row = next(r for r in cs.rows if r.code == "2039")
    assert row.name == "委辦費" and row.level == 2 and row.parent_code == "2000"
    assert row.amounts[:6] == [1721, 38130, None, 248733, 12202, 731]  # page 124
    assert row.total == 396255  # page 128, 合計 column
    assert row.loc.page == 128


def test_cost_summary_total_row_and_box_p124():
    cs = moi_book().cost_summary
    assert cs.total is not None and cs.total.total == 13424378  # page 128
    assert cs.total.amounts[:2] == [1771975, 5669604]
    loc = cs.total.locs["amounts[0]"]
    assert loc.page == 124
    # 1,771,975 ends at the column's right rule, about x 231pt, y 159pt on the page image
    x0, top, x1, bottom = loc.box
    assert 180 < x0 < x1 < 236 and 150 < top < bottom < 175
    assert len([r for r in cs.rows if r.level == 1]) == 5


def test_object_analysis_p131():
    oa = moi_book().object_analysis
    assert len(oa.rows) == 19
    row = next(r for r in oa.rows if r.name == "一般行政")
    assert (row.ordinal, row.level) == ("1", "work_plan")
    assert (row.personnel, row.operating, row.grants, row.debt) == (1640215, 83890, 1250, None)
    assert row.locs["personnel"].page == 131
    assert row.loc.page == 132  # 合計 is printed on the right page of the spread
    head = oa.rows[0]
    assert head.name == "內政部主管" and not head.printed and head.level == "ministry"
    assert [r.name for r in oa.rows if r.level == "function"] == ["民政支出", "福利服務支出"]


def test_capital_p133():
    cap = moi_book().capital
    assert len(cap.rows) == 18
    row = next(r for r in cap.rows if r.name == "役政業務")
    assert row.code == "3708012900" and row.ordinal == "7"
    assert (row.land, row.buildings, row.public_works, row.machinery) == (
        106998, 221347, None, 1606)
    assert row.locs["land"].page == 133


def test_staffing_p137():
    st = moi_book().staffing
    assert [r.name for r in st.rows] == ["內政部主管", "內政部", "一般行政"]
    row = st.rows[1]
    assert row.code == "0008010000" and row.level == "agency"
    got = {c.category: (c.count, c.last_year_count) for c in row.counts}
    assert got["職員"] == (942, 942) and got["工友"] == (23, 26)
    assert got["技工"] == (316, 316) and got["駕駛"] == (9, 12)
    assert row.count_of("職員").loc.page == 137


def test_staffing_appendix_sub_unit_p389():
    sub = next(b for b in moi_book().appendices if b.sub_unit == "內政部土地重劃工程處")
    row = sub.staffing.rows[1]
    got = {c.category: (c.count, c.last_year_count) for c in row.counts}
    assert got["職員"] == (74, 74) and got["工友"] == (None, 1)
    assert got["技工"] == (18, 18) and got["駕駛"] == (2, 2)


def test_staffing_cost_glued_to_notes_p138():
    st = moi_book().staffing
    row = st.rows[2]  # 一般行政: `55,886` printed against `1.減列…` with no gap
    assert (row.cost, row.cost_last_year, row.cost_change) == (1566258, 1510372, 55886)
    loc = row.locs["cost_change"]
    assert loc.page == 138
    # right page of the spread, in the 比較 column left of `1.減列` (about x 360-400pt, y 211pt);
    # the box holds the figure only, not the 說明 glued to it
    x0, top, x1, bottom = loc.box
    assert 355 < x0 < x1 < 400 and 200 < top < bottom < 222
    assert x1 - x0 < 35  # six characters, not the note
    assert row.count_of("合計").count == 1468
    assert [n.text[:2] for n in st.notes] == ["1.", "2.", "3."]
    assert st.notes[0].text == "1.減列工友3人、駕駛3人，增列約僱10人。"
    assert st.notes[0].loc.page == 138
    assert "(1)一般行政計畫，預計進用勞務承攬23人，經費12,843千元。" in st.notes[1].text


def test_personnel_costs_p136():
    pc = moi_book().personnel_costs
    assert len(pc.categories) == 12
    assert [(c.ordinal, c.name, c.amount) for c in pc.categories[:3]] == [
        ("一", "民意代表待遇", None), ("二", "政務人員待遇", 7194),
        ("三", "法定編制人員待遇", 1944370)]
    assert pc.categories[10].name == "保險" and pc.categories[10].amount == 318006
    assert pc.total == 3607996
    assert pc.total_loc is not None and pc.total_loc.page == 136
    assert pc.total_loc.box[3] > 700  # 合計 printed at the foot of the page
