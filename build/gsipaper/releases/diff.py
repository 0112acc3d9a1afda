"""Diff: two published packages → the rows and columns that differ between them.

Rows are matched by primary key (its columns joined with |, as text): a key only
the new package has is added, one only the old has is removed, and a key both
have is changed where any column both have differs (nulls equal each other only).
Matching and comparing are pyarrow joins and compute kernels; only the rows that
differ come back to Python. Tables and columns that one package lacks are
schema changes; the rows of a table only one package has are all added or removed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from gsipaper.releases.packages import Published, key_values

__all__ = ["as_json", "as_text", "diff"]  # the rest are its own helpers

KEY, ROW = "__key", "__row"
SHORT = 60  # characters of a value shown in the human output


@dataclass(frozen=True, slots=True)
class TableDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, dict[str, list]] = field(default_factory=dict)  # key → column → [old, new]
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    retyped: dict[str, list[str]] = field(default_factory=dict)  # column → [old type, new type]

    @property
    def same(self) -> bool:
        rows = self.added or self.removed or self.changed
        return not (rows or self.columns_added or self.columns_removed or self.retyped)


@dataclass(frozen=True, slots=True)
class Diff:
    tables: dict[str, TableDiff]
    tables_added: list[str]
    tables_removed: list[str]

    @property
    def same(self) -> bool:
        return all(table.same for table in self.tables.values())


def diff(old: Published, new: Published) -> Diff:
    names = [*new.tables, *(name for name in old.tables if name not in new.tables)]
    tables = {}
    for name in names:
        before, after = old.tables.get(name), new.tables.get(name)
        if before is None:
            tables[name] = TableDiff(added=keys(after, new.schemas[name]))
        elif after is None:
            tables[name] = TableDiff(removed=keys(before, old.schemas[name]))
        else:
            tables[name] = table_diff(before, after, old.schemas[name], new.schemas[name])
    return Diff(
        tables,
        tables_added=[name for name in new.tables if name not in old.tables],
        tables_removed=[name for name in old.tables if name not in new.tables],
    )


def keys(table: pa.Table, schema: dict) -> list[str]:
    return key_values(table, primary_key(schema)).to_pylist()


def primary_key(schema: dict) -> list[str]:
    key = schema["primaryKey"]
    return [key] if isinstance(key, str) else list(key)


def table_diff(old: pa.Table, new: pa.Table, old_schema: dict, new_schema: dict) -> TableDiff:
    old_keys = key_values(old, primary_key(old_schema))
    new_keys = key_values(new, primary_key(new_schema))
    common = [name for name in new.column_names if name in old.column_names]
    old_types, new_types = schema_types(old_schema), schema_types(new_schema)
    return TableDiff(
        added=new_keys.filter(pc.invert(pc.is_in(new_keys, value_set=old_keys))).to_pylist(),
        removed=old_keys.filter(pc.invert(pc.is_in(old_keys, value_set=new_keys))).to_pylist(),
        changed=changed_rows(old, new, old_keys, new_keys, common),
        columns_added=[name for name in new.column_names if name not in old.column_names],
        columns_removed=[name for name in old.column_names if name not in new.column_names],
        retyped={
            name: [old_types[name], new_types[name]]
            for name in common
            if old_types.get(name) != new_types.get(name)
        },
    )


def schema_types(schema: dict) -> dict[str, str]:
    return {f["name"]: f.get("type", "string") for f in schema.get("fields", [])}


def changed_rows(
    old: pa.Table, new: pa.Table, old_keys: pa.Array, new_keys: pa.Array, columns: list[str]
) -> dict[str, dict[str, list]]:
    """The rows both tables have whose values differ, in the new table's order."""
    before = old.select(columns).rename_columns([f"old {c}" for c in columns])
    after = new.select(columns).rename_columns([f"new {c}" for c in columns])
    before = before.append_column(KEY, old_keys)
    after = after.append_column(KEY, new_keys).append_column(ROW, pa.array(range(new.num_rows)))
    joined = after.join(before, KEY, join_type="inner").sort_by(ROW)
    differs = {c: differing(joined[f"old {c}"], joined[f"new {c}"]) for c in columns}
    any_differs = pa.array([False] * joined.num_rows, pa.bool_())
    for mask in differs.values():
        any_differs = pc.or_(any_differs, mask)
    rows = joined.filter(any_differs)
    masks = {c: pc.filter(mask, any_differs).to_pylist() for c, mask in differs.items()}
    values = {c: (rows[f"old {c}"].to_pylist(), rows[f"new {c}"].to_pylist()) for c in columns}
    changed = {}
    for index, key in enumerate(rows[KEY].to_pylist()):
        changed[key] = {
            c: [values[c][0][index], values[c][1][index]] for c in columns if masks[c][index]
        }
    return changed


def differing(old: pa.ChunkedArray, new: pa.ChunkedArray) -> pa.Array:
    """True where the values differ; two nulls are the same, a null and a value are not."""
    if old.type != new.type:
        old, new = pc.cast(old, pa.string()), pc.cast(new, pa.string())
    equal = pc.fill_null(pc.equal(old, new), False)
    both_null = pc.and_(pc.is_null(old), pc.is_null(new))
    differ = pc.invert(pc.or_(equal, both_null))
    return differ.combine_chunks() if isinstance(differ, pa.ChunkedArray) else differ


def as_json(result: Diff) -> str:
    """`{"tables": {NAME: {"added", "removed", "changed"}}, "schema": {…}}`, values whole."""
    columns = {
        name: {
            "added": table.columns_added,
            "removed": table.columns_removed,
            "retyped": table.retyped,
        }
        for name, table in result.tables.items()
        if table.columns_added or table.columns_removed or table.retyped
    }
    value = {
        "tables": {
            name: {"added": table.added, "removed": table.removed, "changed": table.changed}
            for name, table in result.tables.items()
        },
        "schema": {
            "tables_added": result.tables_added,
            "tables_removed": result.tables_removed,
            "columns": columns,
        },
    }
    return json.dumps(value, ensure_ascii=False, indent=2)


def as_text(result: Diff) -> str:
    """One summary line per table, then its rows: + added, - removed, ~ changed."""
    lines = []
    for name, table in result.tables.items():
        lines.append(summary(name, table, result))
        lines += [f"  + {key}" for key in table.added]
        lines += [f"  - {key}" for key in table.removed]
        for key, columns in table.changed.items():
            lines.append(f"  ~ {key}")
            lines += [
                f"      {column}: {shortened(old)} → {shortened(new)}"
                for column, (old, new) in columns.items()
            ]
    lines.append("the packages are the same" if result.same else "the packages differ")
    return "\n".join(lines)


def summary(name: str, table: TableDiff, result: Diff) -> str:
    """`paragraphs: 2 added, 0 removed, 3 changed; column item added`, or `…: same`."""
    if table.same:
        return f"{name}: same"
    counts = f"{len(table.added)} added, {len(table.removed)} removed, {len(table.changed)} changed"
    notes = []
    if name in result.tables_added:
        notes.append("table added")
    if name in result.tables_removed:
        notes.append("table removed")
    notes += [f"column {column} added" for column in table.columns_added]
    notes += [f"column {column} removed" for column in table.columns_removed]
    notes += [f"column {c} {old} → {new}" for c, (old, new) in table.retyped.items()]
    return f"{name}: {'; '.join([counts, *notes])}"


def shortened(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    if len(text) <= SHORT:
        return text
    half = (SHORT - 3) // 2
    return f"{text[:half]} … {text[-half:]}"
