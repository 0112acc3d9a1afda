"""The reader page, read back with lxml: it says what the tables say, lists every file it can
with the right size and hash, names nothing outside itself, and ships in the wheel."""

import hashlib
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from itertools import pairwise

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html

from gsipaper.formats import read_csv
from gsipaper.pipeline import package_of, tables_of
from gsipaper.project.load import load_project
from gsipaper.writers.page import Piece, cut_text, page_html
from support.documents import hostile_texts
from support.generate import document
from support.project import ROOT, SOURCE

PAGE = "dist/index.html"


def parse(data: bytes):
    return html.fromstring(data.decode("utf-8"))


def paragraph_texts(tree) -> dict[str, str]:
    return {
        node.get("id"): node.find_class("text")[0].text_content()
        for node in tree.find_class("paragraph")
        if node.get("id")
    }


def test_the_page_is_listed_with_its_size_and_hash(built):
    descriptor = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    data = (built / PAGE).read_bytes()
    (page,) = [r for r in descriptor["resources"] if r["path"] == PAGE]
    assert page["mediatype"] == "text/html"
    assert (page["bytes"], page["hash"]) == (
        len(data),
        f"sha256:{hashlib.sha256(data).hexdigest()}",
    )


def test_the_zip_holds_the_page_as_published(built):
    (archive,) = built.joinpath("dist").glob("*.zip")
    with zipfile.ZipFile(archive) as opened:
        (member,) = [name for name in opened.namelist() if name.endswith("/" + PAGE)]
        assert opened.read(member) == (built / PAGE).read_bytes()


def test_every_paragraph_is_on_the_page_exactly(built, schemas):
    paragraphs = read_csv(built / "dist/paragraphs.csv", schemas["paragraphs"]).to_pylist()
    on_page = paragraph_texts(parse((built / PAGE).read_bytes()))
    assert on_page == {p["paragraph_id"]: p["text"] for p in paragraphs}


def test_each_paragraph_carries_its_language_and_marks(built, schemas):
    tree = parse((built / PAGE).read_bytes())
    paragraphs = read_csv(built / "dist/paragraphs.csv", schemas["paragraphs"]).to_pylist()
    for row in paragraphs:
        node = tree.get_element_by_id(row["paragraph_id"])
        assert node.get("lang") == {"en": "en", "zh": "zh-Hans"}[row["language"]]
        marks = " ".join(m.text_content() for m in node.find_class("mark"))
        lines = row["source_lines"].split(";")
        assert ("Joined across a page break" in marks) == (len(lines) > 1), row["paragraph_id"]
        assert all(line in marks for line in lines[1:])
        assert ("cut off" in marks) == row["truncated"], row["paragraph_id"]
        markers = node.find_class("marker")
        assert [m.text_content() for m in markers] == ([row["marker"]] if row["marker"] else [])


def test_a_unit_without_a_translation_says_so(built, schemas):
    tree = parse((built / PAGE).read_bytes())
    alignments = read_csv(built / "dist/alignments.csv", schemas["alignments"]).to_pylist()
    for unit in alignments:
        missing = [
            m.text_content()
            for m in tree.get_element_by_id(unit["unit_id"]).find_class("mark-none")
        ]
        expected = {
            "1-1": [],
            "1-0": ["No Chinese text in the source"],
            "0-1": ["No English text in the source"],
        }
        assert missing == expected[unit["link_type"]], unit["unit_id"]


def test_units_are_in_document_order_with_their_commitment_roles(built, published):
    tree = parse((built / PAGE).read_bytes())
    units = [node.get("id") for node in tree.find_class("unit")]
    assert units == [
        a["unit_id"] for a in sorted(published["alignments"], key=lambda a: a["position"])
    ]
    for commitment in published["commitments"]:
        (unit,) = [
            a for a in published["alignments"] if a["commitment"] == commitment["commitment"]
        ]
        badge = tree.get_element_by_id(unit["unit_id"]).find_class("badge")[0].text_content()
        assert commitment["role_en"] in badge and commitment["role_zh"] in badge


def test_the_header_gives_both_titles_and_the_about_section_the_source_hash_and_version(built):
    descriptor = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    tree = parse((built / PAGE).read_bytes())
    header = tree.find(".//header").text_content()
    chinese = descriptor["description"].split("(", 1)[1].split(")", 1)[0]
    assert descriptor["title"] in header and chinese in header
    about = tree.get_element_by_id("about").text_content()
    source_hash = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    for expected in (descriptor["description"], source_hash, descriptor["version"]):
        assert expected in about


def test_the_paper_comes_before_the_facts_downloads_and_dictionary(built):
    """A reader, on a phone above all, meets the title and then the paper."""
    tree = parse((built / PAGE).read_bytes())
    sections = [s.get("id") for s in tree.xpath("//main/section")]
    assert sections == ["paper", "about", "downloads", "dictionary"]


def test_the_downloads_give_each_files_size_and_hash(built):
    tree = parse((built / PAGE).read_bytes())
    rows = tree.get_element_by_id("downloads").findall(".//tbody/tr")
    hashed = 0
    for row in rows:
        cells = row.findall("td")
        target = (built / "dist" / cells[0].find("a").get("href")).resolve()
        assert target.is_file(), target
        if len(cells) == 5:
            data = target.read_bytes()
            assert cells[2].text_content() == f"{len(data):,} bytes"
            assert cells[3].text_content() == hashlib.sha256(data).hexdigest()
            hashed += 1
    published = {p.resolve() for p in built.joinpath("dist").iterdir()}
    published |= {p.resolve() for p in built.joinpath("schemas").glob("*.json")}
    listed = {(built / "dist" / r.find("td/a").get("href")).resolve() for r in rows}
    assert published - {(built / PAGE).resolve()} <= listed
    assert hashed == len(rows) - 2  # all but the descriptor and the zip, which hold the page


