"""Words the explorer shows: column headers, phases and audit statuses in Traditional Chinese."""

from __future__ import annotations

import re

PHASES = {"enacted": "法定預算", "proposed": "預算案"}
STATUS = {"pass": "通過", "fail": "不符", "skip": "略過"}

COLUMNS = {
    "acquired": "購置年月", "agency_code": "機關代碼", "amount": "金額", "budget_year": "預算年度",
    "capital_other": "資本門其他", "category": "類別", "category_group": "類別組",
    "change": "比較增減", "code": "科目編號", "column": "欄", "column_label": "欄名",
    "committee": "委員會", "construction": "營建工程", "content": "計畫內容", "count": "人數",
    "current_other": "經常門其他", "days": "天數", "description": "說明", "destination": "前往地區",
    "displacement_cc": "排氣量(cc)", "duties": "職掌", "end_line": "迄行",
    "expected_results": "預期成果", "field_code": "領域代碼", "fiscal_year": "西元年度",
    "free_area": "無償借用面積", "free_maintenance": "無償借用維護費", "free_units": "無償借用單位",
    "fuel_cost": "油料費", "fuel_litres": "油料(公升)", "fuel_unit_price": "油料單價",
    "group": "組別", "group_number": "組號", "heading": "標題", "is_total": "合計列",
    "item_count": "子項數", "item_name": "項目名稱", "item_no": "項次", "item_number": "項目編號",
    "kind": "種類", "land": "土地", "last_year": "上年度", "last_year_amount": "上年度預算數",
    "last_year_count": "上年度人數", "last_year_person_days": "上年度人天數",
    "last_year_trips": "上年度次數", "legal_basis": "法令依據", "level": "層級",
    "living": "生活費", "maintenance": "養護費", "name": "名稱", "number": "編號",
    "object_code": "用途別科目", "object_level1_code": "一級用途別科目",
    "object_level1_name": "一級用途別名稱", "object_name": "用途別名稱", "office": "辦公費",
    "operating": "業務費", "operating_amount": "業務費用", "ordinal": "款項目節",
    "other": "其他", "other_amount": "其他費用", "owned_area": "自有面積",
    "owned_cost": "自有房舍價值", "owned_maintenance": "自有維護費", "owned_units": "自有單位",
    "parent": "上層", "parent_code": "上層科目", "part": "部分", "part_number": "部分編號",
    "passengers": "乘客數", "period": "期間", "person_days": "人天數", "personnel": "人事費",
    "personnel_amount": "用人費用", "persons": "人數", "prior_year_actual": "前年度決算數",
    "recipient": "受捐助者", "recipient_number": "受捐助者編號", "rented_area": "租用面積",
    "rented_deposit": "租用押金", "rented_maintenance": "租用維護費", "rented_rent": "租金",
    "rented_units": "租用單位", "response": "辦理情形", "roc_year": "民國年度",
    "row_code": "列科目", "row_level": "列層級", "row_name": "列名稱", "scope": "範圍",
    "sub_plan_count": "分支計畫數", "sub_plan_name": "分支計畫", "sub_plan_no": "分支計畫編號",
    "text": "內容", "title": "標題", "topics": "考察事項", "total_area": "總面積",
    "total_deposit": "押金合計", "total_maintenance": "維護費合計", "total_rent": "租金合計",
    "transport": "交通費", "trips": "次數", "unit_code": "單位代碼", "unit_level": "單位層級",
    "unit_name": "單位名稱", "units": "承辦單位", "work_plan": "工作計畫",
    "work_plan_code": "工作計畫編號", "work_plan_name": "工作計畫名稱",
    "work_plan_number": "工作計畫序號", "year": "本年度", "years": "執行期間",
    "duty_count": "職掌數",
}


def column_label(name: str) -> str:
    return COLUMNS.get(name, name)


# --- English text of the library, headed in zh-TW --------------------------------------------
#
# The audit's check descriptions and reasons, the comparisons' warnings and the open-data flags
# are English sentences of the library (the API and the CLI print them as they are). The
# explorer heads each with what kind of check or warning it is, in zh-TW, and keeps the original
# sentence next to it: the headings say what the rule or warning is about, never more than the
# sentence does (figures, codes and names stay in the original).

