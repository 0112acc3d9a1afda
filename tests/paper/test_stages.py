"""Each pipeline stage on small inline documents."""

import pytest

from gsipaper.paper import markers
from gsipaper.paper.read import read_lines
from gsipaper.paper.roles import commitments_of
from gsipaper.paper.segment import segment
from gsipaper.paper.structure import structure
from support.stages import FRONT, LIMITS, edition, pages

TINY = """Tiny Paper

小文件

I. Background

Peace matters.

一、背景

和平很重要。

II. Core

1. Be good to every neighbour. Always good.

2. Be kind to every stranger.

These two commitments are one. Among them, good to every neighbour provides a base; kind to every stranger is a duty.

二、核心

(一) 要友好对待邻国。一直好。

(二) 要善待陌生的人。

上述两点是一个整体。其中，要友好对待邻国是基础，要善待陌生的人是责任。
"""


def test_read_numbers_lines_and_normalises_whitespace():
    lines = read_lines("\ufeffa\u00a0b \t\r\n\r\nc".encode())
    assert [(line.number, line.text) for line in lines] == [(1, "a b"), (2, ""), (3, "c")]


def test_segment_starts_a_page_at_each_change_of_language():
    blocks = segment(read_lines(TINY.encode()))
    assert [(b.language, b.page, b.kind) for b in blocks[:4]] == [
        ("en", 0, "text"), ("zh", 1, "text"), ("en", 2, "heading"), ("en", 2, "text"),
    ]  # fmt: skip


def test_structure_reads_titles_headings_and_items():
    versions = structure(segment(read_lines(TINY.encode())), LIMITS)
    assert versions["en"].title.text == "Tiny Paper"
    assert versions["zh"].title.text == "小文件"
    assert [h.title for h in versions["zh"].headings] == ["背景", "核心"]
    assert [(p.item, p.marker) for p in versions["zh"].paragraphs] == [
        (None, None), (1, "(一)"), (2, "(二)"), (None, None),
    ]  # fmt: skip


def test_align_pairs_units_by_place():
    units = edition(TINY).units
    assert [(u.unit_id, u.commitment, u.link_type) for u in units] == [
        ("s1-01", None, "1-1"), ("s2-01", 1, "1-1"), ("s2-02", 2, "1-1"), ("s2-03", None, "1-1"),
    ]  # fmt: skip


# Section III: a numbered list without the roles that section II's closing paragraph gives.
CORE = (["II. Core", "Core matters.", "III. Aims"], ["二、核心", "核心很重要。", "三、目标"])
CLOSING_EN = "These aims are one."
CLOSING_ZH = "上述两点是一个整体。"


def test_a_page_top_sentence_joins_where_the_other_language_has_fewer_paragraphs():
    text = pages(
        *FRONT,
        ["I. Background", "Peace matters.", *CORE[0], "1. Be good, and"],
        ["一、背景", "和平很重要。", *CORE[1], "(一) 要好。"],
        ["always good.", "2. Be kind.", CLOSING_EN],
        ["一直好。", "(二) 要善良。", CLOSING_ZH],
    )
    units = edition(text).units
    assert (units[2].en.text, units[2].en.lines) == ("Be good, and always good.", (15, 29))
    assert (units[2].zh.text, units[2].zh.lines) == ("要好。一直好。", (27, 35))
    assert [u.unit_id for u in units] == ["s1-01", "s2-01", "s3-01", "s3-02", "s3-03"]


def test_a_page_top_sentence_stays_apart_where_the_other_language_has_a_paragraph():
    text = pages(
        *FRONT,
        ["I. Background", "Peace matters.", "War hurts."],
        ["一、背景", "和平很重要。"],
        [*CORE[0], "1. Be good.", "2. Be kind.", CLOSING_EN],
        ["战争伤人。", *CORE[1], "(一) 要好。", "(二) 要善良。", CLOSING_ZH],
    )
    units = edition(text).units
    assert units[1].zh.text == "战争伤人。" and units[1].en.text == "War hurts."


def test_a_page_top_sentence_before_the_closing_paragraph_joins_the_last_item():
    text = pages(
        *FRONT,
        ["I. Background", "Peace matters.", *CORE[0], "1. Be good.", "2. Be kind, and"],
        ["一、背景", "和平很重要。", *CORE[1], "(一) 要好。", "(二) 要善良。"],
        ["sincere too.", CLOSING_EN],
        ["还要真诚。", CLOSING_ZH],
    )
    units = edition(text).units
    assert units[3].zh.text == "要善良。还要真诚。"
    assert units[4].zh.text == CLOSING_ZH and units[4].en.text == CLOSING_EN


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("十十", 0)],
)
def test_chinese_numerals(numeral, value):
    assert markers.zh_value(numeral) == value


@pytest.mark.parametrize(("numeral", "value"), [("I", 1), ("IV", 4), ("XIV", 14), ("IIII", 0)])
def test_roman_numerals(numeral, value):
    assert markers.roman_value(numeral) == value


def test_markers_accept_full_width_parentheses():
    marker = markers.marker_of("（三）坚持。", "zh")
    assert (marker.kind, marker.number, marker.label, marker.rest) == ("item", 3, "(三)", "坚持。")


def test_english_fragments_join_with_a_space_and_chinese_without():
    assert markers.join("en", ["play good", "offices"]) == "play good offices"
    assert markers.join("zh", ["正确", "理念"]) == "正确理念"


def test_an_english_fragment_that_ends_in_a_hyphen_joins_without_a_space():
    assert markers.join("en", ["conflict preven-", "tion and non-", "traditional"]) == (
        "conflict preven-tion and non-traditional"
    )


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("新冠疫情COVID-19延宕蔓延，UN等多边机制受到冲击。", "zh"),
        ("The UN (联合国) and COVID-19 response.", "en"),
        ("2014年", "zh"),
        ("In 2014, the vision", "en"),
    ],
)
def test_a_line_with_both_scripts_is_read_as_the_one_it_mostly_is(line, language):
    assert markers.language_of(line) == language


def test_a_commitments_title_is_its_first_sentence_whatever_its_abbreviations():
    text = TINY.replace("good to every neighbour", "good to every U.N. neighbour at 3.5 per cent")
    titles = [c.titles["en"] for c in commitments_of(edition(text).units)]
    assert titles == [
        "Be good to every U.N. neighbour at 3.5 per cent.",
        "Be kind to every stranger.",
    ]


def test_a_page_top_block_that_looks_like_an_item_continues_a_cut_sentence():
    text = pages(
        *FRONT,
        ["I. Background", "Peace matters.", *CORE[0], "1. Be good as in pledge"],
        ["一、背景", "和平很重要。", *CORE[1], "(一) 要好。"],
        ["2. Always.", "2. Be kind.", CLOSING_EN],
        ["(二) 要善良。", CLOSING_ZH],
    )
    units = edition(text).units
    assert units[2].en.text == "Be good as in pledge 2. Always."
    assert units[3].en.marker == "2."
