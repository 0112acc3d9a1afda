"""The README's data dictionary, generated from the Table Schemas."""

from __future__ import annotations

import re

from gsipaper.errors import SourceError

START = "<!-- data-dictionary:start (generated from schemas/ by the build) -->"
END = "<!-- data-dictionary:end -->"
BLOCK = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)


def data_dictionary(schemas: dict[str, dict]) -> str:
    parts = [START]
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
    return "\n".join([*parts, "", END])


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


def with_dictionary(readme: str, schemas: dict[str, dict]) -> str:
    if not BLOCK.search(readme):
        raise SourceError("no data-dictionary markers", f"{START} … {END}", file="README.md")
    return BLOCK.sub(lambda _: data_dictionary(schemas), readme)
