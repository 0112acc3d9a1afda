"""The SQLite database: the published data, with every key and check of the schemas enforced."""

import sqlite3

import pyarrow as pa
import pytest

from gsipaper.project.load import load_project
from gsipaper.project.schemas import RESOURCES, arrow_schema, column_names, is_required
from gsipaper.writers.database import database_bytes
from support.project import ROOT

PROJECT = load_project(ROOT)
SCHEMAS = PROJECT.schemas


@pytest.fixture(scope="module")
def db(database):
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        yield connection


@pytest.fixture
def copy(database):
    """A writable copy in memory, foreign keys on, as a user who edits it would have."""
    connection = sqlite3.connect(":memory:")
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as source:
        source.backup(connection)
    connection.execute("PRAGMA foreign_keys = ON")
    yield connection
    connection.close()


def test_one_table_per_resource_and_the_side_by_side_view(db):
    objects = db.execute("SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'view')")
    assert sorted(objects) == sorted(
        [("table", name) for name in RESOURCES] + [("view", "side_by_side")]
    )


@pytest.mark.parametrize("name", RESOURCES)
def test_each_table_holds_the_published_table(db, published, schemas, name):
    columns = column_names(schemas[name])
    rows = db.execute(f"SELECT {', '.join(columns)} FROM {name}").fetchall()
    booleans = {f["name"] for f in schemas[name]["fields"] if f["type"] == "boolean"}
    as_read = [
        {c: bool(v) if c in booleans else v for c, v in zip(columns, row, strict=True)}
        for row in rows
    ]
    assert as_read == published[name]


def test_database_is_intact_and_every_foreign_key_resolves(db):
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.mark.parametrize("name", RESOURCES)
def test_columns_keys_and_indexes_follow_the_schema(db, schemas, name):
    schema = schemas[name]
    info = db.execute(f"PRAGMA table_info({name})").fetchall()
    assert [(row[1], bool(row[3])) for row in info] == [
        (field["name"], is_required(field)) for field in schema["fields"]
    ]
    primary = sorted((row[5], row[1]) for row in info if row[5])
    assert [column for _, column in primary] == schema["primaryKey"]
    foreign = {(row[3], row[2], row[4]) for row in db.execute(f"PRAGMA foreign_key_list({name})")}
    assert foreign == {
        (key["fields"][0], key["reference"]["resource"], key["reference"]["fields"][0])
        for key in schema.get("foreignKeys", [])
    }
    indexed = {
        db.execute(f"PRAGMA index_info({index[1]})").fetchone()[2]
        for index in db.execute(f"PRAGMA index_list({name})")
    }
    assert {key["fields"][0] for key in schema.get("foreignKeys", [])} <= indexed


def violations(schemas):
    """One value per constraint of the schemas, and what must refuse it: CHECK or NOT NULL."""
    for name, schema in schemas.items():
        for field in schema["fields"]:
            constraints = field.get("constraints", {})
            column = (name, field["name"])
            check = "CHECK constraint failed"
            if field["type"] == "boolean":
                yield pytest.param(*column, 2, check, id=f"{name}.{field['name']}-boolean")
            if "enum" in constraints:
                yield pytest.param(*column, "xx", check, id=f"{name}.{field['name']}-enum")
            if "minimum" in constraints:
                below = constraints["minimum"] - 1
                yield pytest.param(*column, below, check, id=f"{name}.{field['name']}-minimum")
            if "maximum" in constraints:
                above = constraints["maximum"] + 1
                yield pytest.param(*column, above, check, id=f"{name}.{field['name']}-maximum")
            if constraints.get("required"):
                # An integer primary key is SQLite's rowid: it refuses NULL as a datatype mismatch.
                rowid = schema["primaryKey"] == [field["name"]] and field["type"] == "integer"
                refusal = "datatype mismatch" if rowid else "NOT NULL constraint failed"
                yield pytest.param(*column, None, refusal, id=f"{name}.{field['name']}-required")


@pytest.mark.parametrize("foreign_keys", ["ON", "OFF"])
@pytest.mark.parametrize(("table", "column", "value", "refusal"), list(violations(SCHEMAS)))
def test_every_constraint_is_enforced_by_its_own_mechanism(
    copy, foreign_keys, table, column, value, refusal
):
    """With foreign keys off too, so that a broken key cannot stand in for a missing CHECK."""
    copy.execute(f"PRAGMA foreign_keys = {foreign_keys}")
    with pytest.raises(sqlite3.IntegrityError) as refused, copy:
        copy.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = 1", (value,))
    assert str(refused.value).startswith(refusal), refused.value


def test_foreign_keys_are_enforced_when_a_user_turns_them_on(copy):
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"), copy:
        copy.execute("UPDATE paragraphs SET section = 9 WHERE paragraph_id = 'en-s1-01'")
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"), copy:
        copy.execute("DELETE FROM sections WHERE section = 1")


def test_primary_and_unique_keys_are_enforced(copy):
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"), copy:
        copy.execute(
            "UPDATE paragraphs SET paragraph_id = 'en-s1-02' WHERE paragraph_id = 'en-s1-01'"
        )
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"), copy:
        copy.execute("UPDATE paragraphs SET position = 2 WHERE paragraph_id = 'en-s1-01'")


def test_side_by_side_view_keeps_the_chinese_text(db, published):
    rows = db.execute("SELECT unit_id, text_en, text_zh FROM side_by_side").fetchall()
    assert rows == [(a["unit_id"], a["text_en"], a["text_zh"]) for a in published["alignments"]]


TINY = {
    "fields": [
        {"name": "id", "type": "integer", "constraints": {"required": True}},
        {"name": "kind", "type": "string", "constraints": {"enum": ["it's", "b"]}},
        {"name": "parent", "type": "integer"},
    ],
    "primaryKey": ["id"],
    "foreignKeys": [{"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}}],
}


def tiny_tables(rows: list[dict]) -> dict[str, pa.Table]:
    described = {**TINY, "fields": [{**field, "description": ""} for field in TINY["fields"]]}
    return {"tiny": pa.Table.from_pylist(rows, schema=arrow_schema(described))}


def test_a_self_reference_and_a_quote_in_an_enum_value_are_written_right():
    rows = [{"id": 1, "kind": "it's", "parent": None}, {"id": 2, "kind": "b", "parent": 1}]
    data = database_bytes(tiny_tables(rows), {"tiny": TINY}, {})
    connection = sqlite3.connect(":memory:")
    connection.deserialize(data)
    assert connection.execute("SELECT * FROM tiny").fetchall() == [(1, "it's", None), (2, "b", 1)]
    assert connection.execute("SELECT name FROM sqlite_schema WHERE type = 'view'").fetchall() == []
    assert data == database_bytes(tiny_tables(rows), {"tiny": TINY}, {})


def test_rows_that_break_a_key_are_refused():
    rows = [{"id": 1, "kind": "b", "parent": 7}]
    with pytest.raises(sqlite3.IntegrityError):
        database_bytes(tiny_tables(rows), {"tiny": TINY}, {})
