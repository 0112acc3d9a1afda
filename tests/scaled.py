"""Large documents of the paper's shape, made from the real source."""

from conftest import SOURCE

LINES = SOURCE.read_text(encoding="utf-8").split("\n")
EN_PAGE_END, ZH_PAGE_END = 13, 25  # the last paragraph of section I in each language


def scaled(size: int) -> bytes:
    """The paper with section I grown by paragraph pairs until the text reaches `size` bytes."""
    en, zh = LINES[10], LINES[22]  # a paragraph of section I and its translation
    pair = len(en.encode()) + len(zh.encode()) + 4
    copies = max(0, (size - len(SOURCE.read_bytes())) // pair)
    lines = [
        *LINES[:EN_PAGE_END],
        *[f"\n{en}" for _ in range(copies)],
        *LINES[EN_PAGE_END:ZH_PAGE_END],
        *[f"\n{zh}" for _ in range(copies)],
        *LINES[ZH_PAGE_END:],
    ]
    return "\n".join(lines).encode("utf-8")


def with_line(number: int, text: str) -> bytes:
    """The paper with line `number` replaced."""
    return "\n".join(text if n == number else line for n, line in enumerate(LINES, 1)).encode()
