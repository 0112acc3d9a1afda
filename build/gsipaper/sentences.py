"""Sentences: a paragraph's text → its sentences, as spans of that text.

English sentences end at `.` `?` `!`, Chinese at `。` `？` `！` (and at `?` `!`
written half-width); a closing quotation mark or bracket right after the
mark stays with its sentence. The end of the paragraph ends its last
sentence, whatever it ends with (a colon, or a word the source cuts off).
Semicolons, colons and commas never end a sentence.

In English a mark ends a sentence only where whitespace (or the paragraph's
end) follows it and the next word does not start in lower case, so "e.g. the",
"3.5 per cent" and "example.com" do not split. Beyond that, a full stop does not
end a sentence after
- an abbreviation with inner full stops (U.S., e.g., i.e., U.N.), or a single
  capital letter (the initial in "J. Smith");
- a title that always precedes a name (Mr., Dr., Prof., St. …);
- an abbreviation that precedes a number (No. 3, Art. 51, pp. 4–6, para. 2).
So "in the U.S. The" stays one sentence: that reading is the likelier one in
running text, and the price of splitting "the U.S. President" wrongly is higher.

Sentences are exact substrings of the text, in order; only whitespace lies
between them (none in Chinese).
"""

from __future__ import annotations

import re

CLOSERS = "\"'”’»)]」』）】》〉"
EN_END = re.compile(rf"[.?!]+[{re.escape(CLOSERS)}]*(?=\s|$)")
ZH_END = re.compile(rf"[。？！?!]+[{re.escape(CLOSERS)}]*")
NEXT_CHARACTER = re.compile(r"\s*(\S)")
OPENERS = "([“‘\"'"
LONGEST_ABBREVIATION = 16  # characters: a longer word before a full stop is not one
DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")
TITLES = frozenset(
    "Mr Mrs Ms Dr Prof St Sr Jr Gen Col Lt Capt Sgt Rev Hon Gov Sen Rep Amb Mt vs cf viz".split()
)
BEFORE_NUMBER = frozenset(
    "No no Nos nos Art art Arts arts p pp para paras Para Paras vol Vol ch Ch sec Sec fig Fig "
    "op Op".split()
)
LANGUAGES = ("en", "zh")


def split_sentences(text: str, language: str) -> list[str]:
    """The sentences of a paragraph, in order: `text[start:end]` for each span."""
    return [text[start:end] for start, end in sentence_spans(text, language)]


def sentence_spans(text: str, language: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in `text`; none for blank text."""
    if language not in LANGUAGES:
        raise ValueError(f"language {language!r}: expected one of {', '.join(LANGUAGES)}")
    ends = english_ends(text) if language == "en" else [m.end() for m in ZH_END.finditer(text)]
    spans, start = [], 0
    for end in [*ends, len(text)]:
        span = trimmed(text, start, end)
        if span:
            spans.append(span)
        start = end
    return spans


def english_ends(text: str) -> list[int]:
    return [m.end() for m in EN_END.finditer(text) if ends_sentence(text, m.start(), m.end())]


def ends_sentence(text: str, mark: int, after: int) -> bool:
    """Whether the mark at `mark` (its closers running to `after`) ends an English sentence."""
    following = NEXT_CHARACTER.match(text, after)
    if following is None:
        return True
    upcoming = following.group(1)
    if upcoming.islower():
        return False
    if text[mark] != "." or text[mark : mark + 2] == "..":
        return True
    word = word_before(text, mark)
    if DOTTED.fullmatch(word) or word in TITLES:
        return False
    return not (word in BEFORE_NUMBER and upcoming.isdigit())


def word_before(text: str, mark: int) -> str:
    """The word the mark follows, without an opening bracket or quotation mark."""
    window = text[max(0, mark - LONGEST_ABBREVIATION) : mark]
    words = window.split()
    return words[-1].lstrip(OPENERS) if words and not window[-1].isspace() else ""


def trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
