"""Hand-made mutation testing: plant each bug below in build/gsipaper/, run the fast suite, restore.

    make mutants            # every mutant
    make mutants ONLY=7     # one mutant, by number

A mutant is *killed* when some test fails with it in place. The suite runs as `make test`
does, less the one test that compares the build with the committed dist/ byte for byte:
that staleness check would kill every mutant that changes an output, and a maintainer who
rebuilds dist/ with the bug defeats it. So a mutant counts as killed only when a test of
what the data means fails. Each mutant names the one text it replaces; the script refuses
a mutant whose text is not found exactly once, and restores the file whatever happens.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = ROOT / "build" / "gsipaper"
STALENESS = (
    "tests/package/test_package.py::test_rebuild_reproduces_the_published_package_byte_for_byte"
)
# It checks that each mutant's text is in the code, so it fails whenever a mutant is planted.
MUTANTS_APPLY = "tests/package/test_mutants_apply.py"


@dataclass(frozen=True)
class Mutant:
    file: str
    old: str
    new: str
    bug: str


MUTANTS = [
    # read
    Mutant("paper/read.py", "return text.removeprefix(BOM)", "return text", "a byte-order mark kept"),
    Mutant("paper/read.py", '.replace("\\r", "\\n")', "", "CR line ends not split"),
    Mutant("paper/read.py", "Line(number, raw.strip())", "Line(number, raw.rstrip())", "leading spaces kept"),
    Mutant("paper/read.py", "return len(BYTE_LINE_BREAK.findall(data, 0, offset)) + 1", "return len(BYTE_LINE_BREAK.findall(data, 0, offset))", "error lines off by one"),
    # segment
    Mutant("paper/segment.py", "return (self.marker.rest, *self.fragments[1:])", "return (self.marker.rest, *self.fragments[2:])", "a wrapped list item loses its second line"),
    Mutant("paper/segment.py", "            page += 1", "            page += 0", "pages not counted"),
    # structure
    Mutant("paper/structure.py", "if marker.number != item + 1:", "if marker.number <= item:", "skipped item numbers accepted"),
    Mutant("paper/structure.py", "marker.number > commitments", "marker.number > commitments + 1", "a seventh commitment accepted"),
    Mutant("paper/structure.py", "paragraphs[-1] = paragraphs[-1].extended(block.fragments, block.lines)", "paragraphs[-1] = paragraphs[-1].extended(block.fragments[:1], block.lines[:1])", "a continued paragraph loses its later lines"),
    Mutant("paper/structure.py", "    text = markers.join(language, block.body)", "    text = markers.join(language, block.body[:1])", "a wrapped paragraph loses its later lines"),
    Mutant("paper/structure.py", "return page_top and not markers.is_finished(last.text)", "return not markers.is_finished(last.text)", "any unfinished paragraph swallows the next"),
    # markers
    Mutant("paper/markers.py", "return high * 10 + low if", "return high * 10 if", "Chinese numerals lose their units"),
    Mutant("paper/markers.py", "return bool(text) and text[-1] in FINISHED", "return bool(text) and text[-1] in FINISHED - {'。'}", "a Chinese full stop does not finish"),
    Mutant("paper/markers.py", 'if parts and not parts[-1].endswith("-"):', "if parts:", "a space after a line-end hyphen"),
    Mutant("paper/markers.py", 'return "zh" if len(CJK.findall(head)) > len(LATIN.findall(head)) else "en"', 'return "en"', "mixed lines always English"),
    Mutant("paper/roles.py", "title = split_sentences(paragraph.text, language)[0]", "title = paragraph.text.split('. ')[0] + '.'", "a title cut at an abbreviation"),
    # align
    Mutant("paper/align.py", "if paragraph.may_continue and excess.get(key[:2], 0) > 0:", "if paragraph.may_continue and excess.get(key[:2], 0) >= 0:", "every page-top paragraph joined"),
    Mutant("paper/align.py", "if paragraphs and not markers.is_finished(paragraphs[-1].text):", "if paragraphs and markers.is_finished(paragraphs[-1].text):", "truncation flag inverted"),
    Mutant("facts.py", 'return f"s{section}-{ordinal:02d}"', 'return f"s{section}-{ordinal}"', "unit ids lose their zero padding"),
    Mutant("paper/align.py", "return key[0] == last_section and (end is None or key > end)", "return end is None or key > end", "a missing counterpart accepted outside the cut-off end"),
    Mutant("paper/align.py", "if len(version.headings) > len(other.headings):", "if len(version.headings) > len(other.headings) + 1:", "a section in one language accepted"),
    # roles
    Mutant("paper/roles.py", '"en": re.compile(r"\\s+(?:is|provides)\\s+', '"en": re.compile(r"\\s+(?:is)\\s+', "the first role not found"),
    Mutant("paper/roles.py", "found = ROLE[language].match(closing, start + len(subject))", "found = ROLE[language].search(closing, start + len(subject))", "a role read from further on"),
    # tables
    Mutant("tabulate/paragraphs.py", "enumerate(present, start=1)", "enumerate(present, start=0)", "paragraph positions from 0"),
    Mutant("tabulate/paragraphs.py", '"source_lines": ";".join(map(str, paragraph.lines)),', '"source_lines": ";".join(map(str, paragraph.lines[:1])),', "source lines of joined fragments lost"),
    Mutant("tabulate/paragraphs.py", '"text_zh": unit.zh and unit.zh.text,', '"text_zh": unit.zh and unit.zh.text[:-1],', "side-by-side Chinese text cut short"),
    Mutant("tabulate/paragraphs.py", '"role_zh": commitment.roles["zh"],', '"role_zh": commitment.titles["zh"],', "Chinese role replaced by the title"),
    Mutant("tabulate/paragraphs.py", "for position, unit in enumerate(edition.units, start=1)", "for position, unit in enumerate(reversed(edition.units), start=1)", "units out of document order"),
    # publish
    Mutant("writers/descriptor.py", '" The source text is cut off; the paragraphs it cuts are flagged truncated."', '""', "the cut-off note dropped"),
    Mutant("facts.py", 'return f"sha256:{sha256_hex(data)}"', 'return f"sha256:{sha256_hex(data[1:])}"', "wrong hashes described"),
    Mutant("writers/descriptor.py", '"title": titles["en"],', '"title": titles["zh"],', "the descriptor's title in Chinese"),
    # database
    Mutant("writers/database.py", 'if "maximum" in constraints:', 'if "maximum" in constraints and False:', "a schema maximum not a CHECK"),
    Mutant("writers/database.py", "    if is_required(field):\n        parts.append(\"NOT NULL\")", "    if False:\n        parts.append(\"NOT NULL\")", "required columns nullable"),
    Mutant("writers/database.py", 'found.append(f"{name} IN (0, 1)")', "pass", "booleans unchecked"),
    # validate
    Mutant("validate.py", "elif not column.equals(other):", "elif False:", "Parquet values not compared"),
    Mutant("validate.py", 'if resource["format"] == "csv":\n            continue', 'if resource["format"] in ("csv", "parquet"):\n            continue', "Parquet bytes and hash not checked"),
    Mutant("validate.py", "if expected.column_names != actual.column_names:", "if False:", "Parquet columns not compared"),
    # schemas and the workbook
    Mutant("project/schemas.py", "if columns != declared:", "if set(columns) - set(declared):", "columns in another order accepted"),
    Mutant("writers/workbook.py", 'FORMULA_STARTS = ("=", "+", "-", "@", "\\t", "\\r")', 'FORMULA_STARTS = ("+", "-", "@", "\\t", "\\r")', "a cell starting with = not quoted"),
    Mutant("writers/workbook.py", "lines = np.maximum(lines, -(-cell_widths // (width - 1)))", "lines = np.maximum(lines, cell_widths // width)", "rows too short for their wrapped text"),
    # the sentence layer, a chunk of units at a time
    Mutant("tabulate/sentences.py", "before += len(layer.links.pair)", "before += 0", "link positions restart in each chunk"),
    Mutant("tabulate/sentences.py", "in_order = [part for language in LANGUAGES for part in sentences[language]]", "in_order = [part for parts in zip(*sentences.values()) for part in parts]", "sentences of both languages chunk by chunk"),
    # found by an independent mutation run: writers and the splitter's rules
    Mutant("writers/exports.py", '<seg>{escape(row[f"text_{language}"])}</seg>', '<seg>{row[f"text_{language}"]}</seg>', "TMX text not XML-escaped"),
    Mutant("writers/templates/index.html.j2", '<li><a href="#section-{{ section.section }}">', '<li><a href="#section-{{ section.numeral_en }}">', "contents links to ids that do not exist"),
    Mutant("sentences/split.py", '"zh": re.compile(rf"[。？！?!]+', '"zh": re.compile(rf"[。？！]+', "half-width ? and ! do not end a Chinese sentence"),
    Mutant("sentences/split.py", 'gap = rf"\\s*$|\\s+(?![{lower_case_letters()}\\s])"', 'gap = rf"\\s*$|\\s+"', "a full stop before a lower-case word ends a sentence"),
    Mutant("paper/read.py", "\\x7f\\ufffe\\uffff]", "\\x7f]", "non-characters accepted into the XML files"),
]  # fmt: skip


def run(mutant: Mutant, pytest_args: list[str]) -> tuple[str | None, float]:
    """The first test that failed with the mutant in place (None: it survived), and the time."""
    path = CODE / mutant.file
    original = path.read_text(encoding="utf-8")
    if original.count(mutant.old) != 1:
        raise SystemExit(
            f"mutants: {mutant.file}: the text to replace is not found once: {mutant.old!r}"
        )
    start = time.perf_counter()
    try:
        path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
             "--deselect", STALENESS, "--ignore", MUTANTS_APPLY, *pytest_args],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
    finally:
        path.write_text(original, encoding="utf-8")
    failed = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("FAILED ")]
    killer = failed[0] if failed else ("(the suite did not run)" if result.returncode > 1 else None)
    return killer, time.perf_counter() - start


def stop(signum, frame):
    """SIGTERM unwinds like Ctrl-C, so that the mutated file is restored."""
    raise KeyboardInterrupt


def misplaced(mutants: list[Mutant]) -> list[str]:
    """The mutants whose text is not found exactly once in their file: each would test nothing."""
    return [
        f"{m.file}: {m.bug}: the text to replace is found {count} times, not once"
        for m in mutants
        if (count := (CODE / m.file).read_text(encoding="utf-8").count(m.old)) != 1
    ]


def main() -> int:
    signal.signal(signal.SIGTERM, stop)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", type=int, nargs="*", help="mutant numbers, from 1")
    parser.add_argument("pytest_args", nargs="*", help="more arguments for pytest")
    args = parser.parse_args()
    chosen = [(n, m) for n, m in enumerate(MUTANTS, start=1) if not args.only or n in args.only]
    wrong = misplaced([mutant for _, mutant in chosen])
    if wrong:
        print(
            "mutants: " + "\n  ".join(["planting nothing, as some mutants are misplaced:", *wrong])
        )
        return 2
    began, survivors = time.perf_counter(), []
    for number, mutant in chosen:
        killer, seconds = run(mutant, args.pytest_args)
        print(f"{number:3}  {'killed  ' if killer else 'SURVIVED'}  {seconds:5.1f} s  "
              f"{mutant.file}: {mutant.bug}", flush=True)  # fmt: skip
        if killer:
            print(f"     by {killer}", flush=True)
        else:
            survivors.append(number)
    killed = len(chosen) - len(survivors)
    minutes = (time.perf_counter() - began) / 60
    print(f"\n{killed} of {len(chosen)} mutants killed ({100 * killed / len(chosen):.0f}%) "
          f"in {minutes:.1f} min; survivors: {survivors or 'none'}")  # fmt: skip
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
