"""The reader page in a real browser: Debian's Chromium, driven by Playwright.

The page is opened from a fresh build, from `file://` and from a local static
server, as a reader would open it. Screenshots go to test-artifacts/ for a person
to look at.
"""

import functools
import http.server
import re
import struct
import subprocess
import threading
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pytest
from playwright.sync_api import sync_playwright

from gsipaper.formats import read_csv
from gsipaper.writers.page import page_html
from support.project import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
SMALL_PHONE = {"width": 375, "height": 667}
CJK = re.compile(r"[\u4e00-\u9fff]+")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"the browser tests need Debian's chromium at {CHROMIUM}: apt-get install chromium"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def served(built):
    """The fresh build on a static server, as GitHub Pages or a portal's file store serves it."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(built))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def tables(built, schemas) -> dict[str, list[dict]]:
    return {
        name: read_csv(built / f"dist/{name}.csv", schema).to_pylist()
        for name, schema in schemas.items()
    }


@pytest.fixture
def page_url(built) -> str:
    return (built / "dist/index.html").as_uri()


class Visit:
    """A page in its own context, with every console error and every request noted."""

    def __init__(self, browser, url: str, allowed: str, **context):
        self.context = browser.new_context(**context)
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.context.set_default_timeout(5000)
        self.page = self.context.new_page()
        self.page.on("console", self.console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.context.route("**/*", lambda route: self.screen(route, allowed))
        self.page.goto(url)

    def console(self, message):
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def screen(self, route, allowed):
        if route.request.url.split("#")[0] == allowed:
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    opened = []

    def open_page(url: str, **context) -> Visit:
        opened.append(Visit(browser, url, url.split("#")[0], **context))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


def visible_units(page) -> list[str]:
    return page.eval_on_selector_all(
        ".unit", "units => units.filter(u => u.offsetParent !== null).map(u => u.id)"
    )


@pytest.mark.parametrize("origin", ["file", "http"])
def test_no_console_error_and_no_request_beyond_the_page(visit, page_url, served, origin):
    url = page_url if origin == "file" else f"{served}/dist/index.html"
    opened = visit(url, viewport=DESKTOP)
    opened.page.hover(".sentence, .text")
    opened.page.click(".copy")
    opened.page.fill("#search", "security")
    opened.page.check("input[value=zh]")
    opened.page.wait_for_timeout(50)
    assert opened.errors == []
    assert opened.foreign == []


def test_every_unit_and_paragraph_anchor_lands_in_view(visit, page_url, tables):
    keys = [a["unit_id"] for a in tables["alignments"]]
    keys += [p["paragraph_id"] for p in tables["paragraphs"]]
    for viewport in (DESKTOP, PHONE):
        opened = visit(page_url, viewport=viewport)
        # Each key is navigated to as a link to it would be; its element's top must be on
        # screen and not under the sticky controls.
        hidden = opened.page.evaluate(
            """keys => keys.filter(key => {
                location.hash = '#' + key;
                const element = document.getElementById(key);
                const box = element.getBoundingClientRect();
                const top = document.elementFromPoint(box.left + 2, box.top + 2);
                return !(box.top >= 0 && box.top < innerHeight && element.contains(top));
            })""",
            keys,
        )
        assert hidden == [], viewport["width"]
        opened.page.goto(f"{page_url}#{keys[-1]}")  # and opening the page at one
        assert opened.page.evaluate("scrollY") > 0


def test_the_language_control_shows_what_it_says(visit, page_url):
    opened = visit(page_url, viewport=DESKTOP)
    page = opened.page

    def shown(language):
        return page.eval_on_selector_all(
            f".paragraph.lang-{language}", "nodes => nodes.filter(n => n.offsetParent).length"
        )

    total = {lang: page.locator(f".paragraph.lang-{lang}").count() for lang in ("en", "zh")}
    assert (shown("en"), shown("zh")) == (total["en"], total["zh"])
    page.get_by_role("radio", name="English only").check()
    assert (shown("en"), shown("zh")) == (total["en"], 0)
    page.keyboard.press("ArrowRight")  # the radio group is keyboard-operable
    assert page.is_checked("input[value=zh]")
    assert (shown("en"), shown("zh")) == (0, total["zh"])
    page.get_by_role("radio", name="both languages").check()
    assert (shown("en"), shown("zh")) == (total["en"], total["zh"])


def unique_term(tables, pattern) -> tuple[str, str]:
    """A term of the text that occurs in exactly one unit, and that unit."""
    texts = {
        a["unit_id"]: f"{a['text_en'] or ''}\n{a['text_zh'] or ''}".lower()
        for a in tables["alignments"]
    }
    counts = Counter(term for text in texts.values() for term in set(pattern.findall(text)))
    term = sorted(t for t, n in counts.items() if n == 1 and len(t) >= 4)[0]
    (unit,) = [key for key, text in texts.items() if term in text]
    return term, unit


@pytest.mark.parametrize("pattern", [re.compile(r"[a-z]{6,}"), CJK], ids=["english", "chinese"])
def test_search_filters_units_and_highlights_the_matches(visit, page_url, tables, pattern):
    term, unit = unique_term(tables, pattern)
    opened = visit(page_url, viewport=DESKTOP)
    page = opened.page
    page.fill("#search", term.upper() if pattern is not CJK else term)
    assert visible_units(page) == [unit]
    hits = page.eval_on_selector_all("mark", "marks => marks.map(m => m.textContent.toLowerCase())")
    assert hits and set(hits) == {term}
    assert "1 of" in page.text_content("#search-status")
    page.fill("#search", "")
    assert len(visible_units(page)) == len(tables["alignments"])
    assert page.locator("mark").count() == 0
    texts = page.eval_on_selector_all(
        ".paragraph[id]", "ps => ps.map(p => [p.id, p.querySelector('.text').textContent])"
    )
    assert dict(texts) == {p["paragraph_id"]: p["text"] for p in tables["paragraphs"]}


def test_a_search_that_matches_nothing_hides_every_unit(visit, page_url):
    opened = visit(page_url, viewport=DESKTOP)
    opened.page.fill("#search", "zzqxj")
    assert visible_units(opened.page) == []
    assert opened.page.text_content("#search-status").startswith("0 of")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_small_phone_the_paper_starts_on_the_first_screen(visit, page_url, javascript):
    """At 375 by 667 pixels the title, then the first lines of the paper's first paragraph."""
    opened = visit(page_url, viewport=SMALL_PHONE, java_script_enabled=javascript)
    first = opened.page.locator(".unit .paragraph p").first
    box = first.bounding_box()
    line = opened.page.evaluate(
        "(p) => parseFloat(getComputedStyle(p).lineHeight)", first.element_handle()
    )
    assert box["y"] + 2 * line <= SMALL_PHONE["height"], box
    title = opened.page.locator("h1").bounding_box()
    assert title["y"] + title["height"] <= box["y"]


