"""The hand-checked sentence links of the paper (tests/data/sentence-links.gold.tsv), and what
tests and the bench measure an alignment by: strict F1, finer splits, every alignment, its cost."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

from gsipaper.sentences.model import GALE_CHURCH_VARIANCE, LINK_TYPES, PRIORS

GOLD = Path(__file__).resolve().parents[1] / "data" / "sentence-links.gold.tsv"
Links = list[tuple[tuple[int, ...], tuple[int, ...]]]


def gold_links() -> dict[str, Links]:
    """For each unit, its links as 0-based English and Chinese sentence indices."""
    links: dict[str, Links] = {}
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    for line in lines[1:]:
        unit_id, en, zh = line.split("\t")
        links.setdefault(unit_id, []).append((indices(en), indices(zh)))
    return links


def indices(positions: str) -> tuple[int, ...]:
    return tuple(int(p) - 1 for p in positions.split(";") if p)


def strict_f1(found: list[Links], expected: list[Links]) -> float:
    """A link counts only when both its sides match exactly."""
    right = sum(len(set(f) & set(e)) for f, e in zip(found, expected, strict=True))
    precision = right / max(1, sum(map(len, found)))
    recall = right / max(1, sum(map(len, expected)))
    return 2 * precision * recall / (precision + recall) if right else 0.0


def refinements(found: Links, expected: Links) -> list[tuple[Links, Links]]:
    """The gold links that `found` splits into two or more finer links, each with the found
    links inside it: right at a finer grain, but wrong for strict F1."""
    split = []
    for gold in expected:
        english, chinese = set(gold[0]), set(gold[1])
        inside = [f for f in found if set(f[0]) <= english and set(f[1]) <= chinese]
        covers = {i for f in inside for i in f[0]} == english and {
            j for f in inside for j in f[1]
        } == chinese
        if len(inside) > 1 and covers:
            split.append((gold, inside))
    return split


def coarsened(found: Links, expected: Links) -> Links:
    """`found` with each refinement of a gold link joined back into that link."""
    split = refinements(found, expected)
    joined = {link for _, inside in split for link in inside}
    kept = [link for link in found if link not in joined]
    return sorted(kept + [gold for gold, _ in split], key=first_sentence)


def split_gold(found: Links, expected: Links) -> Links:
    """The gold with only `found`'s finer splits of its links made, and no other error: what
    an aligner that splits as `found` does, and is otherwise right, would give."""
    split = refinements(found, expected)
    golds = {gold for gold, _ in split}
    pieces = [link for _, inside in split for link in inside]
    return sorted([g for g in expected if g not in golds] + pieces, key=first_sentence)


def first_sentence(link: tuple[tuple[int, ...], tuple[int, ...]]) -> tuple[int, int]:
    return (min(link[0], default=-1), min(link[1], default=-1))


def ith_to_ith(english: list[str], chinese: list[str]) -> Links:
    """The naive baseline: the i-th sentence with the i-th, the rest left over."""
    return [
        ((i,) if i < len(english) else (), (i,) if i < len(chinese) else ())
        for i in range(max(len(english), len(chinese)))
    ]


def every_alignment(n: int, m: int) -> Iterator[Links]:
    """Every alignment of n English and m Chinese sentences by the model's link types, either
    way round: what a dynamic program's answer can be checked against, for small n and m."""
    if n == m == 0:
        yield []
        return
    for a, b in {*LINK_TYPES, *(t[::-1] for t in LINK_TYPES)}:
        if a <= n and b <= m:
            for rest in every_alignment(n - a, m - b):
                yield [*rest, (tuple(range(n - a, n)), tuple(range(m - b, m)))]


def length_and_prior_cost(english, chinese, links: Links, ratio: float) -> float:
    """The priors and lengths of `links` as docs/alignment.md writes them, one link at a time:
    -log P(type), and z^2 / 2 with Gale and Church's variance."""
    variance = GALE_CHURCH_VARIANCE * ratio
    total = 0.0
    for en, zh in links:
        total -= math.log(PRIORS[(len(en), len(zh))])
        if en and zh:
            x = ratio * sum(len(english[i]) for i in en)
            y = sum(len(chinese[j]) for j in zh)
            z = abs(y - x) / math.sqrt(variance * (x + y) / 2)
            total += z * z / 2
    return total
