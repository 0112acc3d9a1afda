"""Exports for translation tools: the sentence links → a TMX file and Moses-style plain text.

TMX 1.4b (read by OmegaT, Trados, memoQ and translate-toolkit): one translation
unit per link that has both languages, English as the source. Chinese is tagged
`zh-CN`, not `zh`: tools pick a Chinese script and locale by the full tag, and
the paper is the mainland's Simplified Chinese. Each unit carries its link id,
unit id, link type and score as `prop`s. No creation date: the bytes are the
same on every build.

Moses files, as OPUS publishes them: the English and the Chinese of each such
link on the same line of `.en` and `.zh`, and on that line of `.ids` the link
id and the sentence ids of each side, tab-separated.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import pyarrow as pa

__all__ = ["translation_files"]  # the rest are its own helpers

TMX_LANGUAGES = {"en": "en", "zh": "zh-CN"}
CREATION_TOOL = "gsipaper"
PROPS = ("link_id", "unit_id", "link_type", "score")


def translation_files(links: pa.Table, version: str) -> dict[str, bytes]:
    """{file extension: bytes} of the TMX file and the three Moses files."""
    pairs = [row for row in links.to_pylist() if row["text_en"] and row["text_zh"]]
    return {
        "tmx": tmx(pairs, version).encode("utf-8"),
        "en-zh.en": lines(one_line(row["text_en"]) for row in pairs),
        "en-zh.zh": lines(one_line(row["text_zh"]) for row in pairs),
        "en-zh.ids": lines(
            f"{row['link_id']}\t{row['en_sentence_ids']}\t{row['zh_sentence_ids']}" for row in pairs
        ),
    }


def tmx(pairs: list[dict], version: str) -> str:
    header = {
        "creationtool": CREATION_TOOL,
        "creationtoolversion": version,
        "segtype": "sentence",
        "o-tmf": CREATION_TOOL,
        "adminlang": "en",
        "srclang": TMX_LANGUAGES["en"],
        "datatype": "plaintext",
    }
    attributes = "".join(f"\n    {name}={quoteattr(value)}" for name, value in header.items())
    units = "".join(translation_unit(row) for row in pairs)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
        '<tmx version="1.4">\n'
        f"  <header{attributes}/>\n"
        f"  <body>\n{units}  </body>\n"
        "</tmx>\n"
    )


def translation_unit(row: dict) -> str:
    props = "".join(
        f'      <prop type="x-{name.replace("_", "-")}">{escape(str(row[name]))}</prop>\n'
        for name in PROPS
    )
    variants = "".join(
        f'      <tuv xml:lang="{tag}"><seg>{escape(row[f"text_{language}"])}</seg></tuv>\n'
        for language, tag in TMX_LANGUAGES.items()
    )
    return f"    <tu tuid={quoteattr(row['link_id'])}>\n{props}{variants}    </tu>\n"


def one_line(text: str) -> str:
    return " ".join(text.splitlines())


def lines(values) -> bytes:
    return "".join(f"{value}\n" for value in values).encode("utf-8")
