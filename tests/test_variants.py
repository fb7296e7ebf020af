"""Variants of the seed book that the readers must read as well as the original.

Each generator transforms the seed text the way another edition of the same layout differs from
it, and the expected model is the original model with the same transformation applied:

1. renames: work plans, sub-plans, commissioned projects, subsidy and donation items, divisions
   and the agency's short name replaced everywhere, by shorter and longer names, names with ASCII
   and digits (`5G`, `AI`, `SBIR`) and a name containing 、;
2. section reordering: whole sections (their title spans) moved elsewhere in the book;
3. consistent figure changes: one object line of a sub-plan changed by k, with every figure that
   restates or sums it, for k that keep and that change the number of digits;
4. page noise: a repeated page header dropped or duplicated, stray page numbers, CRLF, Big5.

The expectation is always the same: the same names (renamed), the same figures (changed by k
where changed), the same counts, no new findings, and the same audit failures.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

import budgetbook
from budgetbook.audit import audit
from budgetbook.sections import find_sections
from budgetbook.text import from_text

# --- helpers ----------------------------------------------------------------------------------

_SKIP = {"line", "lines", "end_line", "table", "source", "encoding", "findings", "loc", "locs",
         "marks"}


def flat(obj, path: str = "") -> dict[str, object]:
    """Every value of a dumped model by path, without provenance (lines, tables)."""
    out: dict[str, object] = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k in _SKIP or k.endswith(("_line", "_loc")):
                continue
            out.update(flat(v, f"{path}.{k}" if path else k))
    elif isinstance(obj, list):
        out[f"{path}#len"] = len(obj)
        for i, v in enumerate(obj):
            out.update(flat(v, f"{path}[{i}]"))
    else:
        out[path] = obj
    return out


def provenance(obj, path: str = "") -> dict[str, int]:
    """Every source line of a dumped model by path."""
    out: dict[str, int] = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            p = f"{path}.{k}" if path else k
            if (k in ("line", "end_line") or k.endswith("_line")) and isinstance(v, int):
                out[p] = v
            elif (k == "loc" or k.endswith("_loc")) and isinstance(v, dict):
                out[p] = v["line"]
            elif k == "locs" and isinstance(v, dict):
                out.update({f"{p}.{f}": loc["line"] for f, loc in v.items()})
            elif k == "marks" and isinstance(v, list):
                out.update({f"{p}[{i}]": loc["line"] for i, (_, loc) in enumerate(v)})
            elif k != "findings":
                out.update(provenance(v, p))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out.update(provenance(v, f"{path}[{i}]"))
    return out


def failures(book) -> set[tuple]:
    return {(c.rule, c.actual, c.expected) for c in audit(book).checks if c.status == "fail"}


def findings(book) -> set[tuple[str, str]]:
    return {(f.kind, f.table) for f in book.findings}


def read_text(tmp_path: Path, text: str, name: str = "variant.txt", *, encoding: str = "utf-8",
              newline: str = "\n"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return budgetbook.read(path)


@pytest.fixture(scope="module")
def original(seed_book):
    return seed_book


@pytest.fixture(scope="module")
def original_flat(seed_book):
    return flat(seed_book.model_dump())


@pytest.fixture(scope="module")
def original_failures(seed_book):
    return failures(seed_book)


def _squash(v):
    return re.sub(r"\s+", "", v) if isinstance(v, str) else v


def assert_same_values(got: dict, want: dict) -> None:
    """Equal flattened models; strings compared without whitespace (wrapping differs)."""
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    diff = [(k, want[k], got[k]) for k in want if k in got and _squash(want[k]) != _squash(got[k])]
    assert not missing and not extra and not diff, (
        f"missing {missing[:10]}, extra {extra[:10]}, {len(diff)} differing: {diff[:15]}"
    )


def assert_lines_hold_same_text(book, original_book, text: str, seed_text: str) -> None:
    """Every source line of the variant shows the text the original's line showed."""
    got = provenance(book.model_dump())
    want = provenance(original_book.model_dump())
    vlines = text.split("\n")
    olines = seed_text.split("\n")
    bad = [
        (p, olines[want[p] - 1].strip(), vlines[got[p] - 1].strip() if p in got else None)
        for p in want
        if p not in got or olines[want[p] - 1].strip() != vlines[got[p] - 1].strip()
    ]
    assert not bad, f"{len(bad)} lines moved to other text: {bad[:10]}"


