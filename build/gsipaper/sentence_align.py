"""Sentence alignment: the sentences of a paragraph and of its translation → links.

A link is a group of English sentences and the group of Chinese sentences that
translates it: 1-1, 2-1, 1-2, 3-1, 1-3, 2-2, or 1-0 / 0-1 where one side has
nothing. Every sentence is in exactly one link; links are in order and never
cross. The aligner is a dynamic program over those link types (Gale & Church
1993) that needs no model and no dictionary. A link costs, in nats:

- its type's prior, -log P(type) (`PRIORS`);
- its lengths (Gale-Church), unless it is a 1-0 or 0-1 link: with the Chinese
  length y and the English length x carried into Chinese characters by the
  ratio c, z = (y - x) / sqrt(s2 (x + y) / 2), the deviation in Gale and Church's
  normal model, and the cost is z^2 / 2: the log of how much likelier no
  deviation is than this one, -log(phi(z) / phi(0)). (Gale and Church's own cost,
  -log P(|Z| >= |z|), is a tail probability, not a likelihood: it charges small
  deviations more than a likelihood does; it gives the baseline `LENGTH_ONLY`.)
  The variance s2 is the document's own, estimated as the ratio is: the first
  pairs (`SAMPLE_SENTENCES` sentences) are aligned once with Gale and Church's
  6.8 per character carried into Chinese units (6.8 c), and s2 / c is the
  maximum-likelihood estimate from the links found with both sides, the mean of
  (y - x)^2 / ((x + y) / 2) / c weighted by each link's score, with Gale and
  Church's 6.8 counted as one link more, so that a short text stays near it.
  A sentence that ends without punctuation at the end of its paragraph is cut
  off by the source: where its side is the shorter, its length costs nothing.
  A sentence left untranslated has no length to compare: Gale and Church's cost
  of its length against nothing would make an omission all but impossible, and
  drag it into a neighbouring link;
- its anchors: `ANCHOR_COST` for each anchor on one side of the link only.
  Anchors are what a translation keeps as it is and the paragraph has on both
  sides: numbers (2014, 3.5), Latin words in the Chinese (UN, COVID-19) found as
  words in the English, a question or exclamation mark ending the sentence, a
  quoted term, and a list marker opening the sentence. A link that keeps
  together what belongs together pays nothing.

The alignment is the one of least total cost. Ties go to the link type listed
first in `LINK_TYPES`, counted from the side with more sentences (so 2-1 takes
two sentences from the longer side before 1-2 would). A link's `score` is its
posterior probability under the same model, P(link | both paragraphs), summed
over every alignment of the pair with the forward-backward algorithm: 1.0 when
no other alignment is near, lower where the lengths and anchors leave it open.

The ratio c is an argument: the build estimates it from the document's own
aligned paragraphs; without it, from the pair's own lengths.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

# (from the side with more sentences, from the other side): the order breaks ties.
LINK_TYPES = ((1, 1), (2, 1), (1, 2), (3, 1), (1, 3), (2, 2), (0, 1), (1, 0))
SKIP = LINK_TYPES.index((1, 0))  # the one link within a column of the program
PRIORS = {
    (1, 1): 0.75,
    (2, 1): 0.08, (1, 2): 0.08,
    (3, 1): 0.02, (1, 3): 0.02,
    (2, 2): 0.01,
    (1, 0): 0.02, (0, 1): 0.02,
}  # fmt: skip
# Gale and Church's own priors, without 3-1 and 1-3: the length-only baseline.
GALE_CHURCH_PRIORS = {
    (1, 1): 0.89, (2, 1): 0.089, (1, 2): 0.089, (2, 2): 0.011, (1, 0): 0.0099, (0, 1): 0.0099,
}  # fmt: skip
GALE_CHURCH_VARIANCE = 6.8  # per character of the target, for a ratio of 1
SAMPLE_SENTENCES = 2000  # of the longer sides of the first pairs: the variance's sample
ANCHOR_COST = 2.0  # nats for each anchor on one side of a link only
ANCHOR_BITS = 63  # distinct anchors told apart in one paragraph pair; more share bits
SCORE_DIGITS = 3

KINDS = ("number", "latin", "ending", "quoted", "list")
NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.'][A-Za-z0-9]+)*")
QUOTED = re.compile(r"“[^”]+”|\"[^\"]+\"|「[^」]+」|『[^』]+』")
CLOSING = "\"'”’»)]」』）】》〉"
EN_LIST = re.compile(r"(?:\(?(?:[0-9]{1,2}|[a-z]|[ivx]{1,4})[.)]|[•·▪‣◦–—-])\s")
ZH_LIST = re.compile(
    r"[（(](?:[一二三四五六七八九十]+|[0-9]+|[a-z])[)）]|[一二三四五六七八九十]+、|[0-9]+[.、．]|[①-⑳•·▪]"
)
# Cheap tests of a whole Chinese paragraph: only where one holds are anchors looked for.
ZH_MAY_ANCHOR = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ？！?!“「『\"（(①-⑳•·▪一二三四五六七八九十]")


@dataclass(frozen=True)
class Model:
    """What a link costs: the priors of its types, its anchors, the cut-off sentence rule."""

    priors: dict[tuple[int, int], float]
    anchor_cost: float = ANCHOR_COST
    cut_off: bool = True
    flat_skips: bool = True  # a 1-0 or 0-1 link costs its prior only, whatever its length
    variance: float | None = None  # per character at a ratio of 1; None: the document's own
    tail_cost: bool = False  # lengths cost -log P(|Z| >= |z|), as Gale and Church, not z^2 / 2


MODEL = Model(PRIORS)
# Gale and Church as published: lengths and priors only. The baseline the README reports.
LENGTH_ONLY = Model(
    GALE_CHURCH_PRIORS, anchor_cost=0.0, cut_off=False, flat_skips=False,
    variance=GALE_CHURCH_VARIANCE, tail_cost=True,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Link:
    """One link: the indices of its English and of its Chinese sentences, and its score."""

    english: tuple[int, ...]
    chinese: tuple[int, ...]
    score: float

    @property
    def link_type(self) -> str:
        return f"{len(self.english)}-{len(self.chinese)}"


def align_sentences(
    english: list[str], chinese: list[str], *, ratio: float | None = None
) -> list[tuple[list[int], list[int]]]:
    """Link the sentences of an English paragraph and of its Chinese translation.

    Each tuple holds the indices of the English and of the Chinese sentences of one
    link, in order. `ratio` is Chinese characters per English character; by default
    the pair's own.
    """
    (links,) = sentence_links([(english, chinese)], ratio=ratio)
    return [(list(link.english), list(link.chinese)) for link in links]


def sentence_links(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
    *,
    ratio: float | None = None,
    model: Model = MODEL,
) -> list[list[Link]]:
    """`align_sentences` for many paragraph pairs at once, with each link's score.

    The pairs are aligned together, a column of the dynamic program of every pair
    at a time, which is what makes a long document fast.
    """
    found = link_arrays(pairs, ratio=ratio, model=model)
    links: list[list[Link]] = [[] for _ in pairs]
    for pair, en_start, en_count, zh_start, zh_count, score in zip(
        *(column.tolist() for column in found.columns()), strict=True
    ):
        english = tuple(range(en_start, en_start + en_count))
        chinese = tuple(range(zh_start, zh_start + zh_count))
        links[pair].append(Link(english, chinese, score))
    return links


@dataclass(frozen=True, slots=True)
class Links:
    """Every link of every pair, in order: the pair, where each side starts and how many."""

    pair: np.ndarray
    en_start: np.ndarray
    en_count: np.ndarray
    zh_start: np.ndarray
    zh_count: np.ndarray
    score: np.ndarray

    def columns(self) -> tuple[np.ndarray, ...]:
        return (self.pair, self.en_start, self.en_count, self.zh_start, self.zh_count, self.score)


def link_arrays(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]],
    *,
    ratio: float | None = None,
    model: Model = MODEL,
) -> Links:
    """`sentence_links` as arrays, one entry per link: for tables of many links."""
    if model.variance is None:
        model = replace(model, variance=estimated_variance(pairs, ratio, model))
    return solve(batch_of(pairs, ratio, model), model)


def estimated_variance(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]], ratio: float | None, model: Model
) -> float:
    """The variance per character (at a ratio of 1) of the links found in the first pairs
    with Gale and Church's, by maximum likelihood; theirs counts as one link more.

    A pair with more sentences than the whole sample is left out of it: alone, it would
    cost as much as aligning it, again.
    """
    sizes = np.array([max(len(english), len(chinese)) for english, chinese in pairs], np.int64)
    small = np.flatnonzero(sizes <= SAMPLE_SENTENCES)
    taken = small[: int(np.searchsorted(np.cumsum(sizes[small]), SAMPLE_SENTENCES)) + 1]
    sample = [pairs[k] for k in taken.tolist()]
    first = replace(model, variance=GALE_CHURCH_VARIANCE)
    batch = batch_of(sample, ratio, first)
    links = solve(batch, first)
    sums = {}
    for language, start, count in (("en", links.en_start, links.en_count),
                                   ("zh", links.zh_start, links.zh_count)):  # fmt: skip
        at = batch.offset[language][links.pair] + start
        for name, values in (("length", batch.lengths[language]), ("cut", batch.cut[language])):
            running = np.concatenate(([0.0], np.cumsum(values)))
            sums[language, name] = running[at + count] - running[at]
    x, y = sums["en", "length"], sums["zh", "length"]
    ratios = batch.variance[links.pair] / GALE_CHURCH_VARIANCE
    # Links with both sides, none cut off by the source: the others have no deviation to measure.
    weight = np.where((x > 0) & (y > 0) & (sums["en", "cut"] + sums["zh", "cut"] == 0),
                      links.score, 0.0)  # fmt: skip
    squares = (y - x) ** 2 / np.maximum((x + y) / 2, 1e-9) / ratios
    return float((GALE_CHURCH_VARIANCE + weight @ squares) / (1 + weight.sum()))


@dataclass(frozen=True, slots=True)
class Batch:
    """Every pair's sentences as the program sees them, flat, in the pairs' order.

    Lengths are in Chinese characters (English ones times the ratio). The rows of a
    pair's program are the side with more sentences, English on a tie.
    """

    lengths: dict[str, np.ndarray]  # by language, every pair's sentences one after another
    masks: dict[str, np.ndarray]  # anchors, one bit each
    cut: dict[str, np.ndarray]  # the sentence is cut off by the source
    count: dict[str, np.ndarray]  # sentences of each pair
    offset: dict[str, np.ndarray]  # where each pair's sentences start
    variance: np.ndarray  # of each pair
    english_rows: np.ndarray  # of each pair

    @property
    def rows(self) -> np.ndarray:
        return np.where(self.english_rows, self.count["en"], self.count["zh"])

    @property
    def columns(self) -> np.ndarray:
        return np.where(self.english_rows, self.count["zh"], self.count["en"])


def batch_of(
    pairs: Sequence[tuple[Sequence[str], Sequence[str]]], ratio: float | None, model: Model
) -> Batch:
    sides = {"en": [p[0] for p in pairs], "zh": [p[1] for p in pairs]}
    count = {k: np.array([len(s) for s in v], dtype=np.int64) for k, v in sides.items()}
    lengths = {
        k: np.fromiter(map(len, itertools.chain.from_iterable(v)), dtype=float)
        for k, v in sides.items()
    }
    offset = {
        k: np.concatenate(([0], np.cumsum(c)[:-1])).astype(np.int64) for k, c in count.items()
    }
    totals = {k: np.bincount(np.repeat(np.arange(len(pairs)), count[k]), lengths[k],
                             minlength=len(pairs)) for k in sides}  # fmt: skip
    if ratio is None:
        own = np.divide(totals["zh"], totals["en"], out=np.ones(len(pairs)), where=totals["en"] > 0)
        ratios = np.where((totals["en"] > 0) & (totals["zh"] > 0), own, 1.0)
    else:
        ratios = np.full(len(pairs), float(ratio))
    lengths["en"] = lengths["en"] * np.repeat(ratios, count["en"])
    masks = {k: np.zeros(len(lengths[k]), dtype=np.uint64) for k in sides}
    cut = {k: np.zeros(len(lengths[k]), dtype=bool) for k in sides}
    anchored = may_anchor(sides["zh"]) if model.anchor_cost > 0 else ()
    for index in anchored:
        english, chinese = pairs[index]
        if english:
            found = anchor_masks(english, chinese)
            for language, values in zip(("en", "zh"), found, strict=True):
                start = offset[language][index]
                masks[language][start : start + len(values)] = values
    for index, (english, chinese) in enumerate(pairs):
        for language, side in (("en", english), ("zh", chinese)):
            if model.cut_off and side and is_cut_off(side[-1]):
                cut[language][offset[language][index] + len(side) - 1] = True
    return Batch(lengths, masks, cut, count, offset, model.variance * ratios,
                 count["en"] >= count["zh"])  # fmt: skip


def may_anchor(chinese: list[Sequence[str]]) -> list[int]:
    """The pairs whose Chinese sentences have a character that may start an anchor: only
    these are looked at (one search over every pair's sentences joined)."""
    joined = ["".join(side) for side in chinese]
    starts = np.cumsum([0, *(len(side) + 1 for side in joined)])
    found = [m.start() for m in ZH_MAY_ANCHOR.finditer("\0".join(joined))]
    return np.unique(np.searchsorted(starts, found, side="right") - 1).tolist()


def is_cut_off(last_sentence: str) -> bool:
    """A paragraph's last sentence is cut off when it ends in a letter, a digit or a hyphen."""
    last = last_sentence.rstrip()
    return bool(last) and (last[-1].isalnum() or last[-1] == "-")


def anchor_masks(english: Sequence[str], chinese: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """A bit per anchor that both sides have, set in each sentence that has it."""
    en_masks = np.zeros(len(english), dtype=np.uint64)
    zh_masks = np.zeros(len(chinese), dtype=np.uint64)
    if not english or not any(ZH_MAY_ANCHOR.search(s) for s in chinese):
        return en_masks, zh_masks
    zh_anchors = [chinese_anchors(s) for s in chinese]
    latin = {a[1] for anchors in zh_anchors for a in anchors if a[0] == "latin"}
    kinds = {a[0] for anchors in zh_anchors for a in anchors} & kinds_in("\n".join(english))
    if not kinds:
        return en_masks, zh_masks
    en_anchors = [english_anchors(s, kinds, latin) for s in english]
    shared = sorted(set().union(*zh_anchors) & set().union(*en_anchors))
    bits = {anchor: np.uint64(1 << (index % ANCHOR_BITS)) for index, anchor in enumerate(shared)}
    for masks, anchors in ((en_masks, en_anchors), (zh_masks, zh_anchors)):
        for index, found in enumerate(anchors):
            for anchor in found & bits.keys():
                masks[index] |= bits[anchor]
    return en_masks, zh_masks


def chinese_anchors(sentence: str) -> set[tuple[str, str]]:
    text = unicodedata.normalize("NFKC", sentence)
    found = {("number", number(n)) for n in NUMBER.findall(text)}
    found |= {("latin", word) for word in LATIN.findall(text)}
    return found | common_anchors(text, ZH_LIST)


def kinds_in(text: str) -> set[str]:
    """The kinds of anchor the English side may have: only those are looked for in each sentence."""
    found = {"list"}
    if NUMBER.search(text):
        found.add("number")
    if LATIN.search(text):
        found.add("latin")
    if "?" in text or "!" in text:
        found.add("ending")
    if QUOTED.search(text):
        found.add("quoted")
    return found


def english_anchors(sentence: str, kinds: set[str], latin: set[str]) -> set[tuple[str, str]]:
    found = set()
    if "number" in kinds:
        found |= {("number", number(n)) for n in NUMBER.findall(sentence)}
    if latin and "latin" in kinds:
        found |= {("latin", word) for word in LATIN.findall(sentence) if word in latin}
    return found | common_anchors(sentence, EN_LIST, kinds)


def common_anchors(
    text: str, list_marker: re.Pattern, kinds: frozenset[str] | set[str] = frozenset(KINDS)
) -> set[tuple[str, str]]:
    found = set()
    if "ending" in kinds:
        ending = text.rstrip().rstrip(CLOSING)[-1:]
        if ending in ("?", "!"):
            found.add(("ending", ending))
    if "quoted" in kinds and QUOTED.search(text):
        found.add(("quoted", ""))
    if "list" in kinds and list_marker.match(text):
        found.add(("list", ""))
    return found


def number(text: str) -> str:
    """2,014 and 2014 are one number; 3.5 keeps its point."""
    return text.replace(",", "")


def solve(batch: Batch, model: Model) -> Links:
    layout = Layout.of(batch)
    if not len(layout.order):
        return links_in_order(layout, batch, [])
    forward = sweep(layout, batch, model, reverse=False)
    backward = sweep(layout, batch, model, reverse=True, forward=forward)
    return trace(layout, batch, forward, backward)


@dataclass(frozen=True, slots=True)
class Layout:
    """Every pair's rows stacked, pairs with more columns first.

    The program fills one column of every pair at a time; as the pairs with more
    columns come first, the rows a column needs are always a prefix.
    """

    order: np.ndarray  # pair indices, most columns first
    rows: np.ndarray  # rows side's sentences of each pair, in order
    columns: np.ndarray
    offset: np.ndarray  # the first row of each pair, in order
    column_offset: np.ndarray  # the first column position of each pair, in order
    pair_of_row: np.ndarray  # position in `order`
    index_of_row: np.ndarray  # i: sentences of the rows side before this row
    pair_of_column: np.ndarray
    index_of_column: np.ndarray
    active_rows: list[int]  # for each column j, the rows of pairs with at least j columns
    active_pairs: list[int]

    @staticmethod
    def of(batch: Batch) -> Layout:
        order = np.argsort(-batch.columns, kind="stable")
        rows, columns = batch.rows[order] + 1, batch.columns[order] + 1
        offset = np.concatenate(([0], np.cumsum(rows)[:-1])).astype(np.int64)
        column_offset = np.concatenate(([0], np.cumsum(columns)[:-1])).astype(np.int64)
        pair_of_row = np.repeat(np.arange(len(order)), rows)
        pair_of_column = np.repeat(np.arange(len(order)), columns)
        most = int(columns.max(initial=0))
        active_pairs = [int(np.count_nonzero(columns > j)) for j in range(most)]
        ends = np.cumsum(rows)
        return Layout(
            order, rows - 1, columns - 1, offset, column_offset,
            pair_of_row, np.arange(int(rows.sum())) - offset[pair_of_row],
            pair_of_column, np.arange(int(columns.sum())) - column_offset[pair_of_column],
            [int(ends[k - 1]) if k else 0 for k in active_pairs], active_pairs,
        )  # fmt: skip


def features(
    batch: Batch,
    layout: Layout,
    english: np.ndarray,
    pair: np.ndarray,
    index: np.ndarray,
    count: np.ndarray,
    reverse: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lengths, anchors and cut flags at each position: position i holds sentence i - 1
    of its side (of the side read backwards with `reverse`), position 0 nothing."""
    sentence = (count[pair] - index) if reverse else (index - 1)
    present = index > 0
    found = []
    for values in (batch.lengths, batch.masks, batch.cut):
        both = []
        for language in ("en", "zh"):
            flat = values[language]
            at = batch.offset[language][layout.order[pair]] + sentence
            safe = np.clip(at, 0, max(len(flat) - 1, 0))
            both.append(flat[safe] if len(flat) else np.zeros(len(at), dtype=flat.dtype))
        chosen = np.where(english, both[0], both[1])
        found.append(np.where(present, chosen, np.zeros(1, dtype=chosen.dtype)))
    return found[0], found[1], found[2]


@dataclass(frozen=True, slots=True)
class Groups:
    """For each end position and group size: summed lengths, joined anchors, any cut."""

    lengths: dict[int, np.ndarray]
    masks: dict[int, np.ndarray]
    cut: dict[int, np.ndarray]
    valid: dict[int, np.ndarray]

    @staticmethod
    def of(lengths: np.ndarray, masks: np.ndarray, cut: np.ndarray, index: np.ndarray) -> Groups:
        """`lengths` etc. hold, at each position, the sentence that ends there (none at 0)."""
        groups = Groups({0: np.zeros_like(lengths)}, {0: np.zeros_like(masks)},
                        {0: np.zeros_like(cut)}, {0: np.ones_like(cut)})  # fmt: skip
        for size in (1, 2, 3):
            shift = size - 1
            groups.lengths[size] = groups.lengths[size - 1] + shifted(lengths, shift)
            groups.masks[size] = groups.masks[size - 1] | shifted(masks, shift)
            groups.cut[size] = groups.cut[size - 1] | shifted(cut, shift)
            groups.valid[size] = index >= size
        return groups


def shifted(values: np.ndarray, by: int) -> np.ndarray:
    if by == 0:
        return values
    out = np.zeros_like(values)
    out[by:] = values[:-by]
    return out


@dataclass(frozen=True, slots=True)
class Tables:
    """The program's columns: for each j, a value for each active row."""

    cost: list[np.ndarray]  # least cost of aligning the first i rows and j columns
    soft: list[np.ndarray]  # -log of the summed probability of every such alignment
    choice: list[np.ndarray]  # index in LINK_TYPES of the last link of the least-cost one
    link_cost: list[np.ndarray]  # that link's cost
    link_costs: list[dict[int, np.ndarray]]  # every link's cost, by index in LINK_TYPES


def sweep(
    layout: Layout, batch: Batch, model: Model, reverse: bool, forward: Tables | None = None
) -> Tables:
    """The program's columns, left to right, for every pair at once.

    Read backwards, a link costs what it cost forwards: with the `forward` tables, their
    links' costs are taken rather than computed again (the sums of three lengths may differ in
    the last bit, which the scores, rounded, do not show). Read backwards, only the summed
    probabilities (`soft`) are wanted.
    """
    flat = forward and FlatCosts.of(forward)
    rows_english = batch.english_rows[layout.order]
    row_groups = Groups.of(
        *features(batch, layout, rows_english[layout.pair_of_row], layout.pair_of_row,
                  layout.index_of_row, layout.rows, reverse),
        layout.index_of_row,
    )  # fmt: skip
    column_groups = Groups.of(
        *features(batch, layout, ~rows_english[layout.pair_of_column], layout.pair_of_column,
                  layout.index_of_column, layout.columns, reverse),
        layout.index_of_column,
    )  # fmt: skip
    variance = batch.variance[layout.order][layout.pair_of_row]
    everything = len(layout.pair_of_row)
    nothing = (np.zeros(everything), np.zeros(everything, dtype=np.uint64),
               np.zeros(everything, dtype=bool))  # fmt: skip
    skip = link_cost((1, 0), row_groups, everything, nothing, variance, model)
    tables = Tables([], [], [], [], [])
    deep_pairs = np.flatnonzero(layout.rows > DEEP)
    for j, active in enumerate(layout.active_rows):
        pair = layout.pair_of_row[:active]
        at = (layout.column_offset[: layout.active_pairs[j]] + j)[pair]
        candidates = []
        for choice, (a, b) in enumerate(LINK_TYPES):
            if b == 0 or b > j or not model.priors.get((a, b)):
                continue
            if flat:
                cost = flat.backwards(layout, choice, (a, b), j, active)
            else:
                column = tuple(
                    values[b][at]
                    for values in (column_groups.lengths, column_groups.masks, column_groups.cut)
                )
                cost = link_cost((a, b), row_groups, active, column, variance, model)
            hard = None if flat else earlier(tables.cost[j - b], a, active) + cost
            soft = earlier(tables.soft[j - b], a, active) + cost
            candidates.append((choice, hard, soft, cost))
        deep = [
            (int(layout.offset[k]), int(layout.offset[k] + layout.rows[k] + 1))
            for k in deep_pairs[deep_pairs < layout.active_pairs[j]].tolist()
        ]
        if flat:
            add_soft_column(tables, candidates, skip[:active], layout.index_of_row[:active], deep)
            continue
        add_column(tables, candidates, skip[:active], layout.index_of_row[:active], deep)
        tables.link_costs.append({c[0]: c[3] for c in candidates})
    return tables


@dataclass(frozen=True, slots=True)
class FlatCosts:
    """A sweep's link costs of each type, its columns one after another."""

    costs: dict[int, np.ndarray]  # by index in LINK_TYPES
    base: np.ndarray  # where each column starts

    @staticmethod
    def of(tables: Tables) -> FlatCosts:
        sizes = [len(column) for column in tables.cost]
        choices = sorted({choice for column in tables.link_costs for choice in column})
        # The columns' arrays are given up as they are joined: memory for one copy of each.
        costs = {
            choice: np.concatenate([
                column.pop(choice, None) if choice in column else np.full(size, np.inf)
                for column, size in zip(tables.link_costs, sizes, strict=True)
            ])
            for choice in choices
        }  # fmt: skip
        return FlatCosts(costs, np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64))

    def backwards(
        self, layout: Layout, choice: int, link: tuple[int, int], j: int, active: int
    ) -> np.ndarray:
        """The cost of the link ending at each active row of column j of the reversed program:
        the link that ends, forwards, at row n - i + a of column m - j + b."""
        a, b = link
        pair, index = layout.pair_of_row[:active], layout.index_of_row[:active]
        at = (
            self.base[layout.columns[pair] - j + b]
            + layout.offset[pair] + layout.rows[pair] - index + a
        )  # fmt: skip
        values = self.costs[choice]
        found = values[np.minimum(at, len(values) - 1)]
        return np.where(index >= a, found, np.inf)


def earlier(column: np.ndarray, rows_back: int, active: int) -> np.ndarray:
    """The column's value `rows_back` rows up. Where that reaches into the pair above, the
    link's own cost is infinite (`link_cost`), and so is their sum."""
    if rows_back == 0:
        return column[:active]
    out = np.full(active, np.inf)
    if rows_back < active:
        out[rows_back:] = column[: active - rows_back]
    return out


def link_cost(
    link: tuple[int, int],
    row_groups: Groups,
    active: int,
    column: tuple[np.ndarray, np.ndarray, np.ndarray],
    variance: np.ndarray,
    model: Model,
) -> np.ndarray:
    """The cost of a link of this type ending at each active row, in nats."""
    a = link[0]
    lengths, masks, cut = column
    lengths_cost = (
        0.0
        if model.flat_skips and 0 in link
        else length_cost(
            row_groups.lengths[a][:active], lengths,
            row_groups.cut[a][:active], cut, variance[:active], model.tail_cost,
        )
    )  # fmt: skip
    cost = (
        -math.log(model.priors[link])
        + lengths_cost
        + model.anchor_cost * np.bitwise_count(row_groups.masks[a][:active] ^ masks)
    )  # fmt: skip
    return np.where(row_groups.valid[a][:active], cost, np.inf)


def length_cost(
    x: np.ndarray,
    y: np.ndarray,
    x_cut: np.ndarray,
    y_cut: np.ndarray,
    variance: np.ndarray,
    tail: bool = False,
) -> np.ndarray:
    """z^2 / 2 for Gale and Church's deviation z of the lengths x and y (both in Chinese units);
    with `tail`, their own -log P(|Z| >= |z|)."""
    spread = np.sqrt(variance * np.maximum((x + y) / 2, 1e-9))
    cut_short = (x_cut & (x < y)) | (y_cut & (y < x))
    z = np.where(cut_short, 0.0, np.abs(y - x) / spread)
    return -log_erfc(z / math.sqrt(2)) if tail else z * z / 2


def log_erfc(u: np.ndarray) -> np.ndarray:
    """log erfc(u) for u >= 0, by the Chebyshev fit of Numerical Recipes (error < 1.2e-7).

    numpy has no erfc; the fit is in log form, so it holds far into the tail.
    """
    t = 1 / (1 + 0.5 * u)
    series = (
        -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
        + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223
        + t * 0.17087277))))))))
    )  # fmt: skip
    return np.log(t) - u * u + series


