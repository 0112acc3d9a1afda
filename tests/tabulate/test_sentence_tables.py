"""The sentence layer as published: keys between sentences, links and paragraphs; TMX; Moses."""

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile

from gsipaper.pipeline import edition_of, tables_of
from gsipaper.project.load import load_project
from gsipaper.project.schemas import limits_of
from gsipaper.tabulate import sentences as sentence_tables
from support.generate import document
from support.project import ROOT

TMX = "gsi-concept-paper.tmx"
MOSES = "gsi-concept-paper.en-zh"
DTD = ROOT / "tests" / "data" / "tmx14.dtd"


def test_every_sentence_is_in_exactly_one_link_of_its_unit(published):
    sentences = {row["sentence_id"]: row for row in published["sentences"]}
    listed = []
    for link in published["sentence_links"]:
        for language in ("en", "zh"):
            ids = (link[f"{language}_sentence_ids"] or "").split(";")
            for sentence_id in filter(None, ids):
                sentence = sentences[sentence_id]
                assert (sentence["unit_id"], sentence["language"]) == (link["unit_id"], language)
                assert sentence["link_id"] == link["link_id"]
                listed.append(sentence_id)
    assert sorted(listed) == sorted(sentences)


def test_links_are_in_document_order_and_never_cross(published):
    units = [row["unit_id"] for row in published["alignments"]]
    links = published["sentence_links"]
    assert [link["position"] for link in links] == list(range(1, len(links) + 1))
    assert [u for u in units if any(link["unit_id"] == u for link in links)] == list(
        dict.fromkeys(link["unit_id"] for link in links)
    )
    last = {}
    for link in links:
        for language in ("en", "zh"):
            ids = [i for i in (link[f"{language}_sentence_ids"] or "").split(";") if i]
            positions = [int(i.rsplit("-", 1)[1]) for i in ids]
            key = (link["unit_id"], language)
            assert positions == list(range(last.get(key, 0) + 1, last.get(key, 0) + 1 + len(ids)))
            last[key] = last.get(key, 0) + len(ids)


def test_link_type_and_texts_follow_the_sentences(published):
    sentences = {row["sentence_id"]: row for row in published["sentences"]}
    paragraphs = {row["paragraph_id"]: row["text"] for row in published["paragraphs"]}
    for link in published["sentence_links"]:
        counts = []
        for language in ("en", "zh"):
            ids = [i for i in (link[f"{language}_sentence_ids"] or "").split(";") if i]
            counts.append(len(ids))
            if not ids:
                assert link[f"text_{language}"] is None
                continue
            first, last = sentences[ids[0]], sentences[ids[-1]]
            text = paragraphs[first["paragraph_id"]][first["start"] : last["end"]]
            assert link[f"text_{language}"] == text
        assert link["link_type"] == f"{counts[0]}-{counts[1]}"


def test_the_only_english_only_unit_gives_only_1_0_links(published):
    one_sided = [link for link in published["sentence_links"] if link["unit_id"] == "s3-03"]
    assert [link["link_type"] for link in one_sided] == ["1-0", "1-0"]


@pytest.fixture(scope="module")
def tmx_tree(dist):
    return etree.parse(str(dist / TMX))


def test_the_tmx_file_is_valid_against_the_tmx_1_4_dtd(tmx_tree):
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(tmx_tree), dtd.error_log.filter_from_errors()


def test_a_tmx_file_that_breaks_the_dtd_is_caught(tmx_tree):
    broken = etree.fromstring(etree.tostring(tmx_tree))
    broken.find("header").attrib.pop("srclang")
    assert not etree.DTD(str(DTD)).validate(broken)


def test_the_tmx_header_says_what_the_file_is(tmx_tree):
    header = tmx_tree.getroot().find("header").attrib
    assert tmx_tree.getroot().get("version") == "1.4"
    assert {k: header[k] for k in ("segtype", "srclang", "adminlang", "datatype")} == {
        "segtype": "sentence",
        "srclang": "en",
        "adminlang": "en",
        "datatype": "plaintext",
    }
    assert header["creationtool"] and header["creationtoolversion"] and header["o-tmf"]
    assert "creationdate" not in header


def test_each_tmx_unit_is_a_link_with_both_languages_and_its_props(tmx_tree, published):
    both = [r for r in published["sentence_links"] if r["text_en"] and r["text_zh"]]
    units = tmx_tree.getroot().find("body").findall("tu")
    assert len(units) == len(both) == 42
    for unit, link in zip(units, both, strict=True):
        props = {p.get("type"): p.text for p in unit.findall("prop")}
        assert props == {
            "x-link-id": link["link_id"],
            "x-unit-id": link["unit_id"],
            "x-link-type": link["link_type"],
            "x-score": str(link["score"]),
        }
        languages = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in unit]
        assert languages[-2:] == ["en", "zh-CN"]


def test_translate_toolkit_reads_the_pairs_of_sentence_links(dist, published):
    store = tmxfile((dist / TMX).read_bytes(), sourcelanguage="en", targetlanguage="zh-CN")
    pairs = [(unit.source, unit.target) for unit in store.units]
    expected = [
        (r["text_en"], r["text_zh"])
        for r in published["sentence_links"]
        if r["text_en"] and r["text_zh"]
    ]
    assert pairs == expected


def test_moses_files_have_one_link_per_line_on_the_same_line(dist, published):
    both = [r for r in published["sentence_links"] if r["text_en"] and r["text_zh"]]
    english = (dist / f"{MOSES}.en").read_text(encoding="utf-8").split("\n")
    chinese = (dist / f"{MOSES}.zh").read_text(encoding="utf-8").split("\n")
    ids = (dist / f"{MOSES}.ids").read_text(encoding="utf-8").split("\n")
    assert english.pop() == chinese.pop() == ids.pop() == ""  # each ends with a newline
    assert english == [r["text_en"] for r in both]
    assert chinese == [r["text_zh"] for r in both]
    assert ids == [f"{r['link_id']}\t{r['en_sentence_ids']}\t{r['zh_sentence_ids']}" for r in both]


def test_the_descriptor_lists_the_exports_with_bytes_and_hash(built, descriptor):
    listed = {r["path"]: r for r in descriptor["resources"]}
    for suffix in (".tmx", ".en-zh.en", ".en-zh.zh", ".en-zh.ids"):
        resource = listed[f"dist/gsi-concept-paper{suffix}"]
        data = (built / resource["path"]).read_bytes()
        assert resource["bytes"] == len(data)
        assert resource["hash"].startswith("sha256:")


def test_a_long_document_gives_the_same_sentence_tables_in_chunks_as_in_one(monkeypatch):
    """Units are taken a chunk at a time; a unit's sentences and links do not depend on
    its chunk, nor do link positions and ids run differently (the first chunk here holds
    the whole sample the variance is estimated on, as it does at the published size)."""
    project = load_project(ROOT)
    data = document(1_300_000, seed=5).encode()
    edition = edition_of(data, limits_of(project.schemas))
    monkeypatch.setattr(sentence_tables, "CHUNK", 10**12)
    whole = tables_of(data, project)
    monkeypatch.setattr(sentence_tables, "CHUNK", 400_000)
    assert len(list(sentence_tables.chunks(edition.units))) >= 3
    chunked = tables_of(data, project)
    for name in ("sentences", "sentence_links"):
        assert chunked[name].equals(whole[name])
