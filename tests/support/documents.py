"""Hypothesis strategies for documents shaped like the concept paper.

A plan says what the paper holds: sections, unnumbered paragraphs, numbered
commitments with a closing paragraph giving each its role, numbered priorities.
`render` lays a plan out as the extracted PDF text is laid out: English and
Chinese pages alternate, and some page breaks fall in the middle of a paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from support.layout import heading_line, interleave, item_marker, pages_of, wrap, zh_numeral

# The paper's lists, as the paper has them: the generator does not ask the code under test.
COMMITMENT_SECTION, PRIORITY_SECTION, COMMITMENTS = 2, 3, 6

VOCABULARY = """peace security nations dialogue order trust shared future common people world
    cooperation development rules respect stability growth region council"""
WORDS = st.sampled_from(VOCABULARY.split())
# Characters that carry no meaning to the parser (no markers, no 是 or 坚持).
HANZI = st.sampled_from("和平安全合作发展共同世界各国人民稳定对话规则治理繁荣未来区域信任")


@dataclass(frozen=True)
class Unit:
    section: int
    item: int | None
    en: str
    zh: str


@dataclass(frozen=True)
class Plan:
    title_en: str
    title_zh: str
    headings: tuple[tuple[str, str], ...]
    units: tuple[Unit, ...]


def phrase(words=WORDS, least=1, most=4):
    return st.lists(words, min_size=least, max_size=most).map(" ".join)


def hanzi(least=2, most=8):
    return st.lists(HANZI, min_size=least, max_size=most).map("".join)


@st.composite
def english_paragraph(draw, opening: str = "") -> str:
    sentences = [opening] if opening else []
    for _ in range(draw(st.integers(1 if not opening else 0, 3))):
        words = draw(phrase(least=2, most=8))
        sentences.append(words[0].upper() + words[1:] + ".")
    return " ".join(sentences)


@st.composite
def chinese_paragraph(draw, opening: str = "") -> str:
    sentences = [opening] if opening else []
    for _ in range(draw(st.integers(1 if not opening else 0, 3))):
        sentences.append(draw(hanzi()) + draw(st.sampled_from("。！？")))
    return "".join(sentences)


@st.composite
def plans(draw) -> Plan:
    headings, units = [], []
    sections = draw(st.integers(1, 4))
    for section in range(1, sections + 1):
        title = draw(phrase(least=1, most=3))
        headings.append((title[0].upper() + title[1:], draw(hanzi(2, 6))))
        units += [
            Unit(section, None, draw(english_paragraph()), draw(chinese_paragraph()))
            for _ in range(draw(st.integers(0 if section > 1 else 1, 2)))
        ]
        if section == COMMITMENT_SECTION:
            units += draw(commitments(section))
        elif section == PRIORITY_SECTION:
            for number in range(1, draw(st.integers(0, 3)) + 1):
                units.append(
                    Unit(section, number, draw(english_paragraph()), draw(chinese_paragraph()))
                )
    title = draw(phrase(least=2, most=5))
    return Plan("The " + title, draw(hanzi(4, 10)), tuple(headings), tuple(units))


@st.composite
def commitments(draw, section: int) -> list[Unit]:
    units, roles_en, roles_zh = [], [], []
    for number in range(1, draw(st.integers(1, COMMITMENTS)) + 1):
        subject_en = f"the {draw(phrase(least=1, most=3))} pledge {number}"
        subject_zh = f"坚持{draw(hanzi(2, 6))}{zh_numeral(number)}"
        en = draw(english_paragraph(f"Stay committed to {subject_en}."))
        zh = draw(chinese_paragraph(f"{subject_zh}。"))
        units.append(Unit(section, number, en, zh))
        verb = "provides" if number == 1 else "is"
        roles_en.append(f"{subject_en} {verb} {draw(phrase(least=1, most=3))}")
        roles_zh.append(f"{subject_zh}是{draw(hanzi(2, 4))}")
    closing_en = "These commitments are one whole. Among them, " + "; ".join(roles_en) + "."
    closing_zh = "上述坚持是一个整体。其中，" + "，".join(roles_zh) + "。"
    return [*units, Unit(section, None, closing_en, closing_zh)]


def blocks(plan: Plan, language: str) -> list[tuple[str, int | None]]:
    """The language's blocks in order; for a paragraph, where its text starts after the marker."""
    laid: list[tuple[str, int | None]] = [
        (plan.title_en if language == "en" else plan.title_zh, None)
    ]
    done = 0
    for unit in plan.units:
        while done < unit.section:
            done += 1
            laid.append((heading(plan, done, language), None))
        label = "" if unit.item is None else item_marker(unit.item, language)
        laid.append((label + (unit.en if language == "en" else unit.zh), len(label)))
    laid += [(heading(plan, s, language), None) for s in range(done + 1, len(plan.headings) + 1)]
    return laid


def heading(plan: Plan, section: int, language: str) -> str:
    en, zh = plan.headings[section - 1]
    return heading_line(section, en if language == "en" else zh, language)


@st.composite
def documents(draw, plan_strategy=None) -> tuple[Plan, str]:
    """A plan laid out on pages, some paragraphs broken across them or wrapped over lines."""
    plan = draw(plans() if plan_strategy is None else plan_strategy)
    laid = {language: draw(wrapped(blocks(plan, language), language)) for language in ("en", "zh")}
    shortest = min(len(b) for b in laid.values())
    pages = draw(st.integers(1, min(6, shortest)))
    paged = {language: draw(paginate(laid[language], pages, language)) for language in laid}
    return plan, interleave(paged) + draw(st.sampled_from(["", "\n"]))


@st.composite
def wrapped(draw, laid: list[tuple[str, int | None]], language: str):
    """Some paragraphs over two or three consecutive lines, as a narrow column prints them.

    A page may still cut a wrapped paragraph, inside its last line.
    """
    result = []
    for text, body in laid:
        lines = draw(st.sampled_from([1, 1, 2, 3])) if body is not None else 1
        text = wrap(text, body, language, lines) if lines > 1 else text
        result.append((text, text.rindex("\n") + 1 if "\n" in text else body))
    return result


@st.composite
def paginate(
    draw, laid: list[tuple[str, int | None]], pages: int, language: str
) -> list[list[str]]:
    """Cut the blocks into pages; a cut after a paragraph may fall inside it."""
    cuts = sorted(
        draw(st.sets(st.integers(1, len(laid) - 1), min_size=pages - 1, max_size=pages - 1))
    )

    def choose(points: list[int]) -> int | None:
        return draw(st.sampled_from(points)) if draw(st.booleans()) else None

    return pages_of(laid, [*cuts, len(laid)], language, choose)


# Pieces that break a text format written without escaping: markup, entities, CDATA ends,
# comment openers, quotes, and the bidi marks and isolates that reorder what a reader sees.
HOSTILE = [
    "&", "<", ">", '"', "'", "&amp;", "&#1;", "<b>", "</p>", "<script>", "]]>", "<!--",
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202e", "\u2066", "\u2067", "\u2069", "\u061c",
]  # fmt: skip


def source_characters() -> st.SearchStrategy[str]:
    """What the reader lets into a paragraph: no control, surrogate, line break or non-character."""
    return st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufffe\uffff\x85"
    )


def hostile_texts() -> st.SearchStrategy[str]:
    """Paragraph-like text (no outer whitespace) built of hostile pieces and any other text."""
    pieces = st.one_of(st.sampled_from(HOSTILE), st.text(source_characters(), max_size=4))
    return (
        st.lists(pieces, min_size=1, max_size=12)
        .map("".join)
        .filter(lambda text: text and text.strip() == text)
    )