def add_column(
    tables: Tables,
    candidates: list,
    skip: np.ndarray,
    index: np.ndarray,
    deep: list[tuple[int, int]],
) -> None:
    """The best link into each cell of a column, then the run of 1-0 links down it."""
    if candidates:
        choices = np.array([c[0] for c in candidates], dtype=np.int8)
        hard = np.stack([c[1] for c in candidates])
        best = np.argmin(hard, axis=0)  # the first of equals: LINK_TYPES order
        cells = np.arange(hard.shape[1])
        into, choice = hard[best, cells], choices[best]
        link = np.stack([c[3] for c in candidates])[best, cells]
        soft_into = soft_minimum([c[2] for c in candidates])
    else:  # the first column: only the empty start
        into = np.where(index == 0, 0.0, np.inf)
        soft_into = into.copy()
        choice = np.full(len(index), SKIP, dtype=np.int8)
        link = np.zeros(len(index))
    cost, soft = down(into, soft_into, skip, index, deep)
    # Whether the cell's best link is 1-0, asked of the cell above as the recurrence does:
    # the running sums of `down` may round the other way.
    above = np.full_like(cost, np.inf)
    above[1:] = cost[:-1] + skip[1:]
    skipped = (index > 0) & (above < into)
    tables.cost.append(cost)
    tables.soft.append(soft)
    tables.choice.append(np.where(skipped, SKIP, choice).astype(np.int8))
    tables.link_cost.append(np.where(skipped, skip, link))


