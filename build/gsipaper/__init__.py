"""The Global Security Initiative Concept Paper, English and Chinese, as a data package.

The published tables: `tables()` names them and `load(name)` gives one as a pandas
DataFrame (`load(name, as_="arrow")`: a pyarrow Table). For other texts, the sentence
layer's two steps: `split_sentences(text, language)` and `align_sentences(english, chinese)`.
"""

from gsipaper.loader import load, tables
from gsipaper.sentences.align import align_sentences
from gsipaper.sentences.split import split_sentences

__all__ = ["align_sentences", "load", "split_sentences", "tables"]