def test_no_horizontal_scrolling_on_a_phone(visit, page_url):
    opened = visit(page_url, viewport=PHONE)
    width = opened.page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1] == PHONE["width"]
    # On a phone the English comes above the Chinese of the same unit.
    above = opened.page.evaluate(
        """() => [...document.querySelectorAll('.unit')].every(unit => {
            const en = unit.querySelector('.lang-en'), zh = unit.querySelector('.lang-zh');
            return en.getBoundingClientRect().bottom <= zh.getBoundingClientRect().top;
        })"""
    )
    assert above


def test_without_javascript_every_paragraph_is_there(visit, page_url, tables):
    opened = visit(page_url, viewport=DESKTOP, java_script_enabled=False)
    texts = opened.page.eval_on_selector_all(
        ".paragraph[id]",
        "ps => ps.map(p => [p.id, p.querySelector('.text').textContent, !!p.offsetParent])",
    )
    assert {key: text for key, text, _ in texts} == {
        p["paragraph_id"]: p["text"] for p in tables["paragraphs"]
    }
    assert all(visible for _, _, visible in texts)
    assert not opened.page.is_visible("#controls")


def test_the_page_agrees_with_the_tables(visit, page_url, tables):
    opened = visit(page_url, viewport=DESKTOP)
    shown = opened.page.evaluate(
        """() => [...document.querySelectorAll('.paragraph[id]')].map(p => ({
            paragraph_id: p.id,
            unit_id: p.closest('.unit').id,
            language: p.classList.contains('lang-en') ? 'en' : 'zh',
            marker: p.querySelector('.marker') ? p.querySelector('.marker').textContent : null,
            text: p.querySelector('.text').textContent,
            truncated: !!p.querySelector('.mark-cut'),
        }))"""
    )
    columns = ["paragraph_id", "unit_id", "language", "marker", "text", "truncated"]
    expected = [{c: p[c] for c in columns} for p in tables["paragraphs"]]
    key = lambda row: row["paragraph_id"]  # noqa: E731
    assert sorted(shown, key=key) == sorted(expected, key=key)
    headings = opened.page.eval_on_selector_all(".section h3", "hs => hs.map(h => h.textContent)")
    assert headings == [
        f"{s['numeral_en']}. {s['title_en']} {s['numeral_zh']}、{s['title_zh']}"
        for s in tables["sections"]
    ]


