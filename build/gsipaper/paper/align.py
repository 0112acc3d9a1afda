"""Align: the two language versions → units, each a paragraph and its translation.

A paragraph's place in its section (the list item it is, or its order after
the last item) is the same in both languages; that place is its unit. A
page-top paragraph that might continue the one before it is joined when the
other language has fewer paragraphs in its place. Where the source is cut off,
the last section may end with units that only one language has.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from gsipaper.errors import SourceError
from gsipaper.facts import LANGUAGE_NAMES, unit_id
from gsipaper.paper import markers
from gsipaper.paper.markers import COMMITMENT_SECTION, PRIORITY_SECTION
from gsipaper.paper.structure import Heading, Paragraph, Title, Version

__all__ = ["Edition", "Unit", "align", "check_lengths"]  # the rest are its own helpers

Key = tuple[int, int, int]  # section, last list item (0 before any), order after that item
# A gap is a key's (section, item): the item and the unnumbered paragraphs after it.


@dataclass(frozen=True, slots=True)
class Unit:
    unit_id: str
    section: int
    item: int | None
    en: Paragraph | None
    zh: Paragraph | None

    @property
    def commitment(self) -> int | None:
        return self.item if self.section == COMMITMENT_SECTION else None

    @property
    def priority(self) -> int | None:
        return self.item if self.section == PRIORITY_SECTION else None

    @property
    def link_type(self) -> str:
        return f"{int(self.en is not None)}-{int(self.zh is not None)}"

    def paragraph(self, language: str) -> Paragraph | None:
        return self.en if language == "en" else self.zh

    @property
    def first(self) -> Paragraph:
        """The English paragraph, else the Chinese: a unit has at least one."""
        paragraph = self.en or self.zh
        assert paragraph is not None, f"{self.unit_id} has no paragraph"
        return paragraph


@dataclass(frozen=True, slots=True)
class Edition:
    titles: dict[str, Title]
    headings: dict[str, tuple[Heading, ...]]
    units: tuple[Unit, ...]


def align(versions: dict[str, Version]) -> Edition:
    en, zh = versions["en"], versions["zh"]
    check_sections(en, zh)
    check_some_text(en, zh)
    en_paragraphs = truncate(resolve(en.paragraphs, zh.paragraphs))
    zh_paragraphs = truncate(resolve(zh.paragraphs, en.paragraphs))
    units = tuple(pair(en_paragraphs, zh_paragraphs, last_section=len(en.headings)))
    return Edition(
        titles={language: version.title for language, version in versions.items()},
        headings={language: version.headings for language, version in versions.items()},
        units=units,
    )


def check_lengths(edition: Edition, limit: int) -> None:
    """Refuse a paragraph too long for a spreadsheet cell before publishing it in one:
    a cut text would be wrong data."""
    for unit in edition.units:
        for paragraph in (unit.en, unit.zh):
            if paragraph is None or len(paragraph.text) <= limit:
                continue
            raise SourceError(
                f"a paragraph of {len(paragraph.text):,} characters",
                f"at most {limit:,}, the most a spreadsheet cell holds",
                paragraph.lines[0],
            )


def check_some_text(en: Version, zh: Version) -> None:
    """A paper of headings alone is not the paper: one language at least has paragraphs."""
    if not en.paragraphs and not zh.paragraphs:
        raise SourceError(
            "no paragraph under the section headings",
            "the paper's paragraphs in English and Chinese",
            max(en.headings[-1].line, zh.headings[-1].line),
        )


def check_sections(en: Version, zh: Version) -> None:
    for version, other in ((en, zh), (zh, en)):
        if len(version.headings) > len(other.headings):
            extra = version.headings[len(other.headings)]
            raise SourceError(
                f"section {extra.numeral} has no {LANGUAGE_NAMES[other.language]} counterpart",
                "the same sections in English and Chinese",
                extra.line,
            )


def keys_of(paragraphs: tuple[Paragraph, ...]) -> list[Key]:
    keys, section, item, order = [], 0, 0, 0
    for paragraph in paragraphs:
        if paragraph.section != section:
            section, item, order = paragraph.section, 0, 0
        if paragraph.item is None:
            order += 1
        else:
            item, order = paragraph.item, 0
        keys.append((section, item, order))
    return keys


def resolve(
    paragraphs: tuple[Paragraph, ...], counterpart: tuple[Paragraph, ...]
) -> list[Paragraph]:
    """Join page-top paragraphs where this language has more paragraphs than the other.

    Paragraphs are counted per gap: the unnumbered paragraphs after one list item
    (or before the first). Where a gap has more here than in the other language,
    its first paragraphs that may continue the one before are joined to it. The
    gap where the other language's text is cut off is not counted.
    """
    keys = keys_of(paragraphs)
    excess = gap_sizes(keys)
    counterpart_keys = keys_of(counterpart)
    for gap, size in gap_sizes(counterpart_keys).items():
        excess[gap] = excess.get(gap, 0) - size
    if counterpart and not markers.is_finished(counterpart[-1].text):
        excess.pop(counterpart_keys[-1][:2], None)
    resolved: list[Paragraph] = []
    for paragraph, key in zip(paragraphs, keys, strict=True):
        if paragraph.may_continue and excess.get(key[:2], 0) > 0:
            excess[key[:2]] -= 1
            resolved[-1] = resolved[-1].extended((paragraph.text,), paragraph.lines)
        else:
            resolved.append(paragraph)
    return resolved


def gap_sizes(keys: list[Key]) -> dict[tuple[int, int], int]:
    return Counter(key[:2] for key in keys if key[2] > 0)


def truncate(paragraphs: list[Paragraph]) -> tuple[Paragraph, ...]:
    """Flag the last paragraph when the source stops in the middle of it."""
    if paragraphs and not markers.is_finished(paragraphs[-1].text):
        paragraphs[-1] = replace(paragraphs[-1], truncated=True)
    return tuple(paragraphs)


def pair(en: tuple[Paragraph, ...], zh: tuple[Paragraph, ...], last_section: int) -> list[Unit]:
    at = {
        "en": dict(zip(keys_of(en), en, strict=True)),
        "zh": dict(zip(keys_of(zh), zh, strict=True)),
    }
    keys = sorted(at["en"].keys() | at["zh"].keys())
    check_pairs(keys, at, last_section)
    units, section, ordinal = [], 0, 0
    for key in keys:
        ordinal = ordinal + 1 if key[0] == section else 1
        section = key[0]
        item = key[1] if key[2] == 0 else None
        units.append(
            Unit(unit_id(section, ordinal), section, item, at["en"].get(key), at["zh"].get(key))
        )
    return units


def check_pairs(keys: list[Key], at: dict[str, dict[Key, Paragraph]], last_section: int) -> None:
    """A unit may lack one language only where that language's text has been cut off.

    Of the places that break this, a missing list item is named first: it explains
    the unnumbered paragraphs that are out of place after it.
    """
    ends = {language: max(at[language], default=None) for language in at}
    # A text that ends finished is not cut off: the whole paper must pair to its end.
    stopped = {
        language: end is None or at[language][end].truncated for language, end in ends.items()
    }
    unpaired = [
        (key, language)
        for key in keys
        for language in at
        if key not in at[language]
        and not (stopped[language] and cut_off(key, ends[language], last_section))
    ]
    if unpaired:
        key, language = min(unpaired, key=lambda found: (found[0][2] != 0, found[0]))
        witness = next(at[other][key] for other in at if other != language)
        raise SourceError(
            f"{key_description(key)} has no {LANGUAGE_NAMES[language]} counterpart",
            "every paragraph in both languages, in the same places",
            witness.lines[0],
        )


def cut_off(key: Key, end: Key | None, last_section: int) -> bool:
    return key[0] == last_section and (end is None or key > end)


def key_description(key: Key) -> str:
    section, item, order = key
    kind = {COMMITMENT_SECTION: "commitment", PRIORITY_SECTION: "priority"}.get(section, "item")
    where = f"of section {markers.roman(section)}"
    if order == 0:
        return f"{kind} {item} {where}"
    after = f" after {kind} {item}" if item else ""
    return f"paragraph {order}{after} {where}"