def test_the_page_names_nothing_it_would_fetch(built):
    tree = parse((built / PAGE).read_bytes())
    assert not tree.xpath("//img | //iframe | //link | //script[@src] | //object | //embed")
    assert not tree.xpath("//@style | //@srcset | //@background")
    for style in tree.xpath("//style"):
        assert "url(" not in style.text and "@import" not in style.text


def test_the_data_dictionary_lists_every_column(built, schemas):
    tree = parse((built / PAGE).read_bytes())
    dictionary = tree.get_element_by_id("dictionary")
    for name, schema in schemas.items():
        table = dictionary.xpath(f".//h3[@id='table-{name}']/following-sibling::div[1]//table")[0]
        rows = [
            [td.text_content() for td in tr.findall("td")] for tr in table.findall(".//tbody/tr")
        ]
        assert [(r[0], r[4]) for r in rows] == [
            (f["name"], f["description"]) for f in schema["fields"]
        ]


def test_a_generated_document_gives_a_page_of_its_own_paragraphs():
    text = document(30_000, 11)
    files = package_of(text.encode(), "generated.txt", load_project(ROOT)).files
    tables = tables_of(text.encode(), load_project(ROOT))
    on_page = paragraph_texts(parse(files[PAGE]))
    paragraphs = tables["paragraphs"].to_pylist()
    assert on_page == {p["paragraph_id"]: p["text"] for p in paragraphs}


@dataclass(frozen=True)
class FakeSource:
    name: str = "planted.txt"
    sha256: str = "0" * 64


@settings(deadline=None, max_examples=25)
@given(text=hostile_texts())
def test_hostile_text_on_the_page_reads_back_as_itself(built, text):
    schemas = load_project(ROOT).schemas
    assert page_with_first_paragraph(built, schemas, text) == text


def test_markup_in_the_text_stays_text(built, schemas):
    planted = '<script>alert("x")</script> & <b>bold</b> &amp; "quoted" \'single\''
    assert page_with_first_paragraph(built, schemas, planted) == planted


def page_with_first_paragraph(built, schemas, planted):
    """The page of the fresh build with its first paragraph's text replaced: that text read back."""
    tables = {name: read_csv(built / f"dist/{name}.csv", schemas[name]) for name in schemas}
    paragraphs = tables["paragraphs"].to_pylist()
    paragraphs[0]["text"] = planted
    tables["paragraphs"] = pa.Table.from_pylist(paragraphs, schema=tables["paragraphs"].schema)
    descriptor = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    metadata = {"publication": {"publisher": "P", "date": "D"}, "summary": "S"}
    linked = {"name": planted}  # the JSON-LD must hold it as text too
    page = page_html(
        tables, schemas, descriptor, metadata, {"en": "T", "zh": "题"}, FakeSource(), [], linked
    )
    tree = parse(page.encode())
    scripts = tree.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json", None]
    assert json.loads(scripts[0].text) == linked
    return paragraph_texts(tree)[paragraphs[0]["paragraph_id"]]


@settings(deadline=None)  # examples: the profile (conftest.py)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80),
    cuts=st.lists(st.integers(0, 80), max_size=8),
)
def test_sentence_pieces_join_to_the_paragraph(text, cuts):
    bounds = sorted({min(c, len(text)) for c in cuts} | {0, len(text)})
    sentences = [
        {"sentence_id": f"s{i}", "start": start, "end": end}
        for i, (start, end) in enumerate(zip(bounds[::2], bounds[1::2], strict=False))
    ]
    pieces = cut_text(text, sentences, {"s0": {"link_id": "l0", "link_type": "1-1", "score": 1.0}})
    assert "".join(piece.text for piece in pieces) == text
    spans = [p for p in pieces if p.sentence_id]
    assert [p.text for p in spans] == [text[s["start"] : s["end"]] for s in sentences]
    assert all(p.link_id == "l0" for p in spans if p.sentence_id == "s0")
    assert all(isinstance(p, Piece) for p in pieces)


def test_the_wheel_ships_the_template(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as opened:
        assert "gsipaper/writers/templates/index.html.j2" in opened.namelist()


def test_the_page_cites_the_package_as_citation_cff_does(built):
    import yaml

    citation = yaml.safe_load((built / "CITATION.cff").read_text(encoding="utf-8"))
    tree = parse((built / PAGE).read_bytes())
    (cite,) = tree.xpath("//dt[.='How to cite']/following-sibling::dd[1]")
    text = cite.text_content()
    for expected in (citation["title"], citation["version"], citation["date-released"][:4]):
        assert expected in text
    assert all(author["name"] in text for author in citation["authors"])


def test_headings_descend_one_level_at_a_time(built):
    tree = parse((built / PAGE).read_bytes())
    levels = [int(h.tag[1]) for h in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))


REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "for", "list")


def test_every_in_page_link_and_id_reference_lands_on_an_element(built):
    tree = parse((built / "dist" / "index.html").read_bytes())
    ids = [element.get("id") for element in tree.xpath("//*[@id]")]
    assert len(ids) == len(set(ids)), "ids are unique"
    targets = [href[1:] for href in tree.xpath("//a/@href") if href.startswith("#")]
    for attribute in REFERENCES:
        targets += [name for value in tree.xpath(f"//@{attribute}") for name in value.split()]
    assert targets, "the page links within itself"
    assert sorted(set(targets) - set(ids)) == []
