"""Bad input is refused with exit status 2 and one line: FILE:LINE: problem (expected)."""

import re

import pytest

from gsipaper.cli import main
from support.project import SOURCE, run_gsipaper

TEXT = SOURCE.read_text(encoding="utf-8")
LINES = TEXT.split("\n")


def replaced(old: str, new: str, count: int = 1) -> str:
    assert old in TEXT
    return TEXT.replace(old, new, count)


def without_lines(*numbers: int) -> str:
    return "\n".join(line for n, line in enumerate(LINES, start=1) if n not in numbers)


def inserted_after(number: int, *blocks: str) -> str:
    return "\n".join([*LINES[:number], *(f"\n{block}" for block in blocks), *LINES[number:]])


def refuse(tmp_path, capsys, data: bytes | str, where: str, problem: str):
    path = tmp_path / "paper.txt"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    assert main(["build", "--source", str(path), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1, error
    assert error.startswith(f"gsipaper: error: {path}{where}: "), error
    assert re.search(problem, error), error
    assert re.fullmatch(r"gsipaper: error: .+: .+ \(.+\)\n", error), error
    assert not (tmp_path / "out" / "dist").exists()


CASES = {
    "empty": ("", ":1", "has no text"),
    "whitespace only": (" \n\t\n\n", ":1", "has no text"),
    "GB18030": (TEXT.encode("gb18030"), ":5", r"byte 0x[0-9A-F]{2} is not UTF-8"),
    "NUL byte": (replaced("The issue of security", "The issue\0 of security"), ":9", "NUL"),
    "control characters": (replaced("Today, our world", "Today,\x02 our world"), ":11", "U\\+0002"),
    "a PNG image": (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", ":3", "NUL"),
    "English only": (
        "\n".join(line for line in LINES if not re.search("[\u4e00-\u9fff]", line)),
        ":3",
        "no Chinese text",
    ),
    "a section in one language only": (without_lines(69, 71, 73), ":55", "section III has no Chinese"),
    "a commitment in one language only": (
        without_lines(65),
        ":51",
        "commitment 6 of section II has no Chinese counterpart",
    ),
    "section numbering that skips": (replaced("III. Priorities", "IV. Priorities"), ":55", "section IV out of order"),
    "commitments that skip a number, in English": (
        replaced("2. Stay committed to respecting", "3. Stay committed to respecting"),
        ":31",
        r"item 3\. out of order in section II \(item 2\. next\)",
    ),
    "commitments that skip a number, in Chinese": (
        replaced("(二) 坚持尊重", "(三) 坚持尊重"),
        ":41",
        r"item \(三\) out of order in section 二 \(item \(二\) next\)",
    ),
    "commitments that skip a number, in both languages": (
        replaced("2. Stay committed to respecting", "3. Stay committed to respecting").replace(
            "(二) 坚持尊重", "(三) 坚持尊重"
        ),
        ":31",
        r"item 3\. out of order in section II \(item 2\. next\)",
    ),
    "priorities that skip a number, in English": (
        replaced("1. Actively participate", "2. Actively participate"),
        ":61",
        r"item 2\. out of order in section III \(item 1\. next\)",
    ),
    "priorities that skip a number, in both languages": (
        replaced("1. Actively participate", "2. Actively participate") + "\n\n(二) 积极参与。\n",
        ":61",
        r"item 2\. out of order in section III \(item 1\. next\)",
    ),
    "priorities that skip a number, in Chinese": (
        TEXT + "\n\n(二) 积极参与。\n",
        ":75",
        r"item \(二\) out of order in section 三 \(item \(一\) next\)",
    ),
    "Chinese cut off in section II while English goes on": (
        "\n".join(
            line[: len(line) // 2] if n == 63 else line
            for n, line in enumerate(LINES, start=1)
            if n not in (65, 67, 71, 73)
        ),
        ":51",
        "commitment 6 of section II has no Chinese counterpart",
    ),
    "item numbering that repeats": (replaced("(三) 坚持遵守", "(二) 坚持遵守"), ":43", r"item \(二\) out of order.*\(三\)"),
    "item numbering that goes backwards": (replaced("4. Stay committed", "1. Stay committed"), ":35", r"item 1\. out of order"),
    "a seventh commitment": (
        inserted_after(51, "7. Stay committed to something more."),
        ":53",
        r"commitment 7\. in section II \(the 6 commitments only\)",
    ),
    "a commitment outside section II": (
        inserted_after(13, "1. Stay committed to something."),
        ":15",
        "numbered item 1. in section I",
    ),
    "text before the title": (
        "A preface that says something.\n\n" + TEXT,
        ":1",
        "text before the title",
    ),
    "a block that belongs to no section": (
        inserted_after(3, "Some words after the title."),
        ":5",
        "belongs to no section",
    ),
    "a continuation with nothing to continue": (
        inserted_after(55, "and then some words"),
        ":57",
        "a continuation with nothing to continue",
    ),
    "a paragraph that cannot be aligned": (
        inserted_after(13, "An extra paragraph in English."),
        ":15",
        "paragraph 4 of section I has no Chinese counterpart",
    ),
    "a commitment the closing paragraph gives no role": (
        replaced("is a primary benchmark", "was a primary benchmark"),
        ":53",
        "gives commitment 3 no role",
    ),
    "no section headings": ("A Title\n\n一个标题\n", ":1", "no section heading"),
    "headings and no paragraph": (
        "A Title\n\n一个标题\n\nI. Background\n\n一、背景\n",
        ":7",
        "no paragraph under the section headings",
    ),
    "a paragraph too long for a spreadsheet cell": (
        replaced("The issue of security", "Long. " * 6000 + "The issue of security"),
        ":9",
        "a paragraph of 36,149 characters",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("data", "where", "problem"), CASES.values(), ids=CASES.keys())
def test_refused(tmp_path, capsys, data, where, problem):
    refuse(tmp_path, capsys, data, where, problem)


def test_a_missing_path(tmp_path, capsys):
    path = tmp_path / "nowhere.txt"
    assert main(["build", "--source", str(path), "--out", str(tmp_path)]) == 2
    assert (
        capsys.readouterr().err == f"gsipaper: error: {path}: no such file (the source text file)\n"
    )


def test_a_directory(tmp_path, capsys):
    assert main(["build", "--source", str(tmp_path), "--out", str(tmp_path)]) == 2
    assert (
        capsys.readouterr().err
        == f"gsipaper: error: {tmp_path}: is a directory (the source text file)\n"
    )


def test_a_real_process_prints_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_bytes(TEXT.encode("gb18030"))
    result = run_gsipaper("build", "--source", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_usage_errors_exit_2():
    assert run_gsipaper("build", "--no-such-option").returncode == 2
    assert run_gsipaper().returncode == 2
