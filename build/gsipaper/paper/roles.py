"""Roles, the step after align: the commitments of section II, each one's marker, title,
and the role that the closing paragraph of the section gives it.

The paragraph names each commitment by the words of its first sentence ("…the
vision of common … security provides conceptual guidance; respecting the
sovereignty … is the basic premise; …"). A role is found by locating the
longest tail of the commitment's first sentence in the paragraph and reading
the phrase after the verb that follows it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gsipaper.errors import SourceError
from gsipaper.facts import LANGUAGE_NAMES, LANGUAGES
from gsipaper.paper.align import Unit
from gsipaper.paper.markers import COMMITMENT_SECTION
from gsipaper.paper.structure import Paragraph
from gsipaper.sentences.split import split_sentences

__all__ = ["Commitment", "commitments_of"]  # the rest are its own helpers

ROLE = {
    "en": re.compile(r"\s+(?:is|provides)\s+(?P<role>[^;,.]{1,80})"),
    "zh": re.compile(r"是(?P<role>[^，。；、]{1,40})"),
}
MIN_SUBJECT = {"en": 12, "zh": 4}  # characters: shorter tails would match by chance
MAX_DROPPED = 8  # leading words (English) or characters (Chinese), like "Stay committed to"


@dataclass(frozen=True, slots=True)
class Commitment:
    number: int
    markers: dict[str, str]  # by language, as printed
    titles: dict[str, str]  # the first sentence
    roles: dict[str, str]


def commitments_of(units: tuple[Unit, ...]) -> tuple[Commitment, ...]:
    listed = [(u, u.commitment) for u in units if u.commitment]
    if not listed:
        return ()
    closing = closing_unit(units, listed[-1][0])
    return tuple(commitment_of(unit, number, closing) for unit, number in listed)


def commitment_of(unit: Unit, number: int, closing: Unit) -> Commitment:
    found: dict[str, dict[str, str]] = {"markers": {}, "titles": {}, "roles": {}}
    for language in LANGUAGES:
        paragraph = both_languages(unit, language)
        ending = both_languages(closing, language)
        title = split_sentences(paragraph.text, language)[0]
        assert paragraph.marker is not None, "a commitment is a numbered item"
        found["markers"][language] = paragraph.marker
        found["titles"][language] = title
        found["roles"][language] = role_of(ending.text, title, language, ending.lines[0], number)
    return Commitment(number, **found)


def closing_unit(units: tuple[Unit, ...], last_commitment: Unit) -> Unit:
    after = units.index(last_commitment) + 1
    following = units[after] if after < len(units) else None
    if following is None or following.section != COMMITMENT_SECTION:
        line = last_commitment.first.lines[-1]
        raise SourceError(
            "section II has no closing paragraph after its last commitment",
            "a paragraph that gives each commitment its role",
            line,
        )
    return following


def both_languages(unit: Unit, language: str) -> Paragraph:
    paragraph = unit.paragraph(language)
    if paragraph is None:
        raise SourceError(
            f"{unit.unit_id} has no {LANGUAGE_NAMES[language]} text",
            "section II complete in both languages",
            unit.first.lines[0],
        )
    return paragraph


def role_of(closing: str, title: str, language: str, closing_line: int, number: int) -> str:
    for subject in tails(title.rstrip(".。"), language):
        start = closing.find(subject)
        if start >= 0:
            found = ROLE[language].match(closing, start + len(subject))
            if found:
                return found["role"].strip()
    raise SourceError(
        f"the closing paragraph of section II gives commitment {number} no role",
        f"the words of its first sentence followed by {'is or provides' if language == 'en' else '是'}",
        closing_line,
    )


def tails(subject: str, language: str):
    """The subject and ever shorter tails of it, dropping at most a few leading words."""
    starts: Sequence[int]
    if language == "en":
        spaces = [m.end() for m in re.finditer(r" ", subject[:1000])]
        starts = [0, *spaces[:MAX_DROPPED]]
    else:
        starts = range(min(len(subject), MAX_DROPPED + 1))
    for start in starts:
        tail = subject[start:]
        if len(tail) < MIN_SUBJECT[language]:
            return
        yield tail
