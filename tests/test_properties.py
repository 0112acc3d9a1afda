"""Properties over generated documents shaped like the paper."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from documents import documents
from gsipaper.errors import SourceError
from gsipaper.pipeline import edition_of, package_of, tables_of
from gsipaper.project import load_project
from gsipaper.schemas import limits_of

PROJECT = load_project(ROOT)
LIMITS = limits_of(PROJECT.schemas)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


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
def test_any_damage_builds_or_raises_the_one_error_type(text):
    try:
        package_of(text.encode("utf-8", errors="surrogatepass"), "damaged.txt", PROJECT)
    except SourceError as error:
        assert error.problem and error.expected
        assert "\n" not in str(error)