# --- 1. renames -------------------------------------------------------------------------------

AGENCY = {"中小企業處": "產業發展署"}
WORK_PLANS = {
    "中小企業科技應用": "產業創新與5G科技應用推動",  # longer, digit and ASCII
    "一般行政": "總務",  # shorter
    "中小企業發展": "企業環境與競爭力強化發展",  # longer
}
SUB_PLANS = {
    "運用科技創新轉型升級": "AI賦能轉型",
    "促進小型企業創新研發": "研發、創新及技術移轉補助",  # with 、
    "亞洲·矽谷新創鏈結計畫": "國際新創鏈結",
    "人員維持": "人員費用維持計畫",
    "基本行政工作維持": "行政維持",
    "電腦機組及相關配備維護": "資訊設備維運",
    "營造企業優質發展環境": "優化經營環境",
    "創新輔導活絡產業經濟": "地方產業創新輔導暨商圈活化推動",
    "強化資金規劃運用能力": "融資保證",
}
DIVISIONS = {
    "政策規劃組": "策略研究組",
    "經營輔導組": "輔導組",
    "創業育成組": "新創暨國際合作發展組",
    "知識資訊組": "數位資訊組",
    "財務融通組": "融資組",
    "秘書室": "行政室",
    "主計室": "會計室",
    "人事室": "人力室",
    "政風室": "廉政室",
}
COMMISSIONED = {
    "中小企業白皮書編撰計畫": "產業白皮書計畫",
    "中小企業公共服務計畫": "企業公共服務網絡建置計畫",
    "協助中小企業參與APEC等區域經濟整合計畫": "協助企業參與WTO多邊經貿合作計畫",
    "中小企業合作行銷輔導": "聯合行銷",
    "小巨人獎選拔表揚計畫": "卓越企業獎評選計畫",
    "加強投資中小企業服務計畫": "投資媒合服務計畫",
    "中小企業科技趨勢與經營佈局研析計畫": "產業趨勢研析計畫",
    "推動中小企業區域數位創新暨法制協進計畫": "區域數位創新計畫",
    "中小企業體驗設計價值提升計畫": "體驗設計加值計畫",
    "推動中小企業數位創新鏈結國際計畫": "數位創新國際鏈結計畫",
    "推動中小企業創新經濟開拓市場計畫": "創新經濟市場開拓計畫",
    "驅動小微型企業數位應用與升級轉型": "微型企業5G數位應用推廣",
    "推動中小企業創育機構轉型加值計畫": "創育機構加值計畫",
    "中小企業創業發展計畫": "青年創業發展及輔導計畫",
    "科技社會創新促進價值躍升計畫": "社會創新計畫",
    "新創加速躍升計畫": "新創加速器推動計畫",
    "次世代物聯網智慧系統關鍵技術與產業躍升計畫-創育產業創新轉型":
        "智慧物聯網產業計畫-創育轉型",
    "國際創業聚落示範計畫": "國際新創基地計畫",
    "創業家實證計畫": "新創產品實證推廣計畫",
    "次世代物聯網智慧系統關鍵技術與產業躍升計畫-推動創生在地創業籌資":
        "智慧物聯網產業計畫-在地籌資",
    "中小企業價值創新財務支援計畫": "財務支援計畫",
    "中小企業綠色競爭力提升計畫": "綠色轉型計畫",
    "中小企業數位群聚推動計畫": "數位群聚計畫",
    "在地共好數位創新計畫": "在地數位創新示範推廣計畫",
    "推升中小企業跨域生態系價值共創計畫": "跨域共創計畫",
    "行動支付多元應用加值服務計畫": "行動支付推廣計畫",
    "以企業視角優化政府雲服務介面計畫": "政府雲服務優化計畫",
    "小型企業創新研發綱要計畫(SBIR)－管理與推動計畫": "創新研發(SBIR)管理計畫",
}
GRANT_ITEMS = {
    "補助中小企業創育機構辦理育成等相關業務": "補助創育機構育成業務",
    "補助產業及育成中心委託營運管理": "補助育成中心營運",
    "捐助中小企業創育機構辦理育成等相關業務": "捐助創育機構辦理培育業務",
    "先進產業策略性落實計畫": "前瞻產業落實計畫",
    "南臺灣國際新創聚落發展計畫": "南部新創基地發展計畫",
    "創育產業創新轉型": "創育轉型",
    "捐助辦理創新研發相關業務": "捐助研發業務",
    "捐助創育機構辦理研發成果商業化以及運用產學研資源等": "捐助研發成果商業化",
    "獎勵績優創育機構": "獎勵優良育成單位",
    "捐助辦理加強工商團體服務功能等計畫": "捐助工商團體服務計畫",
    "捐助財團法人中小企業信用保證基金": "捐助信用保證基金",
}
RENAMES = {**AGENCY, **WORK_PLANS, **SUB_PLANS, **DIVISIONS, **COMMISSIONED, **GRANT_ITEMS}