def add_soft_column(
    tables: Tables,
    candidates: list,
    skip: np.ndarray,
    index: np.ndarray,
    deep: list[tuple[int, int]],
) -> None:
    """`add_column`'s summed probabilities alone."""
    if candidates:
        soft_into = soft_minimum([c[2] for c in candidates])
    else:
        soft_into = np.where(index == 0, 0.0, np.inf)
    tables.soft.append(down(None, soft_into, skip, index, deep)[1])


def down(
    cost: np.ndarray | None,
    soft: np.ndarray,
    skip: np.ndarray,
    index: np.ndarray,
    deep: list[tuple[int, int]],
) -> tuple[np.ndarray | None, np.ndarray]:
    """Add runs of 1-0 links down a column: cost[i] = min(cost[i], cost[i - 1] + skip[i]).

    By doubling (Hillis and Steele): after the step of width k, each cell has seen
    every run of up to 2k links ending there; `span` is the cost of the last k steps.
    The rows of a pair with more than `DEEP` rows, `deep`, are done apart, by
    accumulating along the pair: its rows no longer set how many steps the others take.
    Without `cost`, only `soft`.
    """
    if deep:  # the doubling on the other rows alone: the deep ones are done below
        shallow = np.ones(len(index), dtype=bool)
        for start, end in deep:
            shallow[start:end] = False
        rows = np.flatnonzero(shallow)
        part = down(None if cost is None else cost[rows], soft[rows], skip[rows], index[rows], [])
        deep_cost, deep_soft = down_deep(cost, soft, skip, deep)
        if cost is not None:
            deep_cost[rows] = part[0]
        deep_soft[rows] = part[1]
        return deep_cost, deep_soft
    cost, soft, span = cost if cost is None else cost.copy(), soft.copy(), skip.copy()
    width, deepest = 1, min(int(index.max(initial=0)), DEEP)
    while width <= deepest:
        reach = index >= width
        if cost is not None:
            from_cost = np.full_like(cost, np.inf)
            from_cost[width:] = cost[:-width] + span[width:]
            cost = np.where(reach, np.minimum(cost, from_cost), cost)
        from_soft = np.full_like(soft, np.inf)
        from_soft[width:] = soft[:-width] + span[width:]
        soft = np.where(reach, soft_minimum([soft, from_soft]), soft)
        longer = span.copy()
        longer[width:] += span[:-width]
        span = longer
        width *= 2
    return cost, soft


