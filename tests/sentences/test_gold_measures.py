"""The measures the alignment bench reports beside strict F1 (tests/support/gold.py)."""

from support.gold import coarsened, refinements, split_gold, strict_f1

VERSE = (((0, 1), (0, 1, 2)),)  # one gold link: two English sentences, three Chinese
FINER = [((0,), (0, 1)), ((1,), (2,))]


def test_a_gold_link_covered_exactly_by_finer_links_is_a_refinement():
    assert refinements(FINER, list(VERSE)) == [(VERSE[0], FINER)]
    assert strict_f1([FINER], [list(VERSE)]) == 0.0
    assert coarsened(FINER, list(VERSE)) == list(VERSE)
    assert strict_f1([coarsened(FINER, list(VERSE))], [list(VERSE)]) == 1.0


def test_links_that_cross_a_gold_link_or_leave_part_of_it_are_not_a_refinement():
    gold = [((0, 1), (0, 1)), ((2,), (2,))]
    crossing = [((0,), (0,)), ((1, 2), (1, 2))]
    partial = [((0,), (0,)), ((1,), ()), ((2,), (1, 2))]
    assert refinements(gold, gold) == []  # found exactly: not split
    assert refinements(crossing, gold) == []
    assert refinements(partial, gold) == []
    assert coarsened(crossing, gold) == crossing


def test_joining_keeps_the_links_outside_the_refined_gold_link_in_order():
    gold = [((0,), (0,)), ((1, 2), (1, 2, 3)), ((3,), (4,))]
    found = [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,))]
    assert coarsened(found, gold) == gold


def test_the_gold_with_only_the_finer_splits_is_the_most_such_an_aligner_can_score():
    gold = [((0,), (0,)), ((1, 2), (1, 2, 3)), ((3,), (4,))]
    found = [((0,), (1,)), ((), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,))]
    expected = [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,))]
    assert split_gold(found, gold) == expected
    assert strict_f1([found], [gold]) < strict_f1([split_gold(found, gold)], [gold]) < 1.0
