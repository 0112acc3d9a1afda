"""Every hand-made mutant of tests/support/mutants.py still names text found exactly once in the
code: a move or an edit that loses one would make `make mutants` test nothing there."""

import pytest

from support import mutants


@pytest.mark.parametrize("mutant", mutants.MUTANTS, ids=lambda mutant: mutant.bug)
def test_each_mutant_replaces_text_found_exactly_once(mutant):
    code = (mutants.CODE / mutant.file).read_text(encoding="utf-8")
    assert code.count(mutant.old) == 1
    assert mutant.new != mutant.old


def test_a_misplaced_mutant_is_named_before_any_is_planted():
    wrong = mutants.Mutant("paper/read.py", "no such text in the reader", "x", "a lost mutant")
    assert mutants.misplaced([*mutants.MUTANTS[:2], wrong]) == [
        "paper/read.py: a lost mutant: the text to replace is found 0 times, not once"
    ]
