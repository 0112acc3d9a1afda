"""Cost stays linear: large documents and very long lines are built or refused in seconds."""

import time

import pytest

from conftest import ROOT, run_gsipaper
from generate import document
from gsipaper.errors import SourceError
from gsipaper.pipeline import tables_of
from gsipaper.project import load_project
from scaled import LINES, with_line

pytestmark = pytest.mark.slow
PROJECT = load_project(ROOT)
TEN_MB = 10_000_000


def timed(data: bytes) -> tuple[float, object]:
    start = time.perf_counter()
    try:
        outcome = tables_of(data, PROJECT)
    except SourceError as error:
        outcome = error
    return time.perf_counter() - start, outcome


def repeated(text: str, size: int = TEN_MB, joiner: str = " ") -> str:
    return joiner.join([text] * (size // len(text.encode()) + 1))


def test_a_20_mb_document_is_published_in_seconds(tmp_path):
    source = tmp_path / "big.txt"
    source.write_text(document(20_000_000), encoding="utf-8")
    start = time.perf_counter()
    result = run_gsipaper("build", "--source", str(source), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert time.perf_counter() - start < 60
    assert (tmp_path / "out" / "dist" / "paragraphs.parquet").stat().st_size > 5_000_000


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


@pytest.mark.parametrize(("number", "line", "expected"), LONG_LINES.values(), ids=LONG_LINES.keys())
def test_a_10_mb_line_is_built_or_refused_in_seconds(number, line, expected):
    seconds, outcome = timed(with_line(number, line))
    assert seconds < 5
    assert ("refused" if isinstance(outcome, SourceError) else "built") == expected, outcome


def test_the_command_refuses_a_10_mb_paragraph_in_seconds(tmp_path):
    source = tmp_path / "long.txt"
    source.write_bytes(with_line(9, repeated(LINES[8])))
    start = time.perf_counter()
    result = run_gsipaper("build", "--source", str(source), "--out", str(tmp_path / "out"))
    assert time.perf_counter() - start < 30
    assert result.returncode == 2
    assert result.stderr.startswith(f"gsipaper: error: {source}:9: a paragraph of 10,")
    assert result.stderr.count("\n") == 1
