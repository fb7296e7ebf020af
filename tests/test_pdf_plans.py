"""歲出計畫提要及分支計畫概況表 (plans) read from the 內政部 FY114 PDF: expected values are read
off the page images (pages 74-123, the appendix's 302-384), never from the reader."""

from __future__ import annotations

import pytest

from pdf_books import moi_book

# reads a real PDF book (seconds): not in the quick lane (scripts/test --fast)
pytestmark = pytest.mark.slow


def _wp(book, code):
    return next(w for w in book.work_plans if w.code == code)


def _sp(book, code, no):
    return next(s for s in _wp(book, code).sub_plans if s.no == no)


def _appendix(name):
    return next(a for a in moi_book().appendices if a.sub_unit == name)


def _inside(loc, page, x0, top, x1, bottom):
    """The figure's box lies in the region (points) measured on the page image."""
    assert loc.page == page
    assert loc.box is not None
    bx0, btop, bx1, bbottom = loc.box
    assert x0 <= bx0 < bx1 <= x1 and top <= btop < bbottom <= bottom, loc.box


def test_work_plans_of_the_book_pages_74_to_123():
    plans = moi_book().work_plans
    assert [(w.code, w.name, w.amount) for w in plans] == [
        ("3708010100", "一般行政", 1_771_975),
        ("3708011000", "民政及宗教禮制業務", 5_669_604),
        ("3708011500", "戶政業務", 70_523),
        ("3708012501", "測量及方域", 423_403),
        ("3708012502", "地籍及不動產服務業管理", 72_331),
        ("3708012503", "平均地權及土地利用", 42_255),
        ("3708012700", "土地測量", 1_006_592),
        ("3708012800", "土地開發", 16_137),
        ("3708012900", "役政業務", 3_486_601),
        ("3708013000", "內政資訊業務", 723_354),
        ("3708019011", "交通及運輸設備", 1_260),
        ("3708019800", "第一預備金", 27_000),
        ("6308013500", "社會行政業務", 113_343),
    ]
    assert not [f for f in moi_book().findings if f.table == "plans"]


def test_work_plan_over_four_pages_is_one_pages_74_to_77():
    wp = _wp(moi_book(), "3708010100")
    assert [(s.no, s.name, s.amount) for s in wp.sub_plans] == [
        ("01", "人員維持", 1_640_215), ("02", "基本行政工作維持", 113_189),
        ("03", "統計業務專案計畫", 15_518), ("04", "綜合規劃業務專案計畫", 3_053)]
    assert 1_640_215 + 113_189 + 15_518 + 3_053 == wp.amount
    assert wp.content.text == "一般性行政管理工作，以及共同性經費。"
    assert wp.expected_results.text == "完成良好機關管理工作，使助於本部業務之順利進行。"
    _inside(wp.loc, 74, 515, 90, 572, 107)  # 1,771,975: image (783..852, 141..154)
    # sub-plan 04's 說明 ends on page 77 with item 9
    d = wp.sub_plans[3].description
    assert d.text.endswith("9.處理公務所需使用影印機租賃與耗材等經費及綜合業務所需庶務費492千元。")
    assert d.loc.page == 76 and d.end_line > d.loc.line


