"""A completed edition of the paper, generated at test time from today's source.

The source stops inside section III. `completed` goes on as the paper does: the
paragraphs the source cuts off are finished (a word cut at a hyphen is mended),
the unit that lacks its Chinese counterpart gets one, section III runs to
PRIORITIES numbered priorities and a closing paragraph, and a section IV follows
with an opening paragraph, ITEMS numbered items and a closing paragraph. Every
added word is generated (bench/generate.py's vocabulary): the paper's own text
comes only from source/, through the pipeline.

Two layouts, both with English and Chinese pages alternating and pages that
break mid-paragraph:
- `appended`: today's source byte for byte, then the rest on new pages, as a
  longer extraction of the same PDF would give it;
- `relaid`: the whole completed paper laid out on other pages (a new extraction).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import pyarrow as pa

from support.generate import en_sentences, title_en, title_zh, zh_sentences
from support.layout import interleave, pages_of
from support.repaginate import layout, middle

PRIORITIES = 20
ITEMS = 8
NEW_PAGES = 3
# Numbered in Chinese up to PRIORITIES, written out so as not to share the numerals of the code
# under test; every seventh in full-width parentheses, as some extractions give them.
CHINESE_NUMBERS = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十"
SECTION_IV = ("IV", "四")
WORD_ENDS = ("tion", "ment", "ing", "ness")  # to mend a word cut at a hyphen


@dataclass(frozen=True)
class Paragraph:
    language: str
    section: int
    marker: str | None
    text: str
    kind: str  # "today" as the source has it, "finished" where it was cut off, or "new"
    rest: str = ""  # for a finished paragraph, what follows today's text


@dataclass(frozen=True)
class Completed:
    """The completed paper: today's sections and paragraphs, finished and continued."""

    titles: dict[str, str]
    sections: list[dict]
    paragraphs: list[Paragraph]  # in document order, both languages
    new_sections: list[dict]

    def laid(self, language: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.language == language]


def completed(today: dict[str, list[dict]], titles: dict[str, str], seed: int = 12) -> Completed:
    """`today`: the tables built from today's source, as lists of rows."""
    rng = random.Random(seed)
    paragraphs = []
    for unit in today["alignments"]:
        for language in ("en", "zh"):
            paragraphs.append(finished(rng, unit, language, today["paragraphs"]))
    section = today["alignments"][-1]["section"]
    first = 1 + max(unit["item"] or 0 for unit in today["alignments"] if unit["section"] == section)
    for number in range(first, PRIORITIES + 1):
        paragraphs += new_unit(rng, section, number, chinese_marker(number))
    paragraphs += new_unit(rng, section, None, None)
    heading = {
        "section": section + 1,
        "numeral_en": SECTION_IV[0],
        "numeral_zh": SECTION_IV[1],
        "title_en": title_en(rng),
        "title_zh": title_zh(rng),
    }
    paragraphs += new_unit(rng, section + 1, None, None)
    for number in range(1, ITEMS + 1):
        paragraphs += new_unit(rng, section + 1, number, f"{number}.")
    paragraphs += new_unit(rng, section + 1, None, None)
    ordered = sorted(paragraphs, key=lambda p: p.language != "en")  # stable: document order
    sections = [*today["sections"], heading]
    return Completed(titles, sections, ordered, [heading])


def finished(rng: random.Random, unit: dict, language: str, rows: list[dict]) -> Paragraph:
    """Today's paragraph of the unit, finished where the source cuts it off, or a new one."""
    paragraph_id = unit[f"{language}_paragraph_id"]
    row = next((r for r in rows if r["paragraph_id"] == paragraph_id), None)
    if row is None:
        marker = chinese_marker(unit["item"]) if language == "zh" and unit["item"] else None
        if language == "en" and unit["item"]:
            marker = f"{unit['item']}."
        return Paragraph(language, unit["section"], marker, sentences(rng, language), "new")
    if not row["truncated"]:
        return Paragraph(language, row["section"], row["marker"], row["text"], "today")
    rest = continuation(rng, row["text"], language)
    whole = row["text"].removesuffix("-") + rest
    return Paragraph(language, row["section"], row["marker"], whole, "finished", rest)


def continuation(rng: random.Random, text: str, language: str) -> str:
    """The rest of a paragraph cut mid-sentence: it goes on in lower case, ends finished."""
    if language == "zh":
        return zh_sentences(rng, 2).rstrip("。") + "："
    start = rng.choice(WORD_ENDS) if text.endswith("-") else ""
    words = en_sentences(rng, 2)
    return start + " " + words[0].lower() + words[1:]


def new_unit(rng: random.Random, section: int, number: int | None, zh_marker: str | None):
    en_marker = f"{number}." if number else None
    return [
        Paragraph("en", section, en_marker, sentences(rng, "en"), "new"),
        Paragraph("zh", section, zh_marker, sentences(rng, "zh"), "new"),
    ]


def sentences(rng: random.Random, language: str) -> str:
    count = rng.randint(2, 5)
    return en_sentences(rng, count) if language == "en" else zh_sentences(rng, count)


def chinese_marker(number: int) -> str:
    numeral = CHINESE_NUMBERS.split()[number - 1]
    return f"（{numeral}）" if number % 7 == 0 else f"({numeral})"


def printed(paragraph: Paragraph) -> str:
    return paragraph.text if paragraph.marker is None else f"{paragraph.marker} {paragraph.text}"


def relaid(edition: Completed, pages: int) -> str:
    """The whole completed paper on `pages` pairs of pages, cut mid-paragraph at page feet."""
    rows = [
        {"language": p.language, "section": p.section, "marker": p.marker, "text": p.text}
        for p in edition.paragraphs
    ]
    tables = {"sections": pa.Table.from_pylist(edition.sections), "paragraphs": rows_table(rows)}
    descriptor = {"title": edition.titles["en"], "description": f"({edition.titles['zh']})"}
    return layout(tables, descriptor, pages)


def rows_table(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows)


def appended(edition: Completed, source: str) -> str:
    """Today's source as it is, then the rest of the paper on NEW_PAGES pairs of pages.

    Each language's first new page opens with the rest of its cut paragraph; the
    last paragraph of every new page but the last goes on at the top of the next.
    """
    paged = {language: new_pages(edition, language) for language in ("en", "zh")}
    return source.rstrip("\n") + "\n\n" + interleave(paged) + "\n"


def new_pages(edition: Completed, language: str) -> list[list[str]]:
    laid = edition.laid(language)
    section = max(p.section for p in laid if p.kind != "new")
    blocks: list[tuple[str, bool]] = []
    for paragraph in laid:
        if paragraph.kind == "finished":
            blocks.append((paragraph.rest.lstrip(), True))
        elif paragraph.kind == "new":
            if paragraph.section != section:
                section = paragraph.section
                blocks.append((heading_line(edition, section, language), False))
            blocks.append((printed(paragraph), True))
    size = -(-len(blocks) // NEW_PAGES)
    ends = [min(start + size, len(blocks)) for start in range(0, NEW_PAGES * size, size)]
    laid = [(text, 0 if is_paragraph else None) for text, is_paragraph in blocks]
    return pages_of(laid, ends, language, middle)


def heading_line(edition: Completed, section: int, language: str) -> str:
    heading = next(s for s in edition.sections if s["section"] == section)
    separator = ". " if language == "en" else "、"
    return f"{heading['numeral_' + language]}{separator}{heading['title_' + language]}"
