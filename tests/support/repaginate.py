"""The paper laid out again from its tables: other page breaks, other line wraps."""

from __future__ import annotations

from support.layout import interleave, pages_of, wrap
from support.project import chinese_title


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
