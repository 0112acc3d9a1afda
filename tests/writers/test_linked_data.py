"""Croissant, CSVW and the page's schema.org JSON-LD, each read by its own standard's tools:
mlcroissant validates and loads the record sets, csvw validates the CSV files, rdflib
reads the page's JSON-LD as RDF."""

import hashlib
import json
import shutil

import csvw
import pytest
import rdflib
from lxml import html

from gsipaper.project.schemas import RESOURCES

SCHEMA = rdflib.Namespace("https://schema.org/")
# What Google Dataset Search requires of a Dataset, then what it recommends (of those the
# package can give: it has no home page of its own to put in `url`).
REQUIRED = ("name", "description")
RECOMMENDED = (
    "alternateName", "creator", "distribution", "license", "inLanguage", "isAccessibleForFree",
    "keywords", "version", "datePublished", "citation", "isBasedOn", "publisher",
)  # fmt: skip


def croissant_records(path, name: str) -> list[dict]:
    """A record set through mlcroissant, as plain values: it gives text as UTF-8 bytes."""
    import mlcroissant  # here, not at collection: its import takes seconds in every worker

    dataset = mlcroissant.Dataset(jsonld=str(path))  # one a read: it caches its operations
    return [
        {
            key.removeprefix(f"{name}/"): value.decode() if isinstance(value, bytes) else value
            for key, value in record.items()
        }
        for record in dataset.records(name)
    ]


def test_mlcroissant_validates_the_croissant_file_without_a_warning(dist):
    import mlcroissant

    dataset = mlcroissant.Dataset(jsonld=str(dist / "croissant.json"))
    assert not dataset.metadata.ctx.issues.errors
    assert not dataset.metadata.ctx.issues.warnings


@pytest.mark.parametrize("name", RESOURCES)
def test_mlcroissant_loads_every_record_set_as_the_csv_holds_it(dist, published, name):
    assert croissant_records(dist / "croissant.json", name) == published[name]


def test_the_croissant_file_objects_are_the_published_files(dist, descriptor):
    croissant = json.loads((dist / "croissant.json").read_text(encoding="utf-8"))
    tables = {r["path"] for r in descriptor["resources"] if r["format"] in ("csv", "parquet")}
    objects = croissant["distribution"]
    assert {f"dist/{o['contentUrl']}" for o in objects} == tables
    for found in objects:
        data = (dist / found["contentUrl"]).read_bytes()
        assert found["sha256"] == hashlib.sha256(data).hexdigest()
        assert found["contentSize"] == f"{len(data)} B"


def test_the_croissant_record_sets_carry_each_schemas_keys_and_types(dist, schemas):
    croissant = json.loads((dist / "croissant.json").read_text(encoding="utf-8"))
    for record_set in croissant["recordSet"]:
        schema = schemas[record_set["name"]]
        assert [key["@id"] for key in record_set["key"]] == [
            f"{record_set['name']}/{column}" for column in schema["primaryKey"]
        ]
        assert [f["name"] for f in record_set["field"]] == [f["name"] for f in schema["fields"]]
        assert all(f["description"] for f in record_set["field"])


def test_a_croissant_record_set_that_disagrees_with_its_file_is_refused(dist, tmp_path):
    """The loader checks what it reads: a column the file lacks is an error, not a null."""
    for path in dist.glob("*.parquet"):
        shutil.copy(path, tmp_path)
    croissant = json.loads((dist / "croissant.json").read_text(encoding="utf-8"))
    croissant["recordSet"][1]["field"][0]["source"]["extract"]["column"] = "no_such_column"
    planted = tmp_path / "croissant.json"
    planted.write_text(json.dumps(croissant), encoding="utf-8")
    with pytest.raises(Exception) as refused:
        croissant_records(planted, croissant["recordSet"][1]["name"])
    causes = []
    error: BaseException | None = refused.value
    while error is not None:
        causes.append(str(error))
        error = error.__cause__ or error.__context__
    assert any("no_such_column" in cause for cause in causes), causes


