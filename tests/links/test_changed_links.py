"""``--check-links --changed-since REF``: only the links on changed lines are fetched (a real
git repository, the real command, a real aiohttp server on 127.0.0.1)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ..helpers_git import git, git_env
from .test_cli import BLOCK, FAST, awesome_lint, routes

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.slow,  # the real command in a subprocess
]


async def test_only_links_on_changed_lines_are_checked(
    serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in git_env(tmp_path).items():
        monkeypatch.setenv(key, value)
    server = await serve(routes)
    path = tmp_path / "README.md"
    old = BLOCK.format(n=1, url=server.url("/gone"))  # dead, but not this change's doing
    path.write_text(old)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "README.md")
    git(tmp_path, "commit", "-qm", "list")
    path.write_text(old + BLOCK.format(n=2, url=server.url("/moved")))

    args = ("--check-links", *FAST, "--format", "json", str(path))
    code, out, err = await awesome_lint("--changed-since", "main", *args)
    assert code == 0, err
    found = json.loads(out)["diagnostics"]
    assert [(d["code"], d["line"], d["verdict"]) for d in found] == [("AL903", 9, "redirected")]
    assert server.recorder.count("/gone") == 0  # never fetched
    assert server.recorder.count("/moved") == 1
    assert "links: 1 (1 checked" in err

    code, out, err = await awesome_lint(*args)  # the whole list: the old dead link too
    assert code == 1
    assert server.recorder.count("/gone") >= 1
