"""Keys that survive a new edition.

A paragraph's id and its unit's id depend only on its language, its section and its
order within the section. A completed edition of the paper, generated from today's
source (tests/editions.py), keeps every key of today's package on the same paragraph.
"""

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gsipaper.cli import main
from gsipaper.facts import paragraph_id
from gsipaper.pipeline import edition_of, tables_of
from gsipaper.project.load import load_project
from gsipaper.project.schemas import limits_of
from support.documents import documents, plans
from support.editions import ITEMS, PRIORITIES, appended, completed, relaid
from support.project import ROOT, SOURCE

LIMITS = limits_of(load_project(ROOT).schemas)

PROJECT = load_project(ROOT)
TODAY = SOURCE.read_bytes()
LAYOUTS = {
    "appended to today's pages": lambda edition: appended(edition, TODAY.decode("utf-8")),
    **{
        f"relaid on {pages} pages": lambda edition, pages=pages: relaid(edition, pages)
        for pages in (1, 4, 9)
    },
}
# What a paragraph is, apart from its text and where the source has it.
IDENTITY = ("language", "unit_id", "section", "commitment", "priority", "item", "marker")


def rows(data: bytes) -> dict[str, list[dict]]:
    return {name: table.to_pylist() for name, table in tables_of(data, PROJECT).items()}


def by(key: str, table: list[dict]) -> dict:
    return {row[key]: row for row in table}


@pytest.fixture(scope="module")
def today():
    return rows(TODAY)


@pytest.fixture(scope="module")
def edition(today):
    titles = {language: title.text for language, title in edition_of(TODAY, LIMITS).titles.items()}
    return completed(today, titles)


@pytest.fixture(scope="module", params=LAYOUTS)
def after(request, edition):
    return rows(LAYOUTS[request.param](edition).encode("utf-8"))


def same_or_finished(old: str | None, new: str | None, cut_off: bool) -> bool:
    """The same text, or for a paragraph the source cut off, today's text is how it starts."""
    if not cut_off:
        return old == new
    return new is not None and new != old and new.startswith(old.removesuffix("-"))


def test_every_paragraph_id_of_today_names_the_same_paragraph(today, after):
    paragraphs = by("paragraph_id", after["paragraphs"])
    for old in today["paragraphs"]:
        new = paragraphs[old["paragraph_id"]]
        assert [new[k] for k in IDENTITY] == [old[k] for k in IDENTITY], old["paragraph_id"]
        assert same_or_finished(old["text"], new["text"], old["truncated"]), old["paragraph_id"]
        assert new["truncated"] is False


def test_every_sentence_id_of_today_names_the_same_sentence(today, after):
    """Sentence ids follow the rule of paragraph ids: language, unit, order in the paragraph."""
    sentences = by("sentence_id", after["sentences"])
    assert len(today["sentences"]) > 50
    for old in today["sentences"]:
        new = sentences[old["sentence_id"]]
        kept = ("paragraph_id", "unit_id", "language", "position", "start")
        assert [new[k] for k in kept] == [old[k] for k in kept], old["sentence_id"]
        assert same_or_finished(old["text"], new["text"], old["truncated"]), old["sentence_id"]
        assert new["truncated"] is False


def test_every_unit_id_of_today_names_the_same_unit(today, after):
    units = by("unit_id", after["alignments"])
    cut_off = {row["paragraph_id"] for row in today["paragraphs"] if row["truncated"]}
    for old in today["alignments"]:
        new = units[old["unit_id"]]
        assert [new[k] for k in IDENTITY[1:-1]] == [old[k] for k in IDENTITY[1:-1]]
        for language in ("en", "zh"):
            old_id, new_id = old[f"{language}_paragraph_id"], new[f"{language}_paragraph_id"]
            assert new_id == (old_id or f"{language}-{old['unit_id']}")
            if old_id:
                text = f"text_{language}"
                assert same_or_finished(old[text], new[text], old_id in cut_off), old_id


