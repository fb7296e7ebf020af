"""Titles of the sections of a unit budget book (單位預算書), as the budget office prints them.

A wide table's title is split over the page halves (`歲出一級用途` + `別科目分析表`), so a section
can be recognised by a full title or by a fragment. A fragment counts only as a whole line next to
the page header's `中華民國` line, because fragments such as `預算員額` also occur in prose.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SectionTitle:
    id: str
    title: str
    fragments: tuple[str, ...] = ()
    # column-header words of a table whose first page prints its header (and 合計 row) above
    # the title line: those lines open the section, wherever the section is placed
    lead: tuple[str, ...] = ()
    # another section this one is a form of (a city book's plans table is the central
    # book's, with detail lines): a book prints one or the other, and lacks neither
    form_of: str = ""


SECTION_TITLES: tuple[SectionTitle, ...] = (
    SectionTitle("overview", "預算總說明"),
    SectionTitle("revenue", "歲入來源別預算表"),
    SectionTitle("expenditure_by_agency", "歲出機關別預算表"),
    SectionTitle("revenue_notes", "歲入項目說明提要表"),
    SectionTitle("plans", "歲出計畫提要及分支計畫概況表"),
    SectionTitle("detail_plans", "歲出計畫說明提要與各項費用明細表", form_of="plans"),
    SectionTitle("cost_summary", "各項費用彙計表"),
    SectionTitle("object_analysis", "歲出一級用途別科目分析表", ("歲出一級用途",)),
    SectionTitle("capital", "資本支出分析表", ("資本支出",)),
    SectionTitle("personnel_costs", "人事費彙計表"),
    SectionTitle("staffing", "預算員額明細表", ("預算員額",)),
    SectionTitle("vehicles", "公務車輛明細表"),
    SectionTitle(
        "offices", "現有辦公房舍明細表", ("現有辦公房",),
        ("區分", "自有", "無償借用", "單位數", "面積", "取得成本", "養護費", "合計"),
    ),
    SectionTitle("subsidies", "補助經費分析表", ("補助經費",)),
    SectionTitle("donations", "捐助經費分析表", ("捐助經費",)),
    SectionTitle("travel_summary", "派員出國計畫預算總表"),
    SectionTitle("travel_categories", "派員出國計畫預算類別表"),
    SectionTitle(
        "functional", "歲出按職能及經濟性綜合分類表", ("歲出按職能及經",),
        ("職能", "經濟性", "分類", "經常", "資本", "支出", "總計", "移轉", "受僱人員報酬",
         "商品及勞務", "土地租金", "債務利息"),
    ),
    SectionTitle("commissioned", "委辦經費分析表", ("委辦經費",)),
    SectionTitle("media", "媒體政策及業務宣導經費彙計表"),
    SectionTitle(
        "resolutions",
        "決議、附帶決議及注意事項辦理情形",
        ("決議、附帶決議及注意事項",),
    ),
)

BY_ID = {s.id: s for s in SECTION_TITLES}


def forms(section_id: str) -> set[str]:
    """The section and every section that is a form of the same table."""
    root = BY_ID[section_id].form_of or section_id
    return {s.id for s in SECTION_TITLES if s.id == root or s.form_of == root}
