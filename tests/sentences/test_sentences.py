"""Sentence segmentation: the rules, this paper's sentences, and invariants on any text."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gsipaper import split_sentences
from gsipaper.sentences.split import sentence_spans

# Each rule of the splitter (its module's docstring), named once, with an example in each
# language it applies to.
RULES = {
    "a full stop ends a sentence": {
        "en": ("The world met. Then it left.", ["The world met.", "Then it left."]),
        "zh": (
            "我们认为，安全不可分割。各国应合作。",
            ["我们认为，安全不可分割。", "各国应合作。"],
        ),
    },
    "a question or exclamation mark ends one": {
        "en": ("Why now? Nobody knew! It ended.", ["Why now?", "Nobody knew!", "It ended."]),
        "zh": ("为什么？无人知晓！结束了。", ["为什么？", "无人知晓！", "结束了。"]),
    },
    "half-width ? and ! end a Chinese sentence": {
        "zh": ("为什么?无人知晓!结束了。", ["为什么?", "无人知晓!", "结束了。"]),
    },
    "a closing quote or bracket stays with its sentence": {
        "en": (
            'He asked "Why?" It ends (as it began.) Next.',
            ['He asked "Why?"', "It ends (as it began.)", "Next."],
        ),
        "zh": ("他说：“好！”然后走了？是的", ["他说：“好！”", "然后走了？", "是的"]),
    },
    "semicolons, colons and commas never end one": {
        "en": ("First; second: third, fourth.", ["First; second: third, fourth."]),
        "zh": ("（一）第一项；第二项：完，止", ["（一）第一项；第二项：完，止"]),
    },
    "the paragraph's end ends its last sentence, whatever it ends with": {
        "en": ("A list follows: Cut off in the mid-", ["A list follows: Cut off in the mid-"]),
        "zh": ("下列各项：", ["下列各项："]),
    },
    "a mark followed by a lower-case word does not end an English sentence": {
        "en": (
            "It was the end. and so it went. Then more.",
            ["It was the end. and so it went.", "Then more."],
        ),
    },
    "a mark not followed by whitespace does not end an English sentence": {
        "en": (
            "Growth was 3.5 per cent at example.com today. It rose.",
            ["Growth was 3.5 per cent at example.com today.", "It rose."],
        ),
        "zh": ("COVID-19疫情延宕。3.5%的增长。", ["COVID-19疫情延宕。", "3.5%的增长。"]),
    },
    "dotted abbreviations and single initials do not end one": {
        "en": (
            "The U.S. and J. Smith met, e.g. there. Then they left.",
            ["The U.S. and J. Smith met, e.g. there.", "Then they left."],
        ),
    },
    "a title before a name does not end one": {
        "en": (
            "Mr. Li answered Dr. Wu. Prof. Ma left.",
            ["Mr. Li answered Dr. Wu.", "Prof. Ma left."],
        ),
    },
    "an abbreviation before a number does not end one": {
        "en": (
            "See No. 3 and Art. 51 of the list. It is short.",
            ["See No. 3 and Art. 51 of the list.", "It is short."],
        ),
    },
    "whitespace between sentences belongs to neither": {
        "en": ("  Spaces around.   Both ends.  ", ["Spaces around.", "Both ends."]),
        "zh": ("  前后有空格。 两端。 ", ["前后有空格。", "两端。"]),
    },
    "repeated marks end one sentence": {
        "en": ("Ellipses... Then more.", ["Ellipses...", "Then more."]),
        "zh": ("真的吗？！是的。", ["真的吗？！", "是的。"]),
    },
    "an empty text has no sentences": {"en": ("", []), "zh": ("", [])},
}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        pytest.param(language, text, expected, id=f"{rule} ({language})")
        for rule, examples in RULES.items()
        for language, (text, expected) in examples.items()
    ],
)
def test_each_rule_of_the_splitter(language, text, expected):
    assert split_sentences(text, language) == expected


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="'fr'"):
        split_sentences("Bonjour.", "fr")


def test_the_paper_has_53_english_and_42_chinese_sentences(published):
    counts = {"en": 0, "zh": 0}
    for row in published["sentences"]:
        counts[row["language"]] += 1
    assert counts == {"en": 53, "zh": 42}


def test_each_paragraph_has_its_hand_counted_sentences(published):
    per_paragraph = {}
    for row in published["sentences"]:
        per_paragraph[row["paragraph_id"]] = per_paragraph.get(row["paragraph_id"], 0) + 1
    assert per_paragraph == {
        "en-s1-01": 1, "en-s1-02": 3, "en-s1-03": 6, "en-s2-01": 4, "en-s2-02": 5,
        "en-s2-03": 6, "en-s2-04": 8, "en-s2-05": 6, "en-s2-06": 6, "en-s2-07": 2,
        "en-s3-01": 2, "en-s3-02": 2, "en-s3-03": 2,
        "zh-s1-01": 1, "zh-s1-02": 3, "zh-s1-03": 4, "zh-s2-01": 4, "zh-s2-02": 4,
        "zh-s2-03": 5, "zh-s2-04": 6, "zh-s2-05": 6, "zh-s2-06": 3, "zh-s2-07": 2,
        "zh-s3-01": 2, "zh-s3-02": 2,
    }  # fmt: skip


def test_sentences_of_note_in_the_paper(published):
    text = {row["sentence_id"]: row for row in published["sentences"]}
    # "2014," and "COVID-19" do not end sentences; "In 2014, ..." is one sentence.
    assert text["en-s2-01-02"]["text"].startswith("In 2014, President Xi Jinping initiated")
    # A paragraph ending with a colon ends its last sentence there.
    assert text["en-s3-02-02"]["text"].endswith("jointly promote world peace and tranquility:")
    # The quoted term stays inside its Chinese sentence.
    assert text["zh-s2-05-06"]["text"].startswith("滥用单边制裁和“长臂管辖”不但")
    # The source stops inside these: only they are truncated.
    truncated = {row["sentence_id"] for row in published["sentences"] if row["truncated"]}
    assert truncated == {"en-s3-03-02", "zh-s3-02-02"}
    assert text["zh-s3-02-02"]["text"] == "我们倡导各方在包括但不限于以下方面积极开展单"


def test_sentences_index_into_their_paragraphs(published):
    paragraphs = {row["paragraph_id"]: row["text"] for row in published["paragraphs"]}
    by_paragraph = {}
    for row in published["sentences"]:
        assert paragraphs[row["paragraph_id"]][row["start"] : row["end"]] == row["text"]
        by_paragraph.setdefault(row["paragraph_id"], []).append(row)
    for paragraph_id, rows in by_paragraph.items():
        assert [r["position"] for r in rows] == list(range(1, len(rows) + 1))
        assert_covers(paragraphs[paragraph_id], [(r["start"], r["end"]) for r in rows])
    assert by_paragraph.keys() == paragraphs.keys()


def assert_covers(text: str, spans: list[tuple[int, int]]) -> None:
    """In order, only whitespace between and around them, each starting and ending in text."""
    edges = [0, *(edge for span in spans for edge in span), len(text)]
    gaps = [text[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True)]
    assert all(gap.strip() == "" for gap in gaps), gaps
    for start, end in spans:
        assert start < end and not text[start].isspace() and not text[end - 1].isspace()


ENGLISH_TEXT = st.lists(
    st.sampled_from([*"abcXYZ .?!,;:\"'()”’\n\t0123456789", "U.S.", "No. ", "e.g. "]),
    max_size=80,
).map("".join)
CHINESE_TEXT = st.text(
    alphabet=st.sampled_from(list("和平安全。？！，；：“”（） ab1.")), max_size=200
)


@given(ENGLISH_TEXT)
def test_english_sentences_cover_any_text(text):
    spans = sentence_spans(text, "en")
    assert_covers(text, spans)
    assert split_sentences(text, "en") == [text[a:b] for a, b in spans]


@given(CHINESE_TEXT)
def test_chinese_sentences_cover_any_text(text):
    spans = sentence_spans(text, "zh")
    assert_covers(text, spans)
    # Every Chinese full stop, question or exclamation mark ends a sentence (closers go with it).
    for start, end in spans[:-1]:
        assert re.search(r"[。？！?!][\"'”’»)\]」』）】》〉]*$", text[start:end])


@given(st.lists(st.sampled_from(["Peace holds", "Trust grows", "Rules matter"]), min_size=1))
def test_english_sentences_made_of_sentences_come_apart(parts):
    text = " ".join(f"{part}." for part in parts)
    assert split_sentences(text, "en") == [f"{part}." for part in parts]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("No. \na", ["No. \na"]),
        ("It ends.  \n  then goes on.", ["It ends.  \n  then goes on."]),
        ("It ends.\n\nAnother starts.", ["It ends.", "Another starts."]),
        ("It ends. \t\n Another starts.", ["It ends.", "Another starts."]),
    ],
)
def test_a_run_of_whitespace_is_one_gap_whatever_it_holds(text, expected):
    """Lines broken by hand: the whole run decides, and no sentence starts with a space."""
    assert split_sentences(text, "en") == expected
