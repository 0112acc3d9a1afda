"""Many paragraphs split at once give each paragraph's sentences, as split alone."""

from hypothesis import given
from hypothesis import strategies as st

from gsipaper.sentences.split import SEPARATOR, sentence_spans, spans_of_paragraphs

# Pieces that meet every rule: marks, closers, abbreviations, initials, spaces at either end.
PIECES = [
    "The U.S. and China met.", " Then", " they left", ".", "?", "!", "”", ")", " ", "  ", "\t",
    "\n", "J.", " Smith", "No.", " 3", " e.g.", " the", "3.5", " per cent", "Mr.", " Li", "x",
    "安全。", "合作！", "」", "？", "和平", "Ｕ.", "a", "A", ":", ";", "...", SEPARATOR,
]  # fmt: skip
paragraphs = st.lists(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), max_size=8)


def one_at_a_time(texts: list[str], language: str) -> tuple[list[int], list[tuple[int, int]]]:
    found = [sentence_spans(text, language) for text in texts]
    return [len(spans) for spans in found], [span for spans in found for span in spans]


@given(paragraphs, st.sampled_from(["en", "zh"]))
def test_paragraphs_split_together_as_they_split_alone(texts, language):
    count, start, end = spans_of_paragraphs(texts, language)
    together = (count.tolist(), list(zip(start.tolist(), end.tolist(), strict=True)))
    assert together == one_at_a_time(texts, language)


def test_paragraphs_that_start_or_end_at_a_mark_split_alone():
    texts = ["J. Smith spoke.", "A. b went. On.", "", "  ", "End..", "X.  ", "好。」", "U.S. The"]
    for language in ("en", "zh"):
        count, start, end = spans_of_paragraphs(texts, language)
        together = (count.tolist(), list(zip(start.tolist(), end.tolist(), strict=True)))
        assert together == one_at_a_time(texts, language)