def test_the_copy_control_copies_the_paragraphs_link(visit, served):
    url = f"{served}/dist/index.html"
    opened = visit(url, viewport=DESKTOP)
    opened.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served)
    page = opened.page
    page.click("#zh-s2-05 .copy")
    page.wait_for_function(
        "document.querySelector('#zh-s2-05 .copy').textContent.includes('copied')"
    )
    assert page.evaluate("navigator.clipboard.readText()") == f"{url}#zh-s2-05"
    assert page.evaluate("location.hash") == "#zh-s2-05"


def png_width(path: Path) -> int:
    return struct.unpack(">I", path.read_bytes()[16:20])[0]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_screenshots_for_a_person_to_look_at(visit, page_url, viewport):
    """The top of the page, and commitment 5, at each width."""
    ARTIFACTS.mkdir(exist_ok=True)
    opened = visit(page_url, viewport=viewport)
    shots = {"top": "", "commitment-5": "#s2-05"}
    for name, anchor in shots.items():
        opened.page.goto(f"{page_url}{anchor}")
        path = ARTIFACTS / f"page-{viewport['width']}-{name}.png"
        opened.page.screenshot(path=path)
        assert png_width(path) == viewport["width"]


def synthetic_sentences(tables: dict[str, list[dict]]) -> tuple[list[dict], list[dict]]:
    """Sentences cut at each full stop, linked in order; extra English sentences join the
    unit's last link and extra Chinese ones its first, so that links are of several types."""
    ends = {
        "en": re.compile(r".*?[.!?:](?=\s|$)|.+$", re.S),
        "zh": re.compile(r".*?[。！？：]|.+$", re.S),
    }
    sentences, links = [], []
    by_id = {p["paragraph_id"]: p for p in tables["paragraphs"]}
    for unit in tables["alignments"]:
        sides = {}
        for language in ("en", "zh"):
            paragraph = by_id.get(unit[f"{language}_paragraph_id"])
            sides[language] = []
            if paragraph is None:
                continue
            text = paragraph["text"]
            for position, match in enumerate(ends[language].finditer(text), start=1):
                start = match.start() + len(match.group()) - len(match.group().lstrip())
                row = {
                    "sentence_id": f"{paragraph['paragraph_id']}-{position:02d}",
                    "paragraph_id": paragraph["paragraph_id"],
                    "unit_id": unit["unit_id"],
                    "language": language,
                    "position": position,
                    "start": start,
                    "end": match.end(),
                    "text": text[start : match.end()],
                    "truncated": False,
                }
                sentences.append(row)
                sides[language].append(row["sentence_id"])
        for en, zh in groups(sides["en"], sides["zh"]):
            links.append(
                {
                    "link_id": f"link-{len(links) + 1:03d}",
                    "unit_id": unit["unit_id"],
                    "position": len(links) + 1,
                    "en_sentence_ids": ";".join(en),
                    "zh_sentence_ids": ";".join(zh),
                    "link_type": f"{len(en)}-{len(zh)}",
                    "score": 0.5,
                    "text_en": " ".join(s["text"] for s in sentences if s["sentence_id"] in en),
                    "text_zh": "".join(s["text"] for s in sentences if s["sentence_id"] in zh),
                }
            )
    return sentences, links


