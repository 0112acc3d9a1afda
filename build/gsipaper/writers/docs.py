"""The data dictionary, docs/data-dictionary.md, generated from the Table Schemas."""

from __future__ import annotations

__all__ = ["DICTIONARY_PATH", "constraint_text", "data_dictionary"]  # the rest are its own helpers

DICTIONARY_PATH = "docs/data-dictionary.md"
HEADER = (
    "# Data dictionary\n\n"
    "<!-- Written by the build from schemas/: edits here are lost. -->\n\n"
    "Every table of the package, its files, keys and columns, as its Table Schema in "
    "`schemas/` declares them. The same words describe the columns in the descriptor, the "
    "workbook's about sheet, Datasette and the reader page.\n"
)


def data_dictionary(schemas: dict[str, dict]) -> str:
    parts = [HEADER.rstrip("\n")]
    for name, schema in schemas.items():
        parts += [
            "",
            f"### `{name}`",
            "",
            schema["description"],
            "",
            f"Files: `dist/{name}.csv`, `dist/{name}.parquet`; also the sheet and the SQLite "
            f"table `{name}`. Primary key: {', '.join(f'`{k}`' for k in schema['primaryKey'])}.",
            "",
            "| column | type | required | constraints | description |",
            "|---|---|---|---|---|",
            *(row(field) for field in schema["fields"]),
        ]
        foreign = [foreign_key_text(key) for key in schema.get("foreignKeys", [])]
        if foreign:
            parts += ["", "Foreign keys: " + "; ".join(foreign) + "."]
    return "\n".join(parts) + "\n"


def row(field: dict) -> str:
    constraints = dict(field.get("constraints", {}))
    required = "yes" if constraints.pop("required", False) else ""
    shown = ", ".join(constraint_text(key, value) for key, value in constraints.items())
    cells = [f"`{field['name']}`", field["type"], required, shown, field["description"]]
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def constraint_text(key: str, value) -> str:
    if key == "enum":
        return "one of " + ", ".join(f"`{v}`" for v in value)
    if key == "pattern":
        return f"pattern `{value}`"
    if key == "unique":
        return "unique"
    return f"{key} {value}"


def foreign_key_text(key: dict) -> str:
    reference = key["reference"]
    return f"`{key['fields'][0]}` → `{reference['resource']}.{reference['fields'][0]}`"
