"""The Table Schemas in schemas/ are the one statement of columns, types and limits."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from gsipaper.errors import SchemaMismatch, SourceError

__all__ = [
    "RESOURCES",
    "VIEWS",
    "Limits",
    "arrow_schema",
    "check_columns",
    "check_schema",
    "column_names",
    "is_required",
    "limits_of",
    "schema_file",
]  # the rest are its own helpers

RESOURCES = (
    "paragraphs",
    "sections",
    "commitments",
    "alignments",
    "sentences",
    "sentence_links",
)
VIEWS = ("side_by_side",)
ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
}
FIELD_PROPERTIES = ("name", "type", "description")


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


def field_of(table_schema: dict, name: str) -> dict:
    return next(field for field in table_schema["fields"] if field["name"] == name)


def constraint(table_schema: dict, field: str, name: str):
    """A constraint the schema states, such as the most commitments there are."""
    return field_of(table_schema, field)["constraints"][name]


def check_columns(name: str, columns: list[str], table_schema: dict) -> None:
    """The columns the code makes must be the schema's fields, in its order."""
    declared = column_names(table_schema)
    if columns != declared:
        extra = [c for c in columns if c not in declared]
        missing = [c for c in declared if c not in columns]
        problem = (
            f"the build makes column {extra[0]!r}, which the schema does not declare"
            if extra
            else f"the build makes no column {missing[0]!r}"
            if missing
            else "the build makes the columns in another order"
        )
        raise SchemaMismatch(f"{schema_file(name)}: {problem} (the fields {', '.join(declared)})")


def check_schema(table_schema: object, where: str) -> None:
    """Enough of a Table Schema for the build to read; the rest is frictionless's to check."""
    if not isinstance(table_schema, dict) or not isinstance(table_schema.get("fields"), list):
        raise SourceError("no list of fields", "a Table Schema with fields", file=where)
    for number, field in enumerate(table_schema["fields"], start=1):
        if not isinstance(field, dict):
            raise SourceError(f"field {number} is not an object", "a field object", file=where)
        for key in FIELD_PROPERTIES:
            if not isinstance(field.get(key), str):
                raise SourceError(
                    f"field {number} has no {key}",
                    f"every field with {', '.join(FIELD_PROPERTIES)}",
                    file=where,
                )
        if field["type"] not in ARROW_TYPES:
            raise SourceError(
                f"field {field['name']} has type {field['type']}",
                f"one of {', '.join(ARROW_TYPES)}",
                file=where,
            )


def schema_file(name: str) -> str:
    return f"schemas/{name}.json"


@dataclass(frozen=True, slots=True)
class Limits:
    """What the schemas allow that the stages before the tables must already hold to."""

    commitments: int  # the most commitments section II has
    text_length: int  # the most characters in a paragraph: what one spreadsheet cell holds


def limits_of(schemas: dict[str, dict]) -> Limits:
    return Limits(
        commitments=constraint(schemas["commitments"], "commitment", "maximum"),
        text_length=constraint(schemas["paragraphs"], "text", "maxLength"),
    )
