"""W3C CSV on the Web (CSVW): the CSV files described for the tools that read that standard.

`dist/csv-metadata.json` is the table group of every table's CSV file, with the Table
Schemas' columns, datatypes, required columns, patterns, bounds, lengths and keys.
CSVW names a file's metadata `csv-metadata.json` beside it, so its tools find it.
"""

from __future__ import annotations

import re

from gsipaper.formats import CSV_DIALECT

__all__ = ["csvw_metadata"]  # the rest are its own helpers

CONTEXT = ["http://www.w3.org/ns/csvw", {"@language": "en"}]
# Table Schema types → CSVW datatypes (XML Schema's).
DATATYPES = {
    "string": "string",
    "integer": "integer",
    "number": "double",
    "boolean": "boolean",
    "date": "date",
    "datetime": "datetime",
}
# Table Schema constraint → CSVW datatype property.
BOUNDS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "minLength": "minLength",
    "maxLength": "maxLength",
}


def csvw_metadata(package: dict, schemas: dict) -> dict:
    tables = [r for r in package["resources"] if r.get("type") == "table" and r["format"] == "csv"]
    return {
        "@context": CONTEXT,
        "dc:title": package["title"],
        "dc:description": package["description"],
        "dc:license": {"@id": package["licenses"][0]["path"]},
        "dcat:keyword": package["keywords"],
        "schema:version": package["version"],
        "dialect": dialect(),
        "tables": [table(resource, schemas[resource["name"]]) for resource in tables],
    }


def dialect() -> dict:
    return {
        "encoding": "utf-8",
        "delimiter": CSV_DIALECT["delimiter"],
        "quoteChar": CSV_DIALECT["quoteChar"],
        "doubleQuote": CSV_DIALECT["doubleQuote"],
        "header": CSV_DIALECT["header"],
        "lineTerminators": [CSV_DIALECT["lineTerminator"]],
    }


def table(resource: dict, schema: dict) -> dict:
    described: dict = {
        "url": resource["path"].removeprefix("dist/"),
        "dc:description": schema["description"],
        "tableSchema": {
            "columns": [column(field, schema) for field in schema["fields"]],
            "primaryKey": schema["primaryKey"],
        },
    }
    if "foreignKeys" in schema:
        described["tableSchema"]["foreignKeys"] = [
            {
                "columnReference": key["fields"],
                "reference": {
                    "resource": f"{key['reference']['resource']}.csv",
                    "columnReference": key["reference"]["fields"],
                },
            }
            for key in schema["foreignKeys"]
        ]
    return described


def column(field: dict, schema: dict) -> dict:
    constraints = field.get("constraints", {})
    datatype: dict = {"base": DATATYPES[field["type"]]}
    if field["type"] == "boolean":
        datatype["format"] = "true|false"
    for constraint, name in BOUNDS.items():
        if constraint in constraints:
            datatype[name] = constraints[constraint]
    if "pattern" in constraints:
        datatype["format"] = constraints["pattern"]
    elif "enum" in constraints and field["type"] == "string":
        datatype["format"] = "^(?:" + "|".join(map(re.escape, constraints["enum"])) + ")$"
    described = {
        "name": field["name"],
        "titles": field["name"],
        "dc:description": field["description"],
        "datatype": datatype,
        "required": bool(constraints.get("required")),
        "null": field.get("missingValues", schema.get("missingValues", [""])),
    }
    return described
