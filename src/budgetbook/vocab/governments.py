"""Taiwan's governments whose books budgetbook reads: the central government and the 22
municipalities, counties and cities (直轄市、縣、市), with the readable slug a city book's id
starts with (`taipei-02-004-2027-proposed`). Vocabulary, not figures of any book."""

from __future__ import annotations

CENTRAL = "中央"

LOCAL: dict[str, str] = {
    "臺北市": "taipei", "新北市": "new-taipei", "桃園市": "taoyuan", "臺中市": "taichung",
    "臺南市": "tainan", "高雄市": "kaohsiung", "基隆市": "keelung", "新竹市": "hsinchu-city",
    "嘉義市": "chiayi-city", "新竹縣": "hsinchu-county", "苗栗縣": "miaoli",
    "彰化縣": "changhua", "南投縣": "nantou", "雲林縣": "yunlin", "嘉義縣": "chiayi-county",
    "屏東縣": "pingtung", "宜蘭縣": "yilan", "花蓮縣": "hualien", "臺東縣": "taitung",
    "澎湖縣": "penghu", "金門縣": "kinmen", "連江縣": "lienchiang",
}


def local_of(name: str) -> str | None:
    """The local government an agency's printed name starts with (臺北市政府主計處 -> 臺北市),
    with 台 read as 臺."""
    key = name.replace("台", "臺")
    return next((g for g in LOCAL if key.startswith(g)), None)
