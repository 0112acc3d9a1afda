"""Every non-blank line of the source ends up in exactly one place."""

import re
from collections import Counter

import pytest

from gsipaper.pipeline import tables_of
from gsipaper.project.load import load_project
from support.layout import wrap
from support.project import ROOT, SOURCE, chinese_title

PROJECT = load_project(ROOT)
# The tests' own reading of a list marker and of a line's language, not the build's.
MARKER = re.compile(r"([0-9]+\. |[(（][一二三四五六七八九十]+[)）] ?)")


def language_of(text: str) -> str:
    return "zh" if re.search("[\u4e00-\u9fff]", text[:20]) else "en"


def test_every_source_line_is_accounted_for_once(source_lines, published, descriptor):
    places = Counter()
    titles = {descriptor["title"]}
    zh_title = chinese_title(descriptor)
    for number, text in enumerate(source_lines, start=1):
        if text.strip() in titles | {zh_title}:
            places[number] += 1
    for section in published["sections"]:
        places[section["source_line_en"]] += 1
        places[section["source_line_zh"]] += 1
    for paragraph in published["paragraphs"]:
        for number in paragraph["source_lines"].split(";"):
            places[int(number)] += 1
    non_blank = {n for n, text in enumerate(source_lines, start=1) if text.strip()}
    assert set(places) == non_blank
    assert set(places.values()) == {1}


def test_paragraph_text_is_the_source_text_of_its_lines(source_lines, published):
    for paragraph in published["paragraphs"]:
        fragments = [source_lines[int(n) - 1].strip() for n in paragraph["source_lines"].split(";")]
        marker = paragraph["marker"]
        if marker:
            fragments[0] = fragments[0].removeprefix(marker).lstrip()
        joiner = " " if paragraph["language"] == "en" else ""
        assert paragraph["text"] == joiner.join(fragments)


@pytest.mark.parametrize("lines", [2, 3])
def test_paragraphs_and_items_wrapped_over_consecutive_lines_keep_every_line(lines, published):
    """Each paragraph of the source, list items included, printed over two or three lines."""
    source = SOURCE.read_text(encoding="utf-8").split("\n")
    laid, wrapped_numbers = [], {}
    for number, text in enumerate(source, start=1):
        body = len(MARKER.match(text).group()) if MARKER.match(text) else 0
        paragraph = next(
            (p for p in published["paragraphs"] if str(number) in p["source_lines"].split(";")),
            None,
        )
        wrapped = wrap(text, body, language_of(text), lines) if paragraph else text
        wrapped_numbers[number] = list(
            range(len(laid) + 1, len(laid) + 1 + wrapped.count("\n") + 1)
        )
        laid += wrapped.split("\n")
    assert len(laid) > len(source) + 20  # most paragraphs did wrap
    rebuilt = tables_of("\n".join(laid).encode("utf-8"), PROJECT)["paragraphs"].to_pylist()
    assert [p["text"] for p in rebuilt] == [p["text"] for p in published["paragraphs"]]
    for before, after in zip(published["paragraphs"], rebuilt, strict=True):
        expected = [
            n for old in before["source_lines"].split(";") for n in wrapped_numbers[int(old)]
        ]
        assert after["source_lines"] == ";".join(map(str, expected)), before["paragraph_id"]
