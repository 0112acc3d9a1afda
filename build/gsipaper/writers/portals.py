"""Metadata for portals, copied from the descriptor: CITATION.cff and Hugging Face's card.

GitHub and Zenodo read CITATION.cff; Hugging Face reads the YAML front matter
at the top of README.md, which is written by hand and checked against
`dataset_card` by the tests; datahub and CKAN read datapackage.json itself.
"""

from __future__ import annotations

from gsipaper.facts import LANGUAGES

__all__ = ["citation_authors", "citation_cff", "citation_line"]  # the rest are its own helpers

CFF_VERSION = "1.2.0"
GENERATED = "# Written by the build from pyproject.toml and schemas/: edits here are lost.\n"
# Hugging Face's size buckets, by the rows of the largest table.
SIZE_CATEGORIES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"))


def citation_cff(package: dict, metadata: dict) -> str:
    publication = metadata["publication"]
    authors = citation_authors(package)
    licence_ids = [licence["name"] for licence in package["licenses"]]
    citation = {
        "cff-version": CFF_VERSION,
        "message": "If you use this data package, please cite it using these metadata.",
        "type": "dataset",
        "title": metadata["summary"],
        "abstract": package["description"],
        "authors": [{"name": author["title"]} for author in authors],
        "version": package["version"],
        "date-released": package["created"][:10],
        "license": licence_ids if len(licence_ids) > 1 else licence_ids[0],
        "keywords": package["keywords"],
        "references": [
            {
                "type": "government-document",
                "title": publication["title"],
                "authors": [{"name": publication["publisher"]}],
                "date-published": publication["date"],
                "languages": list(LANGUAGES),
            }
        ],
    }
    return GENERATED + yaml(citation)


def citation_line(package: dict, metadata: dict) -> str:
    """The citation CITATION.cff gives, as one line: authors (year). title (version). dataset."""
    names = ", ".join(author["title"] for author in citation_authors(package))
    return (
        f"{names} ({package['created'][:4]}). {metadata['summary']} "
        f"(version {package['version']}) [Data set]."
    )


def citation_authors(package: dict) -> list[dict]:
    """Who made the package: its packagers, or else every contributor."""
    contributors = package["contributors"]
    return [c for c in contributors if "packager" in c.get("roles", [])] or contributors


def dataset_card(package: dict, rows: int) -> dict:
    """Hugging Face's dataset card metadata: one config per table, read from its Parquet file."""
    parquet = [r for r in package["resources"] if r.get("format") == "parquet"]
    configs = [
        {"config_name": r["name"].removesuffix("-parquet"), "data_files": r["path"]}
        for r in parquet
    ]
    configs[0]["default"] = True
    return {
        "pretty_name": package["title"],
        # Hugging Face spells licences as lower-case SPDX identifiers.
        "license": package["licenses"][0]["name"].lower(),
        "language": list(LANGUAGES),
        "tags": package["keywords"],
        "size_categories": [size_category(rows)],
        "configs": configs,
    }


def size_category(rows: int) -> str:
    return next((name for limit, name in SIZE_CATEGORIES if rows < limit), "n>100K")


def yaml(value: dict) -> str:
    """Block-style YAML, keys in the order given; PyYAML quotes what would be misread."""
    import yaml

    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100)
