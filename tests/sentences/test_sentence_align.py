"""Sentence alignment: the paper's hand-checked links, baselines, invariants, generated text."""

import itertools
import math
import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gsipaper import align_sentences, split_sentences
from gsipaper.pipeline import edition_of
from gsipaper.project.load import load_project
from gsipaper.project.schemas import limits_of
from gsipaper.sentences.align import estimated_variance, sentence_links
from gsipaper.sentences.costs import log_erfc
from gsipaper.sentences.model import (
    GALE_CHURCH_VARIANCE,
    LENGTH_ONLY,
    LINK_TYPES,
    MODEL,
    PRIORS,
    Model,
)
from gsipaper.tabulate.sentences import document_ratio
from support.gold import every_alignment, gold_links, ith_to_ith, length_and_prior_cost, strict_f1
from support.parallel import pair
from support.project import ROOT, SOURCE

GOLD = gold_links()


def paper_ratio() -> float:
    """The document's ratio, as the build measures it."""
    return document_ratio(edition_of(SOURCE.read_bytes(), limits_of(load_project(ROOT).schemas)))


def paper_pairs(published) -> tuple[list[str], list[tuple[list[str], list[str]]]]:
    """The units, and each unit's sentences as the package publishes them."""
    units = [row["unit_id"] for row in published["alignments"]]
    texts = {u: {"en": [], "zh": []} for u in units}
    for row in published["sentences"]:
        texts[row["unit_id"]][row["language"]].append(row["text"])
    return units, [(texts[u]["en"], texts[u]["zh"]) for u in units]


def found(links):
    return [(link.english, link.chinese) for link in links]


def test_the_published_links_are_the_hand_checked_ones(published):
    links = {}
    for row in published["sentence_links"]:
        en = tuple(int(i[-2:]) - 1 for i in (row["en_sentence_ids"] or "").split(";") if i)
        zh = tuple(int(i[-2:]) - 1 for i in (row["zh_sentence_ids"] or "").split(";") if i)
        links.setdefault(row["unit_id"], []).append((en, zh))
    assert links == GOLD
    assert strict_f1(list(links.values()), list(GOLD.values())) == 1.0


def test_the_api_gives_the_hand_checked_links_with_the_documents_ratio(published):
    ratio = paper_ratio()
    for row in published["alignments"]:
        english = split_sentences(row["text_en"] or "", "en")
        chinese = split_sentences(row["text_zh"] or "", "zh")
        links = align_sentences(english, chinese, ratio=ratio)
        assert [(tuple(e), tuple(z)) for e, z in links] == GOLD[row["unit_id"]], row["unit_id"]


def test_baselines_on_the_paper_fall_short(published):
    """The i-th sentence with the i-th, and Gale-Church by lengths alone, against the gold."""
    units, pairs = paper_pairs(published)
    expected = [GOLD[u] for u in units]
    naive = strict_f1([ith_to_ith(e, z) for e, z in pairs], expected)
    assert 0.5 < naive < 0.6
    links = sentence_links(pairs, ratio=paper_ratio(), model=LENGTH_ONLY)
    length_only = [found(ls) for ls in links]
    assert 0.85 < strict_f1(length_only, expected) < 0.95
    # It loses the 3-1 link of s2-06 (no such type) and the cut-off link of s3-02.
    wrong = {u for u, f, e in zip(units, length_only, expected, strict=True) if f != e}
    assert wrong == {"s2-06", "s3-02"}


def test_scores_are_probabilities_and_lower_where_the_lengths_leave_it_open(published):
    scores = {row["link_id"]: row["score"] for row in published["sentence_links"]}
    assert all(0 <= s <= 1 for s in scores.values())
    # A unit that only English has: each sentence is certainly a 1-0 link.
    assert scores["s3-03-01"] == scores["s3-03-02"] == 1.0
    assert min(scores.values()) < 1.0
    # Without the dictionary's evidence, the lengths leave more open.
    _, pairs = paper_pairs(published)
    unsure = sentence_links(pairs, ratio=paper_ratio(), model=replace(MODEL, lexical=False))
    assert min(link.score for links in unsure for link in links) < min(scores.values())


def is_alignment(links, english: int, chinese: int) -> bool:
    """Every sentence in exactly one link, in order, no crossing, allowed types only."""
    en = [i for e, _ in links for i in e]
    zh = [j for _, z in links for j in z]
    shapes = {(len(e), len(z)) for e, z in links} | {(len(z), len(e)) for e, z in links}
    allowed = set(LINK_TYPES)
    return en == list(range(english)) and zh == list(range(chinese)) and shapes <= allowed


