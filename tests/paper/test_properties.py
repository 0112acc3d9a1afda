"""Properties over generated documents shaped like the paper."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gsipaper.errors import SourceError
from gsipaper.pipeline import edition_of, package_of, tables_of
from gsipaper.project.load import load_project
from gsipaper.project.schemas import limits_of
from support.documents import documents
from support.project import ROOT

PROJECT = load_project(ROOT)
LIMITS = limits_of(PROJECT.schemas)
# The number of examples comes from the Hypothesis profile: a few dozen in make test,
# hundreds in make test-slow (conftest.py).
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents())
def test_a_well_formed_document_builds_and_every_unit_aligns_as_planned(document):
    plan, text = document
    edition = edition_of(text.encode("utf-8"), LIMITS)
    built = [(u.section, u.item, u.en and u.en.text, u.zh and u.zh.text) for u in edition.units]
    assert built == [(u.section, u.item, u.en, u.zh) for u in plan.units]
    assert edition.titles["en"].text == plan.title_en
    tables = tables_of(text.encode("utf-8"), PROJECT)
    assert tables["alignments"].num_rows == len(plan.units)


@SETTINGS
@given(documents())
def test_each_language_reads_back_as_its_text_apart_from_the_repairs(document):
    plan, text = document
    edition = edition_of(text.encode("utf-8"), LIMITS)
    for language in ("en", "zh"):
        joined = "".join(u.paragraph(language).text for u in edition.units)
        assert joined == "".join(getattr(u, language) for u in plan.units)
        lines = [n for u in edition.units for n in u.paragraph(language).lines]
        assert lines == sorted(lines)


@st.composite
def damaged(draw):
    _, text = draw(documents())
    lines = text.split("\n")
    damage = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "cut"]))
    i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    if damage == "delete":
        del lines[i]
    elif damage == "duplicate":
        lines.insert(i, lines[i])
    elif damage == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif damage == "insert":
        lines.insert(i, draw(st.text(min_size=1, max_size=40)))
    else:
        lines = lines[:i]
    return "\n".join(lines)


@SETTINGS
@given(damaged())
def test_any_damage_is_refused_in_one_line_or_builds_tables_that_hold_the_invariants(text):
    data = text.encode("utf-8", errors="surrogatepass")
    try:
        package = package_of(data, "damaged.txt", PROJECT)
    except SourceError as error:
        assert error.problem and error.expected
        assert "\n" not in str(error)
        return
    tables = {name: table.to_pylist() for name, table in package.tables.items()}
    assert_every_line_accounted_for_once(data, tables)
    assert_items_numbered_from_one(tables["paragraphs"])
    assert_keys_unique_and_units_paired(tables)


def assert_every_line_accounted_for_once(data: bytes, tables: dict) -> None:
    text = data.decode("utf-8").removeprefix("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    non_blank = [n for n, line in enumerate(lines, start=1) if line.strip()]
    edition = edition_of(data, LIMITS)
    places = [title.line for title in edition.titles.values()]
    places += [s[f"source_line_{lang}"] for s in tables["sections"] for lang in ("en", "zh")]
    places += [int(n) for p in tables["paragraphs"] for n in p["source_lines"].split(";")]
    assert sorted(places) == non_blank


def assert_items_numbered_from_one(paragraphs: list[dict]) -> None:
    numbers: dict[tuple[str, int], list[int]] = {}
    for paragraph in sorted(paragraphs, key=lambda p: (p["language"], p["position"])):
        item = paragraph["commitment"] or paragraph["priority"]
        if item is not None:
            numbers.setdefault((paragraph["language"], paragraph["section"]), []).append(item)
    for found in numbers.values():
        assert found == list(range(1, len(found) + 1))


def assert_keys_unique_and_units_paired(tables: dict) -> None:
    paragraphs, alignments = tables["paragraphs"], tables["alignments"]
    ids = [p["paragraph_id"] for p in paragraphs]
    assert len(set(ids)) == len(ids)
    assert len({(p["language"], p["position"]) for p in paragraphs}) == len(paragraphs)
    assert len({a["unit_id"] for a in alignments}) == len(alignments)
    assert sorted(ids) == sorted(
        i for a in alignments for i in (a["en_paragraph_id"], a["zh_paragraph_id"]) if i
    )
    last_section = max(a["section"] for a in alignments)
    for unit in alignments:
        if unit["link_type"] != "1-1":
            # Only where one language's text is cut off: at the end of the last section.
            assert unit["section"] == last_section
            later = alignments[unit["position"] :]
            assert all(u["link_type"] == unit["link_type"] for u in later)
