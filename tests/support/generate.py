"""Generated documents of the same shape as the concept paper, of any size.

`document(target_bytes, seed)` returns the text of a bilingual paper that the
pipeline builds: an English and a Chinese title, sections with Roman and
Chinese numerals, unnumbered paragraphs, section II with its six commitments
and a closing paragraph that gives each a role, section III with numbered
cooperation priorities, and further sections of unnumbered paragraphs. English
and Chinese pages alternate; some paragraphs break mid-sentence at the foot of
a page and go on at the top of the next page of their language. The text is
made of random words and characters: deterministic for a seed, meaningless.

`long_line` puts one paragraph of about that many bytes on a single line.

Standard library only, so that the benchmark and the tests can import it:
`sys.path.insert(0, "bench")`, then `from generate import document`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from support.layout import heading_line, interleave, item_marker, pages_of

# The paper's numbering has limits: six commitments; Chinese numerals up to 九十九.
# A larger document has more sections and more paragraphs per section instead.
COMMITMENTS = 6
MAX_SECTIONS = 99
MAX_PRIORITIES = 99
PAGE_UNITS = (3, 9)  # units per page pair, drawn at random
BREAK_CHANCE = 0.35  # a page's last paragraph goes on at the top of the next page
LONG = 100_000  # characters: a paragraph this long stays on one line

VOCABULARY = (
    "security peace development cooperation dialogue countries international community "
    "governance common comprehensive sustainable principles sovereignty integrity mutual "
    "respect consultation partnership stability prosperity challenges regional global "
    "efforts framework commitment responsibility multilateral institutions solidarity "
    "trust confidence disputes settlement mechanisms capacity resilience future shared "
    "people world system order norms rules law charter support promote uphold strengthen "
    "enhance advance encourage build foster deepen pursue address manage resolve"
)
EN_WORDS = VOCABULARY.split()
ZH_CHARS = (
    "安全和平发展合作对话国家国际社会治理共同综合可持续原则主权领土完整相互尊重协商伙伴"
    "关系稳定繁荣挑战地区全球努力框架承诺责任多边机制团结信任争端解决能力未来人民世界"
    "体系秩序规则宪章支持促进维护加强推动鼓励建设深化坚持应对管控化解各方积极开展务实"
)
EN_ROLES = (
    "conceptual guidance", "the basic premise", "a primary benchmark",
    "an important principle", "a must choice", "an inherent requirement",
)  # fmt: skip
ZH_ROLES = ("理念指引", "基本前提", "根本遵循", "重要原则", "必由之路", "应有之义")


@dataclass(slots=True)
class Unit:
    """A paragraph and its translation, or a section heading in both languages."""

    en: str
    zh: str
    heading: bool = False


def document(target_bytes: int, seed: int = 0, long_line: int = 0) -> str:
    """A document of about `target_bytes` bytes of UTF-8 (never less than a minimal paper)."""
    rng = random.Random(seed)
    units = body(rng, target_bytes, long_line)
    return render(rng, units)


def body(rng: random.Random, target_bytes: int, long_line: int) -> list[Unit]:
    """The units in document order: headings and paragraphs of every section."""
    units: list[Unit] = []
    size = 0

    def add(unit: Unit) -> None:
        nonlocal size
        units.append(unit)
        size += len(unit.en) + len(unit.zh.encode("utf-8")) + 4

    unit_bytes = 1100  # a paragraph and its translation, with blank lines, on average
    per_section = max(3, -(-target_bytes // unit_bytes // (MAX_SECTIONS - 3)))

    add(heading(1, "Background", "背景"))
    for index in range(per_section):
        add(paragraph(rng, long=long_line if index == 0 else 0))

    add(heading(2, "Core concepts and principles", "核心理念与原则"))
    subjects = commitment_subjects(rng)
    for number, (en_subject, zh_subject) in enumerate(subjects, start=1):
        add(commitment(rng, number, en_subject, zh_subject))
    add(closing(subjects))

    add(heading(3, "Priorities of cooperation", "重点合作方向"))
    add(paragraph(rng))
    priorities = min(MAX_PRIORITIES, max(2, per_section))
    for number in range(1, priorities + 1):
        add(item(rng, number))

    section = 3
    while size < target_bytes and section < MAX_SECTIONS:
        section += 1
        add(heading(section, title_en(rng), title_zh(rng)))
        count = 0
        # The last section the numerals allow takes whatever is left to reach the size.
        while size < target_bytes and (count < per_section or section == MAX_SECTIONS):
            add(paragraph(rng))
            count += 1
    return units


def heading(number: int, en: str, zh: str) -> Unit:
    return Unit(heading_line(number, en, "en"), heading_line(number, zh, "zh"), heading=True)


def paragraph(rng: random.Random, long: int = 0) -> Unit:
    if long:  # one English line of about `long` bytes; sentences average 120 characters
        return Unit(en_sentences(rng, long // 120), zh_sentences(rng, rng.randint(2, 8)))
    sentences = rng.randint(2, 8)
    return Unit(en_sentences(rng, sentences), zh_sentences(rng, sentences))


def item(rng: random.Random, number: int) -> Unit:
    unit = paragraph(rng)
    return Unit(item_marker(number, "en") + unit.en, item_marker(number, "zh") + unit.zh)


def commitment_subjects(rng: random.Random) -> list[tuple[str, str]]:
    """Six distinct subjects, none a part of another: the words the closing paragraph repeats."""
    subjects: list[tuple[str, str]] = []
    for number in range(1, COMMITMENTS + 1):
        words = " ".join(rng.choice(EN_WORDS) for _ in range(rng.randint(4, 8)))
        chars = "".join(rng.choice(ZH_CHARS) for _ in range(rng.randint(6, 12)))
        subjects.append(
            (f"upholding the {ordinal(number)} vision of {words}", f"第{number}项{chars}")
        )
    return subjects


def commitment(rng: random.Random, number: int, en_subject: str, zh_subject: str) -> Unit:
    rest = paragraph(rng)
    return Unit(
        f"{item_marker(number, 'en')}Stay committed to {en_subject}. {rest.en}",
        f"{item_marker(number, 'zh')}坚持{zh_subject}。{rest.zh}",
    )


def closing(subjects: list[tuple[str, str]]) -> Unit:
    """The paragraph after the commitments: "<subject> provides|is <role>; …" in each language."""
    en_parts = [
        f"{subject} {'provides' if number == 1 else 'is'} {role}"
        for number, ((subject, _), role) in enumerate(zip(subjects, EN_ROLES, strict=True), 1)
    ]
    zh_parts = [
        f"坚持{subject}是{role}" for (_, subject), role in zip(subjects, ZH_ROLES, strict=True)
    ]
    return Unit(
        "These six commitments are interlinked and mutually reinforcing, and are an organic "
        "whole. Among them, " + "; ".join(en_parts[:-1]) + "; and " + en_parts[-1] + ".",
        "上述六个坚持，彼此联系、相互呼应，是辩证统一的有机整体。其中，"
        + "，".join(zh_parts)
        + "。",
    )


def title_en(rng: random.Random) -> str:
    return " ".join(rng.choice(EN_WORDS) for _ in range(rng.randint(2, 5))).capitalize()


def title_zh(rng: random.Random) -> str:
    return "".join(rng.choice(ZH_CHARS) for _ in range(rng.randint(4, 8)))


def en_sentences(rng: random.Random, count: int) -> str:
    return " ".join(en_sentence(rng) for _ in range(max(1, count)))


def en_sentence(rng: random.Random) -> str:
    words = [rng.choice(EN_WORDS) for _ in range(rng.randint(6, 20))]
    if len(words) > 10:
        words[rng.randint(3, len(words) - 4)] += ","
    return " ".join(words).capitalize() + "."


def zh_sentences(rng: random.Random, count: int) -> str:
    return "".join(zh_sentence(rng) for _ in range(max(1, count)))


def zh_sentence(rng: random.Random) -> str:
    chars = [rng.choice(ZH_CHARS) for _ in range(rng.randint(10, 40))]
    if len(chars) > 20:
        chars.insert(rng.randint(5, len(chars) - 5), "，")
    return "".join(chars) + "。"


def render(rng: random.Random, units: list[Unit]) -> str:
    """Pages alternating English and Chinese, blocks separated by blank lines.

    The title has a page of its own; then both languages break pages after the
    same units, a few at a time. A page's last paragraph may break mid-sentence:
    its tail opens the next page of its language.
    """
    ends, end = [1], 1
    while end <= len(units):
        end = min(len(units) + 1, end + rng.randint(*PAGE_UNITS))
        ends.append(end)

    breaks = [rng.random() < BREAK_CHANCE for _ in ends]  # the same pages in both languages

    def chooser():
        decisions = iter(breaks)

        def choose(points: list[int]) -> int | None:
            if not next(decisions):
                return None
            return points[rng.randint(len(points) // 4, len(points) // 2)]

        return choose

    titles = {"en": "The Generated Concept Paper", "zh": "生成的概念文件"}
    pages = {}
    for language, title in titles.items():
        laid = [(title, None)] + [
            (text, None if unit.heading or len(text) >= LONG else 0)
            for unit in units
            for text in [getattr(unit, language)]
        ]
        pages[language] = pages_of(laid, ends, language, chooser())
    return interleave(pages) + "\n"


def ordinal(number: int) -> str:
    return ("first", "second", "third", "fourth", "fifth", "sixth")[number - 1]


if __name__ == "__main__":
    import argparse
    import sys

    parser = argparse.ArgumentParser(description="Write a generated document to stdout.")
    parser.add_argument("megabytes", type=float)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--long-line", type=float, default=0, help="megabytes on one line")
    args = parser.parse_args()
    text = document(int(args.megabytes * 1e6), args.seed, int(args.long_line * 1e6))
    sys.stdout.buffer.write(text.encode("utf-8"))
