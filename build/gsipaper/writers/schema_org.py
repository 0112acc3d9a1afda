"""schema.org `Dataset`: the package as search engines and dataset hubs read it.

One description of the dataset, made from the descriptor, for the reader page's
JSON-LD (what Google Dataset Search indexes) and for Croissant, which extends it.
Paths in `contentUrl` are relative to the file that carries the JSON-LD: both live
in `dist/`, beside the files they name.
"""

from __future__ import annotations

from gsipaper.writers.portals import citation_authors

__all__ = ["DATA_TYPES", "dataset", "file_facts", "page_dataset"]  # the rest are its own helpers

SCHEMA_ORG = "https://schema.org/"
# Table Schema types → schema.org data types (Croissant's `dataType` takes these).
DATA_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
    "datetime": "sc:DateTime",
}


def dataset(package: dict, titles: dict[str, str], citation: str) -> dict:
    """The properties of the dataset itself, without its files."""
    source = package["sources"][0]
    makers = [organisation(c["title"]) for c in citation_authors(package)]
    return {
        "@type": "sc:Dataset",
        "name": package["title"],
        "alternateName": [
            titles[language] for language in titles if titles[language] != package["title"]
        ],
        "description": package["description"],
        "version": package["version"],
        "datePublished": package["created"][:10],
        "license": package["licenses"][0]["path"],
        "creator": makers,
        "publisher": makers,
        "keywords": package["keywords"],
        "inLanguage": source["languages"],
        "citation": citation,
        "isAccessibleForFree": True,
        "isBasedOn": {
            "@type": "sc:CreativeWork",
            "name": source["title"],
            "publisher": organisation(source["publisher"]),
            "datePublished": source["date"],
            "inLanguage": source["languages"],
            "encodingFormat": source["format"],
        },
    }


def organisation(name: str) -> dict:
    return {"@type": "sc:Organization", "name": name}


def page_dataset(
    package: dict, titles: dict[str, str], citation: str, listed: list[dict], schemas: dict
) -> dict:
    """The reader page's JSON-LD: the dataset and a download for every file listed so far."""
    return {
        "@context": {"@vocab": SCHEMA_ORG, "sc": SCHEMA_ORG},
        **dataset(package, titles, citation),
        "distribution": [download(resource, schemas) for resource in listed],
    }


def download(resource: dict, schemas: dict) -> dict:
    """A file as a `DataDownload`; a table's file is described by its Table Schema."""
    table = resource["name"].removesuffix("-parquet")
    return {
        "@type": "sc:DataDownload",
        "name": resource["name"],
        "description": resource.get("description") or schemas[table]["description"],
        **file_facts(resource, resource["mediatype"]),
    }


def file_facts(resource: dict, mediatype: str) -> dict:
    """Where a descriptor entry's file is, beside the JSON-LD in dist/, its type, size and hash."""
    return {
        "contentUrl": resource["path"].removeprefix("dist/"),
        "encodingFormat": mediatype,
        "contentSize": f"{resource['bytes']} B",
        "sha256": resource["hash"].removeprefix("sha256:"),
    }
