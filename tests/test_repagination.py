"""A re-extraction of the same paper with other page breaks builds the same tables."""

import json
from itertools import pairwise

import pytest

from conftest import ROOT, chinese_title, without_provenance
from gsipaper import markers
from gsipaper.cli import load_project
from gsipaper.pipeline import tables_of

PROJECT = load_project(ROOT)


def blocks(tables, descriptor, language):
    """The language's title, headings and paragraphs, in order, as the PDF prints them."""
    title = descriptor["title"] if language == "en" else chinese_title(descriptor)
    laid, section = [(title, False)], 0
    headings = {s["section"]: s for s in tables["sections"].to_pylist()}
    for paragraph in tables["paragraphs"].to_pylist():
        if paragraph["language"] != language:
            continue
        if paragraph["section"] != section:
            section = paragraph["section"]
            heading = headings[section]
            laid.append((f"{heading['numeral_' + language]}{'. ' if language == 'en' else '、'}"
                         f"{heading['title_' + language]}", False))  # fmt: skip
        marker = paragraph["marker"]
        prefix = "" if marker is None else marker + " "
        laid.append((prefix + paragraph["text"], True))
    return laid


def cut(text, language):
    """Cut a paragraph near its middle, mid-sentence, as a page foot does."""
    middle = len(text) // 2
    for at in range(middle, len(text) - 1):
        if language == "en" and text[at] == " " and text[at - 1].isalpha():
            return text[:at], text[at + 1 :]
        if language == "zh" and text[at - 1] not in markers.FINISHED and text[at] not in "。，":
            return text[:at], text[at:]
    return None


def layout(tables, descriptor, pages):
    paged = {}
    for language in markers.LANGUAGES:
        laid = blocks(tables, descriptor, language)
        ends = [round(page * len(laid) / pages) for page in range(pages + 1)]
        chunks = [laid[start:end] for start, end in pairwise(ends)]
        texts, carry = [], None
        for chunk in chunks:
            page = ([carry] if carry else []) + [text for text, _ in chunk]
            carry = None
            last, is_paragraph = chunk[-1]
            split = cut(last, language) if is_paragraph and chunk is not chunks[-1] else None
            if split:
                page[-1], carry = split
            texts.append(page)
        paged[language] = texts
    assert len(paged["en"]) == len(paged["zh"]) == pages
    return "\n\n".join(
        "\n\n".join(paged[language][page]) for page in range(pages) for language in ("en", "zh")
    )


@pytest.mark.parametrize("pages", [1, 2, 3, 4, 5])
def test_other_page_breaks_give_the_same_tables(pages):
    published = tables_of((ROOT / "source" / "gsi-concept-paper.txt").read_bytes(), PROJECT)
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    text = layout(published, descriptor, pages)
    rebuilt = tables_of(text.encode("utf-8"), PROJECT)
    assert without_provenance(rebuilt) == without_provenance(published)
