"""Segment: lines → blocks, each in one language on one page, with its marker.

A block is a run of non-blank lines; a marker line or a change of language
starts a new one. The source does not mark pages, so a page is a run of blocks
in one language: English and Chinese pages alternate.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gsipaper.paper import markers
from gsipaper.paper.markers import Marker
from gsipaper.paper.read import Line

__all__ = ["Block", "segment"]  # the rest are its own helpers


@dataclass(frozen=True, slots=True)
class Block:
    language: str
    page: int
    marker: Marker | None
    fragments: tuple[str, ...]
    lines: tuple[int, ...]

    @property
    def kind(self) -> str:
        return self.marker.kind if self.marker else "text"

    @property
    def body(self) -> tuple[str, ...]:
        """The fragments without the marker."""
        if self.marker is None:
            return self.fragments
        return (self.marker.rest, *self.fragments[1:])


@dataclass(slots=True)
class Run:
    language: str
    marker: Marker | None
    fragments: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


def segment(lines: list[Line]) -> list[Block]:
    return paginate(runs_of(lines))


def runs_of(lines: list[Line]) -> list[Run]:
    runs: list[Run] = []
    current: Run | None = None
    for line in lines:
        if not line.text:
            current = None
            continue
        language = markers.language_of(line.text)
        marker = markers.marker_of(line.text, language)
        if not (current and current.language == language and marker is None):
            current = Run(language, marker)
            runs.append(current)
        current.fragments.append(line.text)
        current.lines.append(line.number)
        if marker and marker.kind == "heading":
            current = None
    return runs


def paginate(runs: list[Run]) -> list[Block]:
    blocks, page = [], 0
    for before, run in zip([None, *runs], runs, strict=False):
        if before is not None and before.language != run.language:
            page += 1
        blocks.append(Block(run.language, page, run.marker, tuple(run.fragments), tuple(run.lines)))
    return blocks
