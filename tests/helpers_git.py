"""Temporary git repositories for the tests: an identity and configuration of their own, so
that commits work on a machine (or CI) with no git set-up, and the user's settings stay out."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git_env(tmp_path: Path) -> dict[str, str]:
    """Variables that give git a throwaway identity and configuration under ``tmp_path``."""
    return {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` (the environment set with :func:`git_env`); its stdout."""
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout
