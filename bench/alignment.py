"""The sentence aligner's accuracy: strict F1 on the paper and on generated paragraphs.

Run from the project root as `.venv/bin/python bench/alignment.py` (`make bench` runs it).
Strict F1 counts a link only when both its sides match the expected link exactly.

- the paper: the published sentences of each unit against the hand-checked links in
  tests/data/sentence-links.gold.tsv, for the aligner, the i-th sentence paired with the
  i-th, and Gale-Church by lengths alone (`sentence_align.LENGTH_ONLY`); with the units
  aligned exactly.
- generated: paragraphs of known links (bench/parallel.py), short (2-12 links) and long
  (30-80 links), with the document's ratio measured on them as the build measures it.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from gsipaper.facts import LANGUAGES  # noqa: E402
from gsipaper.pipeline import edition_of  # noqa: E402
from gsipaper.project.load import load_project  # noqa: E402
from gsipaper.project.schemas import limits_of  # noqa: E402
from gsipaper.sentences.align import sentence_links  # noqa: E402
from gsipaper.sentences.model import LENGTH_ONLY, MODEL, Model  # noqa: E402
from gsipaper.sentences.split import split_sentences  # noqa: E402
from gsipaper.tabulate.sentences import document_ratio  # noqa: E402
from support.gold import gold_links, ith_to_ith, strict_f1  # noqa: E402
from support.parallel import pair  # noqa: E402


def found(links) -> list:
    return [(link.english, link.chinese) for link in links]


def paper_figures() -> list[tuple[str, str]]:
    project = load_project(ROOT)
    edition = edition_of(project.source.read_bytes(), limits_of(project.schemas))
    gold = gold_links()
    units = [unit.unit_id for unit in edition.units]
    pairs = [
        tuple(
            split_sentences(p.text, language) if (p := unit.paragraph(language)) else []
            for language in LANGUAGES
        )
        for unit in edition.units
    ]
    expected = [gold[u] for u in units]
    ratio = document_ratio(edition)
    rows = []
    for name, links in (
        ("aligner", [found(ls) for ls in sentence_links(pairs, ratio=ratio)]),
        ("i-th with i-th", [ith_to_ith(en, zh) for en, zh in pairs]),
        (
            "lengths alone",
            [found(ls) for ls in sentence_links(pairs, ratio=ratio, model=LENGTH_ONLY)],
        ),
    ):
        exact = sum(f == e for f, e in zip(links, expected, strict=True))
        figure = f"{strict_f1(links, expected):.3f}, {exact} of {len(units)} units exact"
        rows.append((f"paper, {name}", figure))
    return rows


def generated_figures() -> list[tuple[str, str]]:
    rows = []
    for label, seed, size, count in (("short", 1, (2, 12), 1500), ("long", 2, (30, 80), 200)):
        rng = random.Random(seed)
        pairs = [pair(rng, rng.randint(*size)) for _ in range(count)]
        lengths = [(sum(map(len, p.english)), sum(map(len, p.chinese))) for p in pairs]
        ratio = sum(y for _, y in lengths) / sum(x for x, _ in lengths)
        texts = [(p.english, p.chinese) for p in pairs]
        expected = [p.links for p in pairs]
        links = sum(map(len, expected))
        for name, model in (
            ("aligner", MODEL),
            ("no anchors", Model(MODEL.priors, anchor_cost=0.0)),
            ("lengths alone", LENGTH_ONLY),
        ):
            got = [found(ls) for ls in sentence_links(texts, ratio=ratio, model=model)]
            rows.append(
                (f"generated {label} ({count} paragraphs, {links} links), {name}",
                 f"{strict_f1(got, expected):.3f}")
            )  # fmt: skip
    return rows


def main() -> int:
    rows = paper_figures() + generated_figures()
    width = max(len(name) for name, _ in rows)
    for name, figure in rows:
        print(f"{name:<{width}}  {figure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
