"""The whole paper's structure: any number of sections, numbered items in any section
after the first, Chinese items numbered (一) or 1., up to 99 items."""

import pytest

from gsipaper.errors import SourceError
from gsipaper.paper import markers
from gsipaper.pipeline import tables_of
from gsipaper.project.load import load_project
from support.project import ROOT
from support.stages import FRONT, edition, pages

PROJECT = load_project(ROOT)
CORE_EN = [
    "I. Background", "Peace matters.", "II. Core",
    "1. Stay committed to being good to all.", "2. Stay committed to being kind to all.",
    "Among them, being good to all provides a base; being kind to all is a duty.",
]  # fmt: skip
CORE_ZH = [
    "一、背景", "和平很重要。", "二、核心", "(一) 坚持做好人好事。", "(二) 坚持善良待人。",
    "其中，坚持做好人好事是基础，坚持善良待人是责任。",
]  # fmt: skip


def whole(*, en: list[str], zh: list[str]) -> str:
    """Sections I and II, then the given blocks, on one English and one Chinese page."""
    return pages(*FRONT, CORE_EN + en, CORE_ZH + zh)


@pytest.mark.parametrize(
    ("line", "number", "label", "rest"),
    [
        ("(二十) 加强合作。", 20, "(二十)", "加强合作。"),
        ("（九十九）加强合作。", 99, "(九十九)", "加强合作。"),
        ("12. 加强合作。", 12, "12.", "加强合作。"),
        ("7.加强合作。", 7, "7.", "加强合作。"),
    ],
)
def test_chinese_items_are_numbered_in_chinese_or_arabic(line, number, label, rest):
    marker = markers.marker_of(line, "zh")
    assert (marker.kind, marker.number, marker.label, marker.rest) == ("item", number, label, rest)


def test_a_chinese_decimal_is_no_item_marker():
    assert markers.marker_of("1.5亿人口。", "zh") is None


def test_section_iv_has_its_own_numbered_items_with_paragraphs_before_and_after():
    text = whole(
        en=["III. Ways", "We will act.", "1. Act now.", "2. Act together.", "So we act.",
            "IV. Means", "Means matter.", "1. Build forums.", "2. Hold talks.", "That is all."],
        zh=["三、方向", "我们行动。", "(一) 现在行动。", "(二) 共同行动。", "所以行动。",
            "四、机制", "机制重要。", "1. 建设论坛。", "2. 举行会谈。", "就是这些。"],
    )  # fmt: skip
    tables = tables_of(text.encode(), PROJECT)
    rows = [
        (r["unit_id"], r["section"], r["commitment"], r["priority"], r["item"], r["link_type"])
        for r in tables["alignments"].to_pylist()
        if r["section"] >= 3
    ]
    assert rows == [
        ("s3-01", 3, None, None, None, "1-1"), ("s3-02", 3, None, 1, 1, "1-1"),
        ("s3-03", 3, None, 2, 2, "1-1"), ("s3-04", 3, None, None, None, "1-1"),
        ("s4-01", 4, None, None, None, "1-1"), ("s4-02", 4, None, None, 1, "1-1"),
        ("s4-03", 4, None, None, 2, "1-1"), ("s4-04", 4, None, None, None, "1-1"),
    ]  # fmt: skip
    zh = {r["paragraph_id"]: r for r in tables["paragraphs"].to_pylist() if r["language"] == "zh"}
    assert (zh["zh-s4-03"]["marker"], zh["zh-s4-03"]["text"]) == ("2.", "举行会谈。")
    assert [s["numeral_zh"] for s in tables["sections"].to_pylist()] == ["一", "二", "三", "四"]


def test_ninety_nine_items_in_one_section():
    numbers = range(1, 100)
    text = whole(
        en=["III. Ways", *(f"{n}. Act {n} times." for n in numbers)],
        zh=["三、方向", *(f"{n}. 行动{n}次。" for n in numbers)],
    )
    units = edition(text).units
    assert [u.item for u in units if u.section == 3] == list(numbers)
    assert units[-1].unit_id == "s3-99" and units[-1].zh.text == "行动99次。"


def test_every_section_may_be_numbered_up_to_the_numerals_limit():
    sections = [f"{numeral}. Part" for numeral in ("III", "IV", "V", "VI", "VII", "VIII")]
    chinese = [f"{numeral}、部分" for numeral in ("三", "四", "五", "六", "七", "八")]
    text = whole(
        en=[block for heading in sections for block in (heading, "1. Act.", "Done.")],
        zh=[block for heading in chinese for block in (heading, "(一) 行动。", "完成。")],
    )
    units = edition(text).units
    assert [(u.unit_id, u.item) for u in units if u.section == 8] == [("s8-01", 1), ("s8-02", None)]


def test_items_in_section_iv_must_run_in_order():
    text = whole(
        en=["III. Ways", "We act.", "IV. Means", "1. Build forums.", "3. Hold talks."],
        zh=["三、方向", "我们行动。", "四、机制", "1. 建设论坛。", "3. 举行会谈。"],
    )
    with pytest.raises(SourceError, match=r"item 3\. out of order in section IV") as error:
        edition(text)
    assert error.value.expected == "item 2. next"


def test_a_numbered_item_in_section_i_is_still_refused():
    text = pages(*FRONT, ["I. Background", "1. Peace matters."], ["一、背景", "(一) 和平很重要。"])
    with pytest.raises(SourceError, match=r"numbered item 1\. in section I"):
        edition(text)


def test_the_item_column_is_the_commitment_in_ii_and_the_priority_in_iii(published):
    for table in ("paragraphs", "alignments"):
        for row in published[table]:
            assert row["item"] == (row["commitment"] or row["priority"]), row
            assert (row["commitment"] is not None) == (row["section"] == 2 and bool(row["item"]))


def test_a_finished_text_must_pair_to_its_end():
    text = whole(
        en=["III. Ways", "We act.", "IV. Means", "1. Build forums.", "That is all."],
        zh=["三、方向", "我们行动。", "四、机制", "1. 建设论坛。"],
    )
    with pytest.raises(SourceError, match="paragraph 1 after item 1 of section IV has no Chinese"):
        edition(text)


def test_a_text_cut_off_may_lack_what_comes_after_the_cut():
    text = whole(
        en=["III. Ways", "We act.", "IV. Means", "1. Build forums.", "That is all."],
        zh=["三、方向", "我们行动。", "四、机制", "1. 建设论坛和"],
    )
    units = edition(text).units
    assert [(u.unit_id, u.link_type) for u in units[-2:]] == [("s4-01", "1-1"), ("s4-02", "1-0")]
    assert units[-2].zh.truncated
