"""Laying a paper out as its PDF extraction does, for the generators of tests and benchmarks.

Standard library only, and independent of gsipaper: the numerals, the idea of a
finished sentence and the safe places to break a line are written again here,
so that a bug shared with the code under test cannot hide.

A laid-out language is a list of blocks `(text, body)`: `body` is where a
paragraph's words start after its marker, None for a title or heading.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Block = tuple[str, int | None]
ROMAN_ONES = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
ROMAN_TENS = ("", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC")
ZH_DIGITS = "一二三四五六七八九"
# Where a text ends as a finished sentence or clause does, in either language.
FINISHED = set('.!?:;"”’)。！？：；…）')
# A line that starts with one of these could read as a list marker or heading.
UNSAFE_STARTS = set("0123456789(（" + ZH_DIGITS + "十IVXLC")


def roman(number: int) -> str:
    """1 to 99 in Roman numerals."""
    tens, ones = divmod(number, 10)
    return ROMAN_TENS[tens] + ROMAN_ONES[ones]


def zh_numeral(number: int) -> str:
    """1 to 99 in Chinese numerals: 一, 十, 十一, 二十, 九十九."""
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else "十" if tens == 1 else ZH_DIGITS[tens - 1] + "十"
    return head + (ZH_DIGITS[ones - 1] if ones else "")


def item_marker(number: int, language: str) -> str:
    return f"{number}. " if language == "en" else f"({zh_numeral(number)}) "


def heading_line(number: int, title: str, language: str) -> str:
    return f"{roman(number)}. {title}" if language == "en" else f"{zh_numeral(number)}、{title}"


def break_points(text: str, body: int, language: str) -> list[int]:
    """Where a line may break inside a paragraph's words, mid-sentence.

    English breaks at a space after a letter, Chinese between two characters of
    which the first does not finish a sentence; the next line never starts like
    a marker.
    """
    inside = range(body + 1, len(text) - 1)
    if language == "en":
        return [
            i
            for i in inside
            if text[i] == " " and text[i - 1].isalpha() and text[i + 1] not in UNSAFE_STARTS
        ]
    return [
        i
        for i in inside
        if text[i - 1] not in FINISHED
        and text[i] not in FINISHED | set("，、")
        and text[i] not in UNSAFE_STARTS
        and not text[i].isspace()
        and not text[i - 1].isspace()
    ]


def split_at(text: str, at: int) -> tuple[str, str]:
    return text[:at].rstrip(), text[at:].lstrip()


def wrap(text: str, body: int, language: str, lines: int) -> str:
    """The paragraph over `lines` consecutive lines, broken at evenly spaced break points."""
    points = break_points(text, body, language)
    if lines < 2 or len(points) < lines - 1:
        return text
    chosen = [points[len(points) * k // lines] for k in range(1, lines)]
    parts, start = [], 0
    for at in chosen:
        parts.append(text[start:at].rstrip())
        start = at
    parts.append(text[start:].lstrip())
    return "\n".join(part.strip() for part in parts)


def pages_of(
    laid: Sequence[Block],
    ends: Sequence[int],
    language: str,
    choose: Callable[[list[int]], int | None],
) -> list[list[str]]:
    """Cut the blocks into pages ending at `ends`; `choose` picks among the break points of
    a page's last paragraph where it goes on at the top of the next page (None: no break)."""
    pages, carry, start = [], "", 0
    for end in ends:
        page = ([carry] if carry else []) + [text for text, _ in laid[start:end]]
        carry = ""
        text, body = laid[end - 1]
        if body is not None and end < len(laid):
            points = break_points(text, body, language)
            at = choose(points) if points else None
            if at is not None:
                page[-1], carry = split_at(text, at)
        pages.append(page)
        start = end
    return pages


def interleave(pages: dict[str, list[list[str]]]) -> str:
    """English and Chinese pages alternating, blocks separated by blank lines."""
    assert len(pages["en"]) == len(pages["zh"])
    return "\n\n".join(
        "\n\n".join(pages[language][page])
        for page in range(len(pages["en"]))
        for language in ("en", "zh")
    )
