"""Anchors: what a translation keeps as it is (numbers, Latin words, ?/!, quotes, list markers)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np

from gsipaper.facts import CLOSERS
from gsipaper.sentences.model import ANCHOR_BITS

__all__ = ["anchor_masks", "is_cut_off", "may_anchor"]  # the rest are its own helpers

KINDS = ("number", "latin", "ending", "quoted", "list")
NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.'][A-Za-z0-9]+)*")
QUOTED = re.compile(r"“[^”]+”|\"[^\"]+\"|「[^」]+」|『[^』]+』")
EN_LIST = re.compile(r"(?:\(?(?:[0-9]{1,2}|[a-z]|[ivx]{1,4})[.)]|[•·▪‣◦–—-])\s")
ZH_LIST = re.compile(
    r"[（(](?:[一二三四五六七八九十]+|[0-9]+|[a-z])[)）]|[一二三四五六七八九十]+、|[0-9]+[.、．]|[①-⑳•·▪]"
)
# Cheap tests of a whole Chinese paragraph: only where one holds are anchors looked for.
ZH_MAY_ANCHOR = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ？！?!“「『\"（(①-⑳•·▪一二三四五六七八九十]")


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
        ending = text.rstrip().rstrip(CLOSERS)[-1:]
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
