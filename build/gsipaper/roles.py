"""The roles that the closing paragraph of section II gives the six commitments.

The paragraph names each commitment by the words of its first sentence ("…the
vision of common … security provides conceptual guidance; respecting the
sovereignty … is the basic premise; …"). A role is found by locating the
longest tail of the commitment's first sentence in the paragraph and reading
the phrase after the verb that follows it.
"""

from __future__ import annotations

import re

from gsipaper.errors import SourceError

ROLE = {
    "en": re.compile(r"\s+(?:is|provides)\s+(?P<role>[^;,.]{1,80})"),
    "zh": re.compile(r"是(?P<role>[^，。；、]{1,40})"),
}
MIN_SUBJECT = {"en": 12, "zh": 4}  # characters: shorter tails would match by chance
MAX_DROPPED = 8  # leading words (English) or characters (Chinese), like "Stay committed to"


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
