"""``awesome-lint --check-links`` and ``--dump-links`` as a user runs them: the real command in a
subprocess, against a real aiohttp server on 127.0.0.1 started by the test."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest
from aiohttp import web

# The real command in a subprocess, each run a Python start-up and more: not in the quick loop.
pytestmark = pytest.mark.slow

BLOCK = "**Paper {n}** \\\n*A. Author* \\\n[1st May, 2023] [arXiv, 2023] \\\n[[Paper]({url})]\n\n"


def routes(app: web.Application) -> None:
    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def gone(request: web.Request) -> web.Response:
        return web.Response(status=404)

    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("/ok")

    app.router.add_route("*", "/ok", ok)
    app.router.add_route("*", "/gone", gone)
    app.router.add_route("*", "/moved", moved)


async def awesome_lint(*args: str) -> tuple[int, str, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "awesome_lint",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def write_list(tmp_path: Path, *urls: str) -> Path:
    path = tmp_path / "README.md"
    path.write_text("".join(BLOCK.format(n=i, url=url) for i, url in enumerate(urls)))
    return path


FAST = ("--allow-private", "--no-cache", "--retries", "0", "--timeout", "5", "--select", "AL9")


async def test_dead_link_fails_the_run_and_is_reported_at_its_url(serve, tmp_path) -> None:
    server = await serve(routes)
    path = write_list(tmp_path, server.url("/ok"), server.url("/gone"))
    code, out, err = await awesome_lint("--check-links", *FAST, "--format", "json", str(path))
    assert code == 1
    found = json.loads(out)["diagnostics"]
    assert [(d["code"], d["line"], d["column"], d["verdict"], d["http_status"]) for d in found] == [
        ("AL901", 9, 10, "dead", 404)
    ]
    assert "links: 2 (2 checked, 0 excluded, 0 from cache): 1 ok, 0 redirected, 1 dead" in err


async def test_fix_rewrites_a_permanent_redirect(serve, tmp_path) -> None:
    server = await serve(routes)
    path = write_list(tmp_path, server.url("/moved"))
    code, out, _ = await awesome_lint("--check-links", *FAST, "--fix", str(path))
    assert code == 0, out
    assert f"[[Paper]({server.url('/ok')})]" in path.read_text()
    assert "AL903" not in out  # fixed, so no longer reported


async def test_private_addresses_are_refused_unless_allowed(serve, tmp_path) -> None:
    server = await serve(routes)
    path = write_list(tmp_path, server.url("/ok"))
    code, out, _ = await awesome_lint("--check-links", "--no-cache", "--select", "AL9", str(path))
    assert code == 0  # a blocked address is a warning, not a failure
    assert f"{path}:4:10: AL905 [blocked-address]" in out
    assert server.recorder.total == 0


async def test_dump_links_lists_every_place_without_network(serve, tmp_path) -> None:
    server = await serve(routes)
    url = server.url("/ok")
    path = write_list(tmp_path, url, url)
    code, out, _ = await awesome_lint("--dump-links", str(path))
    assert code == 0
    assert out == f"{url}\t{path}:4:10 {path}:9:10\n"
    assert server.recorder.total == 0
