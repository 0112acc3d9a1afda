"""The hand-checked sentence links of the paper (tests/data/sentence-links.gold.tsv)."""

from __future__ import annotations

from pathlib import Path

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


def ith_to_ith(english: list[str], chinese: list[str]) -> Links:
    """The naive baseline: the i-th sentence with the i-th, the rest left over."""
    return [
        ((i,) if i < len(english) else (), (i,) if i < len(chinese) else ())
        for i in range(max(len(english), len(chinese)))
    ]
