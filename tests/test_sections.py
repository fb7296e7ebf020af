from budgetbook.sections import find_sections
from budgetbook.text import from_text, load
from budgetbook.vocab.sections import SECTION_TITLES


def test_every_section_of_the_seed_is_found_in_book_order(seed_path):
    doc = load(seed_path)
    sections = find_sections(doc)
    central = [s for s in SECTION_TITLES if not s.form_of]  # a city book's forms aside
    assert set(sections) == {s.id for s in central}
    starts = [sections[s.id].start for s in central]
    assert starts == sorted(starts)
    assert sections["overview"].start == 3
    assert sections["plans"].spans[0][0] == 2257
    assert len(sections["donations"].spans) == 1


def test_fragment_titles_need_a_page_header():
    doc = from_text("區分\n預算員額\n職員 95 95\n")
    assert find_sections(doc) == {}
    doc = from_text("經濟部中\n中華民國\n預算員額\n職員 95 95\n")
    assert list(find_sections(doc)) == ["staffing"]


def test_reordered_sections_are_found_by_title():
    doc = from_text("各項費用彙計表\n1\n\n預算總說明\n2\n各項費用彙計表\n3\n")
    s = find_sections(doc)
    assert s["cost_summary"].spans == [(1, 4), (6, 9)]
    assert s["overview"].spans == [(4, 6)]
