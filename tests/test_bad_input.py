"""Bad input never gives a traceback: each case is a clear ``path: error: …`` (exit 2) or a
normal lint, in bounded time. Runs the real command (``python -m awesome_lint``) of this
checkout in a subprocess, on files made in a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Every test runs the command in a subprocess, within a time limit.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
TIME_LIMIT = (
    10  # seconds per run (the slowest good case takes 2): a quadratic blow-up takes minutes
)


def awesome_lint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "awesome_lint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        stdin=subprocess.DEVNULL,
    )


def assert_no_traceback(run: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in run.stderr + run.stdout
    assert run.returncode in (0, 1, 2)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("nul.md", b"# Title\n\x00\x01\x02 binary", "binary data (a NUL byte at offset 8), not a text file"),
        (
            "latin1.md",
            "# Caf\u00e9\n".encode("latin-1"),
            "not UTF-8 text: byte 0xe9 at line 1 cannot be decoded (save the file as UTF-8)",
        ),
        ("utf16.md", "# Title\n".encode("utf-16"), "UTF-16 text is not supported; save the file as UTF-8"),
    ],
)  # fmt: skip
def test_undecodable_input_is_a_clear_error(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(data)
    run = awesome_lint(name, cwd=tmp_path)
    assert (run.returncode, run.stdout, run.stderr) == (
        2,
        "Could not lint 1 file.\n",
        f"{name}: error: {message}\n",
    )


def test_missing_file_and_directory(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    run = awesome_lint("missing.md", "folder", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr == (
        "missing.md: error: no such file\nfolder: error: no Markdown (*.md) file in this folder\n"
    )
    assert run.stdout == "Could not lint 2 files.\n"


def test_no_path_and_no_readme(tmp_path: Path) -> None:
    run = awesome_lint(cwd=tmp_path)
    assert (run.returncode, run.stderr) == (2, "README.md: error: no such file\n")


def test_file_above_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(12 * 1024 * 1024)  # sparse: cheap to make, never read
    run = awesome_lint("big.md", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (
        2,
        "big.md: error: file is 12.0 MB, larger than the limit of 10.0 MB "
        "(raise it with --max-size)\n",
    )
    run = awesome_lint("big.md", "--max-size", "20MB", cwd=tmp_path)
    assert run.stderr == "big.md: error: binary data (a NUL byte at offset 0), not a text file\n"


def test_an_unreadable_path_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("**T** \\\n*A* \\\n[22th Jul., 2022] [X, 2022]\n")
    (tmp_path / "b.md").write_bytes(b"\xff\xfe\x00")
    run = awesome_lint("a.md", "b.md", "--format", "json", cwd=tmp_path)
    assert run.returncode == 2  # the worst of 1 (errors in a.md) and 2 (b.md unreadable)
    assert '"code": "AL202"' in run.stdout
    assert run.stderr == "b.md: error: UTF-16 text is not supported; save the file as UTF-8\n"


def _nested_list(depth: int) -> str:
    return "".join("  " * level + "- item\n" for level in range(depth))


def _nested_quotes(depth: int) -> str:
    return "".join(">" * level + " quote\n" for level in range(1, depth))


# Inputs that are legal Markdown, however odd: each must lint normally, in bounded time.
ODD_INPUTS = {
    "empty": "",
    "only-newlines": "\n" * 100_000,
    "long-line": "x" * 100_000,
    "long-line-of-words": "word [a](https://a.org) **b** " * 4_000,
    "html-only": "<div>\n" * 2_000 + "<p>hi</p>\n" + "</div>\n" * 2_000,
    "nested-lists-500": _nested_list(500),
    "nested-quotes-one-line": ">" * 100_000 + " deep\n",
    "nested-quotes-1000-lines": _nested_quotes(1_000),
    "open-brackets": "[" * 100_000,
    "close-brackets": "]" * 100_000,
    "open-parens": "(" * 100_000,
    "asterisks": "*" * 100_000,
    "asterisk-words": "*a " * 33_000,
    "underscores": "_a" * 50_000,
    "backticks": "`" * 100_000,
    "angle-brackets": "<" * 100_000,
    "double-brackets": "[[" * 50_000 + "](x)",
    "bold-title-lines": "**t** \\\n" * 20_000,
    "many-blocks": "".join(f"**T{i}** \\\n*A* \\\n[1st Jan., 2020] [X, 2020] \\\n[[Paper](https://a.org/{i})]\n\n" for i in range(5_000)),
    "many-same-blocks": "**T** \\\n*A* \\\n[1st Jan., 2020] [X, 2020] \\\n[[Paper](https://a.org)]\n\n" * 5_000,
    "table": "|a|b|\n|-|-|\n" + "|x|y|\n" * 30_000,
    "nested-lists-2000": _nested_list(2_000),
    "open-links": "[a](" * 25_000,
    "open-comments": "<!--" * 25_000,
}  # fmt: skip


@pytest.mark.parametrize("text", ODD_INPUTS.values(), ids=ODD_INPUTS.keys())
def test_odd_input_lints_normally_in_bounded_time(tmp_path: Path, text: str) -> None:
    (tmp_path / "odd.md").write_text(text, encoding="utf-8")
    run = awesome_lint("odd.md", "--format", "json", cwd=tmp_path)
    assert_no_traceback(run)
    assert run.returncode in (0, 1), run.stderr
    assert run.stderr == ""


def test_empty_file_lints_normally(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_bytes(b"")
    run = awesome_lint("--select", "AL2", cwd=tmp_path)
    assert (run.returncode, run.stdout, run.stderr) == (0, "No problems found in 1 file.\n", "")
    run = awesome_lint("--select", "ALL", "--format", "json", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (0, "")
    assert '"code": "AL000"' not in run.stdout


def test_fix_and_diff_on_the_real_rules_keep_crlf(tmp_path: Path) -> None:
    block = "**T** \\\r\n*A* \\\r\n[22th Jul., 2022] [X, 2022] \\\r\n[[Paper](https://a.org)]\r\n"
    path = tmp_path / "list.md"
    path.write_bytes(block.encode())
    diff = awesome_lint("list.md", "--diff", "--select", "AL202", cwd=tmp_path)
    assert (diff.returncode, diff.stderr) == (1, "Would fix 1 problem.\n")
    assert "-[22th Jul., 2022] [X, 2022] \\\n+[22nd Jul., 2022] [X, 2022] \\\n" in diff.stdout
    assert path.read_bytes() == block.encode()
    fixed = awesome_lint("list.md", "--fix", "--select", "AL202", cwd=tmp_path)
    assert (fixed.returncode, fixed.stdout) == (
        0,
        "Fixed 1 problem.\nNo problems found in 1 file.\n",
    )
    assert path.read_bytes() == block.replace("22th", "22nd").encode()
    again = awesome_lint("list.md", "--fix", "--select", "AL202", cwd=tmp_path)
    assert (again.returncode, again.stdout) == (0, "No problems found in 1 file.\n")
    assert path.read_bytes() == block.replace("22th", "22nd").encode()