_DOT = "[·．‧・•]"


def _name_pattern(names) -> re.Pattern:
    """Any of the names, longest first, with line breaks and spaces allowed between characters."""
    def one(name: str) -> str:
        parts = [_DOT if ch == "·" else re.escape(ch) for ch in name]
        return r"\s*".join(parts)

    return re.compile("|".join(f"({one(n)})" for n in sorted(names, key=len, reverse=True)))


def _key(s: str) -> str:
    return re.sub(r"\s+", "", re.sub(_DOT, "·", s))


def rename_text(text: str, renames: dict[str, str]) -> str:
    """Replace every name, keeping the line structure: a name wrapped over lines is replaced by
    the new name cut at the same proportions, so every line keeps its number."""
    pattern = _name_pattern(renames)
    by_key = {_key(k): v for k, v in renames.items()}

    def sub(m: re.Match) -> str:
        old = m.group(0)
        new = by_key[_key(old)]
        pieces = re.split(r"(\s+)", old)
        chunks = pieces[0::2]
        gaps = pieces[1::2]
        total = sum(len(c) for c in chunks)
        out, used, acc = [], 0, 0
        for i, c in enumerate(chunks):
            acc += len(c)
            cut = len(new) if i == len(chunks) - 1 else round(acc * len(new) / total)
            out.append(new[used:cut])
            used = max(used, cut)
            if i < len(gaps):
                out.append(gaps[i])
        return "".join(out)

    return pattern.sub(sub, text)


def _split_agency_lines(text: str, old_full: str, new_full: str) -> str:
    """Wide tables split the agency's full name over the page halves (`經濟部中` / `小企業處`)."""
    lines = text.split("\n")
    for i, ln in enumerate(lines):
        s = ln.strip()
        if 2 <= len(s) < len(old_full) and old_full.startswith(s):
            lines[i] = ln.replace(s, new_full[: len(s)])
        elif 2 <= len(s) < len(old_full) and old_full.endswith(s):
            lines[i] = ln.replace(s, new_full[len(new_full) - len(s):])
    return "\n".join(lines)


def renamed_seed(seed_text: str) -> str:
    text = _split_agency_lines(seed_text, "經濟部中小企業處", "經濟部產業發展署")
    return rename_text(text, RENAMES)


# Occurrences the generator cannot rename: the name is interleaved with another column's text
# (決議 辦理情形) or wraps over a page header, so the text keeps the old name there and the reader
# rightly reads it (path prefix, old name).
UNRENAMABLE = [
    ("resolutions.items[12].", "促進小型企業創新研發"),
    ("overview.results", "以企業視角優化政府雲服務介面計畫"),
]


