"""Harmless variants of the source give the same tables, apart from provenance."""

import hashlib
import json
import re

import pytest

from gsipaper.pipeline import tables_of
from gsipaper.project.load import load_project
from support.project import ROOT, SOURCE, run_gsipaper, without_provenance

DATA = SOURCE.read_bytes()
ZH_MARKER = re.compile(r"(?m)^\(([一二三四五六七八九十]+)\)".encode())


def nbsp(text: str) -> str:
    return text.replace("Xi Jinping", "Xi\u00a0Jinping").replace("\n全球", "\n\u00a0全球")


VARIANTS = {
    "a byte-order mark": lambda data: b"\xef\xbb\xbf" + data,
    "CRLF line ends": lambda data: data.replace(b"\n", b"\r\n"),
    "CR line ends": lambda data: data.replace(b"\n", b"\r"),
    "trailing spaces and tabs": lambda data: data.replace(b"\n", b" \t \n"),
    "leading spaces and tabs": lambda data: b"  " + data.replace(b"\n", b"\n \t "),
    "several blank lines between blocks": lambda data: data.replace(b"\n\n", b"\n\n\n\n"),
    "a final newline": lambda data: data + b"\n",
    "full-width parentheses in Chinese markers": lambda data: ZH_MARKER.sub(
        "（\\1）".encode(), data
    ),
    "non-breaking spaces": lambda data: nbsp(data.decode()).encode(),
}


@pytest.fixture(scope="module")
def original():
    return without_provenance(tables_of(DATA, load_project(ROOT)))


@pytest.mark.parametrize("variant", VARIANTS.values(), ids=VARIANTS.keys())
def test_variant_builds_the_same_tables(original, variant):
    data = variant(DATA)
    assert data != DATA
    assert without_provenance(tables_of(data, load_project(ROOT))) == original


def test_line_numbers_follow_the_variant():
    tables = tables_of(VARIANTS["several blank lines between blocks"](DATA), load_project(ROOT))
    paragraphs = tables["paragraphs"].to_pylist()
    assert paragraphs[0]["source_lines"] == "17"  # line 9 with two more blank lines per gap


def test_a_variant_changes_only_the_recorded_source_hash(built, tmp_path):
    variant = tmp_path / "gsi-concept-paper.txt"
    variant.write_bytes(VARIANTS["CRLF line ends"](DATA))
    result = run_gsipaper("build", "--source", str(variant), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    described = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert (
        described["sources"][1]["hash"]
        == f"sha256:{hashlib.sha256(variant.read_bytes()).hexdigest()}"
    )
    for name in ("paragraphs", "sections", "commitments", "alignments"):
        published = (built / "dist" / f"{name}.csv").read_bytes()
        assert (tmp_path / "out" / "dist" / f"{name}.csv").read_bytes() == published, name
