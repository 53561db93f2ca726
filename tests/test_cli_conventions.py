"""The conventions a command-line user expects: --version, -h, shell completion."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import netviz
from netviz.cli import app

ROOT = Path(__file__).resolve().parent.parent


def netviz_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python -m netviz ARGS`` as a user runs it, in a fresh process."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]), **(env or {})}
    return subprocess.run([sys.executable, "-m", "netviz", *args], capture_output=True, text=True, env=environment,
                          timeout=120, cwd=ROOT)


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_prints_the_version_and_exits_0(flag):
    result = CliRunner().invoke(app, [flag])
    assert (result.exit_code, result.stdout) == (0, f"netviz {netviz.__version__}\n")


@pytest.mark.parametrize("args", [["-h"], ["build", "-h"], ["export", "-h"], ["events", "-h"], ["actors", "resolve", "-h"]])
def test_dash_h_is_help_everywhere(args):
    short, long = CliRunner().invoke(app, args), CliRunner().invoke(app, [*args[:-1], "--help"])
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and short.stdout.startswith("Usage: ")
    assert "-h, --help" in short.stdout


def test_the_top_level_help_lists_the_commands_and_the_completion_options():
    text = CliRunner().invoke(app, ["-h"]).stdout
    for word in ("build", "export", "compare", "analyze", "timeline", "events", "extract", "--version",
                 "--install-completion", "--show-completion"):
        assert word in text


def test_shell_completion_completes_commands_and_options():
    commands = netviz_process(env={"_NETVIZ_COMPLETE": "complete_bash", "COMP_WORDS": "netviz exp", "COMP_CWORD": "1"})
    assert commands.returncode == 0 and commands.stdout.split() == ["export", "explain"]
    options = netviz_process(env={"_NETVIZ_COMPLETE": "complete_bash", "COMP_WORDS": "netviz export --for", "COMP_CWORD": "2"})
    assert options.stdout.split() == ["--format"]
    values = netviz_process(env={"_NETVIZ_COMPLETE": "complete_bash", "COMP_WORDS": "netviz export --format g", "COMP_CWORD": "3"})
    assert values.stdout.split() == ["gexf", "graphml"]
    # the shell is named, not detected from the parent processes (a CI runner may have no shell above it)
    script = netviz_process("--show-completion", "bash", env={"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert script.returncode == 0 and "_netviz_completion" in script.stdout and "complete " in script.stdout