# rule id prefix -> (heading, what the check verifies); the longest matching prefix wins
AUDIT_RULES: dict[str, tuple[str, str]] = {
    "plans": ("工作計畫與分支計畫", "工作計畫、分支計畫與用途別科目之間的加總"),
    "plans.object_line.children": ("二級科目加總等於一級科目",
                                   "分支計畫內，各二級用途別科目相加應等於所屬的一級用途別科目"),
    "plans.sub_plan.lines": ("一級科目加總等於分支計畫",
                             "分支計畫下各一級用途別科目相加應等於分支計畫金額"),
    "plans.work_plan.sub_plans": ("分支計畫加總等於工作計畫",
                                  "工作計畫下各分支計畫相加應等於工作計畫金額"),
    "appendix.work_plan": ("各分預算工作計畫合計等於本書",
                           "附錄各分預算機關同一工作計畫的金額，加總應等於本書的工作計畫金額"),
    "appendix.cost_summary": ("各分預算各項費用合計等於本書",
                              "附錄各分預算機關各項費用彙計表同一科目的合計，加總應等於本書的合計"),
    "plans.work_plan.ledger": ("工作計畫與歲出機關別預算表相符",
                               "工作計畫金額應等於歲出機關別預算表中同一科目的金額"),
    "plans.sub_plan.stated": ("說明所載分支計畫金額相符",
                              "說明文字中所寫的分支計畫金額應等於分支計畫表列的金額"),
    "revenue": ("歲入來源別預算表", "歲入來源別預算表的加總"),
    "revenue.children": ("歲入：下層科目加總等於上層科目",
                         "歲入來源別預算表中，同一科目之下各列相加應等於該科目（依所列欄位）"),
    "revenue.total": ("歲入：各款加總等於合計", "歲入來源別預算表各款相加應等於合計列（依所列欄位）"),
    "revenue.change": ("歲入：本年度 − 上年度 = 比較增減",
                       "歲入來源別預算表每一列的比較增減欄應等於本年度減上年度"),
    "expenditure_by_agency": ("歲出機關別預算表", "歲出機關別預算表的加總與說明"),
    "expenditure_by_agency.children": (
        "歲出：下層科目加總等於上層科目",
        "歲出機關別預算表中，同一科目之下各列相加應等於該科目（依所列欄位）"),
    "expenditure_by_agency.change": ("歲出：本年度 − 上年度 = 比較增減",
                                     "歲出機關別預算表每一列的比較增減欄應等於本年度減上年度"),
    "expenditure_by_agency.stated_total": ("說明所載本年度預算數相符",
                                           "說明文字中所寫的本年度預算數應等於該列金額"),
    "expenditure_by_agency.stated_objects": (
        "說明所載科目金額相符", "說明文字中所寫的某一科目金額應等於各分支計畫該科目各列的合計"),
    "expenditure_by_agency.agency_total": ("工作計畫加總等於機關合計",
                                           "各工作計畫相加應等於歲出機關別預算表的機關列"),
    "cost_summary": ("各項費用彙計表", "各項費用彙計表的加總，及其與其他表的勾稽"),
    "cost_summary.cell.lines": ("彙計表各格等於分支計畫科目列",
                                "各項費用彙計表中某科目、某工作計畫的金額應等於各分支計畫該科目各列的合計"),
    "cost_summary.row_total": ("彙計表合計欄等於各工作計畫欄",
                               "各項費用彙計表每一科目的合計欄應等於各工作計畫欄相加"),
    "cost_summary.first_level": ("彙計表二級科目加總等於一級科目",
                                 "各項費用彙計表中各二級科目相加應等於一級科目（依所列欄）"),
    "cost_summary.total_row": ("彙計表一級科目加總等於合計列",
                               "各項費用彙計表中各一級科目相加應等於合計列（依所列欄）"),
    "cost_summary.work_plan": ("彙計表工作計畫欄合計等於工作計畫",
                               "各項費用彙計表中一個工作計畫欄的合計應等於該工作計畫的金額"),
    "cost_summary.agency": ("彙計表合計等於機關歲出",
                            "各項費用彙計表的合計應等於歲出機關別預算表的機關列"),
    "object_analysis": ("歲出一級用途別科目分析表", "歲出一級用途別科目分析表的加總與勾稽"),
    "object_analysis.current": ("經常支出各欄加總等於小計", "經常支出各欄相加應等於經常支出小計"),
    "object_analysis.capital": ("資本支出各欄加總等於小計", "資本支出各欄相加應等於資本支出小計"),
    "object_analysis.total": ("經常 + 資本 = 合計", "經常支出與資本支出相加應等於合計"),
    "object_analysis.ledger": ("分析表合計與歲出機關別預算表相符",
                               "分析表中一列的合計應等於歲出機關別預算表的同一科目"),
    "object_analysis.reserve_limit": ("第一預備金不超過經常支出的 1%",
                                      "預算法規定第一預備金以不超過經常支出總額 1% 為限"),
    "object_analysis.cost_summary": ("分析表與各項費用彙計表的一級科目相符",
                                     "分析表的欄位應等於各項費用彙計表中對應的一級用途別科目"),
    "capital": ("資本支出分析表", "資本支出分析表的加總與勾稽"),
    "capital.row_total": ("資本支出各欄加總等於合計", "資本支出分析表每一列各欄相加應等於合計"),
    "capital.object_analysis": ("資本支出分析表與一級用途別科目分析表相符",
                                "資本支出分析表的合計應等於歲出一級用途別科目分析表的資本支出"),
    "personnel_costs": ("人事費彙計表", "人事費彙計表與各項費用彙計表的勾稽"),
    "personnel_costs.category": ("人事費各類與彙計表科目相符",
                                 "人事費彙計表各類應等於各項費用彙計表的同一科目"),
    "personnel_costs.total": ("人事費各類加總等於 1000 人事費",
                              "人事費彙計表各類相加應等於各項費用彙計表的 1000 人事費"),
    "staffing": ("預算員額明細表", "預算員額的加總與勾稽"),
    "staffing.total": ("員額各類加總等於合計", "預算員額明細表各類相加應等於合計（依所列欄位）"),
    "staffing.overview": ("預算員額說明表與明細表相符", "預算員額說明表的員額應等於預算員額明細表"),
    "staffing.cost_change": ("年需經費：本年度 − 上年度 = 比較", "年需經費的比較欄應等於本年度減上年度"),
    "staffing.stated": ("說明所載員額相符", "說明文字中所寫的員額應等於預算員額明細表"),
    "overview.staffing": ("預算員額說明表各類加總等於合計",
                          "預算員額說明表各類相加應等於合計（依所列欄位）"),
    "vehicles": ("公務車輛明細表：各車加總等於合計", "公務車輛明細表各車相加應等於合計（依所列欄位）"),
    "offices": ("現有辦公房舍明細表", "現有辦公房舍明細表的加總"),
    "offices.total": ("房舍各類加總等於合計", "現有辦公房舍明細表各類相加應等於合計（依所列欄位）"),
    "offices.children": ("房舍細類加總等於所屬類別",
                         "現有辦公房舍明細表各細類相加應等於所屬類別（依所列欄位）"),
    "offices.row_maintenance": ("自有 + 無償 + 有償 養護費 = 合計",
                                "每一列自有、無償借用與有償租用的年需養護費相加應等於合計"),
    "subsidies": ("補助經費分析表", "補助經費分析表的加總與勾稽"),
    "subsidies.sum": ("補助：各列加總等於上層列", "補助經費分析表下層各列相加應等於上層列（依所列欄位）"),
    "subsidies.row": ("補助：各欄加總等於合計", "補助經費分析表每一列各欄相加應等於合計"),
    "subsidies.lines": ("補助經費分析表與科目列相符",
                        "補助經費分析表中一個工作計畫的金額應等於其補助科目各列的合計"),
    "donations": ("捐助經費分析表", "捐助經費分析表的加總與勾稽"),
    "donations.sum": ("捐助：各列加總等於上層列", "捐助經費分析表下層各列相加應等於上層列（依所列欄位）"),
    "donations.row": ("捐助：各欄加總等於合計", "捐助經費分析表每一列各欄相加應等於合計"),
    "donations.lines": ("捐助經費分析表與科目列相符",
                        "捐助經費分析表中一個工作計畫、科目的金額應等於該科目各列的合計"),
    "travel_summary": ("派員出國計畫預算總表", "派員出國計畫預算總表的加總與勾稽"),
    "travel_summary.total": ("出國計畫各類加總等於合計", "派員出國計畫預算總表各類相加應等於合計（依所列欄位）"),
    "travel_summary.lines": ("出國計畫總表合計等於 2078 國外旅費",
                             "派員出國計畫預算總表的合計應等於 2078 國外旅費各科目列的合計"),
    "travel_categories": ("派員出國計畫預算類別表", "派員出國計畫預算類別表的加總"),
    "travel_categories.total": ("類別表各計畫加總等於總表合計",
                                "派員出國計畫預算類別表各計畫相加應等於總表合計"),
    "travel_categories.plan": ("交通費 + 生活費 + 辦公費 = 合計",
                               "每一出國計畫的交通費、生活費與辦公費相加應等於合計"),
    "functional": ("歲出按職能及經濟性綜合分類表", "職能及經濟性綜合分類表的加總與勾稽"),
    "functional.current": ("經常支出各欄加總", "經常支出各欄相加應等於其合計（依所列列別）"),
    "functional.capital": ("資本支出各欄加總", "資本支出各欄相加應等於其合計（依所列列別）"),
    "functional.total": ("經常 + 資本 = 總計", "經常支出與資本支出相加應等於總計"),
    "functional.column": ("各職能列加總等於總計", "各職能列相加應等於總計列（依所列欄位）"),
    "functional.agency": ("總計與歲出機關別預算表相符", "綜合分類表的總計應等於歲出機關別預算表的機關列"),
    "commissioned": ("委辦經費分析表", "委辦經費分析表的加總與勾稽"),
    "commissioned.work_plan": ("委辦：各案加總等於工作計畫小計",
                               "委辦經費分析表一個工作計畫下各案相加應等於其小計（依所列欄位）"),
    "commissioned.total": ("委辦：各工作計畫加總等於合計", "委辦經費分析表各工作計畫相加應等於合計（依所列欄位）"),
    "commissioned.row": ("委辦：各欄加總等於合計", "委辦經費分析表每一列各欄相加應等於合計"),
    "commissioned.lines": ("委辦經費分析表等於 2039 委辦費",
                           "委辦經費分析表中一個工作計畫的金額應等於其 2039 委辦費各科目列的合計"),
    "media": ("媒體政策及業務宣導經費彙計表", "媒體宣導經費的加總與勾稽"),
    "media.work_plan": ("媒體宣導經費等於分支計畫說明所載",
                        "工作計畫的媒體宣導經費應等於其分支計畫說明中所寫金額的合計"),
    "media.agency": ("媒體宣導：各工作計畫加總等於機關列", "各工作計畫的媒體宣導經費相加應等於機關列"),
    "dataset": ("開放資料來源檔的檢查", "對政府開放資料 CSV 檔本身的檢查，不是預算書內的加總"),
    "dataset.file": ("來源檔的已知問題",
                     "本書所屬的開放資料 CSV 檔有下列問題（整個檔案的問題，不是本書數字的加總）"),
    "dataset.codes": ("來源檔的代碼檢查", "CSV 檔中科目代碼的格式、重複與機關名稱"),
    "dataset.amounts": ("來源檔的金額檢查", "CSV 檔中的金額是否為千元的整數倍"),
    "dataset.neighbours": ("來源檔與前後年度比較", "CSV 檔的列數或合計與前後年度同階段的檔案比較"),
    "reader": ("讀取時的提示", "讀取來源時無法確定或無法讀取之處"),
}

