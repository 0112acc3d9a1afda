"""Small inline documents for the stages' tests, and the paper's stages up to the edition."""

from __future__ import annotations

from gsipaper.paper.align import align
from gsipaper.paper.read import read_lines
from gsipaper.paper.segment import segment
from gsipaper.paper.structure import structure
from gsipaper.project.load import load_project
from gsipaper.project.schemas import limits_of
from support.project import ROOT

LIMITS = limits_of(load_project(ROOT).schemas)
FRONT = (["Tiny Paper"], ["小文件"])


def edition(text: str):
    return align(structure(segment(read_lines(text.encode("utf-8"))), LIMITS))


def pages(*pages: list[str]) -> str:
    """A document whose pages alternate English and Chinese, blocks split by blank lines."""
    return "\n\n".join(block for page in pages for block in page) + "\n"


FRONT = (["Tiny Paper"], ["小文件"])
