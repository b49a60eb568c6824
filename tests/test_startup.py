"""Start-up and exit of the command: the console entry (``awesome_lint/console.py``) behaves as
the click command it runs, the lint path imports only what it needs, plugin discovery is
skipped only where no plugin can be, and the JSON report keeps its schema in its new layout.
Runs the real command in subprocesses, on files made in a temporary folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint import cli, plugins

ROOT = Path(__file__).resolve().parent.parent

BAD_DATE = (
    "# Awesome Things\n\n"
    "**Denoising Diffusion Models for Plug-and-Play Image Restoration** \\\n"
    "*Yuanzhi Zhu, Kai Zhang* \\\n"
    "[22th May, 2023] [CVPR Workshop, 2023] \\\n"
    "[[Paper](https://arxiv.org/abs/2305.08995)]\n"
)  # rules/AL202.md's example: an AL202 error on line 5


def python(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def outcome(run: subprocess.CompletedProcess[str]) -> tuple[int, str, str]:
    return run.returncode, run.stdout, run.stderr


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lists")
    (folder / "bad.md").write_text(BAD_DATE, encoding="utf-8")
    (folder / "clean.md").write_text("# Awesome Things\n\nNothing yet.\n", encoding="utf-8")
    entries = "".join(
        f"**Paper number {i}** \\\n*A. Author* \\\n[1st Jan., 2020] [arXiv, 2020] \\\n"
        f"[[Paper](https://arxiv.org/abs/2001.{i:05d})]\n\n"
        for i in range(3000)
    )  # a report far larger than a pipe's buffer
    (folder / "big.md").write_text("# Awesome Things\n\n" + entries, encoding="utf-8")
    return folder


CASES = {
    "findings": (("bad.md",), 1),
    "clean": (("clean.md",), 0),
    "json findings": (("--format", "json", "bad.md"), 1),
    "bad option": (("--no-such-option", "bad.md"), 2),
    "missing file": (("missing.md",), 2),
    "version": (("--version",), 0),
    "big report piped": (("--dump-entries", "--format", "json", "big.md"), 0),
}


AS_INSTALLED = "import sys; sys.argv[0] = 'awesome-lint'; "  # the program name click shows


@pytest.mark.slow  # the command in a subprocess
@pytest.mark.parametrize(("args", "status"), CASES.values(), ids=CASES.keys())
def test_the_console_entry_exits_and_prints_as_the_click_command(
    lists: Path, args: tuple[str, ...], status: int
) -> None:
    console = python(
        "-c", AS_INSTALLED + "from awesome_lint.console import run; run()", *args, cwd=lists
    )
    plain_click = python(
        "-c", AS_INSTALLED + "from awesome_lint.cli import main; main()", *args, cwd=lists
    )
    assert console.returncode == status, console.stderr
    assert outcome(console) == outcome(plain_click)
    if args[0] == "--dump-entries":
        assert len(json.loads(console.stdout)["files"][0]["entries"]) == 3000


@pytest.mark.slow  # the command in a subprocess
def test_python_m_runs_the_console_entry(lists: Path) -> None:
    console = python(
        "-c", AS_INSTALLED + "from awesome_lint.console import run; run()", "bad.md", cwd=lists
    )
    assert outcome(python("-m", "awesome_lint", "bad.md", cwd=lists)) == outcome(console)
    run = python("-m", "awesome_lint", "--no-such-option", cwd=lists)
    assert run.returncode == 2
    assert run.stderr.startswith("Usage: python -m awesome_lint [OPTIONS] [PATH]...\n")


@pytest.mark.slow  # the command in a subprocess
def test_the_console_entry_turns_the_collector_off_and_skips_teardown(tmp_path: Path) -> None:
    script = (
        "import atexit, gc\n"
        "from awesome_lint import cli, console\n"
        "atexit.register(print, 'teardown ran')\n"
        "cli.main = lambda: print('collector on:', gc.isenabled(), end='')\n"
        "console.run()\n"
    )
    run = python("-c", script, cwd=tmp_path)
    assert outcome(run) == (0, "collector on: False", "")


def test_library_users_keep_the_collector(tmp_path: Path) -> None:
    run = python("-c", "import gc, awesome_lint.cli; print(gc.isenabled())", cwd=tmp_path)
    assert outcome(run) == (0, "True\n", "")


@pytest.mark.parametrize(
    ("code", "status", "stderr"), [("None", 0, ""), ("3", 3, ""), ("'stopped'", 1, "stopped\n")]
)
def test_fast_exit_exits_as_sys_exit_would(
    tmp_path: Path, code: str, status: int, stderr: str
) -> None:
    script = f"from awesome_lint.console import fast_exit\nprint('out', end='')\nfast_exit({code})"
    assert outcome(python("-c", script, cwd=tmp_path)) == (status, "out", stderr)


@pytest.mark.slow  # the command in a subprocess
def test_the_lint_imports_neither_the_link_checker_nor_plugin_discovery(lists: Path) -> None:
    run = python("-X", "importtime", "-m", "awesome_lint", "--format", "json", "bad.md", cwd=lists)
    assert run.returncode == 1
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines() if "|" in line}
    assert "awesome_lint.rules" in imported  # the rules did load
    unneeded = {
        "aiohttp",
        "yarl",
        "difflib",
        "importlib.metadata",
        "awesome_lint.config_schema",
        "awesome_lint.links.collect",
    }
    assert imported & unneeded == set()


# -- plugin discovery --------------------------------------------------------------------------


def distribution(folder: Path, name: str, entry_points: str | None) -> None:
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Name: {name}\nVersion: 1.0\n", encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_no_plugin_where_no_distribution_declares_the_group(tmp_path: Path) -> None:
    distribution(tmp_path, "other", "[console_scripts]\nother = other:main\n")
    distribution(tmp_path, "plain", None)
    (tmp_path / "loose.egg-info").write_text("Name: loose\n", encoding="utf-8")  # a file
    assert plugins.may_have_plugins([str(tmp_path), str(tmp_path / "missing")]) is False


def test_a_distribution_that_declares_the_group_may_have_plugins(tmp_path: Path) -> None:
    distribution(tmp_path, "other", "[console_scripts]\nother = other:main\n")
    distribution(tmp_path, "Rules", f"[{plugins.GROUP}]\nmine = mine:RULES\n")
    assert plugins.may_have_plugins([str(tmp_path / "missing"), str(tmp_path)]) is True


@pytest.mark.parametrize("name", ["site.zip", "old.egg"])
def test_what_cannot_be_read_simply_may_have_plugins(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".zip"):
        path.write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip archive
    else:
        path.mkdir()
    assert plugins.may_have_plugins([str(path)]) is True


# -- the JSON report's layout ------------------------------------------------------------------


def test_the_json_report_writes_one_finding_a_line(lists: Path, monkeypatch) -> None:
    monkeypatch.chdir(lists)
    result = CliRunner().invoke(cli.main, ["--format", "json", "--statistics", "bad.md"])
    lines = result.stdout.splitlines()
    assert lines[:3] == ["{", '  "version": 1,', '  "diagnostics": [']
    finding = json.loads(lines[3].rstrip(","))
    assert (finding["code"], finding["line"], finding["column"]) == ("AL202", 5, 2)
    assert lines[4] == "  ],"
    assert lines[5].startswith('  "summary": {"files": 1, "errors": 1, ')
    assert lines[6:] == [
        '  "failures": [],',
        '  "statistics": [',
        '    {"code": "AL202", "name": "date-ordinal", "count": 1, "fixable": 1, '
        '"unsafe_fixable": 0}',
        "  ]",
        "}",
    ]
    assert json.loads(result.stdout)["diagnostics"] == [finding]
