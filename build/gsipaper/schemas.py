"""The Table Schemas in schemas/ are the one statement of columns and types."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

RESOURCES = (
    "paragraphs",
    "sections",
    "commitments",
    "alignments",
    "sentences",
    "sentence_links",
)
ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
}


def load_schemas(directory: Path) -> dict[str, dict]:
    return {
        name: json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
        for name in RESOURCES
    }


def arrow_schema(table_schema: dict) -> pa.Schema:
    return pa.schema(
        pa.field(
            field["name"],
            ARROW_TYPES[field["type"]],
            nullable=not is_required(field),
            metadata={"description": field["description"]},
        )
        for field in table_schema["fields"]
    )


def is_required(field: dict) -> bool:
    return bool(field.get("constraints", {}).get("required"))


def column_names(table_schema: dict) -> list[str]:
    return [field["name"] for field in table_schema["fields"]]
