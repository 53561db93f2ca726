"""Hostile and broken input through the CLI: one ``Error:`` line, exit code 1, no traceback, nothing lost.

Every fixture is built here: the YAML alias bomb, the corrupt zip, the giant
line, a user's own files in ``--out``.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netviz.cli import app
from netviz.io import MARKER, OutputFolder
from test_events import gdelt_line

runner = CliRunner()

#: "billion laughs": 9^9 strings once expanded, a few hundred bytes as written
BOMB = "".join(
    [f'l0: &l0 ["{"lol" * 3}"]\n']
    + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10)]
)
GOOD = "---\ntitle: Ankara and Moscow\ndate: 2019-05-01\n---\nRussia and Turkey signed a defence agreement.\n"


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) and its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pages(folder: Path) -> dict[str, bytes]:
    """What :func:`tree` gives, but the extraction cache (which a stopped build may have added to)."""
    return {name: data for name, data in tree(folder).items() if not name.startswith(".cache/")}


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def assert_one_error(result, *named: str) -> None:
    """Exit code 1, no traceback, and one ``Error:`` line (the last) naming each of ``named``."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("Error:")]
    assert len(errors) == 1 and lines[-1] == errors[0], result.stderr
    for name in named:
        assert name in errors[0], (name, errors[0])


def gdelt_text(rows: int = 3) -> str:
    return "".join(gdelt_line(event_id=str(i)) + "\n" for i in range(1, rows + 1))


