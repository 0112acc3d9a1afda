"""A re-extraction of the same paper with other page breaks builds the same tables."""

import json

import pytest

from conftest import ROOT, chinese_title, without_provenance
from gsipaper.pipeline import tables_of
from gsipaper.project import load_project
from layout import interleave, pages_of, wrap

PROJECT = load_project(ROOT)


def blocks(tables, descriptor, language):
    """The language's title, headings and paragraphs, in order, as the PDF prints them."""
    title = descriptor["title"] if language == "en" else chinese_title(descriptor)
    laid, section = [(title, None)], 0
    headings = {s["section"]: s for s in tables["sections"].to_pylist()}
    for paragraph in tables["paragraphs"].to_pylist():
        if paragraph["language"] != language:
            continue
        if paragraph["section"] != section:
            section = paragraph["section"]
            heading = headings[section]
            laid.append((f"{heading['numeral_' + language]}{'. ' if language == 'en' else '、'}"
                         f"{heading['title_' + language]}", None))  # fmt: skip
        marker = paragraph["marker"]
        prefix = "" if marker is None else marker + " "
        laid.append((prefix + paragraph["text"], len(prefix)))
    return laid


def layout(tables, descriptor, pages, lines=1):
    """The paper on `pages` page pairs, each page's last paragraph broken near its middle."""
    paged = {}
    for language in ("en", "zh"):
        laid = [
            (wrap(text, body, language, lines) if body is not None else text, body)
            for text, body in blocks(tables, descriptor, language)
        ]
        laid = [(text, text.rindex("\n") + 1 if "\n" in text else body) for text, body in laid]
        ends = [round(page * len(laid) / pages) for page in range(1, pages + 1)]
        paged[language] = pages_of(laid, ends, language, middle)
    return interleave(paged)


def middle(points):
    return points[len(points) // 2]


@pytest.mark.parametrize(("pages", "lines"), [(1, 1), (2, 2), (3, 3), (4, 1), (5, 2)])
def test_other_page_breaks_and_line_wraps_give_the_same_tables(pages, lines):
    published = tables_of((ROOT / "source" / "gsi-concept-paper.txt").read_bytes(), PROJECT)
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    text = layout(published, descriptor, pages, lines)
    rebuilt = tables_of(text.encode("utf-8"), PROJECT)
    assert without_provenance(rebuilt) == without_provenance(published)
