"""Facts every part shares, defined once: the languages, closing punctuation, id formats, hashes."""

from __future__ import annotations

import hashlib

__all__ = [
    "CLOSERS",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "hash_field",
    "paragraph_id",
    "sha256_hex",
    "unit_id",
]  # the rest are its own helpers

LANGUAGES = ("en", "zh")
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}
# What may close a sentence after its final mark: quotes and brackets of both scripts.
CLOSERS = "\"'”’»)]」』）】》〉"


def unit_id(section: int, ordinal: int) -> str:
    """A unit's id: its section and its order in the section, e.g. s2-05."""
    return f"s{section}-{ordinal:02d}"


def paragraph_id(language: str, unit: str) -> str:
    """A paragraph's id: its language and its unit's id, e.g. en-s2-05."""
    return f"{language}-{unit}"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hash_field(data: bytes) -> str:
    """A descriptor's `hash`: the algorithm, a colon and the hex digest."""
    return f"sha256:{sha256_hex(data)}"
