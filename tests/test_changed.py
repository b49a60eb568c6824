"""PR-diff mode (``--changed-since REF``) in real temporary git repositories."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from awesome_lint import cli
from awesome_lint.changed import ChangedLines, added_lines, changed_lines
from awesome_lint.model import Span

from .helpers_git import git, git_env

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

ROOT = Path(__file__).parents[1]
EXAMPLE = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
OLD_BAD = EXAMPLE.replace("[20th Dec., 2021]", "[20nd Dec., 2021]", 1)  # line 17, committed


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose main branch has the example list with one old defect (line 17),
    and a checked-out branch ``pr`` on top of it."""
    monkeypatch.chdir(tmp_path)
    for key, value in git_env(tmp_path).items():
        monkeypatch.setenv(key, value)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text(OLD_BAD, encoding="utf-8")
    git(tmp_path, "add", "README.md")
    git(tmp_path, "commit", "-q", "-m", "list")
    git(tmp_path, "checkout", "-q", "-b", "pr")
    return tmp_path


def lint(*args: str) -> Result:
    return CliRunner().invoke(cli.main, args)


def findings(*args: str) -> list[tuple[str, int]]:
    result = lint("--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [(d["code"], d["line"]) for d in json.loads(result.stdout)["diagnostics"]]


NEW_ENTRY = (
    "**Generative Modeling by Estimating Gradients of the Data Distribution** \\\n"
    "*Yang Song, Stefano Ermon* \\\n"
    "[12th Jul., 2019] [NeurIPS, 2019] \\\n"
    "[[Paper](https://arxiv.org/abs/1907.05600)] [[GitHub](https://github.com/ermongroup/ncsn)]\n"
)


def add_entry(text: str, entry: str, before_last: bool = True) -> str:
    """The list with ``entry`` added as its last paper (oldest: the list is newest first)."""
    head, sep, tail = text.rpartition("\n## ")
    assert sep, "the example list has a section after the papers"
    return head.rstrip("\n") + "\n\n" + entry + "\n" + sep.lstrip("\n") + tail


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_added_lines_parses_zero_context_hunks() -> None:
    diff = (
        "diff --git a/x b/x\n--- a/x\n+++ b/x\n"
        "@@ -3 +3 @@\n-a\n+b\n"
        "@@ -10,0 +11,2 @@\n+c\n+d\n"
        "@@ -20,3 +22,0 @@\n-e\n-f\n-g\n"
    )
    assert added_lines(diff) == frozenset({3, 11, 12})


def test_touched_spans() -> None:
    changed = ChangedLines("main", {"a.md": frozenset({5}), "new.md": None})
    assert changed.touched("a.md", Span(5, 1, 5, 3, 0, 2))
    assert changed.touched("a.md", Span(3, 1, 6, 2, 0, 9))  # reaches into line 5
    assert not changed.touched("a.md", Span(4, 1, 5, 1, 0, 9))  # ends before line 5 starts
    assert not changed.touched("a.md", Span(6, 1, 6, 4, 0, 3))
    assert changed.touched("new.md", Span(99, 1, 99, 2, 0, 1))
    assert changed.touched("other.md", Span(1, 1, 1, 2, 0, 1))  # never hide what we did not ask


def test_no_change_reports_nothing(repo: Path) -> None:
    assert findings("README.md") == [("AL202", 17)]
    assert findings("--changed-since", "main", "README.md") == []
    assert lint("--changed-since", "main", "README.md").exit_code == 0


def test_only_changed_lines_are_reported(repo: Path) -> None:
    text = add_entry(OLD_BAD, NEW_ENTRY.replace("[12th Jul.", "[12nd Jul."))
    (repo / "README.md").write_text(text, encoding="utf-8")  # uncommitted: still counted
    new_line = line_of(text, "[12nd Jul.")
    assert findings("README.md") == [("AL202", 17), ("AL202", new_line)]
    assert findings("--changed-since", "main", "README.md") == [("AL202", new_line)]
    git(repo, "commit", "-qam", "new entry")  # committed on the branch: the same
    assert findings("--changed-since", "main", "README.md") == [("AL202", new_line)]
    result = lint("--changed-since", "main", "README.md")
    assert result.exit_code == 1
    assert "README.md:17:" not in result.stdout


def test_a_new_duplicate_of_an_unchanged_entry_is_reported(repo: Path) -> None:
    first_entry = EXAMPLE.split("## Papers\n\n", 1)[1].split("\n\n", 1)[0] + "\n"
    text = add_entry(OLD_BAD, first_entry)
    (repo / "README.md").write_text(text, encoding="utf-8")
    new_title = text.rindex("**What is Healthy?")
    new_line = text[:new_title].count("\n") + 1
    found = findings("--changed-since", "main", "README.md")
    assert ("AL302", new_line) in found  # the whole file is the context
    assert all(line >= new_line for _, line in found)  # nothing from unchanged lines


def test_a_new_duplicate_above_its_unchanged_copy_is_reported(repo: Path) -> None:
    """Newest-first lists get new entries at the top: the rule flags the later (old) copy,
    naming the new one's line, and that is reported too."""
    start = EXAMPLE.index("**Denoising Diffusion Probabilistic Models**")  # the oldest paper
    last_entry = EXAMPLE[start : EXAMPLE.index("\n\n", start) + 1]
    text = OLD_BAD.replace("## Papers\n\n", "## Papers\n\n" + last_entry + "\n", 1)
    (repo / "README.md").write_text(text, encoding="utf-8")
    new_line = line_of(text, "**Denoising Diffusion Probabilistic Models**")
    old_line = text.rindex("**Denoising Diffusion Probabilistic Models**")
    old_line = text[:old_line].count("\n") + 1
    result = lint("--format", "json", "--changed-since", "main", "README.md")
    found = json.loads(result.stdout)["diagnostics"]
    duplicate = [d for d in found if d["code"] == "AL302"]
    assert [(d["line"], d["related_line"]) for d in duplicate] == [(old_line, new_line)]
    assert f"(line {new_line})" in duplicate[0]["message"]
    assert ("AL202", 17 + 5) not in [(d["code"], d["line"]) for d in found]  # old defect


def test_a_new_entry_above_reusing_an_unchanged_paper_link_is_reported(repo: Path) -> None:
    copied = NEW_ENTRY.replace("1907.05600", "2006.11239")  # DDPM's arXiv link, lower down
    text = OLD_BAD.replace("## Papers\n\n", "## Papers\n\n" + copied + "\n", 1)
    (repo / "README.md").write_text(text, encoding="utf-8")
    new_line = line_of(text, "**Generative Modeling by Estimating")
    found = json.loads(lint("--format", "json", "--changed-since", "main", "README.md").stdout)
    reused = [d for d in found["diagnostics"] if d["code"] == "AL301"]
    assert [(d["line"], d["related_line"]) for d in reused] == [
        (
            line_of(text, "(https://arxiv.org/abs/2006.11239)] [[GitHub](https://github.com/hojo"),
            new_line,
        )
    ]


def test_ref_is_compared_from_the_merge_base(repo: Path) -> None:
    """Lines main gained after the branch point are not the branch's changes."""
    git(repo, "checkout", "-q", "main")
    main_text = OLD_BAD.replace("[11th May, 2021]", "[11nd May, 2021]")
    (repo / "README.md").write_text(main_text, encoding="utf-8")
    git(repo, "commit", "-qam", "main moves on")
    git(repo, "checkout", "-q", "pr")
    assert findings("--changed-since", "main", "README.md") == []


def test_untracked_files_are_new_in_full(repo: Path) -> None:
    (repo / "other.md").write_text(OLD_BAD, encoding="utf-8")
    assert findings("--changed-since", "main", "other.md") == [("AL202", 17)]
    assert changed_lines(["other.md"], "main").lines == {"other.md": None}


def test_paths_in_a_subfolder_and_from_a_subfolder(repo: Path, monkeypatch) -> None:
    (repo / "docs").mkdir()
    (repo / "docs" / "list.md").write_text(OLD_BAD, encoding="utf-8")
    git(repo, "add", "docs/list.md")
    git(repo, "commit", "-qm", "docs")
    text = OLD_BAD.replace("[11th May, 2021]", "[11nd May, 2021]")
    (repo / "docs" / "list.md").write_text(text, encoding="utf-8")
    line = line_of(text, "[11nd May")
    # main has no docs/list.md: all of it is new since main.
    assert findings("--changed-since", "main", "docs/list.md") == [("AL202", 17), ("AL202", line)]
    assert findings("--changed-since", "HEAD", "docs/list.md") == [("AL202", line)]
    monkeypatch.chdir(repo / "docs")
    assert findings("--changed-since", "HEAD", "list.md") == [("AL202", line)]


def test_unknown_ref_is_a_clear_usage_error(repo: Path) -> None:
    result = lint("--changed-since", "origin/nope", "README.md")
    assert result.exit_code == 2
    assert "awesome-lint: error: --changed-since: unknown revision 'origin/nope'" in result.output
    assert "Traceback" not in result.output
    result = lint("--changed-since", "--output=x", "README.md")
    assert result.exit_code == 2
    assert not (repo / "x").exists()


def test_outside_a_git_repository_is_a_clear_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (folder / "README.md").write_text(OLD_BAD, encoding="utf-8")
    result = lint("--changed-since", "main", "README.md")
    assert result.exit_code == 2
    assert "awesome-lint: error: --changed-since: README.md is not in a git repository" in (
        result.output
    )


def test_changed_since_does_not_fix(repo: Path) -> None:
    for flag in ("--fix", "--diff"):
        result = lint("--changed-since", "main", flag, "README.md")
        assert result.exit_code == 2
        assert "--changed-since reports findings; it cannot fix" in result.output