def test_sub_plan_01_with_every_object_line_page_74():
    sp = _sp(moi_book(), "3708010100", "01")
    assert sp.units == ["人事處", "國土測繪中心", "土地重劃工程處"]  # wrapped over three rows
    rows = [(o.code, o.name, o.level, o.amount, o.parent_code) for o in sp.object_lines]
    assert rows == [
        ("1000", "人事費", 1, 1_640_215, None),
        ("1010", "政務人員待遇", 2, 7_194, "1000"),
        ("1015", "法定編制人員待遇", 2, 814_959, "1000"),
        ("1020", "約聘僱人員待遇", 2, 93_190, "1000"),
        ("1025", "技工及工友待遇", 2, 157_889, "1000"),
        ("1030", "獎金", 2, 245_323, "1000"),
        ("1035", "其他給與", 2, 29_624, "1000"),
        ("1040", "加班費", 2, 73_957, "1000"),
        ("1045", "退休退職給付", 2, 5_856, "1000"),
        ("1050", "退休離職儲金", 2, 101_208, "1000"),
        ("1055", "保險", 2, 111_015, "1000"),
    ]
    assert sum(r[3] for r in rows[1:]) == 1_640_215
    # 1,640,215 of the sub-plan row: image (345..415, 258..273) at scale 1.5
    _inside(sp.loc, 74, 225, 168, 280, 185)
    _inside(sp.locs["no"], 74, 25, 168, 42, 185)  # 01
    _inside(sp.locs["units"], 74, 275, 168, 360, 185)  # 人事處、國土測繪
    # 1055 保險 111,015: the last object line, image y 522..536
    _inside(sp.object_lines[-1].loc, 74, 225, 345, 280, 360)
    _inside(sp.object_lines[-1].locs["code"], 74, 45, 345, 72, 360)
    assert sp.description.text.startswith("人事費含職員942人(含奉祀官1人)，駐警9人，工友23人，")
    assert sp.description.text.endswith("約聘僱人員勞工退休金暨離職儲金公提部分。")


def test_description_items_one_a_line_page_74():
    d = _sp(moi_book(), "3708010100", "02").description
    lines = d.text.split("\n")
    assert lines[0] == ("辦理本部文書、事務及財物管理，歲計及會計管理，人事管理及查核，受理訴願及"
                        "再審處理，法規整理與管制，政風工作及法令宣導等一般行政工作。")
    # `…經費9,55` / `0千元。` wraps inside a figure: joined back
    assert lines[9] == ("9.辦理本部採購稽核暨工程施工查核工作、書面公文收文登錄、掃描影像建檔服務、"
                        "駕駛人力委託外包及處理經常公務所需印刷等經費9,550千元。")
    assert len(lines) == 22  # the lead sentence and items 1-21 (items 13-21 on page 75)
    pos = d.text.index("9,550")
    assert d.loc_at(pos + 4).page == 74 and d.loc_at(pos + 4).line > d.loc_at(pos).line


def test_wrapped_sub_plan_name_joined_page_119():
    sp = _sp(moi_book(), "3708013000", "09")
    assert sp.name == "國土空間資訊數位基礎建設及加值應用計畫"
    assert sp.amount == 8_540 and sp.units == ["資訊服務司"]
    assert [(o.code, o.amount) for o in sp.object_lines] == [
        ("2000", 3_530), ("2018", 3_530), ("3000", 5_010), ("3030", 5_010)]
    _inside(sp.loc, 119, 232, 464, 280, 480)  # 8,540: image (355..415, 702..716)
    assert sp.description.text.startswith("本計畫係奉行政院113年5月10日院臺建字第1131010629號函")
    assert sp.description.text.endswith("合計8,540千元。")


def test_sub_plan_continued_on_next_page_pages_122_123():
    wp = _wp(moi_book(), "6308013500")
    assert wp.sub_plans[0].name == "健全人民團體組織及推行改善社會風氣"
    assert [s.amount for s in wp.sub_plans] == [20_291, 1_636, 1_110, 1_671, 88_635]
    assert sum(s.amount for s in wp.sub_plans) == wp.amount == 113_343
    sp = wp.sub_plans[3]  # 04 強化合作事業輔導: its row on page 122, its lines on page 123
    assert sp.loc.page == 122
    assert [o.code for o in sp.object_lines] == [
        "2000", "2003", "2009", "2021", "2036", "2039", "2051", "2054", "2072", "2081", "2084"]
    assert {o.loc.page for o in sp.object_lines} == {123}
    assert sp.description.text == ("辦理合作事業輔導之政策規劃，輔導合作社及儲蓄互助社組織運作，"
                                   "委託會計師事務所辦理合作社及儲蓄互助社稽查工作，所需業務費"
                                   "1,671千元。")
    assert wp.content.text == ("加強輔導社會團體、工商自由職業團體、合作組織等；"
                               "輔導辦理重要紀念節慶及業務活動。")
    assert wp.expected_results.text == (
        "輔導現有全國性社會、工商、自由職業團體與全國合作社場健全組織，協助政府推動政令，"
        "改善社會風氣，促進社會祥和，以增進社會整體發展。")


