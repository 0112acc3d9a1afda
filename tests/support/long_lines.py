"""The real source with one line replaced by a line of about 10 MB, and what the build must do.

Standard library only: the slow tests (tests/test_scale.py) check that each is built or
refused, and the benchmark (bench/scale.py) times them.
"""

from __future__ import annotations

from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "source" / "gsi-concept-paper.txt"
LINES = SOURCE.read_text(encoding="utf-8").split("\n")
TEN_MB = 10_000_000


def with_line(number: int, text: str) -> bytes:
    """The paper with line `number` replaced."""
    return "\n".join(text if n == number else line for n, line in enumerate(LINES, 1)).encode()


def repeated(text: str, size: int = TEN_MB, joiner: str = " ") -> str:
    return joiner.join([text] * (size // len(text.encode()) + 1))


# (line number, its replacement, "built" or "refused")
LONG_LINES = {
    "an English paragraph": (9, repeated(LINES[8]), "built"),
    "a Chinese paragraph": (21, repeated(LINES[20], joiner=""), "built"),
    "the closing paragraph of section II": (53, LINES[52] + " " + repeated("More words."), "built"),
    "a commitment without a full stop": (
        31,
        "2. Stay committed" + repeated(" and more"),
        "refused",
    ),
    "a heading-like line": (9, "I. " + "x" * TEN_MB, "built"),
    "a list-item-like line in section I": (9, "1. " + repeated("word"), "refused"),
    "one unbroken word": (9, "A" + "a" * TEN_MB, "built"),
    "full-width brackets": (21, "（" * TEN_MB, "refused"),
}
# The command on a 10 MB paragraph: refused with this line of error (line 9 of the source).
LONG_PARAGRAPH = (9, repeated(LINES[8]))
REFUSAL = "a paragraph of 10,"
