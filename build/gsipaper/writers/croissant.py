"""Croissant 1.0 (MLCommons): the package as ML dataset hubs and loaders read it.

The schema.org dataset (`gsipaper.writers.schema_org`), a `FileObject` with its
sha256 for every table's CSV and Parquet file, and a `RecordSet` per table whose
fields, types, descriptions and keys are its Table Schema's. Records are read from
the Parquet files, whose types are the schema's; a CSV reader would guess them.
"""

from __future__ import annotations

import graphlib

from gsipaper.writers.schema_org import DATA_TYPES, dataset, file_facts

__all__ = ["croissant"]  # the rest are its own helpers

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
# The context every Croissant 1.0 file declares (the specification's, as published).
CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
PARQUET = "application/x-parquet"  # Croissant's name for it


def croissant(package: dict, titles: dict[str, str], citation: str, schemas: dict) -> dict:
    tables = [r for r in package["resources"] if r.get("type") == "table" and r["format"] == "csv"]
    parquet = {r["name"].removesuffix("-parquet"): r for r in package["resources"]}
    kept = acyclic_references(schemas, [t["name"] for t in tables])
    return {
        "@context": CONTEXT,
        **dataset(package, titles, citation),
        "conformsTo": CONFORMS_TO,
        "citeAs": citation,
        "distribution": [
            file_object(resource, mediatype)
            for table in tables
            for resource, mediatype in ((table, "text/csv"), (parquet[table["name"]], PARQUET))
        ],
        "recordSet": [record_set(t["name"], schemas[t["name"]], kept) for t in tables],
    }


def file_object(resource: dict, mediatype: str) -> dict:
    facts = file_facts(resource, mediatype)
    name = facts["contentUrl"]
    return {"@type": "cr:FileObject", "@id": name, "name": name, **facts}


def record_set(name: str, schema: dict, kept: set[tuple[str, str]]) -> dict:
    references = {
        field: f"{key['reference']['resource']}/{referred}"
        for key in schema.get("foreignKeys", [])
        if (name, key["reference"]["resource"]) in kept
        for field, referred in zip(key["fields"], key["reference"]["fields"], strict=True)
    }
    fields = []
    for field in schema["fields"]:
        described = {
            "@type": "cr:Field",
            "@id": f"{name}/{field['name']}",
            "name": field["name"],
            "description": field["description"],
            "dataType": DATA_TYPES[field["type"]],
            "source": {
                "fileObject": {"@id": f"{name}.parquet"},
                "extract": {"column": field["name"]},
            },
        }
        if field["name"] in references:
            described["references"] = {"field": {"@id": references[field["name"]]}}
        fields.append(described)
    return {
        "@type": "cr:RecordSet",
        "@id": name,
        "name": name,
        "description": schema["description"],
        "key": [{"@id": f"{name}/{column}"} for column in schema["primaryKey"]],
        "field": fields,
    }


def acyclic_references(schemas: dict, tables: list[str]) -> set[tuple[str, str]]:
    """The (table, referred table) pairs Croissant can carry: its loaders refuse a circle of
    references, so a foreign key that would close one (alignments → paragraphs, after
    paragraphs → alignments) is left to the Table Schemas, which keep every one."""
    kept: set[tuple[str, str]] = set()
    for name in tables:
        for key in schemas[name].get("foreignKeys", []):
            pair = (name, key["reference"]["resource"])
            graph: dict[str, set[str]] = {}
            for source, target in kept | {pair}:
                graph.setdefault(source, set()).add(target)
            try:
                graphlib.TopologicalSorter(graph).prepare()
            except graphlib.CycleError:
                continue
            kept.add(pair)
    return kept
