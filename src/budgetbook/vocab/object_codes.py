"""The standard 用途別科目 (object classes of expenditure) of the central government, as data.

DGBAS defines two printed levels: a first-level class ends in `000` (2000 業務費) and its
second-level classes share its first digit (2039 委辦費 under 2000). Names are those of the
FY2022 (民國111年) books; later revisions renamed a few classes, kept here as aliases so a
reader can recognise either wording. Readers keep the name a book prints; this list serves for
level, parent and cross-checking.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ObjectCode:
    code: str
    name: str
    level: int  # 1 or 2
    parent: str | None  # first-level code of a second-level class
    aliases: tuple[str, ...] = ()


_LEVEL1 = {
    "1000": "人事費",
    "2000": "業務費",
    "3000": "設備及投資",
    "4000": "獎補助費",
    "5000": "債務費",
    "6000": "預備金",
}

# code -> name, or (name, aliases) where later revisions renamed the class
_LEVEL2: dict[str, str | tuple[str, tuple[str, ...]]] = {
    "1005": "民意代表待遇",
    "1010": "政務人員待遇",
    "1015": "法定編制人員待遇",
    "1020": "約聘僱人員待遇",
    "1025": "技工及工友待遇",
    "1030": "獎金",
    "1035": "其他給與",
    "1040": ("加班值班費", ("加班費",)),
    "1045": "退休退職給付",
    "1050": "退休離職儲金",
    "1055": "保險",
    "1060": "調待準備",
    "2003": "教育訓練費",
    "2006": "水電費",
    "2009": "通訊費",
    "2012": "土地租金",
    "2015": "權利使用費",
    "2018": "資訊服務費",
    "2021": "其他業務租金",
    "2024": "稅捐及規費",
    "2027": "保險費",
    "2030": "兼職費",
    "2033": ("臨時人員酬金", ("約用人員酬金",)),
    "2036": "按日按件計資酬金",
    "2039": "委辦費",
    "2042": "國際組織會費",
    "2045": "國內組織會費",
    "2048": "軍事裝備及設施",
    "2051": "物品",
    "2054": "一般事務費",
    "2057": "給養費",
    "2060": "軍事裝備設施養護費",
    "2063": "房屋建築養護費",
    "2066": ("車輛及辦公器具養護費", ("器具養護費",)),
    "2069": "設施及機械設備養護費",
    "2072": "國內旅費",
    "2075": "大陸地區旅費",
    "2078": "國外旅費",
    "2081": "運費",
    "2084": "短程車資",
    "2087": "機要費",
    "2090": "機密費",
    "2093": "特別費",
    "3005": "土地",
    "3010": "房屋建築及設備費",
    "3015": "公共建設及設施費",
    "3020": "機械設備費",
    "3025": "運輸設備費",
    "3030": "資訊軟硬體設備費",
    "3035": "雜項設備費",
    "3040": "權利",
    "3045": "投資",
    "4005": "對直轄市政府之補助",
    "4010": "對各縣市政府之補助",
    "4020": "地方政府對下級政府之補助",
    "4025": "政府機關間之補助",
    "4030": "對特種基金之補助",
    "4035": "對外之捐助",
    "4040": "對國內團體之捐助",
    "4045": "對私校之獎助",
    "4050": "對學生之獎助",
    "4055": "社會保險負擔",
    "4060": "對公保軍保退撫基金之補助及挹注",
    "4065": "社會福利津貼及濟助",
    "4070": "公費就養及醫療補助",
    "4075": "差額補貼",
    "4080": "損失及賠償",
    "4085": "獎勵及慰問",
    "4090": "其他補助及捐助",
    "5005": "債務利息",
    "5010": "手續費",
    "6005": "第一預備金",
    "6010": "第二預備金",
    "6015": ("災害準備金", ("其他準備金",)),
}


def _build() -> dict[str, ObjectCode]:
    out = {code: ObjectCode(code, name, 1, None) for code, name in _LEVEL1.items()}
    for code, entry in _LEVEL2.items():
        name, aliases = (entry, ()) if isinstance(entry, str) else entry
        out[code] = ObjectCode(code, name, 2, code[0] + "000", aliases)
    return out


OBJECT_CODES: dict[str, ObjectCode] = _build()


def is_object_code(code: str) -> bool:
    """A 4-digit code shaped like an object class (first digit 1-9; `X000` or a detail)."""
    return len(code) == 4 and code.isdigit() and code[0] != "0"


def level_of(code: str) -> int:
    """1 for a first-level class (`X000`), else 2; the list decides where it knows the code."""
    known = OBJECT_CODES.get(code)
    if known:
        return known.level
    return 1 if code.endswith("000") else 2


def parent_of(code: str) -> str | None:
    """The first-level class a second-level code belongs to (`2039` -> `2000`)."""
    known = OBJECT_CODES.get(code)
    if known:
        return known.parent
    return None if level_of(code) == 1 else code[0] + "000"


def standard_name(code: str) -> str | None:
    known = OBJECT_CODES.get(code)
    return known.name if known else None
