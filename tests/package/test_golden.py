"""Golden expectations for the Global Security Initiative Concept Paper as published."""

import json
from collections import Counter

import pytest
import yaml

from gsipaper.pipeline import package_of
from gsipaper.project.load import load_project
from support.generate import document
from support.project import ROOT


def by_id(rows, key="paragraph_id"):
    return {row[key]: row for row in rows}


def test_paragraph_counts_per_language_and_section(published):
    counts = Counter((row["language"], row["section"]) for row in published["paragraphs"])
    assert counts == {
        ("en", 1): 3, ("en", 2): 7, ("en", 3): 3,
        ("zh", 1): 3, ("zh", 2): 7, ("zh", 3): 2,
    }  # fmt: skip


def test_sections_in_both_languages(published):
    assert [
        (s["numeral_en"], s["title_en"], s["numeral_zh"], s["title_zh"])
        for s in published["sections"]
    ] == [
        ("I", "Background", "一", "背景"),
        ("II", "Core concepts and principles", "二", "核心理念与原则"),
        ("III", "Priorities of cooperation", "三", "重点合作方向"),
    ]


def test_english_commitment_5_is_joined_across_the_chinese_page(published):
    row = by_id(published["paragraphs"])["en-s2-05"]
    assert row["source_lines"] == "37;49"
    assert "facilitate talks for peace, play good offices and mediate in light of" in row["text"]
    assert row["commitment"] == 5 and row["marker"] == "5."


def test_chinese_commitment_1_is_joined_mid_sentence_without_a_space(published):
    row = by_id(published["paragraphs"])["zh-s2-01"]
    assert row["source_lines"] == "29;39"
    assert "只有基于道义和正确理念的安全，才是基础牢固、真正持久的安全。" in row["text"]
    assert row["marker"] == "(一)" and row["text"].startswith("坚持共同")


def test_chinese_commitment_5_is_joined_after_a_full_stop(published):
    row = by_id(published["paragraphs"])["zh-s2-05"]
    assert row["source_lines"] == "47;63"
    assert "对话协商才是化解分歧的有效途径。我们呼吁加强国家间战略沟通" in row["text"]


def test_only_the_last_paragraph_of_each_language_is_truncated(published):
    truncated = {
        row["paragraph_id"]: row["text"] for row in published["paragraphs"] if row["truncated"]
    }
    assert truncated.keys() == {"en-s3-03", "zh-s3-02"}
    assert truncated["en-s3-03"].endswith("Support UN efforts to enhance conflict preven-")
    assert truncated["zh-s3-02"].endswith("我们倡导各方在包括但不限于以下方面积极开展单")


def test_cooperation_priority_1_has_no_chinese_counterpart(published):
    one_sided = [row for row in published["alignments"] if row["link_type"] != "1-1"]
    assert [
        (r["unit_id"], r["link_type"], r["priority"], r["zh_paragraph_id"], r["text_zh"])
        for r in one_sided
    ] == [("s3-03", "1-0", 1, None, None)]
    assert one_sided[0]["text_en"].startswith(
        "Actively participate in formulating a New Agenda for Peace"
    )


@pytest.mark.parametrize(
    ("commitment", "role_en", "role_zh"),
    [
        (1, "conceptual guidance", "理念指引"),
        (2, "the basic premise", "基本前提"),
        (3, "a primary benchmark", "根本遵循"),
        (4, "an important principle", "重要原则"),
        (5, "a must choice", "必由之路"),
        (6, "an inherent requirement", "应有之义"),
    ],
)
def test_the_six_commitment_roles(published, commitment, role_en, role_zh):
    row = by_id(published["commitments"], "commitment")[commitment]
    assert (row["role_en"], row["role_zh"]) == (role_en, role_zh)


def test_commitment_titles_are_first_sentences(published):
    row = by_id(published["commitments"], "commitment")[3]
    assert (
        row["title_en"]
        == "Stay committed to abiding by the purposes and principles of the UN Charter."
    )
    assert row["title_zh"] == "坚持遵守联合国宪章宗旨和原则。"
    assert (row["marker_en"], row["marker_zh"]) == ("3.", "(三)")


def test_every_unit_pairs_the_same_place_in_both_languages(published):
    paragraphs = by_id(published["paragraphs"])
    for unit in published["alignments"]:
        for language in ("en", "zh"):
            paragraph_id = unit[f"{language}_paragraph_id"]
            if paragraph_id:
                paragraph = paragraphs[paragraph_id]
                assert paragraph["unit_id"] == unit["unit_id"]
                assert paragraph["text"] == unit[f"text_{language}"]
                assert (paragraph["section"], paragraph["commitment"], paragraph["priority"]) == (
                    unit["section"], unit["commitment"], unit["priority"],
                )  # fmt: skip


def test_descriptor_carries_both_titles_and_the_source_hash(built, descriptor):
    assert descriptor["title"] == "The Global Security Initiative Concept Paper"
    assert "全球安全倡议概念文件" in descriptor["description"]
    publication, extracted = descriptor["sources"]
    assert extracted["path"] == "source/gsi-concept-paper.txt"
    assert extracted["hash"] == (
        "sha256:c7fe715cc8d95c1e09b6fa42c249b70310fce4ce501a31d9ca79bf2b05cff421"
    )
    assert extracted["bytes"] == (built / extracted["path"]).stat().st_size
    assert (publication["publisher"], publication["date"], publication["languages"]) == (
        "Ministry of Foreign Affairs of the People's Republic of China",
        "2023-02-21",
        ["en", "zh"],
    )
    assert publication["title"].startswith("The Global Security Initiative Concept Paper")


CUT_OFF_NOTE = "The source text is cut off; the paragraphs it cuts are flagged truncated."


def test_the_descriptor_and_the_citation_say_the_source_is_cut_off(built, descriptor):
    citation = yaml.safe_load((built / "CITATION.cff").read_text(encoding="utf-8"))
    assert descriptor["description"].endswith(CUT_OFF_NOTE)
    assert citation["abstract"] == descriptor["description"]


def test_a_complete_document_is_not_said_to_be_cut_off():
    project = load_project(ROOT)
    package = package_of(document(30_000, seed=2).encode("utf-8"), "complete.txt", project)
    described = json.loads(package.files["datapackage.json"])
    assert not any(package.tables["paragraphs"].column("truncated").to_pylist())
    assert "cut off" not in described["description"]
    assert "cut off" not in package.files["CITATION.cff"].decode("utf-8")