def groups(en: list[str], zh: list[str]) -> list[tuple[list[str], list[str]]]:
    if not en or not zh:
        return [([s], []) for s in en] + [([], [s]) for s in zh]
    pairs = min(len(en), len(zh))
    extra = len(zh) - pairs
    return [
        (
            en[index:] if index == pairs - 1 else en[index : index + 1],
            zh[: extra + 1] if index == 0 else zh[extra + index : extra + index + 1],
        )
        for index in range(pairs)
    ]


class SourceFile:
    name = "gsi-concept-paper.txt"
    sha256 = "0" * 64


@pytest.fixture(scope="module")
def with_sentences(built, schemas, tables, descriptor, tmp_path_factory):
    """A page rendered by page.py from the fresh tables and a sentence layer made here."""
    sentences, links = synthetic_sentences(tables)
    typed = {name: read_csv(built / f"dist/{name}.csv", schemas[name]) for name in schemas}
    typed["sentences"] = pa.Table.from_pylist(sentences)
    typed["sentence_links"] = pa.Table.from_pylist(links)
    metadata = {"publication": {"publisher": "publisher", "date": "date"}, "summary": "summary"}
    titles = {"en": descriptor["title"], "zh": "题"}
    page = page_html(typed, schemas, descriptor, metadata, titles, SourceFile(), [], {})
    path = tmp_path_factory.mktemp("sentences") / "index.html"
    path.write_text(page, encoding="utf-8")
    return path.as_uri(), sentences, links


def test_sentence_spans_rebuild_each_paragraph_exactly(visit, with_sentences, tables):
    url, sentences, _ = with_sentences
    opened = visit(url, viewport=DESKTOP)
    spans = opened.page.eval_on_selector_all(".sentence", "s => s.map(n => [n.id, n.textContent])")
    assert dict(spans) == {s["sentence_id"]: s["text"] for s in sentences}
    # A search marks its matches inside the sentence spans and leaves them whole when cleared.
    opened.page.fill("#search", sentences[0]["text"][:12])
    assert opened.page.locator(f"#{sentences[0]['sentence_id']} mark").count() == 1
    opened.page.fill("#search", "")
    texts = opened.page.eval_on_selector_all(
        ".paragraph[id]", "ps => ps.map(p => [p.id, p.querySelector('.text').textContent])"
    )
    assert dict(texts) == {p["paragraph_id"]: p["text"] for p in tables["paragraphs"]}
    spans = opened.page.eval_on_selector_all(".sentence", "s => s.map(n => n.childNodes.length)")
    assert spans == [1] * len(sentences)  # one text node each, as rendered
    assert opened.errors == [] and opened.foreign == []


@pytest.mark.parametrize("how", ["hover", "focus"])
def test_a_sentence_lights_up_the_sentences_it_is_linked_to(visit, with_sentences, how):
    url, _, links = with_sentences
    opened = visit(url, viewport=DESKTOP)
    page = opened.page
    kinds = {link["link_type"]: link for link in links}
    assert {"1-1", "1-0"} < kinds.keys() and any(t[0] > "1" for t in kinds)
    for link in kinds.values():
        first_en = link["en_sentence_ids"].split(";")[0]
        getattr(page, how)(f"#{first_en}")
        linked = page.eval_on_selector_all(".sentence.linked", "s => s.map(n => n.id)")
        expected = [
            *filter(None, f"{link['en_sentence_ids']};{link['zh_sentence_ids']}".split(";"))
        ]
        assert sorted(linked) == sorted(expected), link["link_id"]
        info = page.text_content(f"#{link['unit_id']} .link-info")
        assert info.startswith(f"Link {link['link_type']}:"), info
    page.mouse.move(0, 0)
    page.evaluate("document.activeElement.blur()")
    assert page.locator(".sentence.linked").count() == 0
    assert opened.errors == []


