"""預算總說明 read from the 內政部 FY114 PDF (pages 6-43); expected values read off the page
images (rendered with pypdfium2), not from the reader."""

from __future__ import annotations

import pytest

from pdf_books import moi_book

# reads a real PDF book (seconds): not in the quick lane (scripts/test --fast)
pytestmark = pytest.mark.slow


def _ov():
    ov = moi_book().overview
    assert ov is not None
    return ov


def test_duties_page6():
    duties = _ov().duties
    assert [d.number for d in duties] == [str(i) for i in range(1, 11)]
    # item 1 wraps over two lines on page 6: joined without a space
    assert duties[0].text.text == ("地方制度、地方組織、地方自治、行政區劃、區域合作、選舉罷免、政黨、"
                                   "政治獻金、遊說政策與制度之規劃、推動、監督及輔導。")
    assert duties[9].text.text == "其他有關內政事項。"
    assert duties[0].loc.page == 6


def test_divisions_pages6_to_10():
    divisions = _ov().divisions
    assert [d.name for d in divisions][:3] == ["綜合規劃司", "民政司", "戶政司"]
    assert len(divisions) == 15
    assert divisions[-1].name == "替代役訓練及管理中心"
    assert [d.number for d in divisions[0].duties] == list("甲乙丙丁戊己庚辛壬")
    # 壬 of 綜合規劃司 is printed at the top of page 7, after the page break
    assert divisions[0].duties[-1].text == "其他有關綜合規劃事項。"
    assert divisions[0].duties[-1].loc.page == 7
    # 民政司 甲 wraps: 「…就職宣誓政策、制」+「度、法規…」
    assert divisions[1].duties[0].text == ("地方自治、選舉罷免、政黨、政治獻金、遊說、就職宣誓政策、制度、"
                                          "法規與計畫之擬(訂)定、解釋及執行。")
    # (10)人事處：本部人事事項。 — the duty printed after the colon, unnumbered
    hr = divisions[9]
    assert (hr.number, hr.name) == ("10", "人事處")
    assert [(x.number, x.text) for x in hr.duties] == [(None, "本部人事事項。")]


def test_staffing_page12():
    s = _ov().staffing
    assert s is not None and s.title == "預算員額說明表"
    rows = {r.name: r for r in s.rows}
    assert list(rows) == ["職員", "警察", "法警", "駐警", "工友", "技工", "駕駛", "聘用", "約僱",
                          "駐外雇員", "合計"]
    got = {n: (r.last_year_count, r.count) for n, r in rows.items()}
    assert got == {"職員": (942, 942), "警察": (0, 0), "法警": (0, 0), "駐警": (9, 9),
                   "工友": (26, 23), "技工": (316, 316), "駕駛": (12, 9), "聘用": (96, 96),
                   "約僱": (63, 73), "駐外雇員": (0, 0), "合計": (1464, 1468)}
    # 1,468 (合計 row, 合計 column): at about x 650-695, y 645 px in the image at scale 1.5
    total = rows["合計"]
    assert total.loc.page == 12 and total.loc.box is not None
    x0, top, x1, bottom = total.loc.box
    assert 425 < x0 < x1 < 470 and top < 430 < bottom
    # 942 上年度編列 職員: about x 243-270, y 390 px
    last = rows["職員"].locs["last_year_count"]
    assert last.page == 12 and last.box is not None
    assert 155 < last.box[0] < last.box[2] < 185 and last.box[1] < 260 < last.box[3]
    assert s.explanation is not None
    assert s.explanation.text == ("增列約僱 10人、減列工友 3人及駕駛 3人，計淨增員額 4 人，"
                                  "其中約僱 10 人係由移民署移撥至本部。")


def test_policy_page13():
    ov = _ov()
    assert ov.policy_title == "施政目標與重點"
    assert ov.policy_intro is not None and ov.policy_intro.text.startswith("為建構「韌性臺灣、均衡社會」")
    assert ov.policy_goals is not None
    assert ov.policy_goals.text.splitlines()[0] == "1、永續國土發展，共創城鄉均衡："


def test_goals_pages15_to_20():
    goals = _ov().goals
    assert len(goals) == 25
    g = goals[0]  # page 15: 一、一般行政 | 一 中央機關公西聯合檔案庫房興建中長程個案計畫
    assert (g.work_plan_number, g.work_plan, g.number) == ("一", "一般行政", "一")
    assert g.name == "中央機關公西聯合檔案庫房興建中長程個案計畫"
    assert g.text is not None and g.text.text.endswith("工程決標及簽訂契約等作業。")
    assert g.loc.page == 15
    # 二、民政及宗教禮制業務 is wrapped over three lines of its cell
    assert [(x.work_plan, x.number) for x in goals[1:4]] == [("民政及宗教禮制業務", n) for n in "一二三"]
    assert goals[1].text is not None
    assert goals[1].text.text.splitlines() == ["一、提升國內火化量能。", "二、增加殯儀館服務量能。",
                                               "三、增設環保葬園區。", "四、協助原住民族地區公墓改善。"]
    # page 16 prints no work plan: 二 海域測繪… stays under 三、測量及方域
    assert (goals[5].work_plan, goals[5].name) == ("測量及方域", "海域測繪與多維圖資應用發展計畫")
    assert goals[5].loc.page == 16
    assert (goals[-1].work_plan, goals[-1].name) == ("社會行政業務", "合作事業振興發展計畫")


def test_results_pages21_to_43():
    results = _ov().results
    assert [(r.number, r.period, r.roc_year) for r in results] == [("一", "前年度", 112),
                                                                  ("二", "上年度", 113)]
    first = results[0].programs[0]  # page 21
    assert (first.work_plan, first.name) == ("民政業務", "殯葬設施量能提升計畫")
    assert first.text is not None and first.text.text.startswith(
        "一、補助地方政府汰舊換新購置效能更高之火化爐具計 7 具")
    assert first.loc.page == 21
    # the name 數位身 分識別證(New eID)－新一代國民身分證換發計畫 wraps over three lines
    assert results[0].programs[1].name == "數位身分識別證(New eID)－新一代國民身分證換發計畫"
    assert results[0].programs[-1].name == "合作事業推動地方創生輔導試辦計畫"
    # page 34: (二) starts mid-page under its own header row
    second = results[1].programs[:2]
    assert [(p.work_plan, p.name, p.loc.page) for p in second] == [
        ("一般行政", "中央機關公西聯合檔案庫房興建中長程個案計畫", 34),
        ("民政業務", "殯葬設施量能提升計畫", 34)]


def test_other_parts_page43():
    other = {(o.number, o.title): o for o in _ov().other}
    assert other[("四", "政府未來或有給付責任之說明")].text.text == "無"  # type: ignore[union-attr]
    assert other[("五", "其他事項")].text.text == "無"  # type: ignore[union-attr]
    assert other[("四", "組織系統圖")].text is None  # page 11: a chart, no prose


def test_appendices_have_no_overview():
    for sub in moi_book().appendices:
        assert sub.overview is None or not sub.overview.duties