# engine and loader reasons (a check skipped or failed without figures): pattern -> zh-TW
AUDIT_REASONS: list[tuple[str, str]] = [
    (r"^table missing from the book: ", "本書缺少此表，無法檢核"),
    (r"^figure not printed on this row$", "此列未印出數字"),
    (r"^figure not printed$", "本表未印出此數字，另一表則有"),
    (r"^no figures to compare with$", "沒有可比對的數字"),
    (r"^a problem of the whole file$", "整個來源檔的問題"),
    (r"^no (proposed|enacted) file within \d+ years of ", "前後年度沒有同階段的檔案可比較"),
]

# comparison warnings (budgetbook.compare): pattern -> zh-TW heading
WARNINGS: list[tuple[str, str]] = [
    (r"^book \S+ is flagged: ", "此預算書的來源資料有已知問題"),
    (r"^\d+ more flagged books: ", "另有多本預算書的來源資料有已知問題"),
    (r"^a and b are the same book ", "比較的兩本是同一本預算書"),
    (r"^different agencies: ", "兩本預算書屬於不同機關，工作計畫只依代碼對應"),
    (r"^a is the enacted book and b the proposal: ",
     "a 是法定預算、b 是預算案：增減是「預算案 − 法定預算」，與立法院審議增刪的方向相反"),
    (r"^book \S+ has no work plans$", "預算書中沒有工作計畫"),
    (r"^book \S+: its work plans sum to ", "工作計畫加總與歲出合計不一致"),
    (r"^\S+ is for \d+, not the year before ", "對照的預算書不是前一年度"),
    (r"^\S+ is another agency's book$", "對照的是另一個機關的預算書"),
    (r"^compared with the \d+ proposal ",
     "對照的是預算案；本書「上年度」欄是法定預算，差異也包含立法院的增刪"),
    (r"^\S+ has no 上年度 figures$", "本書沒有「上年度」欄的數字"),
    (r"^\d+ (proposed|enacted): \d+ agencies' books where the other years have about ",
     "該年度的機關數明顯少於其他年度，合計不完整"),
    (r"^no books of ", "資料中沒有符合的預算書"),
    (r"^no years asked for$", "沒有指定年度"),
    (r"^\d+ agencies have a \d+ (proposed|enacted) book but no ",
     "部分機關只有其中一個年度的預算書，未列入排行"),
    (r"^\d+ rows without a figure on one side ", "一方沒有數字的列未列入排行"),
]

