"""gsipaper.tables() and gsipaper.load(): the published tables, as Arrow or pandas."""

import importlib
import pkgutil

import pandas as pd
import pytest

import gsipaper
from gsipaper.project.schemas import RESOURCES


def test_tables_names_every_published_table_in_order():
    assert gsipaper.tables() == list(RESOURCES)


@pytest.mark.parametrize("name", RESOURCES)
def test_load_gives_each_table_as_the_fresh_build_publishes_it(name, published):
    assert gsipaper.load(name, as_="arrow").to_pylist() == published[name]


def test_load_gives_pandas_with_nullable_integers_and_booleans():
    paragraphs = gsipaper.load("paragraphs")
    assert isinstance(paragraphs, pd.DataFrame)
    assert paragraphs["commitment"].dtype == pd.Int64Dtype()
    assert paragraphs["truncated"].dtype == pd.BooleanDtype()
    assert paragraphs["commitment"].isna().any() and paragraphs["commitment"].notna().any()


def test_load_refuses_a_table_or_a_form_it_does_not_have():
    with pytest.raises(ValueError, match="one of paragraphs, sections"):
        gsipaper.load("paragraph")
    with pytest.raises(ValueError, match="pandas, arrow"):
        gsipaper.load("paragraphs", as_="polars")


def test_tables_and_load_stay_functions_once_every_module_is_imported():
    """A subpackage of the same name would replace the function on first import."""
    for module in pkgutil.walk_packages(gsipaper.__path__, "gsipaper."):
        if not module.name.endswith("__main__"):  # that one runs the command line
            importlib.import_module(module.name)
    assert callable(gsipaper.tables) and callable(gsipaper.load)
