"""Publishing is all or nothing: failures, concurrent builds and interrupts leave the
previous package byte for byte as it was; --check finds every stale file."""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from gsipaper import cli, files, pipeline, publish
from support.project import ROOT, SOURCE, run_gsipaper


def fingerprint(root):
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def built_before(tmp_path_factory):
    """A published package built from an edited source, so that a new build would differ."""
    tmp_path = tmp_path_factory.mktemp("before")
    source = tmp_path / "previous.txt"
    source.write_text(
        SOURCE.read_text(encoding="utf-8").replace("lofty", "noble"), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = run_gsipaper("build", "--source", str(source), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def previous(built_before, tmp_path):
    """A copy of that package for one test to publish over."""
    return Path(shutil.copytree(built_before, tmp_path / "out"))


def test_a_package_that_fails_validation_is_not_published(previous, monkeypatch, capsys):
    before = fingerprint(previous)
    monkeypatch.setattr(publish, "validate", lambda stage: ["paragraphs: a planted problem"])
    assert cli.main(["build", "--out", str(previous)]) == 1
    assert "a planted problem" in capsys.readouterr().err
    assert fingerprint(previous) == before


def test_a_refused_input_publishes_nothing(previous, tmp_path):
    before = fingerprint(previous)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    assert run_gsipaper("build", "--source", str(bad), "--out", str(previous)).returncode == 2
    assert fingerprint(previous) == before


@pytest.mark.usefixtures("python_signal_handlers")
@pytest.mark.parametrize("waiting", [None, signal.SIGTERM], ids=["", "with-a-signal-waiting"])
def test_a_failed_move_puts_everything_back(waiting, previous, monkeypatch, capsys):
    """The move's error wins over a signal that came during the moves: the old package."""
    before = fingerprint(previous)
    real_replace = files.os.replace

    def fail_on_descriptor(source, destination):
        if waiting:
            signal.raise_signal(waiting)
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


# What the build promises about Ctrl-C and SIGTERM, phase by phase (README, The build
# command). Each test raises the signal synchronously at a named point of a real build,
# so what it sees does not depend on how busy the machine is.
UNWINDS = "gsipaper: interrupted; the published package is as it was\n"
WAITS = "gsipaper: interrupted; the new package was published whole\n"


@pytest.fixture
def python_signal_handlers():
    """cli.main installs its SIGTERM handler: give the process its handlers back after."""
    saved = {signum: signal.getsignal(signum) for signum in files.INTERRUPTS}
    signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """What a build of the source publishes, uninterrupted."""
    out = tmp_path_factory.mktemp("fresh")
    assert run_gsipaper("build", "--out", str(out)).returncode == 0
    return fingerprint(out)


def raising(signum, before=None):
    """A stand-in for `before` that raises the signal in this thread first."""

    def interrupted(*args, **kwargs):
        signal.raise_signal(signum)
        return before(*args, **kwargs)

    return interrupted


def half_then(signum):
    real = files.write_files

    def write_half(built, root):
        names = sorted(built)
        real({name: built[name] for name in names[: len(names) // 2]}, root)
        signal.raise_signal(signum)
        real(built, root)

    return write_half


def after_first_move(signum):
    real = files.os.replace
    moves = []

    def replace(source, destination):
        real(source, destination)
        moves.append(destination)
        if len(moves) == 1:
            signal.raise_signal(signum)

    return replace


PHASES = {
    "reading and building": ("package_of", lambda s: raising(s, pipeline.package_of), UNWINDS),
    "staging": ("write_files", half_then, UNWINDS),
    "validating": ("validate", lambda s: raising(s, publish.validate), UNWINDS),
    "moving into place": ("os.replace", after_first_move, WAITS),
    "summing up": ("summary", lambda s: raising(s, pipeline.summary), WAITS),
}
SIGNALS = [signal.SIGINT, signal.SIGTERM]


@pytest.mark.usefixtures("python_signal_handlers")
@pytest.mark.parametrize("signum", SIGNALS, ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("phase", PHASES)
def test_an_interrupt_leaves_the_old_package_or_the_new_never_a_mixture(
    phase, signum, previous, fresh, monkeypatch, capsys
):
    before = fingerprint(previous)
    name, stand_in, message = PHASES[phase]
    where = {"write_files": files, "os.replace": files.os, "validate": publish}.get(name, pipeline)
    monkeypatch.setattr(where, name.removeprefix("os."), stand_in(signum))
    assert cli.main(["build", "--out", str(previous)]) == 130
    assert capsys.readouterr().err == message
    assert fingerprint(previous) == (before if message == UNWINDS else fresh)
    assert not list(previous.glob(".gsipaper-*"))


@pytest.mark.usefixtures("python_signal_handlers")
def test_a_signal_that_reaches_another_thread_waits_too():
    """Python runs the handler in the main thread whichever thread the signal reaches."""
    import threading

    def to_this_thread():
        signal.pthread_kill(threading.get_ident(), signal.SIGINT)

    with pytest.raises(files.PublishedThenInterrupted), files.InterruptsWait() as waiting:
        waiting.hold()
        worker = threading.Thread(target=to_this_thread)
        worker.start()
        worker.join()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# A real process: its own SIGTERM handler, and the signal raised at the validation.
INTERRUPTED_PROCESS = """
import signal, sys
from gsipaper import cli
from gsipaper import publish
validate = publish.validate
def interrupted(stage):
    print("staged:", (stage / "datapackage.json").is_file(), flush=True)
    signal.raise_signal(signal.{name})
    return validate(stage)
publish.validate = interrupted
sys.exit(cli.main(["build", "--out", {out!r}]))
"""


def run_interrupted(name, out, sigint):
    """The process starts with SIGINT at `sigint`: a shell's background job inherits SIG_IGN."""
    code = INTERRUPTED_PROCESS.format(name=name, out=str(out))
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: signal.signal(signal.SIGINT, sigint),
    )


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT"])
def test_an_interrupted_process_exits_130_with_the_previous_package(previous, name):
    before = fingerprint(previous)
    build = run_interrupted(name, previous, signal.SIG_DFL)
    assert build.stdout == "staged: True\n"
    assert (build.returncode, build.stderr) == (130, UNWINDS)
    assert fingerprint(previous) == before
    assert not list(previous.glob(".gsipaper-*"))


def test_a_process_started_with_sigint_ignored_keeps_ignoring_it(previous, fresh):
    """As Python does (nohup, a background job): only SIGTERM stops it."""
    build = run_interrupted("SIGINT", previous, signal.SIG_IGN)
    assert build.returncode == 0, build.stderr
    assert fingerprint(previous) == fresh


def test_an_ignored_signal_stays_ignored_while_the_moves_wait():
    saved = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with files.InterruptsWait() as waiting:
            waiting.hold()
            signal.raise_signal(signal.SIGINT)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, saved)


def test_a_reader_that_stops_early_is_no_error(tmp_path):
    """`gsipaper build | head -0`: the package is published and the command succeeds."""
    read, write = os.pipe()
    os.close(read)  # no reader from the start, so the first line written meets a closed pipe
    try:
        result = subprocess.run(
            [sys.executable, "-m", "gsipaper", "build", "--out", str(tmp_path)],
            cwd=ROOT, stdout=write, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (0, "")
    assert run_gsipaper("build", "--check", "--out", str(tmp_path)).returncode == 0


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
