"""The SQLite database: tables and their Table Schemas → the bytes of one database file.

Every constraint is derived from the schema: `required` → NOT NULL, `enum` →
CHECK IN, `minimum`/`maximum` → CHECK, booleans → CHECK IN (0, 1), `unique` and
`uniqueKeys` → UNIQUE, `primaryKey` → PRIMARY KEY, `foreignKeys` → FOREIGN KEY
with an index. Patterns are not enforced: SQLite has no regular expressions
built in.
"""

from __future__ import annotations

import pyarrow as pa

from gsipaper.project.schemas import check_columns, column_names, is_required

__all__ = ["database_bytes", "side_by_side"]  # the rest are its own helpers

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}

# The side-by-side view, column by column: (name, table alias, field of that table).
# Its Table Schema, schemas/side_by_side.json, must name the same columns in this order.
SIDE_BY_SIDE = (
    ("position", "a", "position"),
    ("unit_id", "a", "unit_id"),
    ("section", "a", "section"),
    ("section_title_en", "s", "title_en"),
    ("section_title_zh", "s", "title_zh"),
    ("commitment", "a", "commitment"),
    ("priority", "a", "priority"),
    ("item", "a", "item"),
    ("marker_en", "en", "marker"),
    ("text_en", "a", "text_en"),
    ("marker_zh", "zh", "marker"),
    ("text_zh", "a", "text_zh"),
)
VIEW_TABLES = {"a": "alignments", "s": "sections", "en": "paragraphs", "zh": "paragraphs"}
VIEW_FROM = """FROM alignments AS a
JOIN sections AS s ON s.section = a.section
LEFT JOIN paragraphs AS en ON en.paragraph_id = a.en_paragraph_id
LEFT JOIN paragraphs AS zh ON zh.paragraph_id = a.zh_paragraph_id
ORDER BY a.position"""


def database_bytes(
    tables: dict[str, pa.Table], schemas: dict[str, dict], views: dict[str, dict]
) -> bytes:
    """Rows that break a key fail the commit (sqlite3.IntegrityError): keys are deferred."""
    import sqlite3

    # Autocommit, so that the one explicit transaction below is the only one.
    connection = sqlite3.connect(":memory:", isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN")
        for statement in ddl(schemas, views):
            connection.execute(statement)
        for name, table in tables.items():
            insert(connection, name, table, column_names(schemas[name]))
        connection.execute("COMMIT")
        connection.execute("VACUUM")
        return connection.serialize()
    finally:
        connection.close()


def ddl(schemas: dict[str, dict], views: dict[str, dict]) -> list[str]:
    statements = [create_table(name, schema) for name, schema in schemas.items()]
    for name, schema in schemas.items():
        statements += create_indexes(name, schema)
    if set(VIEW_TABLES.values()) <= schemas.keys():
        check_columns("side_by_side", [name for name, _, _ in SIDE_BY_SIDE], views["side_by_side"])
        statements.append(side_by_side_view())
    return statements


def create_table(name: str, schema: dict) -> str:
    primary_key = schema.get("primaryKey", [])
    lines = [column(field, primary_key) for field in schema["fields"]]
    if primary_key:
        lines.append(f"PRIMARY KEY ({identifiers(primary_key)})")
    lines += [f"UNIQUE ({identifiers(key)})" for key in schema.get("uniqueKeys", [])]
    lines += [foreign_key_clause(name, key) for key in schema.get("foreignKeys", [])]
    body = ",\n    ".join(lines)
    return f"CREATE TABLE {identifier(name)} (\n    {body}\n)"


def column(field: dict, primary_key: list[str]) -> str:
    name, constraints = field["name"], field.get("constraints", {})
    parts = [identifier(name), SQL_TYPES[field["type"]]]
    if is_required(field):
        parts.append("NOT NULL")
    if constraints.get("unique") and primary_key != [name]:
        parts.append("UNIQUE")
    parts += [f"CHECK ({check})" for check in checks(field)]
    return " ".join(parts)


def checks(field: dict) -> list[str]:
    name, constraints = identifier(field["name"]), field.get("constraints", {})
    found = []
    if field["type"] == "boolean":
        found.append(f"{name} IN (0, 1)")
    if "enum" in constraints:
        found.append(f"{name} IN ({', '.join(literal(v) for v in constraints['enum'])})")
    if "minimum" in constraints:
        found.append(f"{name} >= {literal(constraints['minimum'])}")
    if "maximum" in constraints:
        found.append(f"{name} <= {literal(constraints['maximum'])}")
    return found


def foreign_key_clause(name: str, key: dict) -> str:
    reference = key["reference"]
    # Table Schema names the table it is in with an empty resource.
    target = reference["resource"] or name
    # Deferred: paragraphs and alignments refer to each other, so a row of
    # either can only be checked once both are in.
    return (
        f"FOREIGN KEY ({identifiers(key['fields'])}) "
        f"REFERENCES {identifier(target)} ({identifiers(reference['fields'])}) "
        "DEFERRABLE INITIALLY DEFERRED"
    )


def create_indexes(name: str, schema: dict) -> list[str]:
    """An index per foreign key; primary and unique keys have SQLite's own."""
    return [
        f"CREATE INDEX {identifier(name + '_' + '_'.join(key['fields']))} "
        f"ON {identifier(name)} ({identifiers(key['fields'])})"
        for key in schema.get("foreignKeys", [])
    ]


def insert(connection, name: str, table: pa.Table, columns: list[str]) -> None:
    values = [table.column(column).to_pylist() for column in columns]
    placeholders = ", ".join("?" * len(columns))
    connection.executemany(
        f"INSERT INTO {identifier(name)} ({identifiers(columns)}) VALUES ({placeholders})",
        zip(*values, strict=True),
    )


def side_by_side_view() -> str:
    columns = ",\n    ".join(
        f"{alias}.{identifier(field)} AS {identifier(name)}" for name, alias, field in SIDE_BY_SIDE
    )
    return f"CREATE VIEW side_by_side AS\nSELECT\n    {columns}\n{VIEW_FROM}"


def side_by_side(database: bytes) -> tuple[list[str], list[tuple]]:
    """The header and rows of the side-by-side view of a database."""
    import sqlite3

    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(database)
        cursor = connection.execute("SELECT * FROM side_by_side")
        return [column[0] for column in cursor.description], cursor.fetchall()
    finally:
        connection.close()


def identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def identifiers(names: list[str]) -> str:
    return ", ".join(identifier(name) for name in names)


def literal(value) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return str(value)
