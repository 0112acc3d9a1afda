"""Fixtures: the package built now, once per test session (and per xdist worker)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from gsipaper.formats import read_csv
from gsipaper.project.load import load_project
from gsipaper.project.schemas import RESOURCES
from support.project import ROOT, SOURCE, VERSION, build_into

# No deadline and no check that examples come fast: both are wall-clock asserts, which
# fail on a busy machine.
UNTIMED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("default", max_examples=40, **UNTIMED)
settings.register_profile("thorough", max_examples=400, **UNTIMED)


def pytest_collection_modifyitems(items):
    for item in items:
        if "browser" in item.nodeid.split("::")[0]:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The package as the code builds it now, in a directory of its own."""
    return build_into(tmp_path_factory.mktemp("built"))


@pytest.fixture(scope="session")
def dist(built) -> Path:
    return built / "dist"


@pytest.fixture(scope="session")
def workbook(dist) -> Path:
    return dist / "gsi-concept-paper.xlsx"


@pytest.fixture(scope="session")
def database(dist) -> Path:
    return dist / "gsi-concept-paper.sqlite"


@pytest.fixture(scope="session")
def archive(dist) -> Path:
    return dist / f"gsi-concept-paper-{VERSION}.zip"


@pytest.fixture(scope="session")
def descriptor(built) -> dict:
    return json.loads((built / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def schemas() -> dict:
    return load_project(ROOT).schemas


@pytest.fixture(scope="session")
def published(dist, schemas) -> dict:
    """The built CSV tables as lists of row dicts, typed by their schemas."""
    return {name: read_csv(dist / f"{name}.csv", schemas[name]).to_pylist() for name in RESOURCES}


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")