def zipped(path: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return path


def corrupt_zip(path: Path) -> Path:
    zipped(path, "events.CSV", gdelt_text(2000).encode())
    raw = bytearray(path.read_bytes())
    for i in range(200, 4000, 7):  # inside the deflate stream, after the local header
        raw[i] ^= 0x5A
    path.write_bytes(bytes(raw))
    return path


def giant_line_zip(path: Path) -> Path:
    """A zip of a few hundred kB holding one 64 MB line (64x the longest line netviz reads)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive, archive.open("events.CSV", "w") as fh:
        chunk = b"x" * (1 << 20)
        for _ in range(64):
            fh.write(chunk)
        fh.write(b"\n")
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A folder netviz built, with a small corpus, a corrupt zip and a giant-line zip beside it."""
    root = tmp_path_factory.mktemp("site")
    (root / "data").mkdir()
    (root / "data" / "a.md").write_text(GOOD, encoding="utf-8")
    result = invoke("build", "--data", root / "data", "--out", root / "out", "--no-bundled-curated")
    assert result.exit_code == 0, result.output
    corrupt_zip(root / "bad.zip")
    giant_line_zip(root / "giant.zip")
    return root


@pytest.fixture
def work(site, tmp_path, monkeypatch) -> Path:
    """A copy of ``site`` as the current folder: ``data/``, ``out/`` (built by netviz), ``bad.zip``, ``giant.zip``."""
    shutil.copytree(site, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def article(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# name: (files to write, arguments, names the error line must hold)
CASES = {
    "alias bomb in front matter": (
        {"data/bomb.md": "---\n" + BOMB + "date: 2019-05-01\n---\nText.\n"},
        ["build", "--strict"], ["bomb.md:3", "alias"]),
    "alias bomb in --actors": ({"bomb.yaml": BOMB}, ["build", "--actors", "bomb.yaml"], ["bomb.yaml:2", "alias"]),
    "alias bomb in --curated": ({"bomb.yaml": BOMB}, ["build", "--curated", "bomb.yaml"], ["bomb.yaml:2", "alias"]),
    "alias bomb in a gold file": ({"bomb.yaml": BOMB}, ["evaluate", "bomb.yaml", "--articles", "data"], ["bomb.yaml:2", "alias"]),
    "merge key": ({"c.yaml": "base: &b {a: USA}\nrelations:\n  - {<<: *b, b: TUR}\n"}, ["build", "--curated", "c.yaml"], ["c.yaml:3", "alias"]),
    "corrupt zip (events)": ({}, ["events", "bad.zip"], ["bad.zip", "damaged"]),
    "corrupt zip (build --events)": ({}, ["build", "--events", "bad.zip"], ["bad.zip", "damaged"]),
    "giant line in a zip": ({}, ["events", "giant.zip"], ["giant.zip:1", "longer than 1,048,576 bytes"]),
    "--window 800000": ({}, ["build", "--window", "800000"], ["window", "36,525"]),
    "--window 100000000000": ({}, ["build", "--window", "100000000000"], ["window", "36,525"]),
    "--window 0": ({}, ["build", "--window", "0"], ["window", "36,525"]),
    "--jobs 1000": ({}, ["build", "--jobs", "1000"], ["--jobs 1000", "per core"]),
    "--jobs 0": ({}, ["build", "--jobs", "0"], ["--jobs"]),
    "--threshold 2": ({}, ["compare", "first", "last", "--threshold", "2"], ["--threshold"]),
    "--min-confidence -1": ({}, ["evaluate", "x.yaml", "--min-confidence", "-1"], ["--min-confidence"]),
    "unknown option": ({}, ["build", "--windw", "3"], ["--windw"]),
    "unknown command": ({}, ["biuld"], ["biuld"]),
    "duplicate date key": ({"data/dup.md": "---\ndate: 2019-05-01\ndate: 2019-06-01\n---\nText.\n"},
                           ["build", "--strict"], ["dup.md:3", "'date' given twice", "line 2"]),
    "title a mapping": ({"data/t.md": "---\ntitle: {a: 1}\ndate: 2019-05-01\n---\nText.\n"},
                        ["build", "--strict"], ["t.md:2", "'title' must be text"]),
    "url a list": ({"data/u.md": "---\nurl: [a, b]\ndate: 2019-05-01\n---\nText.\n"},
                   ["build", "--strict"], ["u.md:2", "'url' must be text"]),
    "misspelt front matter field": ({"data/m.md": "---\ndtae: 2019-05-01\ndate: 2019-05-01\n---\nText.\n"},
                                    ["build", "--strict"], ["m.md:2", "did you mean 'date'"]),
    "NUL bytes": ({"data/nul.md": "---\ndate: 2019-05-01\n---\nText\x00more.\n"}, ["build", "--strict"], ["nul.md", "line 4", "NUL"]),
    "front matter YAML error": ({"data/y.md": "---\ndate: 2019-05-01\ntitle: [unclosed\n---\nText.\n"},
                                ["build", "--strict"], ["y.md:4", "malformed YAML"]),
    "curated typo vaild_to": (
        {"c.yaml": 'relations:\n  - {a: USA, b: TUR, sign: "+", kind: verbal_cooperation, intensity: 3,\n'
                   '     valid_from: 2017-01-01, vaild_to: 2018-01-01, source: s}\n'},
        ["build", "--curated", "c.yaml"], ["c.yaml:3", "'vaild_to'", "did you mean 'valid_to'"]),
    "curated relation twice": (
        {"c.yaml": 'relations:\n'
                   '  - {a: USA, b: TUR, sign: "+", kind: verbal_cooperation, intensity: 3, valid_from: 2017-01-01, source: s}\n'
                   '  - {a: TUR, b: USA, sign: "+", kind: verbal_cooperation, intensity: 5, valid_from: 2017-01-01, source: t}\n'},
        ["build", "--curated", "c.yaml"], ["c.yaml:3", "same curated relation as", "c.yaml:2"]),
    "curated intensity a list": (
        {"c.yaml": 'relations:\n  - {a: USA, b: TUR, sign: "+", kind: verbal_cooperation, intensity: [3], valid_from: 2017-01-01, source: s}\n'},
        ["build", "--curated", "c.yaml"], ["c.yaml:2", "'intensity' must be a number"]),
    "duplicate key in --actors": ({"a.yaml": "actors:\n  - {id: ZZA, name: Z, name: Y, type: state}\n"},
                                  ["build", "--actors", "a.yaml"], ["a.yaml:2", "'name' given twice"]),
    "alias clash in --actors": ({"a.yaml": "actors:\n  - {id: AAMOSCOW, name: Moscow city, type: state, aliases: [Moscow]}\n"},
                                ["build", "--actors", "a.yaml"], ["a.yaml:2", "'Moscow'"]),
    "gold typo": ({"g.yaml": "articles:\n  a.md:\n    requird: []\n"}, ["evaluate", "g.yaml", "--articles", "data"],
                  ["g.yaml:3", "did you mean 'required'"]),
    "a 5,000-digit number": ({"data/n.md": "---\ntitle: " + "9" * 5000 + "\ndate: 2019-05-01\n---\nText.\n"},
                             ["build", "--strict"], ["n.md:2", "cannot read the value"]),
    "a huge hex number": ({"data/h.md": "---\ntitle: 0x" + "f" * 5000 + "\ndate: 2019-05-01\n---\nText.\n"},
                          ["build", "--strict"], ["h.md:2", "thousands of digits"]),
    "a YAML tag": ({"c.yaml": "relations: !!set {a, b}\n"}, ["build", "--curated", "c.yaml"], ["c.yaml:1", "!!set is not supported"]),
    "compare --html a folder": ({}, ["compare", "first", "last", "--html", "out"], ["out: is a folder"]),
}


@pytest.mark.parametrize("files, args, named", CASES.values(), ids=CASES.keys())
def test_bad_input_is_one_error_line_and_changes_nothing(work, files, args, named):
    for name, content in files.items():
        article(work, name, content)
    before = tree(work)
    extra = ["--data", "data", "--out", "out"] if args[0] == "build" else ["--data", "data"] if args[0] == "compare" else []
    result = invoke(*args, *extra)
    assert_one_error(result, *named)
    assert tree(work) == before  # --out, the current folder, the inputs: all as they were


def test_a_users_own_files_in_out_are_never_overwritten(work):
    mine = work / "mine"
    mine.mkdir()
    for name in ("index.html", "timeline.html", "2019-05-01.html"):
        (mine / name).write_text(f"my own {name}")
    before = tree(work)
    result = invoke("build", "--data", "data", "--out", mine)
    assert_one_error(result, str(mine), "2019-05-01.html", "--force")
    assert tree(work) == before
    forced = invoke("build", "--data", "data", "--out", mine, "--force")
    assert forced.exit_code == 0, forced.output
    assert (mine / "index.html").read_text() != "my own index.html" and (mine / MARKER).is_file()


def test_a_folder_netviz_built_is_rebuilt_and_its_stale_pages_removed(work):
    stale = work / "out" / "2001-01-01.html"
    marker = json.loads((work / "out" / MARKER).read_text())
    marker["files"].append("2001-01-01.html")  # a page of an earlier build whose date is gone
    (work / "out" / MARKER).write_text(json.dumps(marker))
    stale.write_text("old")
    (work / "out" / "notes.txt").write_text("mine")  # never written by netviz: kept
    result = invoke("build", "--data", "data", "--out", "out")
    assert result.exit_code == 0, result.output
    assert not stale.exists() and (work / "out" / "notes.txt").read_text() == "mine"


def test_a_second_build_into_the_same_folder_is_refused_while_one_runs(work):
    with OutputFolder(work / "out"):
        before = tree(work / "out")
        result = invoke("build", "--data", "data", "--out", "out")
        assert_one_error(result, "another netviz build is writing")
        assert tree(work / "out") == before


def test_a_failed_build_leaves_no_new_folder_and_an_old_one_as_it_was(work, monkeypatch):
    result = invoke("build", "--data", "nowhere", "--out", "new")
    assert_one_error(result, "nowhere")
    assert not (work / "new").exists()
    before = tree(work / "out")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device", "page.html")

    monkeypatch.setattr("netviz.pipeline.render_site_timeline", broken)
    result = invoke("build", "--data", "data", "--out", "out")
    assert_one_error(result, "No space left on device")
    assert tree(work / "out") == before
    assert not [p for p in (work / "out").iterdir() if p.name.startswith(".netviz-staging")]


def test_temporary_files_of_an_interrupted_run_are_removed_by_the_next(work):
    (work / "out" / ".index.html.k3j2ab_9.tmp").write_bytes(b"")  # SIGKILL during an atomic write
    (work / "out" / "diff").mkdir(exist_ok=True)
    (work / "out" / "diff" / ".x.html.abcd1234.tmp").write_bytes(b"")
    (work / "out" / ".netviz-staging-999").mkdir()
    result = invoke("build", "--data", "data", "--out", "out")
    assert result.exit_code == 0, result.output
    leftovers = [p for p in (work / "out").rglob(".*") if p.name.endswith(".tmp") or p.name.startswith(".netviz-staging")]
    assert leftovers == []


@pytest.mark.parametrize("command", [["compare", "first", "last"], ["analyze"]])
def test_read_only_commands_write_nothing_into_the_current_folder(work, command):
    shutil.rmtree(work / "out")
    before = tree(work)
    result = invoke(*command, "--data", "data")
    assert result.exit_code == 0, result.output
    assert tree(work) == before and not (work / "output").exists()


def test_one_unreadable_article_is_left_out_with_a_warning_and_named_in_the_summary(work):
    article(work, "data/bomb.md", "---\n" + BOMB + "date: 2019-05-01\n---\nText.\n")
    article(work, "data/c1.md", "---\ntitle: \"WASHINGTON \u0096 mojibake\"\ndate: 2019-05-01\n---\nText.\n")
    article(work, "data/LOUD.TXT", "---\ndate: 2019-06-01\n---\nTurkey and Russia signed a defence agreement.\n")
    result = invoke("build", "--data", "data", "--out", "out")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 2 and "bomb.md:3" in warnings[0] and "c1.md:2" in warnings[1]
    assert all(w.endswith("(article left out)") for w in warnings)
    assert "2 unreadable article files left out" in result.stdout
    assert "Left out (see the warnings; --strict makes them errors): data/bomb.md:3, data/c1.md:2" in result.stdout
    assert (work / "out" / "2019-06-01.html").is_file()  # .TXT is an article too
    strict = invoke("build", "--data", "data", "--out", "out", "--strict")
    assert_one_error(strict, "bomb.md:3")


def test_line_ends_of_any_kind_read_alike(work):
    article(work, "data/cr.md", GOOD.replace("\n", "\r").replace("2019-05-01", "2019-07-01"))
    article(work, "data/crlf.md", GOOD.replace("\n", "\r\n").replace("2019-05-01", "2019-08-01"))
    result = invoke("build", "--data", "data", "--out", "out", "--strict")
    assert result.exit_code == 0, result.output
    assert (work / "out" / "2019-07-01.html").is_file() and (work / "out" / "2019-08-01.html").is_file()


def test_an_event_stream_that_breaks_ends_with_an_error_and_whole_records(work):
    text = "".join(gdelt_line(event_id=str(i), url=f"https://example.org/{i}") + "\n" for i in range(1, 20001)).encode()
    packed = gzip.compress(text)
    (work / "cut.gz").write_bytes(packed[: len(packed) * 3 // 4])  # the download stopped early
    result = invoke("events", "cut.gz", "--format", "jsonl")
    assert_one_error(result, "cut.gz", "damaged", "records written before the error")
    records = [json.loads(line) for line in result.stdout.splitlines()]  # every line a whole record
    written = int(result.stderr.split("(")[-1].split()[0].replace(",", ""))
    assert 0 < len(records) == written


def test_event_rows_longer_than_the_limit_are_skipped_unread(tmp_path):
    buffer = io.BytesIO()
    buffer.write(gdelt_text(1).encode())
    buffer.write(b"y" * (3 << 20) + b"\n")
    buffer.write(gdelt_text(1).encode().replace(b"1\t", b"2\t", 1))
    path = zipped(tmp_path / "long.zip", "events.CSV", buffer.getvalue())
    result = invoke("events", path)
    assert result.exit_code == 0, result.output
    assert "longer than 1,048,576 bytes" in result.stderr and "line 2" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux) to fill the disk")
def test_a_full_disk_under_a_stream_is_one_error_line(work):
    root = Path(__file__).resolve().parent.parent
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "netviz", "extract", "data", "--format", "jsonl", "--no-cache"],
                              cwd=work, env={**os.environ, "PYTHONPATH": str(root)},
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=600)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == "Error: cannot write the output: No space left on device"


def build_stopped_while_rendering(work: Path, signum: int) -> subprocess.CompletedProcess:
    """Run a build in a process and send it ``signum`` once it has written its first page."""
    import time

    for day in range(1, 29):  # many dates: rendering takes long enough to be caught in it
        article(work, f"data/d{day}.md", GOOD.replace("2019-05-01", f"2019-02-{day:02}"))
    root = Path(__file__).resolve().parent.parent
    build = subprocess.Popen([sys.executable, "-m", "netviz", "build", "--data", "data", "--out", "out"], cwd=work,
                             env={**os.environ, "PYTHONPATH": str(root)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 600
        while not [p for p in (work / "out").glob(".netviz-staging-*/*.html")]:  # the first page is written
            assert build.poll() is None and time.monotonic() < deadline, "the build ended before it rendered"
            time.sleep(0.01)
        build.send_signal(signum)
    finally:
        stdout, stderr = build.communicate()
    return subprocess.CompletedProcess(build.args, build.returncode, stdout, stderr)


def test_a_build_killed_while_rendering_leaves_the_old_pages_and_the_next_build_cleans_up(work):
    before = pages(work / "out")
    build_stopped_while_rendering(work, signal.SIGKILL)
    after = pages(work / "out")
    assert {name: after[name] for name in before} == before  # every old page whole and unchanged
    result = invoke("build", "--data", "data", "--out", "out")
    assert result.exit_code == 0, result.output
    names = [p.name for p in (work / "out").iterdir()]
    assert not [n for n in names if n.startswith(".netviz-staging") or n == ".netviz-lock"]


def test_ctrl_c_while_rendering_exits_130_and_leaves_the_folder_as_it_was(work):
    before = pages(work / "out")
    done = build_stopped_while_rendering(work, signal.SIGINT)
    assert done.returncode == 130 and done.stderr.strip().splitlines()[-1] == "Error: interrupted"
    assert "Traceback" not in done.stderr
    assert pages(work / "out") == before
    assert sorted(p.name for p in (work / "out").iterdir() if p.name.startswith(".netviz-")) == [MARKER]


def test_bare_netviz_prints_the_help_with_exit_code_0():
    result = invoke()
    assert result.exit_code == 0 and "Usage: " in result.stdout and "build" in result.stdout


def test_a_second_file_with_a_taken_article_id_is_left_out_and_named(work):
    (work / "data" / "sub").mkdir()
    article(work, "data/sub/a.txt", GOOD.replace("2019-05-01", "2019-09-09"))
    result = invoke("build", "--data", "data", "--out", "out")
    assert result.exit_code == 0, result.output
    assert "Warning: data/sub/a.txt: article id 'a' is also used by data/a.md; rename one file (article left out)" in result.stderr
    assert not (work / "out" / "2019-09-09.html").exists()
    assert_one_error(invoke("build", "--data", "data", "--out", "out", "--strict"), "data/sub/a.txt", "also used by")
