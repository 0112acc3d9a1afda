"""The paper's own conventions: its markers, numerals, languages and punctuation.

Everything the pipeline knows about how this paper is written lives here, so a
re-extraction with other page breaks is read by the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "COMMITMENT_SECTION",
    "FIRST_LIST_SECTION",
    "PRIORITY_SECTION",
    "Marker",
    "is_finished",
    "join",
    "language_of",
    "marker_of",
    "roman",
    "starts_mid_sentence",
    "zh_numeral",
]  # the rest are its own helpers

# Section II lists the six commitments; section III the cooperation priorities. Any
# section after the first may list numbered items.
COMMITMENT_SECTION = 2
PRIORITY_SECTION = 3
FIRST_LIST_SECTION = 2

ZH_DIGITS = "一二三四五六七八九"
ROMAN_DIGITS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip

# Headings are short and never end a sentence; bounded repeats keep matching linear.
EN_HEADING = re.compile(r"(?P<numeral>[IVXLC]{1,8})\.[ \t]+(?P<title>[^.!?]{1,120})")
ZH_HEADING = re.compile(
    r"(?P<numeral>[一二三四五六七八九十]{1,3})、[ \t]*(?P<title>[^。！？]{1,60})"
)
EN_ITEM = re.compile(r"(?P<numeral>[0-9]{1,3})\.[ \t]+(?=\S)")
# Chinese items are numbered (一) (full-width parentheses too) or 1.; a decimal is no marker.
ZH_ITEM = re.compile(
    r"(?:[(（](?P<numeral>[一二三四五六七八九十]{1,3})[)）]|(?P<arabic>[0-9]{1,3})\.(?![0-9]))"
    r"[ \t]*(?=\S)"
)

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"[A-Za-z]")
SNIFF = 200  # characters enough to tell a line's language

FINISHED = frozenset('.!?:;"”’)。！？：；…）')


@dataclass(frozen=True, slots=True)
class Marker:
    kind: str  # "heading" or "item"
    number: int
    label: str  # as the paper prints it, normalised: "II", "二", "3.", "(三)"
    rest: str  # the text after the marker


def language_of(text: str) -> str:
    """Chinese when Chinese characters outnumber Latin letters at the start of the line."""
    head = text[:SNIFF]
    if not CJK.search(head):
        return "en"
    if not LATIN.search(head):
        return "zh"
    return "zh" if len(CJK.findall(head)) > len(LATIN.findall(head)) else "en"


def marker_of(text: str, language: str) -> Marker | None:
    heading, item = (EN_HEADING, EN_ITEM) if language == "en" else (ZH_HEADING, ZH_ITEM)
    found = heading.fullmatch(text)
    if found:
        numeral = found["numeral"]
        number = roman_value(numeral) if language == "en" else zh_value(numeral)
        if number:
            return Marker("heading", number, numeral, found["title"].strip())
    found = item.match(text)
    if found:
        return item_marker(found, language, text[found.end() :])
    return None


def item_marker(found: re.Match, language: str, rest: str) -> Marker:
    numeral = found["numeral"]
    if language == "en" or numeral is None:
        arabic = numeral or found["arabic"]
        return Marker("item", int(arabic), f"{arabic}.", rest)
    return Marker("item", zh_value(numeral), f"({numeral})", rest)


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral in canonical form, else 0."""
    value, rest = 0, numeral
    for amount, digits in ROMAN_DIGITS:
        while rest.startswith(digits):
            value, rest = value + amount, rest[len(digits) :]
    return value if not rest and roman(value) == numeral else 0


def roman(value: int) -> str:
    digits = []
    for amount, symbol in ROMAN_DIGITS:
        count, value = divmod(value, amount)
        digits.append(symbol * count)
    return "".join(digits)


def zh_value(numeral: str) -> int:
    """The value of a Chinese numeral from 一 to 九十九, else 0."""
    tens, ten, units = numeral.partition("十")
    if not ten:
        return digit_value(numeral) if len(numeral) == 1 else 0
    high = digit_value(tens) if tens else 1
    low = digit_value(units) if units else 0
    return high * 10 + low if high and (low or not units) and len(tens) <= 1 else 0


def digit_value(digit: str) -> int:
    return ZH_DIGITS.index(digit) + 1 if len(digit) == 1 and digit in ZH_DIGITS else 0


def zh_numeral(value: int) -> str:
    tens, units = divmod(value, 10)
    high = "" if tens <= 1 else ZH_DIGITS[tens - 1]
    return (high + "十" if tens else "") + (ZH_DIGITS[units - 1] if units else "")


def is_finished(text: str) -> bool:
    """Whether a paragraph's text ends as a paragraph does, not cut mid-sentence."""
    return bool(text) and text[-1] in FINISHED


def starts_mid_sentence(text: str, language: str) -> bool:
    return language == "en" and text[:1].islower()


def join(language: str, fragments: list[str] | tuple[str, ...]) -> str:
    """Join the fragments of a paragraph broken across lines or pages.

    Chinese takes no space; English takes one, except after a hyphen, which is
    kept as printed because the source cannot tell a soft hyphen from a hard one.
    """
    if language == "zh":
        return "".join(fragments)
    parts: list[str] = []
    for fragment in fragments:
        if parts and not parts[-1].endswith("-"):
            parts.append(" ")
        parts.append(fragment)
    return "".join(parts)
