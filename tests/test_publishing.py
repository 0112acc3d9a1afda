"""Publishing is all or nothing: failures, concurrent builds and interrupts leave the
previous package byte for byte as it was; --check finds every stale file."""

import hashlib
import signal
import subprocess
import sys

import pytest

from conftest import ROOT, SOURCE, run_gsipaper
from gsipaper import cli, files


def fingerprint(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def previous(tmp_path):
    """A published package built from an edited source, so that a new build would differ."""
    source = tmp_path / "previous.txt"
    source.write_text(
        SOURCE.read_text(encoding="utf-8").replace("lofty", "noble"), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run_gsipaper("build", "--source", str(source), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_a_package_that_fails_validation_is_not_published(previous, monkeypatch, capsys):
    before = fingerprint(previous)
    monkeypatch.setattr(cli, "validate", lambda stage: ["paragraphs: a planted problem"])
    assert cli.main(["build", "--out", str(previous)]) == 1
    assert "a planted problem" in capsys.readouterr().err
    assert fingerprint(previous) == before


def test_a_refused_input_publishes_nothing(previous, tmp_path):
    before = fingerprint(previous)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    assert run_gsipaper("build", "--source", str(bad), "--out", str(previous)).returncode == 2
    assert fingerprint(previous) == before


def test_a_failed_move_puts_everything_back(previous, monkeypatch, capsys):
    before = fingerprint(previous)
    real_replace = files.os.replace

    def fail_on_descriptor(source, destination):
        staged = source.parent.name.startswith(".gsipaper-stage-")
        if staged and destination.name == "datapackage.json":
            raise OSError(28, "No space left on device")
        real_replace(source, destination)

    monkeypatch.setattr(files.os, "replace", fail_on_descriptor)
    assert cli.main(["build", "--out", str(previous)]) == 1
    assert capsys.readouterr().err == "gsipaper: cannot publish: No space left on device\n"
    assert fingerprint(previous) == before
    assert not list(previous.glob(".gsipaper-*"))


def test_a_second_build_is_refused_while_the_first_holds_the_lock(previous):
    before = fingerprint(previous)
    with files.lock(previous):
        result = run_gsipaper("build", "--out", str(previous))
    assert result.returncode == 3
    assert result.stderr == (
        f"gsipaper: another build is publishing into {previous}; try again when it ends\n"
    )
    assert fingerprint(previous) == before
    assert run_gsipaper("build", "--out", str(previous)).returncode == 0


# The build, interrupted by its own process once every file is staged and validation begins.
INTERRUPTED_BUILD = """
import os, sys
from gsipaper import cli
validate = cli.validate
def interrupted(stage):
    print("staged:", (stage / "README.md").is_file(), flush=True)
    os.kill(os.getpid(), {signum})
    return validate(stage)
cli.validate = interrupted
sys.exit(cli.main(["build", "--out", {out!r}]))
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_build_leaves_the_previous_package(previous, signum):
    before = fingerprint(previous)
    code = INTERRUPTED_BUILD.format(signum=int(signum), out=str(previous))
    build = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert build.stdout == "staged: True\n"
    assert build.returncode == 130, build.stderr
    assert "interrupted" in build.stderr and "Traceback" not in build.stderr
    assert fingerprint(previous) == before
    assert not list(previous.glob(".gsipaper-*"))


def test_check_passes_on_a_fresh_package(tmp_path):
    assert run_gsipaper("build", "--out", str(tmp_path)).returncode == 0
    result = run_gsipaper("build", "--check", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert not list(tmp_path.glob(".gsipaper-*"))


def test_check_lists_each_stale_file(tmp_path):
    assert run_gsipaper("build", "--out", str(tmp_path)).returncode == 0
    csv = tmp_path / "dist" / "sections.csv"
    csv.write_bytes(csv.read_bytes().replace(b"Background", b"Backdrop"))
    (tmp_path / "dist" / "commitments.parquet").unlink()
    (tmp_path / "dist" / "notes.txt").write_text("left behind")
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(descriptor.read_text(encoding="utf-8").replace("sha256:", "sha256:0"))
    before = fingerprint(tmp_path)
    result = run_gsipaper("build", "--check", "--out", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "gsipaper: the published package is stale:",
        "  datapackage.json: differs",
        "  dist/commitments.parquet: missing",
        "  dist/notes.txt: not built",
        "  dist/sections.csv: differs",
    ]
    assert fingerprint(tmp_path) == before


def test_a_malformed_csv_is_a_validation_problem_not_a_crash(tmp_path):
    from gsipaper.validate import validate

    assert run_gsipaper("build", "--out", str(tmp_path)).returncode == 0
    csv = tmp_path / "dist" / "paragraphs.csv"
    csv.write_bytes(csv.read_bytes() + b'"en-s9-99,"an unterminated quote\r\n')
    problems = validate(tmp_path)
    assert any(
        p.resource == "paragraphs-parquet" and p.message.startswith("cannot compare")
        for p in problems
    ), problems