FIXED = Model(PRIORS, variance=GALE_CHURCH_VARIANCE, lexical=False)  # nothing estimated

SENTENCE = st.text(alphabet="abcdefgh ", min_size=1, max_size=120).map(lambda t: t + ".")
HANZI_SENTENCE = st.text(alphabet="和平安全合作", min_size=1, max_size=40).map(lambda t: t + "。")


@settings(deadline=None)  # the first example loads the dictionary
@given(st.lists(SENTENCE, max_size=9), st.lists(HANZI_SENTENCE, max_size=9))
def test_any_two_lists_of_sentences_are_aligned_completely_in_order(english, chinese):
    links = align_sentences(english, chinese)
    assert is_alignment([(tuple(e), tuple(z)) for e, z in links], len(english), len(chinese))
    (scored,) = sentence_links([(english, chinese)])
    assert all(0 <= link.score <= 1 for link in scored)
    assert align_sentences(english, chinese) == links  # deterministic


@given(st.lists(st.tuples(st.lists(SENTENCE, max_size=5), st.lists(HANZI_SENTENCE, max_size=5))))
def test_aligning_pairs_together_is_aligning_each_alone(pairs):
    together = sentence_links(pairs, ratio=0.3, model=FIXED)
    alone = [sentence_links([p], ratio=0.3, model=FIXED)[0] for p in pairs]
    assert together == alone


def brute_force(english: list[str], chinese: list[str], ratio: float):
    """The least-cost alignments, by enumerating every alignment and costing it here."""
    costs = {}
    for links in every_alignment(len(english), len(chinese)):
        costs[tuple(links)] = length_and_prior_cost(english, chinese, links, ratio)
    best = min(costs.values())
    return [links for links, cost in costs.items() if math.isclose(cost, best, rel_tol=1e-9)]


# The program's two ways of filling its tables: a cell at a time, a column of every pair at a time.
ENGINES = {"cells": lambda layout: True, "columns": lambda layout: False}


def by_engine(engine: str, pairs, **options):
    from gsipaper.sentences import program

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(program, "few_cells", ENGINES[engine])
        return sentence_links(pairs, **options)


@pytest.mark.parametrize("engine", ENGINES)
@settings(deadline=None)  # examples: the profile (conftest.py)
@given(english=st.lists(SENTENCE, max_size=4), chinese=st.lists(HANZI_SENTENCE, max_size=4))
def test_the_program_finds_the_least_cost_alignment(engine, english, chinese):
    """Against every alignment enumerated, with the costs written out independently."""
    best = brute_force(english, chinese, 0.3)
    (links,) = by_engine(engine, [(english, chinese)], ratio=0.3, model=FIXED)
    got = [(link.english, link.chinese) for link in links]
    assert any(got == list(links) for links in best)


@settings(deadline=None)
@given(st.integers(0, 2**32), st.lists(st.integers(0, 14), min_size=1, max_size=6))
def test_either_engine_gives_the_same_links_and_scores(seed, sizes):
    """The dictionary, anchors, cut-off sentences, every link type: one model, two engines."""
    rng = random.Random(seed)
    texts = [(p.english, p.chinese) for p in (pair(rng, n) for n in sizes)]
    cells, columns = (by_engine(engine, texts, ratio=0.25) for engine in ENGINES)
    assert_same_links(cells, columns)


def assert_same_links(these, those):
    """The same links in every unit, their scores within 0.001."""
    assert [found(ls) for ls in these] == [found(ls) for ls in those]
    scores = [
        (a.score, b.score)
        for x, y in zip(these, those, strict=True)
        for a, b in zip(x, y, strict=True)
    ]
    assert all(abs(a - b) <= 0.001 for a, b in scores)


def true_variance(pairs, ratio) -> float:
    """The maximum-likelihood variance per character of the generator's own links."""
    squares = [
        (y - x) ** 2 / ((x + y) / 2) / ratio
        for p in pairs
        for en, zh in p.links
        if en and zh
        for x, y in [(ratio * sum(len(p.english[i]) for i in en),
                      sum(len(p.chinese[j]) for j in zh))]
    ]  # fmt: skip
    return sum(squares) / len(squares)


