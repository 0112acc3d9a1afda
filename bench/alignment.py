"""The sentence aligner side by side with its baselines, on real gold and on this paper.

Run from the project root as `.venv/bin/python bench/alignment.py` (`make bench` runs it).
Strict F1 counts a link only when both its sides match the gold link exactly; a chunk (a
paragraph pair) is exact when all its links are. Sentences per second count both languages'
sentences over the wall time of aligning the whole set at once, the dictionary loaded before;
the line under the table gives `align_sentences` called once for each chunk of the dev set.

The Bible gold links whole verses: a verse of two sentences that the aligner links sentence
by sentence, rightly, counts as one miss and two wrong links. "Gold links split finer" counts
the gold links that a method's links cover exactly in two or more pieces; the next F1 joins
those pieces back, which shows how much of the gap to the gold is its grain and not error; the
last is the gold with only those splits made: the most a method that splits so can score.

- Bible dev: ../shared/alignment/bible-dev.json (KJV and the Chinese Union Version, with the
  gold links of Bertalign's evaluation data), 200 chunks, split once, before any tuning, by
  the chunk's place: even places (0, 2, ...) the tune half, odd ones the held-out half. The
  file is read where it is and never copied here; without it, its rows are left out.
- this paper: each unit's published sentences against tests/data/sentence-links.gold.tsv.
- generated: paragraphs of known links (tests/support/parallel.py), short and long.

The methods: the i-th sentence with the i-th; Gale and Church by lengths alone as NLTK
implements them (`nltk.translate.gale_church.align_blocks`, their priors and variance, the
English lengths carried into Chinese characters by the set's ratio); the aligner without the
dictionary (`lexical=False`); the aligner (`MODEL`).
"""

from __future__ import annotations

import json
import random
import sys
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from nltk.translate.gale_church import align_blocks  # noqa: E402

from gsipaper import align_sentences  # noqa: E402
from gsipaper.facts import LANGUAGES  # noqa: E402
from gsipaper.pipeline import edition_of  # noqa: E402
from gsipaper.project.load import load_project  # noqa: E402
from gsipaper.project.schemas import limits_of  # noqa: E402
from gsipaper.sentences.align import sentence_links  # noqa: E402
from gsipaper.sentences.dictionary import dictionary  # noqa: E402
from gsipaper.sentences.model import MODEL, Model  # noqa: E402
from gsipaper.sentences.split import split_sentences  # noqa: E402
from gsipaper.tabulate.sentences import document_ratio  # noqa: E402
from support.gold import coarsened, gold_links, ith_to_ith, refinements, split_gold, strict_f1  # noqa: E402
from support.parallel import pair  # noqa: E402

BIBLE = ROOT.parent / "shared" / "alignment" / "bible-dev.json"
WITHOUT_DICTIONARY = replace(MODEL, lexical=False)


def found(links) -> list:
    return [(link.english, link.chinese) for link in links]


def gale_church(english: list[str], chinese: list[str], ratio: float) -> list:
    """NLTK's alignment as links: its index pairs joined where they share a sentence, and
    each sentence it leaves out a link of its own."""
    if not english or not chinese:
        return ith_to_ith(english, chinese) if not (english and chinese) else []
    pairs = align_blocks([max(1, round(len(s) * ratio)) for s in english],
                         [max(1, len(s)) for s in chinese])  # fmt: skip
    links: list[tuple[list[int], list[int]]] = []
    i = j = 0
    for e, z in pairs:
        while i < e:
            links.append(([i], []))
            i += 1
        while j < z:
            links.append(([], [j]))
            j += 1
        if links and (e in links[-1][0] or z in links[-1][1]):
            links[-1][0].extend([e] if e not in links[-1][0] else [])
            links[-1][1].extend([z] if z not in links[-1][1] else [])
        else:
            links.append(([e], [z]))
        i, j = max(i, e + 1), max(j, z + 1)
    links += [([k], []) for k in range(i, len(english))]
    links += [([], [k]) for k in range(j, len(chinese))]
    return [(tuple(e), tuple(z)) for e, z in links]


def methods(ratio: float) -> list[tuple[str, object]]:
    def aligner(model: Model):
        return lambda pairs: [found(ls) for ls in sentence_links(pairs, ratio=ratio, model=model)]

    return [
        ("i-th with i-th", lambda pairs: [ith_to_ith(e, z) for e, z in pairs]),
        ("Gale-Church, NLTK", lambda pairs: [gale_church(e, z, ratio) for e, z in pairs]),
        ("aligner without the dictionary", aligner(WITHOUT_DICTIONARY)),
        ("aligner with the dictionary", aligner(MODEL)),
    ]


