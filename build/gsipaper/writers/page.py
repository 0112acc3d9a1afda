"""The reader page: tables, schemas and metadata → dist/index.html, the paper side by side.

Pure: the page is rendered from the typed tables with the Jinja2 template in
`gsipaper/writers/templates/`, and holds its CSS and JavaScript inline, so it asks the
network for nothing and works from `file://` as from any static host. Every
paragraph's text on the page is its `text` in the paragraphs table, character for
character; where the sentence layer is present (the tables `sentences` and
`sentence_links`), the text is cut into linked sentence spans along their offsets.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from types import SimpleNamespace

import pyarrow as pa

from gsipaper.facts import LANGUAGE_NAMES, LANGUAGES, sha256_hex
from gsipaper.writers.docs import constraint_text
from gsipaper.writers.portals import citation_line

__all__ = ["downloads", "page_html"]  # the rest are its own helpers

PAGE_PATH = "dist/index.html"
TEMPLATE = "index.html.j2"
# The language of the Chinese text as browsers and screen readers read it: Simplified script.
HTML_LANG = {"en": "en", "zh": "zh-Hans"}


# A row as the template reads it: attribute lookups, which Jinja tries first, succeed at once.
Row = SimpleNamespace


@dataclass(frozen=True, slots=True)
class Download:
    href: str  # relative to the page
    format: str
    description: str
    size: int | None  # None for a file that holds this page, and so cannot be hashed on it
    sha256: str | None


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of a paragraph's text: a sentence with its link, or what lies between."""

    text: str
    sentence_id: str | None = None
    link_id: str | None = None
    link_type: str | None = None
    score: float | None = None


def page_html(
    tables: dict[str, pa.Table],
    schemas: dict[str, dict],
    package: dict,
    metadata: dict,
    titles: dict[str, str],
    source,
    downloads: list[Download],
    linked_data: dict,
) -> str:
    """The page; `source` is the source file, with its `name` and `sha256`; `linked_data`
    the schema.org description of the dataset it carries for search engines."""
    template = environment().get_template(TEMPLATE)
    rows = {name: table.to_pylist() for name, table in tables.items()}
    return template.render(
        titles=titles,
        html_lang=HTML_LANG,
        language_names=LANGUAGE_NAMES,
        package=package,
        publication=metadata["publication"],
        citation=citation_line(package, metadata),
        linked_data=script_json(linked_data),
        source=source,
        downloads=downloads,
        sections=sections(rows),
        sentence_layer="sentences" in rows and "sentence_links" in rows,
        schemas=schemas,
        constraints=constraints,
    )


@cache
def environment():
    """One environment per process: it compiles the template once and keeps it."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("gsipaper.writers", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def sections(rows: dict[str, list[dict]]) -> list[Row]:
    """The sections in order, each with its units, each unit with a paragraph per language."""
    paragraphs = {row["paragraph_id"]: row for row in rows["paragraphs"]}
    roles = {row["commitment"]: Row(**row) for row in rows["commitments"]}
    pieces = sentence_pieces(rows, paragraphs)
    by_section: dict[int, list[dict]] = {}
    for unit in sorted(rows["alignments"], key=lambda row: row["position"]):
        by_section.setdefault(unit["section"], []).append(unit)
    return [
        Row(
            **section,
            units=[
                unit_view(unit, paragraphs, roles, pieces)
                for unit in by_section.get(section["section"], [])
            ],
        )
        for section in sorted(rows["sections"], key=lambda row: row["section"])
    ]


def unit_view(unit: dict, paragraphs: dict, roles: dict, pieces: dict) -> Row:
    present = {}
    for language in LANGUAGES:
        paragraph = paragraphs.get(unit[f"{language}_paragraph_id"])
        if paragraph is not None:
            present[language] = Row(
                **paragraph,
                lines=[int(line) for line in paragraph["source_lines"].split(";")],
                pieces=pieces.get(paragraph["paragraph_id"]) or [Piece(paragraph["text"])],
            )
    return Row(**unit, role=roles.get(unit["commitment"]), paragraphs=present)


def sentence_pieces(rows: dict[str, list[dict]], paragraphs: dict) -> dict[str, list[Piece]]:
    """Each paragraph's text cut along its sentences' offsets, so that the pieces join to it."""
    if "sentences" not in rows or "sentence_links" not in rows:
        return {}
    links = {}
    for link in rows["sentence_links"]:
        for side in ("en_sentence_ids", "zh_sentence_ids"):
            for sentence_id in filter(None, (link[side] or "").split(";")):
                links[sentence_id] = link
    ordered = sorted(rows["sentences"], key=lambda row: (row["paragraph_id"], row["position"]))
    cut = {}
    for paragraph_id, group in groupby(ordered, lambda row: row["paragraph_id"]):
        cut[paragraph_id] = cut_text(paragraphs[paragraph_id]["text"], list(group), links)
    return cut


def cut_text(text: str, sentences: list[dict], links: dict[str, dict]) -> list[Piece]:
    pieces, at = [], 0
    for sentence in sentences:
        if sentence["start"] > at:
            pieces.append(Piece(text[at : sentence["start"]]))
        link = links.get(sentence["sentence_id"], {})
        pieces.append(
            Piece(
                text[sentence["start"] : sentence["end"]],
                sentence["sentence_id"],
                link.get("link_id"),
                link.get("link_type"),
                link.get("score"),
            )
        )
        at = max(at, sentence["end"])
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


def script_json(value: dict) -> str:
    """JSON to put inside a <script> element: no "</script>" or "<!--" can end it early."""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def constraints(field: dict) -> str:
    shown = {k: v for k, v in field.get("constraints", {}).items() if k != "required"}
    return ", ".join(constraint_text(key, value) for key, value in shown.items())


def downloads(
    files: dict[str, bytes], resources: list[dict], schemas: dict[str, dict], unhashed: list[dict]
) -> list[Download]:
    """Every published file the page can name with its size and hash, then those it cannot.

    The descriptor and the zip hold this page, so the page cannot hold their hashes:
    they are listed without, and the descriptor gives the zip's.
    """
    listed = [
        Download(
            relative(resource["path"]),
            resource["format"],
            resource.get("description") or table_description(resource, schemas),
            len(files[resource["path"]]),
            sha256_hex(files[resource["path"]]),
        )
        for resource in resources
    ]
    listed += [
        Download(
            relative(path),
            "json",
            f"Table Schema of {name}",
            len(files[path]),
            sha256_hex(files[path]),
        )
        for name in schemas
        if (path := f"schemas/{name}.json") in files
    ]
    return listed + [
        Download(relative(item["path"]), item["format"], item["description"], None, None)
        for item in unhashed
    ]


def table_description(resource: dict, schemas: dict[str, dict]) -> str:
    name = resource["name"].removesuffix(f"-{resource['format']}")
    return f"{name}: {schemas[name]['description']}"


def relative(path: str) -> str:
    return posixpath.relpath(path, posixpath.dirname(PAGE_PATH))
