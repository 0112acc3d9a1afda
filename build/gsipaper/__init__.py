"""The Global Security Initiative Concept Paper, English and Chinese, as a data package.

For other texts, the sentence layer's two steps: `split_sentences(text, language)`
and `align_sentences(english, chinese)`.
"""

from gsipaper.sentences.align import align_sentences
from gsipaper.sentences.split import split_sentences

__all__ = ["align_sentences", "split_sentences"]
