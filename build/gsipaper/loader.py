"""The published tables after `pip install gsipaper`: `tables()` and `load(name)`.

An installed wheel carries the Parquet files and the descriptor in
`gsipaper/published/` (see hatch_build.py); a checkout, or an editable install of one,
reads its own `dist/`. Either way the tables are the published ones, not a new build.
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["load", "tables"]  # the rest are its own helpers

FORMATS = ("pandas", "arrow")


def tables() -> list[str]:
    """The names of the published tables, in the descriptor's order."""
    return list(parquet_paths())


def load(name: str, as_: str = "pandas"):
    """The table `name` as a pandas DataFrame (nullable integers and booleans stay so), or
    as a pyarrow Table with `as_="arrow"`."""
    if as_ not in FORMATS:
        raise ValueError(f"as_ must be one of {', '.join(FORMATS)}, not {as_!r}")
    paths = parquet_paths()
    if name not in paths:
        raise ValueError(f"no table {name!r} in the package: one of {', '.join(paths)}")
    import pyarrow as pa
    import pyarrow.parquet as pq

    # Read on this thread alone: the tables are small, and a thread of Arrow's pool still at
    # work when Python exits can abort the process (apache/arrow#34314).
    data = pa.BufferReader(located(paths[name]).read_bytes())
    table = pq.read_table(data, use_threads=False, pre_buffer=False)
    return table if as_ == "arrow" else as_pandas(table)


def as_pandas(table):
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(
            "gsipaper.load gives pandas DataFrames once pandas is installed: "
            "pip install 'gsipaper[pandas]', or pass as_='arrow' for a pyarrow Table"
        ) from None
    import pyarrow as pa

    nullable = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    return table.to_pandas(types_mapper=nullable.get, use_threads=False)


def parquet_paths() -> dict[str, str]:
    """{table: its Parquet file's name}, from the descriptor."""
    descriptor = json.loads(located("datapackage.json").read_text(encoding="utf-8"))
    return {
        resource["name"].removesuffix("-parquet"): Path(resource["path"]).name
        for resource in descriptor["resources"]
        if resource.get("format") == "parquet"
    }


def located(name: str) -> Traversable:
    """The descriptor or a Parquet file: in the installed package, or else in the checkout
    this module is part of (the descriptor at its root, the tables in its dist/)."""
    installed = resources.files("gsipaper").joinpath("published")
    if installed.joinpath("datapackage.json").is_file():
        return installed.joinpath(name)
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "datapackage.json").is_file():
        return checkout / name if name == "datapackage.json" else checkout / "dist" / name
    raise FileNotFoundError(
        "gsipaper: no published tables: this installation carries none, "
        "and it is not part of a checkout with a datapackage.json"
    )
