"""Hostile inputs and settings get a clear message, never a traceback, and bounded time:
special files, symbolic link loops, over-long names, folders that cannot be searched,
configurations nested too deep or with numbers that never end a run, URLs that cannot be
taken apart. The real command in a subprocess (``tests/test_bad_input.py``'s helper)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from awesome_lint.config import find_config
from awesome_lint.source import parse_size

from .test_bad_input import assert_no_traceback, awesome_lint

LIST = "# A list\n\n- [Paper](https://arxiv.org/abs/2111.08005)\n"


@pytest.mark.slow  # the command in a subprocess, within a time limit
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    run = awesome_lint("pipe.md", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (
        2,
        "pipe.md: error: is a named pipe (FIFO), not a regular file\n",
    )


@pytest.mark.slow  # the command in a subprocess, within a time limit
def test_a_device_is_refused(tmp_path: Path) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    run = awesome_lint("/dev/zero", cwd=tmp_path)
    assert (run.returncode, run.stderr) == (
        2,
        "/dev/zero: error: is a character device, not a regular file\n",
    )


@pytest.mark.slow  # the command in a subprocess, within a time limit
def test_a_symbolic_link_loop(tmp_path: Path) -> None:
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    for args in (["a.md"], ["--fix", "a.md"], ["--dump-links", "a.md"], ["--check-links", "a.md"]):
        run = awesome_lint(*args, cwd=tmp_path)
        assert run.returncode == 2, args
        assert "a.md: error: cannot read: Too many levels of symbolic links\n" in run.stderr, args


@pytest.mark.slow  # the command in a subprocess, within a time limit
def test_an_over_long_file_name(tmp_path: Path) -> None:
    name = "a" * 300 + ".md"
    for args in ([name], ["--dump-links", name], ["--format", "github", name]):
        run = awesome_lint(*args, cwd=tmp_path)
        assert_no_traceback(run)
        assert run.returncode == 2 and "error: cannot read: File name too long" in run.stderr


def test_config_search_passes_folders_it_cannot_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parent folder without search permission (or a name too long for the system): the
    search goes on above it. (Tests run as root, for whom no folder is closed: the refusal
    is made by replacing ``Path.is_file`` with one that raises as the system would.)"""
    (tmp_path / ".awesome-lint.toml").write_text("")
    inner = tmp_path / "closed" / "list"
    inner.mkdir(parents=True)
    real_is_file = Path.is_file

    def closed(path: Path) -> bool:
        if "closed" in path.parts:
            raise PermissionError(13, "Permission denied", str(path))
        return real_is_file(path)

    monkeypatch.setattr(Path, "is_file", closed)
    assert find_config(inner / "README.md") == tmp_path / ".awesome-lint.toml"


@pytest.mark.slow  # the command in a subprocess, within a time limit
def test_a_deeply_nested_configuration(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST)
    (tmp_path / ".awesome-lint.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    run = awesome_lint("README.md", cwd=tmp_path)
    assert_no_traceback(run)
    assert run.returncode == 2
    assert run.stderr.startswith(f"awesome-lint: error: {tmp_path / '.awesome-lint.toml'}: ")
    (tmp_path / ".awesome-lint.toml").write_text(
        "[style]\nlink-labels = " + "[" * 30 + "]" * 30 + "\n"
    )
    run = awesome_lint("README.md", cwd=tmp_path)
    assert "nested more than 20 levels deep" in run.stderr and run.returncode == 2


@pytest.mark.slow  # the command in a subprocess, within a time limit
@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("timeout = nan", "links: timeout must be a finite number, not nan"),
        ("min-interval = inf", "links: min_interval must be a finite number, not inf"),
        ("retries = 1000", "links: retries must be at most 10, not 1000"),
        ("lifetimes = { ok = inf }", "links: lifetimes.ok must be a finite number, not inf"),
    ],
)
def test_config_numbers_that_never_end_a_run(tmp_path: Path, setting: str, message: str) -> None:
    (tmp_path / "README.md").write_text(LIST)
    (tmp_path / ".awesome-lint.toml").write_text(f"[links]\n{setting}\n")
    run = awesome_lint("--check-links", "README.md", cwd=tmp_path)
    assert run.returncode == 2
    assert message in run.stderr


@pytest.mark.slow  # the command in a subprocess, within a time limit
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timeout", "nan"], "timeout must be a finite number, not nan"),
        (["--timeout", "inf"], "timeout must be a finite number, not inf"),
        (["--max-time", "-1"], "max_time must be more than 0, not -1.0"),
        (["--max-size", "inf"], "invalid size 'inf': it must be a positive number"),
        (["--max-size", "nan"], "invalid size 'nan': it must be a positive number"),
    ],
)
def test_flag_numbers_that_never_end_a_run(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "README.md").write_text(LIST)
    run = awesome_lint("--check-links", *args, "README.md", cwd=tmp_path)
    assert run.returncode == 2 and message in run.stderr
    assert_no_traceback(run)


def test_sizes() -> None:
    assert parse_size("10MB") == 10 * 1024**2
    for bad in ("inf", "-inf", "nan", "0", "2GB", "1e400"):
        with pytest.raises(ValueError):
            parse_size(bad)


@pytest.mark.slow  # the command in a subprocess, within a time limit
def test_hosts_that_cannot_be_taken_apart(tmp_path: Path) -> None:
    """An IDNA label that does not decode and a "[" in a host: no rule crashes (AL000), the
    offline dump lists them, the checker calls the broken one invalid (no network needed:
    ``--exclude`` keeps the other one offline)."""
    text = (
        "# A list\n\n- [A](https://xn--ab.com/) [B](https://xn--ab.com/)\n"
        "- [C](http://[x/y) [D](http://[x/y)\n"
    )
    (tmp_path / "README.md").write_text(text)
    run = awesome_lint("--format", "json", "README.md", cwd=tmp_path)
    assert_no_traceback(run)
    assert '"AL000"' not in run.stdout  # AL301 and AL303 crashed here
    run = awesome_lint("--dump-links", "README.md", cwd=tmp_path)
    assert run.returncode == 0
    assert run.stdout == (
        "https://xn--ab.com/\tREADME.md:3:7 README.md:3:32\n"
        "http://[x/y\tREADME.md:4:7 README.md:4:24\n"
    )
    run = awesome_lint(
        "--check-links",
        "--no-cache",
        "--exclude",
        "xn--",
        "--select",
        "AL9",
        "README.md",
        cwd=tmp_path,
    )
    assert_no_traceback(run)
    assert (
        "README.md:4:7: AL901 [dead-link] dead link http://[x/y: invalid URL (Invalid IPv6 URL)"
        in run.stdout
    )
