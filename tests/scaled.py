"""The real source with one line replaced, for very long lines."""

from conftest import SOURCE

LINES = SOURCE.read_text(encoding="utf-8").split("\n")


def with_line(number: int, text: str) -> bytes:
    """The paper with line `number` replaced."""
    return "\n".join(text if n == number else line for n, line in enumerate(LINES, 1)).encode()
