"""The benchmark's generated documents have the paper's shape, and the pipeline builds them."""

from collections import Counter

import pytest

from gsipaper.pipeline import edition_of, tables_of
from gsipaper.project.load import load_project
from gsipaper.project.schemas import limits_of
from support.generate import document
from support.project import ROOT, run_gsipaper


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


def rows(text: str, project) -> dict[str, list[dict]]:
    return {name: table.to_pylist() for name, table in tables_of(text.encode(), project).items()}


@pytest.mark.parametrize(("size", "seed"), [(0, 0), (30_000, 1), (200_000, 2), (500_000, 3)])
def test_a_generated_document_builds_with_the_papers_shape(size, seed, project):
    text = document(size, seed)
    assert len(text.encode()) >= size
    built = rows(text, project)
    paragraphs, sections = built["paragraphs"], built["sections"]
    assert [c["commitment"] for c in built["commitments"]] == [1, 2, 3, 4, 5, 6]
    assert [c["role_en"] for c in built["commitments"]][:2] == [
        "conceptual guidance",
        "the basic premise",
    ]
    assert built["commitments"][0]["role_zh"] == "理念指引"
    assert [s["numeral_en"] for s in sections[:3]] == ["I", "II", "III"]
    assert {a["link_type"] for a in built["alignments"]} == {"1-1"}
    languages = Counter(p["language"] for p in paragraphs)
    assert languages["en"] == languages["zh"] == len(built["alignments"])
    priorities = [p["priority"] for p in paragraphs if p["language"] == "zh" and p["priority"]]
    assert priorities == list(range(1, len(priorities) + 1)) and len(priorities) >= 2
    assert not any(p["truncated"] for p in paragraphs)


def test_pages_break_paragraphs_in_both_languages(project):
    paragraphs = rows(document(200_000, seed=5), project)["paragraphs"]
    broken = Counter(p["language"] for p in paragraphs if ";" in p["source_lines"])
    assert broken["en"] == broken["zh"] >= 5


def test_the_generator_is_deterministic_and_seeded():
    assert document(50_000, 7) == document(50_000, 7)
    assert document(50_000, 7) != document(50_000, 8)


def test_sections_run_to_the_limit_of_the_numerals(project):
    sections = rows(document(3_000_000), project)["sections"]
    assert len(sections) == 99
    assert (sections[-1]["numeral_en"], sections[-1]["numeral_zh"]) == ("XCIX", "九十九")


def test_the_long_line_variant_keeps_one_paragraph_on_one_line(project):
    text = document(1_500_000, long_line=1_000_000)
    longest = max(text.split("\n"), key=len)
    assert len(longest.encode()) >= 1_000_000
    # Too long for a spreadsheet cell, it is refused before the tables: the stages before keep it.
    edition = edition_of(text.encode(), limits_of(project.schemas))
    assert any(
        paragraph.text == longest
        for unit in edition.units
        for paragraph in (unit.en, unit.zh)
        if paragraph
    )


def test_a_generated_document_publishes_a_valid_package(tmp_path):
    source = tmp_path / "generated.txt"
    source.write_text(document(100_000, seed=4), encoding="utf-8")
    result = run_gsipaper("build", "--source", str(source), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "dist" / "paragraphs.parquet").exists()


@pytest.mark.slow
def test_a_20_mb_document_builds(project):
    text = document(20_000_000)
    assert 20_000_000 <= len(text.encode()) < 21_000_000
    tables = tables_of(text.encode(), project)
    assert tables["sections"].num_rows == 99
