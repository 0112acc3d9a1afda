"""Large documents and very long lines are built or refused, never crash or hang.

How long they take is measured by the benchmark (bench/scale.py, run by `make bench`).
"""

import pytest

from gsipaper.errors import SourceError
from gsipaper.paper.align import check_lengths
from gsipaper.paper.roles import commitments_of
from gsipaper.pipeline import edition_of
from gsipaper.project.load import load_project
from gsipaper.project.schemas import limits_of
from support.generate import document
from support.long_lines import LONG_LINES, LONG_PARAGRAPH, REFUSAL, with_line
from support.project import ROOT, run_gsipaper

pytestmark = pytest.mark.slow
LIMITS = limits_of(load_project(ROOT).schemas)


def outcome_of(data: bytes) -> object:
    """The edition the paper's stages make of it, roles included (a refusal where one of
    them refuses it)."""
    try:
        edition = edition_of(data, LIMITS)
        commitments_of(edition.units)
    except SourceError as error:
        return error
    return edition


def test_a_20_mb_document_is_published(tmp_path):
    source = tmp_path / "big.txt"
    source.write_text(document(20_000_000), encoding="utf-8")
    result = run_gsipaper("build", "--source", str(source), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "dist" / "paragraphs.parquet").stat().st_size > 5_000_000


@pytest.mark.parametrize(("number", "line", "expected"), LONG_LINES.values(), ids=LONG_LINES.keys())
def test_a_10_mb_line_is_built_or_refused(number, line, expected):
    outcome = outcome_of(with_line(number, line))
    assert ("refused" if isinstance(outcome, SourceError) else "built") == expected, outcome
    if expected == "built":  # then refused whole, as too long for a spreadsheet cell
        with pytest.raises(SourceError, match="the most a spreadsheet cell holds"):
            check_lengths(outcome, LIMITS.text_length)


def test_the_command_refuses_a_10_mb_paragraph_with_one_line(tmp_path):
    source = tmp_path / "long.txt"
    source.write_bytes(with_line(*LONG_PARAGRAPH))
    result = run_gsipaper("build", "--source", str(source), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.startswith(f"gsipaper: error: {source}:{LONG_PARAGRAPH[0]}: {REFUSAL}")
    assert result.stderr.count("\n") == 1