def down_deep(
    into: np.ndarray | None, soft_into: np.ndarray, skip: np.ndarray, deep: list[tuple[int, int]]
) -> tuple[np.ndarray | None, np.ndarray]:
    """`down` on the rows of the deep pairs, by accumulating along each; other rows unchanged."""
    cost, soft = into if into is None else into.copy(), soft_into.copy()
    for start, end in deep:
        run = np.concatenate(([0.0], np.cumsum(skip[start + 1 : end])))
        if cost is not None:
            cost[start:end] = run + np.minimum.accumulate(into[start:end] - run)
        soft[start:end] = run - np.logaddexp.accumulate(run - soft_into[start:end])
    return cost, soft


def soft_minimum(values: list[np.ndarray]) -> np.ndarray:
    """-log(sum(exp(-v))) over the arrays, elementwise: numpy's logaddexp, shifted by the least
    value so that a few exp and one log do what a logaddexp per array (ten times slower) did.
    In place where it can be, so that a long document's columns are not copied for each step."""
    shift = values[0].copy()
    for value in values[1:]:
        np.minimum(shift, value, out=shift)
    shift[shift == np.inf] = 0.0  # all infinite: the sum below is 0, the result inf
    total, term = np.zeros_like(shift), np.empty_like(shift)
    for value in values:
        np.subtract(shift, value, out=term)
        total += np.exp(term, out=term)
    with np.errstate(divide="ignore"):
        np.log(total, out=total)
    return np.subtract(shift, total, out=total)