# flags of an open-data file (readers.twbudget.file_flags): pattern -> zh-TW heading
FLAGS: list[tuple[str, str]] = [
    (r"^incomplete: ", "來源檔不完整：列數或合計明顯少於前後年度"),
    (r"^unusually large: ", "來源檔異常大：列數或合計明顯多於前後年度"),
    (r"^code \S+ \(line \d+\) is not a 10-character 科目 code",
     "代碼不是 10 碼的科目代碼，該列未納入機關預算書"),
    (r"^duplicate code ", "代碼重複"),
    (r"^agency code \S+ carries several agency names", "同一機關代碼有多個機關名稱"),
    (r"^amount .* is not a whole number of thousands", "金額不是千元的整數倍，已四捨五入為千元"),
]


def _match(table: list[tuple[str, str]], text: str | None) -> str | None:
    if not text:
        return None
    for pattern, label in table:
        if re.search(pattern, text):
            return label
    return None


def audit_rule(rule: str | None) -> tuple[str, str] | None:
    """(heading, explanation) of an audit rule id, by its longest known prefix (dot-separated;
    `subsidies.sum.amount:subsidies.total` matches `subsidies.sum`); None for an unknown one."""
    parts = (rule or "").split(":", 1)[0].split(".")
    for n in range(len(parts), 0, -1):
        found = AUDIT_RULES.get(".".join(parts[:n]))
        if found:
            return found
    return None


def audit_reason(reason: str | None) -> str | None:
    return _match(AUDIT_REASONS, reason)


def warning_label(text: str | None) -> str | None:
    """The zh-TW heading of a comparison warning (or of a flag sentence), None if unknown."""
    return _match(WARNINGS, text) or _match(FLAGS, text)


_BOOK_PREFIX = re.compile(r"^\S+-\d{4}-(proposed|enacted): ")  # "2675-2018-proposed: …"


def flag_label(text: str | None) -> str | None:
    """The zh-TW heading of a flag sentence (also one prefixed with its book's id)."""
    return _match(FLAGS, _BOOK_PREFIX.sub("", text or ""))


def is_incomplete(flags: list[str] | None) -> bool:
    """Whether a file's flags say it is incomplete (far smaller than its neighbouring years)."""
    return any(_BOOK_PREFIX.sub("", f).startswith("incomplete:") for f in flags or [])
