"""File names, configuration strings and list text reach the terminal and the Actions runner
escaped: one line each, no raw control characters. A line of standard error that starts with
``::`` is a workflow command the runner obeys (``::stop-commands::`` stops all annotations)."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.model import Span
from awesome_lint.reporters.github import command
from awesome_lint.reporters.text import format_line
from awesome_lint.terminal import printable

from .test_bad_input import assert_no_traceback, awesome_lint

HOSTILE_NAME = "list\n::stop-commands::pwned\n.md"


def no_injected_command(text: str) -> bool:
    return not any(line.startswith("::stop-commands") for line in text.splitlines())


def test_printable() -> None:
    assert printable("a\nb\r\x1b[31m\t\u202e\x7f%") == "a\\nb\\r\\x1b[31m\t\\u202e\\x7f%"
    assert printable("plain ünïcode \u2014 ok") == "plain ünïcode \u2014 ok"


@pytest.mark.slow  # the command in a subprocess
def test_a_file_name_with_line_breaks(tmp_path: Path) -> None:
    (tmp_path / HOSTILE_NAME).write_text("**T** \\\n*A* \\\n[22th Jul., 2022] [X, 2022]\n")
    (tmp_path / ("bad\n::stop-commands::x\n.md")).write_bytes(b"\xff\xfe")
    for fmt in ("text", "github"):
        run = awesome_lint(
            "--format", fmt, HOSTILE_NAME, "bad\n::stop-commands::x\n.md", cwd=tmp_path
        )
        assert_no_traceback(run)
        assert run.returncode == 2
        assert no_injected_command(run.stdout) and no_injected_command(run.stderr), fmt
        assert "bad\\n::stop-commands::x\\n.md: error: UTF-16 text" in run.stderr
    assert "list%0A%3A%3Astop-commands%3A%3Apwned%0A.md" in run.stdout  # file= property
    text = awesome_lint(HOSTILE_NAME, cwd=tmp_path).stdout
    assert "list\\n::stop-commands::pwned\\n.md:3:2: AL202" in text


@pytest.mark.slow  # the command in a subprocess
def test_a_configuration_string_with_line_breaks(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# A list\n")
    (tmp_path / ".awesome-lint.toml").write_text('select = ["AL1\\n::stop-commands::x"]\n')
    run = awesome_lint("README.md", cwd=tmp_path)
    assert run.returncode == 2 and no_injected_command(run.stderr)
    assert "\\n::stop-commands::x" in run.stderr


def test_control_characters_from_a_list_are_shown_escaped() -> None:
    found = Diagnostic(
        "AL104",
        "link-label",
        Severity.WARNING,
        "README.md",
        Span(3, 1, 3, 9, 0, 8),
        "label \x1b]0;owned\x07 \x1b[2J differs",
        None,
        {},
    )
    assert format_line(found) == (
        "README.md:3:1: AL104 [link-label] label \\x1b]0;owned\\x07 \\x1b[2J differs"
    )
    assert command(found).endswith("::label \\x1b]0;owned\\x07 \\x1b[2J differs")