def expected_renamed(original_flat: dict, renames: dict[str, str]) -> dict:
    def renamer(names):
        pattern = _name_pattern(names)
        by_key = {_key(k): v for k, v in names.items()}
        return lambda v: pattern.sub(lambda m: by_key[_key(m.group(0))], v)

    full = renamer(renames)
    out = {}
    for k, v in original_flat.items():
        if not isinstance(v, str):
            out[k] = v
            continue
        kept = [old for prefix, old in UNRENAMABLE if k.startswith(prefix) and old in renames]
        out[k] = renamer({o: n for o, n in renames.items() if o not in kept})(v) if kept else full(v)
    return out


def test_rename_generator_leaves_no_old_name(seed_text):
    text = renamed_seed(seed_text)
    assert text.count("\n") == seed_text.count("\n")
    squashed = _key(text)
    left = {old: squashed.count(_key(old)) for old in RENAMES if _key(old) in squashed}
    # an old name left only inside a new name (none is) or reversed in a header would show here
    assert not left, left


def test_renamed_book_reads_the_new_names(tmp_path, seed_text, original, original_flat,
                                          original_failures):
    text = renamed_seed(seed_text)
    book = read_text(tmp_path, text)
    want = expected_renamed(original_flat, RENAMES)
    assert_same_values(flat(book.model_dump()), want)
    # names are exact, not just equal without spaces
    assert [w.name for w in book.work_plans] == [
        RENAMES.get(w.name, w.name) for w in original.work_plans
    ]
    assert [s.name for w in book.work_plans for s in w.sub_plans] == [
        RENAMES.get(s.name, s.name) for w in original.work_plans for s in w.sub_plans
    ]
    assert [p.name for p in book.commissioned.projects] == [
        RENAMES[p.name] for p in original.commissioned.projects
    ]
    assert book.agency_name == "經濟部產業發展署"
    # a rename keeps every line in place, so the provenance is the same as the original's
    assert provenance(book.model_dump()) == provenance(original.model_dump())
    assert findings(book) == findings(original)
    assert failures(book) == original_failures


@pytest.mark.parametrize("group", ["work_plans", "sub_plans", "divisions", "commissioned",
                                   "grant_items", "agency"])
def test_each_rename_group_alone(tmp_path, seed_text, original_flat, original_failures, group):
    renames = {"work_plans": WORK_PLANS, "sub_plans": SUB_PLANS, "divisions": DIVISIONS,
               "commissioned": COMMISSIONED, "grant_items": GRANT_ITEMS, "agency": AGENCY}[group]
    text = seed_text
    if group == "agency":
        text = _split_agency_lines(text, "經濟部中小企業處", "經濟部產業發展署")
    text = rename_text(text, renames)
    book = read_text(tmp_path, text)
    want = expected_renamed(original_flat, renames)
    if group == "agency":
        want["agency_name"] = "經濟部產業發展署"
    assert_same_values(flat(book.model_dump()), want)
    assert failures(book) == original_failures


# --- 2. section reordering --------------------------------------------------------------------


_FIGURE = re.compile(r"\d,\d{3}|\d{10}|[。；：:]\s*$|^\s*[-\d]")


# tables whose first page prints its column header and 合計/總計 row before the title line
_PAGE_OPENS_WITH = {"offices": "區分", "functional": "債務利息"}


def _page_start(lines: list[str], title_no: int, sid: str = "") -> int:
    """The first line of the page header printed just before a section's title line: the agency
    line and the `中華民國` year line among the header lines that precede it (column headers
    above them stay where they are, as the end of the previous page)."""
    if sid in _PAGE_OPENS_WITH:
        return next(
            i + 1
            for i in range(title_no - 1, title_no - 40, -1)
            if lines[i].replace(" ", "").strip() == _PAGE_OPENS_WITH[sid]
        )
    start, i, seen = title_no, title_no - 1, 0
    while i > 0 and seen < 12:
        t = lines[i - 1].strip()
        i -= 1
        if not t:
            continue
        if _FIGURE.search(t) and not t.startswith("中華民國"):
            break
        seen += 1
        if t.startswith("中華民國") or t.startswith("經濟部中"):
            start = i + 1
    return start


