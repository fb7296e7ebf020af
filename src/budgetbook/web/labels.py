"""Words the explorer shows: column headers, phases and audit statuses in Traditional Chinese."""

from __future__ import annotations

PHASES = {"enacted": "法定預算", "proposed": "預算案"}
STATUS = {"pass": "通過", "fail": "不符", "skip": "略過"}

# a text column and the column holding its own source line
LINKED_TEXT = {"content": "content_line", "expected_results": "expected_results_line",
               "description": "description_line", "text": "text_line"}

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
