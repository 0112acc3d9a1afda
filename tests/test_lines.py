"""Every non-blank line of the source ends up in exactly one place."""

from collections import Counter

from conftest import chinese_title


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