def test_keyboard_focus_reaches_the_sentences(visit, with_sentences):
    url, sentences, _ = with_sentences
    opened = visit(url, viewport=DESKTOP)
    page = opened.page
    page.focus(f"#{sentences[0]['paragraph_id']} .copy")
    page.keyboard.press("Shift+Tab")
    focused = page.evaluate("document.activeElement.id")
    last = [s for s in sentences if s["paragraph_id"] == sentences[0]["paragraph_id"]][-1]
    assert focused == last["sentence_id"]
    assert page.locator(".sentence.linked").count() >= 2


def test_printing_shows_both_languages_without_the_controls(visit, page_url, tables):
    opened = visit(page_url, viewport=DESKTOP)
    page = opened.page
    page.get_by_role("radio", name="English only").check()
    page.emulate_media(media="print")
    assert not page.is_visible("#controls")
    assert not page.locator(".copy").first.is_visible()
    shown = page.eval_on_selector_all(
        ".paragraph[id]", "ps => ps.filter(p => p.offsetParent).length"
    )
    assert shown == len(tables["paragraphs"])


def contrast(page, selector: str) -> float:
    """WCAG contrast of an element's text against its own or its nearest background."""
    return page.evaluate(
        """selector => {
            const rgb = c => c.match(/[0-9.]+/g).slice(0, 3).map(Number);
            const lum = c => {
                const [r, g, b] = rgb(c).map(v => v / 255).map(v =>
                    v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
            };
            let node = document.querySelector(selector);
            const ink = getComputedStyle(node).color;
            let paper = 'rgb(255, 255, 255)';
            for (; node; node = node.parentElement) {
                const bg = getComputedStyle(node).backgroundColor;
                if (bg !== 'rgba(0, 0, 0, 0)') { paper = bg; break; }
            }
            const [a, b] = [lum(ink), lum(paper)].sort((x, y) => y - x);
            return (a + 0.05) / (b + 0.05);
        }""",
        selector,
    )


def test_text_has_readable_contrast(visit, page_url):
    opened = visit(page_url, viewport=DESKTOP)
    selectors = [".text", ".mark-join", ".mark-cut", ".mark-none", ".badge", ".copy", ".legend"]
    ratios = {selector: contrast(opened.page, selector) for selector in selectors}
    assert all(ratio >= 4.5 for ratio in ratios.values()), ratios


def test_make_test_says_what_to_install_when_it_cannot_install_the_browser(tmp_path):
    """Where apt-get cannot be run (here: not on the PATH), one line says what to install."""
    missing = tmp_path / "chromium"
    result = subprocess.run(
        ["/usr/bin/make", "--no-print-directory", str(missing), f"CHROMIUM={missing}"],
        cwd=ROOT,
        env={"PATH": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and not missing.exists()
    (line,) = [line for line in result.stderr.splitlines() if not line.startswith("make:")]
    assert line.startswith("make test: the browser tests need Debian's chromium")
    assert "apt-get install chromium" in line


def test_on_the_published_page_every_sentence_lights_up_its_own_link(visit, page_url, tables):
    """The real sentence layer: each link, from one of its sentences, lights up exactly its
    sentences in both languages and names its type."""
    opened = visit(page_url, viewport=DESKTOP)
    page = opened.page
    links = tables["sentence_links"]
    assert {link["link_type"] for link in links} >= {"1-1", "2-1", "1-0"}
    for link in links:
        sides = (link["en_sentence_ids"] or "", link["zh_sentence_ids"] or "")
        ids = [*filter(None, ";".join(sides).split(";"))]
        page.hover(f"#{ids[-1]}")
        linked = page.eval_on_selector_all(".sentence.linked", "s => s.map(n => n.id)")
        assert sorted(linked) == sorted(ids), link["link_id"]
        info = page.text_content(f"#{link['unit_id']} .link-info")
        assert info.startswith(f"Link {link['link_type']}:"), info
    assert opened.errors == []