def csvw_valid(metadata) -> bool:
    """csvw's own check; lax: a null foreign key (a paragraph outside section II has no
    commitment) is allowed. A value it cannot read raises ValueError."""
    return csvw.CSVW(str(metadata), validate=True, strict=False).is_valid


def test_csvw_validates_every_csv_file_against_its_metadata(dist):
    assert csvw_valid(dist / "csv-metadata.json")
    described = csvw.CSVW(str(dist / "csv-metadata.json"), validate=True, strict=False)
    assert not described.warnings
    tables = {table.url.string for table in described.tablegroup.tables}
    assert tables == {f"{name}.csv" for name in RESOURCES}


def test_csvw_refuses_a_value_against_its_pattern(dist, tmp_path):
    for path in [*dist.glob("*.csv"), dist / "csv-metadata.json"]:
        shutil.copy(path, tmp_path)
    sections = tmp_path / "sections.csv"
    lines = sections.read_bytes().decode("utf-8").split("\r\n")
    fields = lines[1].split(",")
    fields[1] = '"X1"'  # numeral_en: Roman numerals only
    lines[1] = ",".join(fields)
    sections.write_bytes("\r\n".join(lines).encode("utf-8"))
    with pytest.raises(ValueError, match="numeral_en"):
        csvw_valid(tmp_path / "csv-metadata.json")


def test_csvw_refuses_a_foreign_key_to_nothing(dist, tmp_path):
    for path in [*dist.glob("*.csv"), dist / "csv-metadata.json"]:
        shutil.copy(path, tmp_path)
    paragraphs = tmp_path / "paragraphs.csv"
    text = paragraphs.read_bytes().decode("utf-8")
    paragraphs.write_bytes(text.replace(',"s1-01","en",', ',"s9-01","en",', 1).encode("utf-8"))
    with pytest.raises(ValueError, match="s9-01"):
        csvw_valid(tmp_path / "csv-metadata.json")


@pytest.fixture(scope="module")
def page_graph(dist) -> tuple[rdflib.Graph, rdflib.term.Node]:
    tree = html.fromstring((dist / "index.html").read_bytes())
    (script,) = tree.xpath('//head/script[@type="application/ld+json"]')
    graph = rdflib.Graph().parse(data=script.text, format="json-ld")
    (dataset,) = graph.subjects(rdflib.RDF.type, SCHEMA.Dataset)
    return graph, dataset


@pytest.mark.parametrize("term", REQUIRED + RECOMMENDED)
def test_the_page_json_ld_gives_what_dataset_search_reads(page_graph, term):
    graph, dataset = page_graph
    assert graph.value(dataset, SCHEMA[term]) is not None, term


def test_the_page_json_ld_names_both_titles_and_languages(page_graph, descriptor):
    graph, dataset = page_graph
    names = {str(graph.value(dataset, SCHEMA.name))} | {
        str(name) for name in graph.objects(dataset, SCHEMA.alternateName)
    }
    assert descriptor["title"] in names and any("全球安全倡议" in name for name in names)
    assert {str(v) for v in graph.objects(dataset, SCHEMA.inLanguage)} == {"en", "zh"}
    based_on = graph.value(dataset, SCHEMA.isBasedOn)
    assert str(graph.value(based_on, SCHEMA.datePublished)) == descriptor["sources"][0]["date"]


def test_every_download_in_the_page_json_ld_is_a_published_file_with_its_hash(page_graph, dist):
    graph, dataset = page_graph
    downloads = list(graph.objects(dataset, SCHEMA.distribution))
    assert len(downloads) >= 2 * len(RESOURCES)
    for download in downloads:
        data = (dist / str(graph.value(download, SCHEMA.contentUrl))).read_bytes()
        assert str(graph.value(download, SCHEMA.sha256)) == hashlib.sha256(data).hexdigest()
        assert str(graph.value(download, SCHEMA.contentSize)) == f"{len(data)} B"
        assert graph.value(download, SCHEMA.encodingFormat) is not None