DEEP = 64  # rows of a pair beyond which its runs of 1-0 links are accumulated apart


# The trace goes on one pair at a time once at most FEW pairs are unfinished and one of them
# has more than SHORT rows and columns left: a step of all pairs together costs the same
# however few they are, and a long pair would take a step for each of its links.
FEW = 16
SHORT = 64


def trace(layout: Layout, batch: Batch, forward: Tables, backward: Tables) -> Links:
    """Walk every pair's least-cost alignment back from its end, all pairs a step at a time
    (see FEW); score each link by its posterior probability."""
    sizes = [len(column) for column in forward.cost]
    base = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
    flat = {
        name: np.concatenate(getattr(forward, name)) for name in ("soft", "choice", "link_cost")
    }
    after_flat = np.concatenate(backward.soft)
    shapes = np.array(LINK_TYPES, dtype=np.int64)
    pairs = np.arange(len(layout.order))
    i, j = layout.rows.copy(), layout.columns.copy()
    first = layout.offset
    total = flat["soft"][base[j] + first + i]
    steps = []
    live = pairs[(i + j) > 0]
    while len(live) > FEW or (len(live) and int((i[live] + j[live]).max()) <= SHORT):
        at = base[j[live]] + first[live] + i[live]
        shape = shapes[flat["choice"][at]]
        a, b = shape[:, 0], shape[:, 1]
        before = flat["soft"][base[j[live] - b] + first[live] + i[live] - a]
        after = after_flat[
            base[layout.columns[live] - j[live]] + first[live] + layout.rows[live] - i[live]
        ]
        score = np.exp(total[live] - before - flat["link_cost"][at] - after)
        steps.append((live, i[live] - a, a, j[live] - b, b, score))
        i[live] -= a
        j[live] -= b
        live = live[(i[live] + j[live]) > 0]
    for k in live.tolist():
        steps.append(trace_one(k, i, j, layout, base, flat, after_flat, total))
    return links_in_order(layout, batch, steps)


