"""Each release's CHANGELOG entry summarises the diff from the release it names."""

import re

from support.project import ROOT, VERSION, run_gsipaper

CHANGELOG = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
NEWEST = CHANGELOG.split("\n## ")[1]
PREVIOUS = re.search(r"^Changes from (\S+) ", NEWEST, re.M)


def test_the_newest_entry_is_this_version_and_names_the_release_before():
    assert NEWEST.startswith(f"{VERSION} - ")
    assert PREVIOUS, "the newest entry names no release it changes from"
    assert (ROOT / "releases" / f"gsi-concept-paper-{PREVIOUS[1]}.zip").is_file()


def test_the_newest_entry_summarises_the_diff_from_the_release_it_names():
    release = ROOT / "releases" / f"gsi-concept-paper-{PREVIOUS[1]}.zip"
    result = run_gsipaper("diff", str(release), str(ROOT))
    assert result.returncode in (0, 1), result.stderr
    summaries = [line for line in result.stdout.splitlines() if not line.startswith(" ")][:-1]
    listed = NEWEST[PREVIOUS.end() :].split("\n\n", 2)[1]
    assert listed.splitlines() == [f"- {summary}" for summary in summaries]


def test_every_release_before_this_one_is_kept():
    versions = re.findall(r"^## (\S+) - ", CHANGELOG, re.M)
    kept = sorted(path.name for path in (ROOT / "releases").glob("*.zip"))
    assert kept == sorted(f"gsi-concept-paper-{version}.zip" for version in versions[1:])