def _chunks(seed_text: str, mode: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The lines before the first section, and each section span's lines, in book order; in
    mode `page` a span starts at its page header, in mode `span` at its title line."""
    doc = from_text(seed_text)
    lines = seed_text.split("\n")
    spans = sorted(
        (start, sid) for sid, s in find_sections(doc).items() for start, _ in s.spans
    )
    starts = [(_page_start(lines, a, sid) if mode == "page" else a, sid) for a, sid in spans]
    head = lines[: starts[0][0] - 1]
    ends = [a for a, _ in starts[1:]] + [len(lines) + 1]
    chunks = [(sid, lines[a - 1 : e - 1]) for (a, sid), e in zip(starts, ends, strict=True)]
    return head, chunks


def reorder(seed_text: str, order, mode: str = "page") -> str:
    head, chunks = _chunks(seed_text, mode)
    ids = [sid for sid, _ in chunks]
    new_ids = order(ids)
    assert sorted(new_ids) == sorted(ids)
    by_id = dict(chunks)
    out = list(head)
    for sid in new_ids:
        out.extend(by_id[sid])
    return "\n".join(out)


def _move(ids, moved, before=None, after=None):
    rest = [i for i in ids if i not in moved]
    if before is not None:
        k = rest.index(before)
    elif after is not None:
        k = rest.index(after) + 1
    else:
        k = len(rest)
    return rest[:k] + list(moved) + rest[k:]


ORDERS = {
    "resolutions_first": lambda ids: ["resolutions"] + [i for i in ids if i != "resolutions"],
    "main_tables_last": lambda ids: _move(ids, ["revenue", "expenditure_by_agency"]),
    "cost_summary_before_plans": lambda ids: _move(ids, ["cost_summary"], before="plans"),
    "overview_last": lambda ids: _move(ids, ["overview"]),
    "reversed": lambda ids: list(reversed(ids)),
    "interleaved": lambda ids: ids[1::2] + ids[0::2],
}


# Cutting at the title line leaves the page's year line (`中華民國`) behind; a split title
# (`歲出一級用途`, `委辦經費`, `補助經費`, `預算員額`) is recognised only next to it, so those
# sections are lost when the span lands after another section's text.
_SPAN_LOSES_SPLIT_TITLES = pytest.mark.xfail(
    strict=True, reason="a split title cut from its page's year line is not recognised")
REORDER_CASES = [
    pytest.param(order, mode, marks=_SPAN_LOSES_SPLIT_TITLES)
    if mode == "span" and order in ("cost_summary_before_plans", "interleaved", "reversed")
    else (order, mode)
    for order in sorted(ORDERS)
    for mode in ("page", "span")
]


@pytest.mark.parametrize(("order", "mode"), REORDER_CASES)
def test_reordered_sections_read_the_same(tmp_path, seed_text, original, original_flat,
                                          original_failures, order, mode):
    text = reorder(seed_text, ORDERS[order], mode)
    assert text.count("\n") == seed_text.count("\n")
    book = read_text(tmp_path, text)
    assert_same_values(flat(book.model_dump()), original_flat)
    assert_lines_hold_same_text(book, original, text, seed_text)
    assert findings(book) == findings(original)
    assert failures(book) == original_failures


# --- 3. consistent figure changes -------------------------------------------------------------


def fmt(v: int) -> str:
    return f"{v:,}"


def _bump_fragment(fragment: str, k: int) -> tuple[str, str]:
    """`{150,020} 149,370 {650}` -> (old text, text with the braced figures changed by k)."""
    old = re.sub(r"\{(-?[\d,]+)\}", r"\1", fragment)
    new = re.sub(r"\{(-?[\d,]+)\}", lambda m: fmt(int(m.group(1).replace(",", "")) + k), fragment)
    return old, new


def apply_chain(seed_text: str, chain, k: int) -> str:
    lines = seed_text.split("\n")
    for no, fragment in chain:
        old, new = _bump_fragment(fragment, k)
        assert lines[no - 1].count(old) == 1, (no, old, lines[no - 1])
        lines[no - 1] = lines[no - 1].replace(old, new)
    return "\n".join(lines)


# every figure above a 業務費 line of 一般行政 / 基本行政工作維持 that restates or sums it
_ABOVE_OPERATING = [
    # 歲出計畫提要及分支計畫概況表: the first-level line, the sub-plan, its 說明, the work plan
    (2996, "2000 {16,637}"),
    (2994, "02 {17,436}基本行政工作維持"),
    (3034, "本項分支計畫編列{17,436}千元"),
    (2942, "{150,020}工作計畫名稱及編號"),
    (3084, "{150,020}工作計畫名稱及編號"),
    # 歲出機關別預算表: the work plan, its 說明, the 其他經濟服務支出 and agency rows (本年度, 比較)
    (1825, "2 {150,020} 149,370 {650} 1.本年度預算數{150,020}千元"),
    (1827, "業務費{20,150}千元"),
    (1839, "基本行政工作維持費{17,436}千元"),
    (1843, "費{1,731}千元"),
    (1820, "{2,655,451} 2,657,154 {-1,703}"),
    (1770, "7 {4,634,113} 4,835,804 {-201,691}"),
    # 各項費用彙計表: the 業務費 row (一般行政 cell, 合計), the 合計 row (一般行政, grand total)
    (3450, "-業務費 {20,150} {1,083,761}2000"),
    (3409, "{4,634,113}4,8811,978,6622,500,550{150,020}合"),
    # 歲出一級用途別科目分析表, both halves
    (3555, "7 中小企業處 129,071 {1,083,761} 944,652 -"),
    (3559, "其他經濟服務支出 129,071 {49,560} 191 -"),
    (3561, "2 一般行政 129,071 {20,150} 78 -"),
    (3580, "中小企業處 {4,634,113}2,471,748-2,469,2552,493-{2,162,365}4,881"),
    (3583, "其他經濟服務支出 {2,655,451}2,471,748-2,469,2552,493-{183,703}4,881"),
    (3584, "一般行政 {150,020}721--721-{149,299}-"),
    # 歲出按職能及經濟性綜合分類表: 商品及服務支出, 經常支出合計, 總計 (both renderings)
    (4940, "131,643 {1,086,070}"),
    (4947, "131,643 {1,086,070}"),
    (4960, "{2,162,365}"),
    (4968, "{2,162,365}"),
    (5048, "2,471,748 {4,634,113}"),
    (5056, "2,471,748 {4,634,113}"),
]
CHAINS = {
    # 2072 國內旅費 165 of 一般行政 / 基本行政工作維持
    "2072": [
        (3024, "2072 {165}"),
        (3096, "國內旅費{165}千元"),
        (3482, "-{165}2072 {1,443}國內旅費"),
        *_ABOVE_OPERATING,
    ],
    # 2054 一般事務費 9,058 of the same sub-plan
    "2054": [
        (3016, "2054 {9,058}"),
        (3076, "費，共計{9,058}千元"),
        (3474, "-{9,058}2054 {12,654}一般事務費"),
        *_ABOVE_OPERATING,
    ],
}


def _cost_row(book, code):
    return next(r for r in book.cost_summary.rows if r.code == code)


@pytest.mark.parametrize(("chain", "k"), [("2072", 1), ("2072", 835), ("2072", -66),
                                          ("2054", 1), ("2054", 942), ("2054", -58)])
def test_consistent_figure_change(tmp_path, seed_text, original_flat, original_failures,
                                  chain, k):
    text = apply_chain(seed_text, CHAINS[chain], k)
    book = read_text(tmp_path, text)
    got = flat(book.model_dump())
    assert set(got) == set(original_flat)
    olds = {int(m.replace(",", "")) for _, f in CHAINS[chain] for m in re.findall(r"\{(-?[\d,]+)\}", f)}
    pairs = {fmt(v): fmt(v + k) for v in olds}
    changed = []
    for key, want in original_flat.items():
        have = got[key]
        if have == want:
            continue
        if isinstance(want, str):
            expect = re.sub(r"-?\d[\d,]*", lambda m: pairs.get(m.group(0), m.group(0)), want)
            assert _squash(have) == _squash(expect), (key, want, have)
        else:
            assert isinstance(want, (int, Decimal)) and not isinstance(want, bool), (key, want, have)
            assert have - want == k, (key, want, have)
            assert want in olds, (key, want, have)
            changed.append(key)
    # the figures the chain changes, read where the book prints them
    wp = next(w for w in book.work_plans if w.code == "5926750100")
    sp = next(s for s in wp.sub_plans if s.no == "02")
    obj = next(o for o in sp.object_lines if o.code == chain)
    first = next(o for o in sp.object_lines if o.code == "2000")
    orig_obj = {"2072": 165, "2054": 9058}[chain]
    assert (obj.amount, first.amount, sp.amount, wp.amount) == (
        orig_obj + k, 16637 + k, 17436 + k, 150020 + k)
    row = _cost_row(book, chain)
    assert row.total == {"2072": 1443, "2054": 12654}[chain] + k
    assert len(changed) >= 20, changed
    assert findings(book) == set()
    assert failures(book) == original_failures


# --- 4. page noise ----------------------------------------------------------------------------


def _page_heads(seed_text: str) -> list[tuple[int, int]]:
    """[first, last] line numbers of each repeated page header block (agency line, section title,
    year line) of a page that continues a section whose title was printed before."""
    from budgetbook.vocab.sections import SECTION_TITLES

    titles = {s.title for s in SECTION_TITLES}
    lines = seed_text.split("\n")
    seen: set[str] = set()
    out = []
    for i, ln in enumerate(lines):
        if ln.strip() != "經濟部中小企業處":
            continue
        window = [(j, lines[j].strip()) for j in range(i + 1, min(i + 6, len(lines)))]
        year = next((j for j, t in window if t.startswith("中華民國")), None)
        title = next((j for j, t in window if t.replace(" ", "") in titles), None)
        if year is None or title is None:
            continue
        name = lines[title].strip()
        if name in seen:
            out.append((i + 1, max(year, title) + 1))
        seen.add(name)
    return out


def test_noise_crlf(tmp_path, seed_text, original, original_flat, original_failures):
    book = read_text(tmp_path, seed_text, newline="\r\n")
    assert_same_values(flat(book.model_dump()), original_flat)
    assert provenance(book.model_dump()) == provenance(original.model_dump())
    assert failures(book) == original_failures


def test_noise_big5(tmp_path, seed_text, original_failures):
    # characters Big5 cannot hold (a few stray symbols) are dropped from both copies
    text = "".join(ch for ch in seed_text if ch.encode("cp950", errors="ignore") or ch == "")
    utf8 = read_text(tmp_path, text, "utf8.txt")
    big5 = read_text(tmp_path, text, "big5.txt", encoding="cp950")
    assert big5.encoding == "cp950"
    assert_same_values(flat(big5.model_dump()), flat(utf8.model_dump()))
    assert failures(big5) == failures(utf8) == original_failures


def _blocks(seed_text: str) -> list[tuple[int, int]]:
    """Repeated page header blocks worth disturbing: pages after a section's first page."""
    return [b for b in _page_heads(seed_text)]


def _noise(seed_text: str, what: str, block: tuple[int, int]) -> str:
    lines = seed_text.split("\n")
    a, b = block
    head = lines[a - 1 : b]
    if what == "drop":
        new = lines[: a - 1] + [""] * 0 + lines[b:]
    elif what == "duplicate":
        new = lines[:b] + [""] + head + lines[b:]
    else:  # a bare page number before the page header
        new = lines[: a - 1] + ["57", ""] + lines[a - 1 :]
    return "\n".join(new)


def _noise_cases():
    from conftest import SEED

    if not SEED.exists():
        return []
    text = SEED.read_text(encoding="utf-8")
    out = []
    for block in _blocks(text):
        for what in ("drop", "duplicate", "page_number"):
            out.append(pytest.param(what, block, id=f"{what}-{block[0]}"))
    return out


@pytest.mark.parametrize(("what", "block"), _noise_cases())
def test_noise_page_headers(tmp_path, seed_text, original, original_flat, original_failures,
                            what, block):
    text = _noise(seed_text, what, block)
    book = read_text(tmp_path, text)
    assert_same_values(flat(book.model_dump()), original_flat)
    assert failures(book) == original_failures
