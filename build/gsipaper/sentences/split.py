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
- an abbreviation that precedes a number (No. 3, Art. 51, pp. 4-6, para. 2).
So "in the U.S. The" stays one sentence: that reading is the likelier one in
running text, and the price of splitting "the U.S. President" wrongly is higher.

Sentences are exact substrings of the text, in order; only whitespace lies
between them (none in Chinese).
"""

from __future__ import annotations

import re

import numpy as np

from gsipaper.facts import CLOSERS, LANGUAGES

__all__ = ["spans_of_paragraphs", "split_sentences"]  # the rest are its own helpers

# Titles that always precede a name, and abbreviations that precede a number.
TITLES = "Mr Mrs Ms Dr Prof St Sr Jr Gen Col Lt Capt Sgt Rev Hon Gov Sen Rep Amb Mt vs cf viz"
BEFORE_NUMBER = (
    "No no Nos nos Art art Arts arts p pp para paras Para Paras vol Vol ch Ch sec Sec fig Fig op Op"
)


def lower_case_letters() -> str:
    """A character class of the lower-case letters of the Latin, Greek and Cyrillic scripts."""
    blocks = (range(0x0530), range(0x1E00, 0x2000))
    return "".join(re.escape(chr(c)) for block in blocks for c in block if chr(c).islower())


def by_length(words: str) -> list[str]:
    """The words as alternatives, one group per length: a lookbehind has one width."""
    lengths = sorted({len(word) for word in words.split()})
    return ["|".join(w for w in words.split() if len(w) == n) for n in lengths]


def english_end() -> re.Pattern:
    """A mark that ends an English sentence, its closers, and the whitespace after them."""
    # The mark first, then what a full stop must not follow: the lookbehinds run at marks only.
    not_abbreviation = (
        # Not after a one-letter word or a dotted abbreviation: J. Smith, U.S., e.g.
        r"(?<![\W_][A-Za-z]\.)(?<!^[A-Za-z]\.)"
        + "".join(rf"(?<!\b(?:{words})\.)" for words in by_length(TITLES))
        + "(?!(?:"
        + "|".join(rf"(?<=\b(?:{words})\.)" for words in by_length(BEFORE_NUMBER))
        + r")\s+\d)"
    )
    mark = rf"[.?!]{not_abbreviation}[.?!]*"
    # The whole run of whitespace, then a word that is not in lower case: a shorter run
    # would leave the rest of it at the start of the next sentence.
    gap = rf"\s*$|\s+(?![{lower_case_letters()}\s])"
    return re.compile(rf"{mark}[{re.escape(CLOSERS)}]*(?P<gap>{gap})")


ENDS = {
    "en": english_end(),
    "zh": re.compile(rf"[。？！?!]+[{re.escape(CLOSERS)}]*(?P<gap>\s*)"),
}


def split_sentences(text: str, language: str) -> list[str]:
    """The sentences of a paragraph, in order: `text[start:end]` for each span."""
    return [text[start:end] for start, end in sentence_spans(text, language)]


def sentence_spans(text: str, language: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence in `text`; none for blank text."""
    if language not in ENDS:
        raise ValueError(f"language {language!r}: expected one of {', '.join(LANGUAGES)}")
    end = len(text.rstrip())
    start = len(text) - len(text.lstrip()) if end else 0
    gaps = [(m.start("gap"), m.end()) for m in ENDS[language].finditer(text, start, end)]
    starts = [start, *(after for _, after in gaps)]
    ends = [*(before for before, _ in gaps), end]
    return [(s, e) for s, e in zip(starts, ends, strict=True) if s < e]


SEPARATOR = "\0"  # between paragraphs searched together: no mark, closer or space


def spans_of_paragraphs(texts: list[str], language: str) -> tuple[np.ndarray, ...]:
    """`sentence_spans` of many paragraphs at once: (sentences of each, every start, every end).

    One search over the paragraphs joined by a separator that no rule lets a sentence's end
    take in: no mark, closer or space. So each paragraph's ends are those it has alone, but
    for the one at its own end, which ends nothing there either (its gap starts at the end).
    """
    if language not in ENDS:
        raise ValueError(f"language {language!r}: expected one of {', '.join(LANGUAGES)}")
    joined = SEPARATOR.join(texts)
    if joined.count(SEPARATOR) != max(len(texts) - 1, 0):  # a text has one: one at a time
        found = [sentence_spans(text, language) for text in texts]
        bounds = np.array([s for spans in found for s in spans], dtype=np.int64).reshape(-1, 2)
        return np.fromiter(map(len, found), np.int64, len(found)), bounds[:, 0], bounds[:, 1]
    lengths = np.fromiter(map(len, texts), np.int64, len(texts))
    base = np.concatenate(([0], np.cumsum(lengths + 1)[:-1])).astype(np.int64)
    lead = np.fromiter((len(t) - len(t.lstrip()) for t in texts), np.int64, len(texts))
    tail = np.fromiter((len(t.rstrip()) for t in texts), np.int64, len(texts))
    lead = np.where(tail > 0, lead, 0)  # blank: no sentence
    gaps = np.array(
        [m.span("gap") for m in ENDS[language].finditer(joined)], dtype=np.int64
    ).reshape(-1, 2)
    paragraph = np.searchsorted(base, gaps[:, 0], side="right") - 1
    inside = gaps[:, 0] < base[paragraph] + tail[paragraph]
    gaps, paragraph = gaps[inside], paragraph[inside]
    starts = np.concatenate((base + lead, gaps[:, 1]))
    ends = np.concatenate((gaps[:, 0], base + tail))
    owner = np.concatenate((np.arange(len(texts)), paragraph))
    starts, ends, owner = np.sort(starts), np.sort(ends), np.sort(owner)
    kept = starts < ends
    owner = owner[kept]
    count = np.bincount(owner, minlength=len(texts)).astype(np.int64)
    return count, starts[kept] - base[owner], ends[kept] - base[owner]