def test_numbered_programme_text_page_90():
    wp = _wp(moi_book(), "3708012502")
    content = wp.content.text.split("\n")
    results = wp.expected_results.text.split("\n")
    assert len(content) == 7 and len(results) == 7
    assert content[0] == "1.健全地籍管理及土地登記作業，辦理土地登記人員訓練及相關法令業務。"
    assert results[6] == "7.優化跨機關資訊整合與不動產登記網路申辦服務，簡化辦理流程與時間，確保不動產交易安全。"


def test_stated_items_read_as_printed_page_90():
    # item 1 of this 說明 states 9,671 and three sub-items 311 + 1,700 + 7,660; sub-item (2)
    # details its 1,700 as 1,400 + 300 after 其中, which the audit must not count again
    lines = _sp(moi_book(), "3708012502", "02").description.text.split("\n")
    assert lines[0] == "1.辦理不動產交易管理與輔導工作所需經費9,671千元，係包含："
    assert lines[2] == ("(2)維護不動產服務業管理作業系統及不動產專業人員訓練服務網作業系統，"
                        "所需經費1,700千元，其中資訊操作維護費1,400千元，系統開發費300千元。")
    from budgetbook.audit import audit

    checks = [c for c in audit(moi_book()).checks if c.rule.startswith("plans.sub_plan.stated")
              and c.status != "skip" and any(f.loc and f.loc.page == 90 for f in c.figures)]
    assert checks and all(c.status == "pass" for c in checks)
    assert any(c.actual == 9_671 and c.expected == 9_671 for c in checks)


def test_no_units_printed_page_83():
    sp = _sp(moi_book(), "3708011500", "05")  # the 承辦單位 cell is blank in the book
    assert sp.name == "辦理戶政綜合計畫及研習活動" and sp.amount == 4_496
    assert sp.units == []


def test_appendix_sub_units_pages_302_to_384():
    names = [a.sub_unit for a in moi_book().appendices]
    assert {"內政部", "內政部國土測繪中心", "內政部土地重劃工程處"} <= set(names)
    assert len(_appendix("內政部").work_plans) == 11
    survey = _appendix("內政部國土測繪中心")
    assert [(w.code, w.amount) for w in survey.work_plans] == [
        ("3708010100", 511_916), ("3708012700", 1_006_592)]
    sp = survey.work_plans[0].sub_plans[0]  # page 358
    assert (sp.no, sp.name, sp.amount, sp.units) == ("01", "人員維持", 511_916, ["國土測繪中心"])
    assert [(o.code, o.amount) for o in sp.object_lines] == [
        ("1000", 511_916), ("1015", 184_877), ("1020", 8_809), ("1025", 130_578),
        ("1030", 83_240), ("1035", 14_184), ("1040", 16_405), ("1045", 5_000),
        ("1050", 29_109), ("1055", 39_714)]
    _inside(sp.loc, 358, 225, 168, 280, 185)
    assert survey.work_plans[0].expected_results.text == "完成良好機關管理工作，使助於本中心業務之順利進行。"
    works = _appendix("內政部土地重劃工程處")
    assert [(w.code, w.amount, len(w.sub_plans)) for w in works.work_plans] == [
        ("3708010100", 110_703, 1), ("3708012800", 16_137, 2)]
    # the 內政部 appendix's 一般行政 is its own share, not the book's
    assert _wp(_appendix("內政部"), "3708010100").amount == 1_149_356
