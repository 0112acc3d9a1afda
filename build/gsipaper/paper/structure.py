"""Structure: blocks → the title, section headings and paragraphs of each language.

Each language is read on its own. A paragraph cut at the foot of a page goes on
at the top of the next page of its language; where the cut is certain (the text
stops mid-sentence, or goes on in lower case) the fragments are joined here.
Where a page opens with a whole sentence after a finished one, the block is
kept apart and marked `may_continue`: the other language decides in `align`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gsipaper.errors import SourceError
from gsipaper.facts import LANGUAGE_NAMES, LANGUAGES
from gsipaper.paper import markers
from gsipaper.paper.markers import COMMITMENT_SECTION, FIRST_LIST_SECTION
from gsipaper.paper.segment import Block
from gsipaper.project.schemas import Limits

__all__ = ["Heading", "Paragraph", "Title", "Version", "structure"]  # the rest are its own helpers

TITLE_LENGTH = 120


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Heading:
    section: int
    numeral: str
    title: str
    line: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    language: str
    section: int
    item: int | None
    marker: str | None
    text: str
    lines: tuple[int, ...]
    may_continue: bool = False
    truncated: bool = False

    def extended(self, fragments: tuple[str, ...], lines: tuple[int, ...]) -> Paragraph:
        text = markers.join(self.language, (self.text, *fragments))
        return replace(self, text=text, lines=self.lines + lines)


@dataclass(frozen=True, slots=True)
class Version:
    """One language's text of the paper."""

    language: str
    title: Title
    headings: tuple[Heading, ...]
    paragraphs: tuple[Paragraph, ...]


def structure(blocks: list[Block], limits: Limits) -> dict[str, Version]:
    streams = {language: [b for b in blocks if b.language == language] for language in LANGUAGES}
    for language, stream in streams.items():
        if not stream:
            other = next(s for s in streams.values() if s)
            raise SourceError(
                f"no {LANGUAGE_NAMES[language]} text",
                "English and Chinese pages",
                other[0].lines[0],
            )
    return {
        language: version_of(language, stream, limits.commitments)
        for language, stream in streams.items()
    }


def version_of(language: str, stream: list[Block], commitments: int) -> Version:
    start = next((i for i, b in enumerate(stream) if b.kind == "heading"), None)
    if start is None:
        raise SourceError(
            f"no section heading in the {LANGUAGE_NAMES[language]} text",
            f"section I as {'I. Background' if language == 'en' else '一、背景'}",
            stream[0].lines[0],
        )
    title = title_of(language, stream[:start], stream[start])
    headings, paragraphs = body_of(language, stream[start:], commitments)
    return Version(language, title, headings, paragraphs)


def title_of(language: str, front: list[Block], first_heading: Block) -> Title:
    name = LANGUAGE_NAMES[language]
    shaped = [i for i, block in enumerate(front) if is_title_shaped(block)]
    if not shaped:
        line = front[0].lines[0] if front else first_heading.lines[0]
        raise SourceError(f"no {name} title", f"the {name} title before section I", line)
    before, after = front[: shaped[0]], front[shaped[0] + 1 :]
    if before:
        raise SourceError("text before the title", f"the {name} title first", before[0].lines[0])
    if after:
        raise SourceError(
            "text that belongs to no section",
            f"section I after the {name} title",
            after[0].lines[0],
        )
    block = front[shaped[0]]
    return Title(block.fragments[0], block.lines[0])


def is_title_shaped(block: Block) -> bool:
    text = block.fragments[0]
    return (
        block.kind == "text"
        and len(block.fragments) == 1
        and len(text) <= TITLE_LENGTH
        and not markers.is_finished(text)
    )


def body_of(
    language: str, stream: list[Block], commitments: int
) -> tuple[tuple[Heading, ...], tuple[Paragraph, ...]]:
    headings: list[Heading] = []
    paragraphs: list[Paragraph] = []
    item, page, open_paragraph = 0, stream[0].page, False
    for block in stream:
        page_top, page = block.page != page, block.page
        if block.kind == "heading":
            headings.append(next_heading(language, headings, block))
            item, open_paragraph = 0, False
            continue
        section = headings[-1].section
        if open_paragraph and continues(paragraphs[-1], block, page_top):
            paragraphs[-1] = paragraphs[-1].extended(block.fragments, block.lines)
        elif block.kind == "item":
            item = next_item(language, section, item, block, commitments)
            paragraphs.append(paragraph_of(language, section, block, item))
        elif markers.starts_mid_sentence(block.fragments[0], language):
            raise SourceError(
                "a continuation with nothing to continue",
                "a paragraph that starts a sentence",
                block.lines[0],
            )
        else:
            may_continue = page_top and open_paragraph
            paragraphs.append(paragraph_of(language, section, block, None, may_continue))
        open_paragraph = True
    return tuple(headings), tuple(paragraphs)


def continues(last: Paragraph, block: Block, page_top: bool) -> bool:
    """Whether the block is the rest of the paragraph before it.

    At the top of a page after a paragraph cut mid-sentence, even a block that
    starts like a list item ("4. …") is the rest of that sentence.
    """
    if block.kind == "text" and markers.starts_mid_sentence(block.fragments[0], block.language):
        return True
    return page_top and not markers.is_finished(last.text)


def next_heading(language: str, headings: list[Heading], block: Block) -> Heading:
    marker = block.marker
    assert marker is not None, "a heading or a numbered item has its marker"
    expected = len(headings) + 1
    if marker.number != expected:
        raise SourceError(
            f"section {marker.label} out of order",
            f"section {numeral(language, expected)} next",
            block.lines[0],
        )
    return Heading(marker.number, marker.label, marker.rest, block.lines[0])


def next_item(language: str, section: int, item: int, block: Block, commitments: int) -> int:
    marker = block.marker
    assert marker is not None, "a heading or a numbered item has its marker"
    if section < FIRST_LIST_SECTION:
        raise SourceError(
            f"numbered item {marker.label} in section {numeral(language, section)}",
            f"numbered items only from section {numeral(language, FIRST_LIST_SECTION)} on",
            block.lines[0],
        )
    if section == COMMITMENT_SECTION and marker.number > commitments:
        raise SourceError(
            f"commitment {marker.label} in section {numeral(language, section)}",
            f"the {commitments} commitments only",
            block.lines[0],
        )
    if marker.number != item + 1:
        raise SourceError(
            f"item {marker.label} out of order in section {numeral(language, section)}",
            f"item {item_label(language, item + 1, marker.label)} next",
            block.lines[0],
        )
    return marker.number


def paragraph_of(
    language: str, section: int, block: Block, item: int | None, may_continue: bool = False
) -> Paragraph:
    label = block.marker.label if block.marker else None
    text = markers.join(language, block.body)
    return Paragraph(language, section, item, label, text, block.lines, may_continue)


def numeral(language: str, number: int) -> str:
    return markers.roman(number) if language == "en" else markers.zh_numeral(number)


def item_label(language: str, number: int, style: str) -> str:
    """The item's label, numbered as the label `style` is ("3." or "(三)")."""
    arabic = language == "en" or style.endswith(".")
    return f"{number}." if arabic else f"({markers.zh_numeral(number)})"