def test_the_unit_without_a_chinese_counterpart_becomes_one_to_one(today, after):
    one_sided = [u["unit_id"] for u in today["alignments"] if u["link_type"] != "1-1"]
    assert one_sided == ["s3-03"]
    assert {u["link_type"] for u in after["alignments"]} == {"1-1"}


def test_sections_and_commitments_are_kept_and_section_iv_added(today, after):
    kept = ("section", "numeral_en", "numeral_zh", "title_en", "title_zh")
    assert [[s[k] for k in kept] for s in after["sections"][:3]] == [
        [s[k] for k in kept] for s in today["sections"]
    ]
    assert [(s["section"], s["numeral_en"], s["numeral_zh"]) for s in after["sections"][3:]] == [
        (4, "IV", "四")
    ]
    assert after["commitments"] == today["commitments"]


def test_section_iii_runs_to_its_last_priority_and_section_iv_has_its_items(after):
    for language in ("en", "zh"):
        laid = [p for p in after["paragraphs"] if p["language"] == language]
        items = {s: [p["item"] for p in laid if p["section"] == s and p["item"]] for s in (3, 4)}
        assert items == {3: list(range(1, PRIORITIES + 1)), 4: list(range(1, ITEMS + 1))}
        assert [p["priority"] for p in laid if p["section"] == 3 and p["item"]] == items[3]
        assert not any(p["priority"] or p["commitment"] for p in laid if p["section"] == 4)
    markers = by("paragraph_id", after["paragraphs"])
    assert (markers["zh-s3-09"]["marker"], markers["zh-s3-09"]["item"]) == ("(七)", 7)
    assert (markers["zh-s4-02"]["marker"], markers["en-s4-02"]["marker"]) == ("1.", "1.")


def test_ids_follow_language_section_and_order_within_the_section(after):
    order: dict[int, int] = {}
    for unit in after["alignments"]:
        order[unit["section"]] = order.get(unit["section"], 0) + 1
        assert unit["unit_id"] == f"s{unit['section']}-{order[unit['section']]:02d}"
    for paragraph in after["paragraphs"]:
        assert paragraph["paragraph_id"] == f"{paragraph['language']}-{paragraph['unit_id']}"


def test_the_completed_edition_publishes_a_valid_package(edition, tmp_path, capsys):
    source = tmp_path / "completed.txt"
    source.write_text(appended(edition, TODAY.decode("utf-8")), encoding="utf-8")
    assert main(["build", "--source", str(source), "--out", str(tmp_path / "out")]) == 0
    assert "sections: 4 rows" in capsys.readouterr().out


@st.composite
def a_paper_and_its_start(draw):
    """A generated paper, and the same paper cut after one of its units, each laid out anew.

    Not between the commitments and the closing paragraph that gives them their roles: the
    build refuses commitments without roles, whatever comes after them.
    """
    plan = draw(plans())
    cuts = [
        kept
        for kept in range(1, len(plan.units) + 1)
        if not (plan.units[kept - 1].section == 2 and plan.units[kept - 1].item is not None)
    ]
    kept = draw(st.sampled_from(cuts))
    start = replace(plan, units=plan.units[:kept])
    return draw(documents(st.just(plan))), draw(documents(st.just(start)))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # examples: the profile
@given(a_paper_and_its_start())
def test_an_edition_that_goes_on_keeps_every_key_of_its_start(papers):
    (_, whole), (start_plan, start) = papers
    units = {u.unit_id: u for u in edition_of(whole.encode("utf-8"), LIMITS).units}
    order: dict[int, int] = {}
    for unit, planned in zip(
        edition_of(start.encode("utf-8"), LIMITS).units, start_plan.units, strict=True
    ):
        order[planned.section] = order.get(planned.section, 0) + 1
        assert unit.unit_id == f"s{planned.section}-{order[planned.section]:02d}"
        later = units[unit.unit_id]
        assert (later.section, later.item, later.en.text, later.zh.text) == (
            planned.section, planned.item, planned.en, planned.zh,
        )  # fmt: skip
        for language in ("en", "zh"):
            assert paragraph_id(language, later.unit_id) == paragraph_id(language, unit.unit_id)
