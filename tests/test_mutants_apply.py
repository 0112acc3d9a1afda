"""Every hand-made mutant of tests/mutants.py still names text found exactly once in the
code: a move or an edit that loses one would make `make mutants` test nothing there."""

import pytest

import mutants


@pytest.mark.parametrize("mutant", mutants.MUTANTS, ids=lambda mutant: mutant.bug)
def test_each_mutant_replaces_text_found_exactly_once(mutant):
    code = (mutants.CODE / mutant.file).read_text(encoding="utf-8")
    assert code.count(mutant.old) == 1
    assert mutant.new != mutant.old
