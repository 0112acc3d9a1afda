"""Generated parallel paragraphs with known sentence links, for measuring the aligner.

A paragraph pair is a run of links. Each link is a piece of meaning of a random
length, written as one to three English sentences and as one to three Chinese
sentences whose lengths follow the English at a ratio of about a quarter (with
noise), or left out on one side. Some links carry an anchor on both sides: a
year, a Latin acronym, a question or a quoted term. The words are random: only
the lengths, the punctuation and the anchors carry the alignment, as in a real
translation the aligner cannot read.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

WORDS = [
    *[
        "order",
        "trust",
        "region",
        "council",
        "people",
        "future",
        "growth",
        "rules",
        "respect",
        "stable",
        "dialogue",
    ],
    *[
        "common",
        "nations",
        "shared",
        "world",
        "treaty",
        "agenda",
        "partners",
        "economy",
        "climate",
        "health",
        "law",
    ],
]
HANZI = "和平安全合作发展共同世界各国人民稳定对话规则治理繁荣未来区域信任体系秩序能力机制"
ACRONYMS = ("UN", "WHO", "ASEAN", "G20", "BRICS", "COVID-19", "WTO", "NATO")
# Link shapes (English sentences, Chinese sentences) and how often each occurs.
SHAPES = {
    (1, 1): 0.70, (2, 1): 0.10, (1, 2): 0.06, (3, 1): 0.03, (1, 3): 0.02,
    (2, 2): 0.02, (1, 0): 0.035, (0, 1): 0.035,
}  # fmt: skip
RATIO = 0.25  # Chinese characters per English character, about as in the paper


@dataclass(frozen=True)
class Pair:
    english: list[str]
    chinese: list[str]
    links: list[tuple[tuple[int, ...], tuple[int, ...]]]


def pair(rng: random.Random, links: int, anchors: float = 0.3, noise: float = 0.12) -> Pair:
    english: list[str] = []
    chinese: list[str] = []
    known = []
    for _ in range(links):
        en_count, zh_count = rng.choices(list(SHAPES), weights=list(SHAPES.values()))[0]
        size = rng.randint(40, 260)  # English characters of the piece of meaning
        anchor = anchor_of(rng) if rng.random() < anchors else None
        cut = rng.uniform(0.2, 0.35)
        # A 2-2 link's sentences break at crossing points (else it would be two 1-1 links).
        en_cut, zh_cut = (cut, 1 - cut) if (en_count, zh_count) == (2, 2) else (None, None)
        en = [english_sentence(rng, part) for part in parts(rng, size, en_count, en_cut)]
        zh_size = max(6, round(size * RATIO * rng.gauss(1, noise)))
        zh = [chinese_sentence(rng, part) for part in parts(rng, zh_size, zh_count, zh_cut)]
        if anchor and en and zh:
            en[0], zh[0] = anchored(rng, en[0], zh[0], anchor)
        known.append(
            (
                tuple(range(len(english), len(english) + len(en))),
                tuple(range(len(chinese), len(chinese) + len(zh))),
            )
        )
        english += en
        chinese += zh
    return Pair(english, chinese, known)


def parts(rng: random.Random, size: int, count: int, cut: float | None = None) -> list[int]:
    if count == 0:
        return []
    shares = [cut] if cut else [rng.uniform(0.2, 0.8) for _ in range(count - 1)]
    cuts = sorted(share * size for share in shares)
    edges = [0, *cuts, size]
    return [max(4, round(b - a)) for a, b in itertools.pairwise(edges)]


def english_sentence(rng: random.Random, size: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < size:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def chinese_sentence(rng: random.Random, size: int) -> str:
    body = "".join(rng.choice(HANZI) for _ in range(max(1, size - 1)))
    if size > 16:
        at = rng.randint(4, size - 8)
        body = body[:at] + "，" + body[at + 1 :]
    return body + "。"


def anchor_of(rng: random.Random) -> str:
    return rng.choice(["year", "acronym", "question", "quoted"])


def anchored(rng: random.Random, en: str, zh: str, kind: str) -> tuple[str, str]:
    """Put the same anchor into an English sentence and its Chinese counterpart."""
    if kind == "year":
        year = str(rng.randint(1950, 2030))
        return f"In {year} {en[0].lower()}{en[1:]}", f"{year}年{zh}"
    if kind == "acronym":
        name = rng.choice(ACRONYMS)
        return f"The {name} {en[0].lower()}{en[1:]}", f"{name}{zh}"
    if kind == "question":
        return en[:-1] + "?", zh[:-1] + "？"
    return f"{en[:-1]} of “{rng.choice(WORDS)} {rng.choice(WORDS)}”.", f"“{zh[:3]}”{zh[3:]}"