def test_the_variance_is_estimated_from_the_document_near_its_true_links():
    rng = random.Random(3)
    pairs = [pair(rng, rng.randint(2, 12)) for _ in range(300)]
    lengths = [(sum(map(len, p.english)), sum(map(len, p.chinese))) for p in pairs]
    ratio = sum(y for _, y in lengths) / sum(x for x, _ in lengths)
    truth = true_variance(pairs, ratio)
    found = estimated_variance([(p.english, p.chinese) for p in pairs], ratio, Model(PRIORS))
    assert abs(found - truth) < 0.2 * truth < abs(GALE_CHURCH_VARIANCE - truth)
    # A text of one link of equal lengths keeps close to Gale and Church's figure.
    one = estimated_variance([(["Peace and order."], ["和平秩序。"])], 0.3, Model(PRIORS))
    assert GALE_CHURCH_VARIANCE / 2 < one < GALE_CHURCH_VARIANCE


def test_log_erfc_follows_the_normal_tail():
    import numpy as np

    points = np.array([0.0, 0.1, 0.5, 1.0, 2.0, 4.0, 8.0, 20.0])
    expected = [math.log(math.erfc(u)) if math.erfc(u) else -u * u for u in points]
    assert np.allclose(log_erfc(points), expected, rtol=1e-6, atol=1e-6)


def measured_f1(pairs, model=None) -> float:
    lengths = [(sum(map(len, p.english)), sum(map(len, p.chinese))) for p in pairs]
    ratio = sum(y for _, y in lengths) / sum(x for x, _ in lengths)
    options = {"model": model} if model else {}
    links = sentence_links([(p.english, p.chinese) for p in pairs], ratio=ratio, **options)
    return strict_f1([found(ls) for ls in links], [p.links for p in pairs])


def test_generated_paragraphs_are_aligned_at_090_strict_f1_or_better():
    rng = random.Random(1)
    pairs = [pair(rng, rng.randint(2, 12)) for _ in range(300)]
    ours = measured_f1(pairs)
    assert ours >= 0.90
    # Anchors help; lengths alone, as Gale and Church, lose most omissions and 3-1 links.
    assert measured_f1(pairs, Model(PRIORS, anchor_cost=0)) < ours - 0.01
    assert measured_f1(pairs, LENGTH_ONLY) < ours - 0.1


@pytest.mark.slow
def test_generated_long_paragraphs_are_aligned_at_089_strict_f1_or_better():
    """Paragraphs of 30 to 80 links, each longer than any paragraph of the paper.

    Measured 0.895 on these 200 (about 11,000 links; 0.902 before the aligner allowed 3-2,
    2-3, 4-1 and 1-4 links, which the generator never makes, and read the dictionary, to
    which its random words are noise): long paragraphs give an omission more neighbours to
    hide in than short ones. The seed is fixed, so the figure is too: the target itself is
    asserted.
    """
    rng = random.Random(2)
    pairs = [pair(rng, rng.randint(30, 80)) for _ in range(200)]
    assert measured_f1(pairs) >= 0.89


def test_generated_pairs_are_what_they_claim():
    """The generator's links are an alignment of its sentences."""
    rng = random.Random(3)
    for _ in range(50):
        p = pair(rng, rng.randint(1, 10))
        assert is_alignment(p.links, len(p.english), len(p.chinese))
        assert split_sentences(" ".join(p.english), "en") == p.english
        assert split_sentences("".join(p.chinese), "zh") == p.chinese


def test_all_alignments_enumerated_are_distinct():
    listed = [tuple(a) for a in every_alignment(3, 2)]
    assert len(listed) == len(set(listed)) and all(is_alignment(a, 3, 2) for a in listed)
    assert list(itertools.islice(every_alignment(0, 0), 2)) == [[]]


def test_long_pairs_take_the_same_links_by_either_road(monkeypatch):
    """Runs of 1-0 links accumulated along a long pair, and a trace of one pair at a time,
    give what doubling and the trace of all pairs together give."""
    from gsipaper.sentences import columns, program, trace

    rng = random.Random(4)
    pairs = [pair(rng, 150), *(pair(rng, 3) for _ in range(40)), pair(rng, 90)]
    texts = [(p.english, p.chinese) for p in pairs]
    assert len(pairs[0].english) > columns.DEEP
    default = sentence_links(texts, ratio=0.25)
    monkeypatch.setattr(columns, "DEEP", 10**9)
    monkeypatch.setattr(program, "DEEP", 10**9)
    monkeypatch.setattr(trace, "FEW", 10**9)
    monkeypatch.setattr(trace, "SHORT", -1)
    other = sentence_links(texts, ratio=0.25)
    assert_same_links(default, other)