def figures(pairs: list, expected: list, ratio: float) -> dict[str, str]:
    sentences = sum(len(e) + len(z) for e, z in pairs)
    out = {}
    for name, method in methods(ratio):
        start = time.perf_counter()
        links = method(pairs)
        seconds = time.perf_counter() - start
        exact = sum(f == e for f, e in zip(links, expected, strict=True))
        split = sum(len(refinements(f, e)) for f, e in zip(links, expected, strict=True))
        joined = [coarsened(f, e) for f, e in zip(links, expected, strict=True)]
        ceiling = [split_gold(f, e) for f, e in zip(links, expected, strict=True)]
        out[name] = (f"{strict_f1(links, expected):.3f}", f"{exact}/{len(expected)}",
                     f"{split}", f"{strict_f1(joined, expected):.3f}",
                     f"{strict_f1(ceiling, expected):.3f}",
                     f"{sentences / seconds:,.0f}")  # fmt: skip
    return out


def per_call_speed() -> str:
    """`align_sentences`, one call for each chunk of the whole dev set."""
    chunks = json.loads(BIBLE.read_text(encoding="utf-8"))["chunks"]
    sentences = sum(len(c["en"]) + len(c["zh"]) for c in chunks)
    start = time.perf_counter()
    for chunk in chunks:
        align_sentences(chunk["en"], chunk["zh"])
    seconds = time.perf_counter() - start
    return (f"align_sentences, one call per chunk of the Bible dev set: "
            f"{sentences / seconds:,.0f} sentences/s ({sentences:,} sentences, {seconds:.2f} s)")  # fmt: skip


def own_ratio(pairs: list) -> float:
    return sum(len(s) for _, z in pairs for s in z) / sum(len(s) for e, _ in pairs for s in e)


def bible_sets() -> list[tuple[str, list, list, float]]:
    chunks = json.loads(BIBLE.read_text(encoding="utf-8"))["chunks"]
    sets = []
    for name, parity in (("Bible dev, tune half", 0), ("Bible dev, held-out half", 1)):
        part = [c for k, c in enumerate(chunks) if k % 2 == parity]
        pairs = [(c["en"], c["zh"]) for c in part]
        expected = [[(tuple(e), tuple(z)) for e, z in c["links"]] for c in part]
        sets.append((name, pairs, expected, own_ratio(pairs)))
    return sets


def paper_set() -> tuple[str, list, list, float]:
    project = load_project(ROOT)
    edition = edition_of(project.source.read_bytes(), limits_of(project.schemas))
    gold = gold_links()
    pairs = [
        tuple(
            split_sentences(p.text, language) if (p := unit.paragraph(language)) else []
            for language in LANGUAGES
        )
        for unit in edition.units
    ]
    expected = [gold[unit.unit_id] for unit in edition.units]
    return "this paper", pairs, expected, document_ratio(edition)


def generated_sets() -> list[tuple[str, list, list, float]]:
    sets = []
    for label, seed, size, count in (("short", 1, (2, 12), 1500), ("long", 2, (30, 80), 200)):
        rng = random.Random(seed)
        made = [pair(rng, rng.randint(*size)) for _ in range(count)]
        pairs = [(p.english, p.chinese) for p in made]
        sets.append((f"generated, {label}", pairs, [p.links for p in made], own_ratio(pairs)))
    return sets


def dictionary_cost() -> str:
    tracemalloc.start()
    start = time.perf_counter()
    loaded = dictionary()
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    held = loaded.text.__sizeof__() + sum(
        a.nbytes for a in (loaded.line_start, loaded.keys, loaded.line_of_key)
    )
    return (f"CC-CEDICT: {len(loaded.keys):,} headword keys, loaded in {seconds:.3f} s "
            f"(under tracemalloc), {held / 2**20:.1f} MiB held, {peak / 2**20:.1f} MiB at peak")  # fmt: skip


def main() -> int:
    print(dictionary_cost())
    sets = []
    if BIBLE.exists():
        sets += bible_sets()
    else:
        print(f"{BIBLE} is absent: the Bible rows are left out.")
    sets += [paper_set(), *generated_sets()]
    header = ["set", "method", "strict F1", "exact chunks", "gold links split finer",
              "strict F1, finer splits joined", "strict F1 of the gold with only those splits",
              "sentences/s"]  # fmt: skip
    rows = [
        [name, method, *values]
        for name, pairs, expected, ratio in sets
        for method, values in figures(pairs, expected, ratio).items()
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if BIBLE.exists():
        print(per_call_speed())
    return 0


if __name__ == "__main__":
    sys.exit(main())
