"""A rule in minutes: the scaffold writes a rule the registry, the rule book and the rule table
know (in a temporary copy of the package tree), and rules/README.md's table is generated from
the registry and checked."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from awesome_lint import rule_index
from awesome_lint.scaffold import NewRule, ScaffoldError, check_new

from .rulebook import read_page

ROOT = Path(__file__).resolve().parent.parent


def test_rules_readme_table_is_generated_from_the_registry() -> None:
    assert rule_index.main(["--check"]) == 0, "run python -m awesome_lint.rule_index"


def test_check_mode_fails_on_a_stale_table_and_the_generator_mends_it(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    readme = tmp_path / "rules" / "README.md"
    current = (ROOT / "rules" / "README.md").read_text(encoding="utf-8")
    stale = current.replace(
        "| [AL202](AL202.md) | date-ordinal | error | yes |",
        "| [AL202](AL202.md) | date-ordinal | warning | yes |",
    )
    assert stale != current
    readme.write_text(stale, encoding="utf-8")
    assert rule_index.main(["--check", "--root", str(tmp_path)]) == 1
    assert readme.read_text(encoding="utf-8") == stale  # --check writes nothing
    assert rule_index.main(["--root", str(tmp_path)]) == 0
    assert readme.read_text(encoding="utf-8") == current


def test_a_readme_without_the_markers_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "README.md").write_text("# The rule book\n", encoding="utf-8")
    assert rule_index.main(["--check", "--root", str(tmp_path)]) == 2


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the package tree and the rule book: what the scaffold edits."""
    shutil.copytree(
        ROOT / "awesome_lint",
        tmp_path / "awesome_lint",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    return tmp_path


def in_copy(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run python with the copy's package first on the path."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.slow  # a copy of the checkout, ruff and the command in subprocesses
def test_scaffold_writes_module_page_registry_entry_and_table_row(checkout: Path) -> None:
    made = in_copy(
        checkout,
        "-m",
        "awesome_lint.scaffold",
        "AL504",
        "tab-use",
        "--summary",
        "A tab in an entry's line.",
        "--fixable",
        "--root",
        str(checkout),
    )
    assert made.returncode == 0, made.stderr
    module = checkout / "awesome_lint" / "rules" / "al504_tab_use.py"
    assert module.is_file()
    page = read_page(checkout / "rules" / "AL504.md")
    assert (page.code, page.name, page.severity, page.fixable) == (
        "AL504",
        "tab-use",
        "warning",
        True,
    )
    assert len(page.cases) == 1 and page.cases[0].expect and page.cases[0].fixed is not None
    assert len(page.good) == 1
    assert "\n## Options\n\nNone.\n" in page.text

    registry = in_copy(
        checkout,
        "-c",
        "from awesome_lint.registry import builtin_registry as b\nr = b().get('tab-use')\nprint(r.__module__, r.code, r.severity, r.fixable, r.summary)",
    )
    assert (
        registry.stdout
        == "awesome_lint.rules.al504_tab_use AL504 warning True A tab in an entry's line.\n"
    ), registry.stderr
    readme = (checkout / "rules" / "README.md").read_text(encoding="utf-8")
    assert "| [AL504](AL504.md) | tab-use | warning | yes | A tab in an entry's line. |\n" in readme
    assert (
        in_copy(
            checkout, "-m", "awesome_lint.rule_index", "--check", "--root", str(checkout)
        ).returncode
        == 0
    )
    ruff = [sys.executable, "-m", "ruff"]
    config = ["--config", str(ROOT / "pyproject.toml"), "--no-cache"]
    changed = [str(module), str(checkout / "awesome_lint" / "rules" / "__init__.py")]
    assert subprocess.run([*ruff, "check", *config, *changed], capture_output=True).returncode == 0
    assert (
        subprocess.run(
            [*ruff, "format", "--check", *config, *changed], capture_output=True
        ).returncode
        == 0
    )


@pytest.mark.slow  # a copy of the checkout, ruff and the command in subprocesses
def test_the_scaffolded_rule_runs_and_reports_nothing_yet(checkout: Path) -> None:
    """The skeleton is a to-do list: it runs in a lint, and its page's bad example fails."""
    in_copy(
        checkout,
        "-m",
        "awesome_lint.scaffold",
        "AL599",
        "stray-thing",
        "--summary",
        "Something stray.",
        "--root",
        str(checkout),
    )
    run = in_copy(
        checkout,
        "-m",
        "awesome_lint",
        "--isolated",
        "--select",
        "AL599",
        "--format",
        "json",
        "-q",
        "rules/AL599.md",
    )
    assert run.returncode == 0, run.stderr
    assert '"diagnostics": []' in run.stdout


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (NewRule("AL202", "new-name", "x"), "AL202 is taken: rules/AL202.md exists"),
        (NewRule("AL598", "date-ordinal", "x"), "AL598 or 'date-ordinal' is already a rule"),
        (NewRule("AL59", "new-name", "x"), "bad code 'AL59'"),
        (NewRule("AL598", "New_Name", "x"), "bad name 'New_Name'"),
        (NewRule("AL598", "new-name", "x", severity="fatal"), "bad severity 'fatal'"),
        (NewRule("AL598", "new-name", "two\nlines"), "the summary is one line"),
    ],
)
def test_scaffold_refuses_a_taken_or_malformed_rule(rule: NewRule, message: str) -> None:
    with pytest.raises(ScaffoldError, match="^" + re.escape(message)):
        check_new(ROOT, rule)