def trace_one(k, i, j, layout, base, flat, after_flat, total):
    """The rest of one pair's trace: for a pair far longer than the others.

    A run of 1-0 links up a column is taken at once, to the first row above whose
    link is not 1-0; other links one at a time.
    """
    n, m, first = int(layout.rows[k]), int(layout.columns[k]), int(layout.offset[k])
    row, column = int(i[k]), int(j[k])
    choice, soft, link_cost = flat["choice"], flat["soft"], flat["link_cost"]
    stops: dict[int, np.ndarray] = {}
    pieces = []
    while row or column:
        top = int(base[column]) + first
        if choice[top + row] == SKIP:
            if column not in stops:
                stops[column] = np.flatnonzero(choice[top : top + row + 1] != SKIP)
            found = stops[column]
            stop = int(found[np.searchsorted(found, row, side="right") - 1]) if len(found) else 0
            ends = np.arange(stop + 1, row + 1)
            a, b = np.ones(len(ends), dtype=np.int64), np.zeros(len(ends), dtype=np.int64)
            starts, befores = ends - 1, soft[top + ends - 1]
            columns_ = np.full(len(ends), column)
            row_now = stop
        else:
            a_, b_ = LINK_TYPES[choice[top + row]]
            ends, a, b = np.array([row]), np.array([a_]), np.array([b_])
            starts = ends - a
            befores = soft[int(base[column - b_]) + first + starts]
            columns_ = np.array([column - b_])
            row_now = row - a_
        afters = after_flat[int(base[m - column]) + first + n - ends]
        posterior = np.exp(total[k] - befores - link_cost[top + ends] - afters)
        pieces.append((starts, a, columns_, b, posterior))
        column = column - int(b[0]) if len(b) else column
        row = row_now
    parts = [np.concatenate(p) for p in zip(*pieces, strict=True)] if pieces else [np.zeros(0)] * 5
    return (
        np.full(len(parts[0]), k, dtype=np.int64),
        parts[0].astype(np.int64), parts[1].astype(np.int64),
        parts[2].astype(np.int64), parts[3].astype(np.int64), parts[4].astype(float),
    )  # fmt: skip


def links_in_order(layout: Layout, batch: Batch, steps: list) -> Links:
    if not steps:
        empty = np.zeros(0, dtype=np.int64)
        return Links(empty, empty, empty, empty, empty, np.zeros(0))
    k, row, a, column, b, score = (np.concatenate(parts) for parts in zip(*steps, strict=True))
    pair = layout.order[k]
    order = np.lexsort((row + column, pair))
    pair, row, a, column, b = pair[order], row[order], a[order], column[order], b[order]
    english = batch.english_rows[pair]
    score = np.round(np.minimum(score[order], 1.0), SCORE_DIGITS)
    return Links(
        pair,
        np.where(english, row, column), np.where(english, a, b),
        np.where(english, column, row), np.where(english, b, a),
        score,
    )  # fmt: skip
