"""English words as the dictionary and a text can share them: lower case, lightly stemmed.

The stemmer only has to bring a word of the text and a word of a dictionary gloss to one
form: "goeth", "went" and "go" to "go", "waters" and "water" to "water", "divided" and
"divide" to "divid". It knows the endings of the King James Bible's English (-eth, -est) and
a few irregular forms, not the whole of English.
"""

from __future__ import annotations

import functools
import re

__all__ = ["STOP", "WORD", "stem", "stems_of"]  # the rest are its own helpers

WORD = re.compile(r"[A-Za-z]+")
# Words that stand in every sentence and in most glosses: matching them proves nothing.
STOP = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for",
    "from", "with", "as", "into", "unto", "upon", "than", "that", "this", "these", "those",
    "there", "here", "it", "its", "he", "him", "his", "she", "her", "they", "them", "their",
    "we", "us", "our", "you", "your", "ye", "thee", "thou", "thy", "thine", "i", "me", "my",
    "mine", "who", "whom", "whose", "which", "what", "be", "is", "are", "was", "were", "been",
    "am", "not", "no", "so", "also", "all", "any", "some", "one", "sb", "sth", "etc", "cl",
    "esp", "lit", "fig", "used", "variant", "see",
})  # fmt: skip
# Forms no ending rule reaches, to the form their dictionary glosses use.
IRREGULAR = {
    "saith": "say", "said": "say", "spake": "speak", "spoke": "speak", "spoken": "speak",
    "hath": "have", "has": "have", "had": "have", "doth": "do", "did": "do", "done": "do",
    "went": "go", "gone": "go", "going": "go", "doing": "do", "came": "come", "took": "take", "taken": "take",
    "gave": "give", "given": "give", "saw": "see", "seen": "see", "knew": "know",
    "known": "know", "begat": "beget", "begotten": "beget", "brought": "bring",
    "thought": "think", "sought": "seek", "made": "make", "found": "find", "heard": "hear",
    "told": "tell", "sent": "send", "left": "leave", "ate": "eat", "eaten": "eat",
    "men": "man", "women": "woman", "children": "child", "brethren": "brother",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose", "oxen": "ox",
    "wives": "wife", "lives": "life", "sware": "swear", "sworn": "swear", "slew": "slay",
    "slain": "slay", "bare": "bear", "born": "bear", "drank": "drink", "wrought": "work",
}  # fmt: skip
# Endings taken off, longest first; what is left keeps at least MIN_STEM letters.
ENDINGS = ("eth", "est", "ing", "ies", "ied", "es", "ed", "ly", "s")
MIN_STEM = 3
VOWELS = frozenset("aeiou")


@functools.cache
def stem(word: str) -> str:
    """A light stem of a lower-case word: endings off, a final e and a doubled consonant too."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    for ending in ENDINGS:
        rest = word[: -len(ending)]
        if word.endswith(ending) and len(rest) >= MIN_STEM - (ending in ("eth", "es")):
            if ending == "s" and rest.endswith(("s", "u", "i")):  # "glass", "thus", "this"
                continue
            word = rest + ("y" if ending in ("ies", "ied") else "")
            break
    if len(word) > MIN_STEM and word.endswith("e"):
        word = word[:-1]
    if len(word) > MIN_STEM and word[-1] == word[-2] and word[-1] not in VOWELS | {"l", "s"}:
        word = word[:-1]
    return word


def stems_of(text: str) -> list[str]:
    """The stems of a text's words, in order, without the words that prove nothing."""
    found = []
    for word in WORD.findall(text):
        lower = word.lower()
        if lower not in STOP and len(lower) > 1:
            found.append(stem(lower))
    return found
