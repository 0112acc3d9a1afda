"""The README cannot drift: its data dictionary and its examples are checked here."""

import re
import subprocess
import sys

import pytest

from conftest import ROOT
from gsipaper.docs import with_dictionary
from gsipaper.schemas import load_schemas

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, re.S)


def test_data_dictionary_is_generated_from_the_schemas():
    assert with_dictionary(README, load_schemas(ROOT / "schemas")) == README, (
        "README.md is out of date: run `make build`"
    )


def test_quick_start_is_two_commands_in_one_block():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick_start, re.S)
    assert blocks == ["make build\nmake test\n"]


def test_there_are_examples_to_run():
    assert len(PYTHON_BLOCKS) >= 4


@pytest.mark.parametrize("code", PYTHON_BLOCKS, ids=lambda code: code.split("\n")[0])
def test_readme_example_runs(code):
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
