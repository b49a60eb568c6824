"""Inputs as ruff and markdownlint-cli2 take them: folders, globs with ``**`` (gitignore rules,
through pathspec), ``.gitignore`` and the configuration's ``exclude``, ``-`` for standard input.
Real rules, real parser, the example list with one defect."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from awesome_lint import cli
from awesome_lint.inputs import expand_inputs, glob_matches

ROOT = Path(__file__).parents[1]
EXAMPLE = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
DEFECT = EXAMPLE.replace("[20th Dec., 2021]", "[20nd Dec., 2021]", 1)
FINDING = ':17:2: AL202 [*] [date-ordinal] "20nd" should be "20th"'


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A list's repository: every Markdown file below holds the defect."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    for name in (
        "README.md",
        "docs/a.md",
        "docs/deep/b.md",
        "drafts/c.md",  # .gitignore: drafts/
        "docs/deep/notes.tmp.md",  # docs/.gitignore: *.tmp.md
        ".github/PULL_REQUEST_TEMPLATE.md",  # hidden
        "node_modules/pkg/README.md",
        "docs/keep.txt",  # not Markdown
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DEFECT, encoding="utf-8")
    (tmp_path / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    (tmp_path / "docs" / ".gitignore").write_text("*.tmp.md\n", encoding="utf-8")
    return tmp_path


def lint(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli.main, ["--select", "AL202", "-q", *args], input=stdin)


def linted(result: Result) -> list[str]:
    return [line.removesuffix(FINDING) for line in result.stdout.splitlines()]


def test_a_folder_is_every_markdown_file_not_ignored(tree: Path) -> None:
    assert linted(lint(".")) == ["README.md", "docs/a.md", "docs/deep/b.md"]
    assert linted(lint("docs")) == ["docs/a.md", "docs/deep/b.md"]


def test_an_ignored_file_named_outright_is_linted(tree: Path) -> None:
    assert linted(lint("drafts/c.md")) == ["drafts/c.md"]


def test_globs_follow_gitignore_rules(tree: Path) -> None:
    assert linted(lint("docs/**/*.md")) == ["docs/a.md", "docs/deep/b.md"]
    assert linted(lint("docs/*.md")) == ["docs/a.md"]  # "*" stays in its folder
    assert linted(lint("*.md")) == ["README.md"]  # anchored where written
    assert linted(lint("**/b.md", "README.md", "docs/deep/b.md")) == [
        "docs/deep/b.md",  # once, though named twice
        "README.md",
    ]


def test_the_configuration_excludes_from_folders_and_globs(tree: Path) -> None:
    (tree / ".awesome-lint.toml").write_text('exclude = ["deep/"]\n', encoding="utf-8")
    assert linted(lint(".")) == ["README.md", "docs/a.md"]
    assert linted(lint("**/*.md")) == ["README.md", "docs/a.md"]
    assert linted(lint("docs/deep/b.md")) == ["docs/deep/b.md"]  # named outright


def test_a_pattern_or_folder_with_nothing_to_lint_is_an_error(tree: Path) -> None:
    (tree / "empty").mkdir()
    result = lint("empty", "lists/*.md", "README.md")
    assert result.exit_code == 2
    assert result.stderr == (
        "empty: error: no Markdown (*.md) file in this folder\n"
        "lists/*.md: error: no file matches this pattern\n"
    )
    assert linted(result) == ["README.md"]


def test_standard_input(tree: Path) -> None:
    result = lint("-", stdin=DEFECT.encode())
    assert (result.exit_code, linted(result)) == (1, ["<stdin>"])
    named = lint("-", "--stdin-filename", "docs/new.md", stdin=DEFECT.encode())
    assert linted(named) == ["docs/new.md"]
    # The name also picks the configuration, as a file there would.
    config = '[per-file-ignores]\n"new.md" = ["AL202"]\n'
    (tree / "docs" / ".awesome-lint.toml").write_text(config, encoding="utf-8")
    named = lint("-", "--stdin-filename", "docs/new.md", stdin=DEFECT.encode())
    assert (named.exit_code, named.stdout) == (0, "")
    binary = lint("-", stdin=b"\x00\x01")
    assert (binary.exit_code, binary.stderr) == (
        2,
        "<stdin>: error: binary data (a NUL byte at offset 0), not a text file\n",
    )


def test_standard_input_can_be_diffed_not_fixed(tree: Path) -> None:
    diff = CliRunner().invoke(cli.main, ["-", "--diff"], input=DEFECT.encode())
    assert "-[20nd Dec., 2021]" in diff.stdout and "+[20th Dec., 2021]" in diff.stdout
    fix = CliRunner().invoke(cli.main, ["-", "--fix"], input=DEFECT.encode())
    assert fix.exit_code == 2
    assert "--fix cannot write standard input; --diff shows the fixes" in fix.stderr


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("*.md", "README.md", True),
        ("*.md", "docs/deep/a.md", True),  # no "/": any depth, as in .gitignore
        ("docs/*.md", "docs/a.md", True),
        ("docs/*.md", "docs/deep/a.md", False),  # fnmatch's "*" would cross "/"
        ("docs/**/*.md", "docs/deep/er/a.md", True),
        ("/CHANGELOG.md", "docs/CHANGELOG.md", False),
    ],
)
def test_glob_matches_is_gitignore(pattern: str, path: str, matches: bool) -> None:
    assert glob_matches(pattern, path) is matches


def test_expand_inputs_keeps_files_and_stdin_as_given(tree: Path) -> None:
    def nothing(folder: str) -> tuple[Path, tuple[str, ...]]:
        return tree, ()

    expanded = expand_inputs(["-", "missing.md", "README.md"], nothing)
    assert (expanded.paths, expanded.errors) == (["-", "missing.md", "README.md"], [])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('exclude = "drafts/"', 'exclude: must be a list of strings, e.g. ["drafts/"], not'),
        ("baseline = 3", "baseline: must be a file name, not"),
    ],
)
def test_exclude_and_baseline_keys_are_checked(tree: Path, body: str, message: str) -> None:
    (tree / ".awesome-lint.toml").write_text(body + "\n", encoding="utf-8")
    result = lint(".")
    assert result.exit_code == 2
    assert f".awesome-lint.toml: {message}" in result.stderr
