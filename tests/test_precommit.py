"""The pre-commit hooks as users run them: the real ``pre-commit`` installs this checkout into
its own virtual environment (pip, from the package indexes) and runs the hook on a temporary
git repository. Needs pre-commit (a test extra) and a reachable package index; deselect with
``-m 'not index'`` where neither is at hand (CI runs it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers_git import git_env

ROOT = Path(__file__).parents[1]  # this checkout: try-repo commits its uncommitted changes
EXAMPLE = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
DEFECT = EXAMPLE.replace("[20th Dec., 2021]", "[20nd Dec., 2021]", 1)
WARNING_ONLY = EXAMPLE.replace("[CVPR, 2022]", "[CVPR 2022]", 1)


def precommit_env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, **git_env(tmp_path)}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PRE_COMMIT_COLOR="never")
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    return env


def test_manifest_is_valid_for_pre_commit() -> None:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    hooks = {hook["id"]: hook for hook in clientlib.load_manifest(ROOT / ".pre-commit-hooks.yaml")}
    assert set(hooks) == {"awesome-lint", "awesome-lint-links"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types"] == ["markdown"]
        assert hook["pass_filenames"] is True
        assert hook["entry"].split()[0] == "awesome-lint"
    assert "--check-links" not in hooks["awesome-lint"]["entry"]
    # pre-commit prints a hook's output only when it fails: warnings fail, so they are seen.
    assert hooks["awesome-lint"]["entry"].split()[1:] == ["--fail-on", "warning"]
    assert "--check-links" in hooks["awesome-lint-links"]["entry"].split()
    assert hooks["awesome-lint-links"]["stages"] == ["manual"]


@pytest.mark.slow
@pytest.mark.precommit
@pytest.mark.index
def test_try_repo_fails_on_a_defect_and_passes_once_fixed(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of this project")
    env = precommit_env(tmp_path)
    repo = tmp_path / "list"
    repo.mkdir()
    (repo / "README.md").write_text(DEFECT, encoding="utf-8")
    (repo / "notes.txt").write_text("[20nd Dec., 2021] not Markdown: not linted\n")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False
        )

    for args in (("init", "-q", "-b", "main"), ("add", "."), ("commit", "-qm", "a list")):
        assert run("git", *args).returncode == 0
    try_repo = (sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "awesome-lint")

    failed = run(*try_repo, "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "awesome-lint" in failed.stdout and "Failed" in failed.stdout
    assert 'README.md:17:2: AL202 [*] [date-ordinal] "20nd" should be "20th"' in failed.stdout
    assert "Found 1 problem (1 error) in 1 file." in failed.stdout  # not notes.txt

    (repo / "README.md").write_text(WARNING_ONLY, encoding="utf-8")
    warned = run(*try_repo, "--all-files")
    assert warned.returncode == 1, warned.stdout + warned.stderr  # a warning fails, and shows
    assert 'README.md:17:20: AL207 [venue-format] venue "CVPR 2022"' in warned.stdout

    (repo / "README.md").write_text(EXAMPLE, encoding="utf-8")
    passed = run(*try_repo, "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
