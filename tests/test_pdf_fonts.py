"""A font the PDF does not embed, on a machine without a font to stand in for it: PDFium then
gives none of the text printed in it, without a word, and the tables that print their labels
in it are misread. The reader names the font and its pages (a `missing_font` notice) instead.

The machine without fonts is made in a child process, by giving PDFium a system-font source
that has none (FPDF_SetSystemFontInfo)."""

from __future__ import annotations

import json
import subprocess
import sys

from pdf_books import MUNICIPAL, pdf_book

TAICHUNG = next(p for p in MUNICIPAL if p.stem == "taichung-115")
KAOHSIUNG = next(p for p in MUNICIPAL if p.stem == "kaohsiung-115")

NO_FONTS = r"""
import ctypes, json, sys
import pypdfium2.raw as c

info = c.FPDF_SYSFONTINFO()
info.version = 1
kinds = dict(c.FPDF_SYSFONTINFO._fields_)
for name, value in (("Release", None), ("EnumFonts", None), ("MapFont", None),
                    ("GetFont", None), ("GetFontData", 0), ("GetFaceName", 0),
                    ("GetFontCharset", 0), ("DeleteFont", None)):
    setattr(info, name, kinds[name](lambda *args, value=value: value))
c.FPDF_SetSystemFontInfo(ctypes.byref(info))

if sys.argv[2] == "read":
    from budgetbook.readers.pdfbook import read
    book, _ = read(sys.argv[1])
    print(json.dumps([f.message for f in book.findings if f.kind == "missing_font"]))
else:  # budgetbook text FILE --pages …
    from budgetbook.cli import app
    app(["text", sys.argv[1], "--pages", sys.argv[2]])
"""


def test_a_font_the_machine_lacks_is_named_with_its_pages():
    # page 35 (歲出一級用途別科目分析表) prints its column labels 人事費, 業務費, 獎補助費 … stacked
    # vertically in MSung-Light, which the PDF does not embed
    done = subprocess.run([sys.executable, "-c", NO_FONTS, str(TAICHUNG), "read"],
                          capture_output=True, text=True, timeout=300, check=True)
    messages = json.loads(done.stdout)
    assert len(messages) == 1, messages
    assert messages[0].startswith("font MSung-Light, which the PDF does not embed")
    assert " 35," in messages[0] or " 35 " in messages[0]
    assert "fonts-noto-cjk" in messages[0]


def test_with_the_font_at_hand_nothing_is_missing():
    book, _ = pdf_book(TAICHUNG)
    assert not [f for f in book.findings if f.kind == "missing_font"]
    assert book.object_analysis.rows[0].personnel == 124625  # 人事費 of the 合計 row, page 35


def test_budgetbook_text_warns_of_the_pages_it_prints():
    done = subprocess.run([sys.executable, "-c", NO_FONTS, str(TAICHUNG), "35"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    warning = " ".join(done.stderr.split())
    assert "warning:" in warning and "font MSung-Light" in warning and "page 35," in warning
    assert "=== page 35 ===" in done.stdout


def test_text_drawn_inside_forms_is_checked_too():
    # kaohsiung-115 draws most of its text inside form objects (34 text objects at the top
    # level of its pages, 2,730 in forms); page 10 (歲出機關別預算表) heads its code columns
    # 款 項 目 節 in MSung-Light, which the PDF does not embed
    done = subprocess.run([sys.executable, "-c", NO_FONTS, str(KAOHSIUNG), "read"],
                          capture_output=True, text=True, timeout=300, check=True)
    messages = json.loads(done.stdout)
    assert len(messages) == 1 and messages[0].startswith("font MSung-Light"), messages
    assert "pages 10, 11," in messages[0]
