"""The trust boundary: a list's own configuration file (written by whoever opens the pull
request) cannot widen what the checker reaches or where the token goes; only the command line
and the environment can. The real command in a subprocess, a real server on 127.0.0.1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import ServerFactory
from .doubles import github_api
from .test_cli import awesome_lint, routes, write_list

# The real command in a subprocess, each run a Python start-up and more: not in the quick loop.
pytestmark = pytest.mark.slow

WIDENING = {
    "allow-private": ("true", "--allow-private"),
    "allow-networks": ('["127.0.0.0/8"]', "--allow-network"),
    "arxiv-api": ('"http://127.0.0.1:{port}/api/query"', "--arxiv-api"),
    "doi-api": ('"http://127.0.0.1:{port}/api/handles/"', "--doi-api"),
    "github-api": ('"http://127.0.0.1:{port}"', "--github-api"),
    "user-agent": ('"Mozilla/5.0"', "--user-agent"),
}


async def test_a_config_file_cannot_widen_the_checker(serve: ServerFactory, tmp_path: Path) -> None:
    server = await serve(routes)
    api = await serve(github_api({"octo/exists": "octo/exists"}))
    table = "\n".join(
        f"{key} = {value.format(port=api.port)}" for key, (value, _) in WIDENING.items()
    )
    (tmp_path / ".awesome-lint.toml").write_text(f"[links]\n{table}\n")
    path = write_list(tmp_path, server.url("/ok"), "https://github.com/octo/exists")
    code, out, err = await awesome_lint(
        "--check-links", "--no-cache", "--select", "AL905", "--exclude", "github", str(path)
    )
    assert code == 0, err
    for key, (_, flag) in WIDENING.items():
        assert (
            f"awesome-lint: warning: {tmp_path / '.awesome-lint.toml'}: links.{key}: ignored: it "
            f"widens what the link checker may reach or where credentials go, so a file in the "
            f"linted tree cannot set it; use {flag}\n"
        ) in err
    assert f"{path}:4:10: AL905 [blocked-address]" in out  # allow-private was not applied
    assert server.recorder.total == 0 and api.recorder.total == 0


async def test_a_pyproject_table_is_held_to_the_same_rule(
    serve: ServerFactory, tmp_path: Path
) -> None:
    server = await serve(routes)
    (tmp_path / "pyproject.toml").write_text("[tool.awesome-lint.links]\nallow-private = true\n")
    path = write_list(tmp_path, server.url("/ok"))
    code, out, err = await awesome_lint("--check-links", "--no-cache", "--select", "AL9", str(path))
    assert "tool.awesome-lint.links.allow-private: ignored" in err and "use --allow-private" in err
    assert "AL905" in out and server.recorder.total == 0 and code == 0


async def test_the_command_line_widens_and_the_token_stays_off_plain_http(
    serve: ServerFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = await serve(routes)
    api = await serve(github_api({"octo/exists": "octo/exists"}))
    path = write_list(tmp_path, server.url("/ok"), "https://github.com/octo/exists")
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    assert os.environ["GITHUB_TOKEN"] == "t0ken"  # the subprocess inherits it
    code, out, err = await awesome_lint(
        "--check-links",
        "--no-cache",
        "--select",
        "AL9",
        "--allow-network",
        "127.0.0.1/32",
        "--github-api",
        api.url("/"),
        str(path),
    )
    assert (code, out) == (0, "No problems found in 1 file.\n"), err
    assert "--github-api is not https: $GITHUB_TOKEN is not sent to it" in err
    assert api.recorder.authorization == [("/repos/octo/exists", None)]
    assert server.recorder.count("/ok") == 1
