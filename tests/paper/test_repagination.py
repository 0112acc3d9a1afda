"""A re-extraction of the same paper with other page breaks builds the same tables."""

import json

import pytest

from gsipaper.pipeline import tables_of
from gsipaper.project.load import load_project
from support.project import ROOT, without_provenance
from support.repaginate import layout

PROJECT = load_project(ROOT)


@pytest.mark.parametrize(("pages", "lines"), [(1, 1), (2, 2), (3, 3), (4, 1), (5, 2)])
def test_other_page_breaks_and_line_wraps_give_the_same_tables(pages, lines):
    published = tables_of((ROOT / "source" / "gsi-concept-paper.txt").read_bytes(), PROJECT)
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    text = layout(published, descriptor, pages, lines)
    rebuilt = tables_of(text.encode("utf-8"), PROJECT)
    assert without_provenance(rebuilt) == without_provenance(published)
