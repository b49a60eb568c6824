"""``--check-links --fix``: permanent redirects rewritten through the one writer (fix.py and
its guard), against a real aiohttp server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp import web

from awesome_lint.engine import parse_source
from awesome_lint.source import read_source

from .test_cli import FAST, awesome_lint

# The real command in a subprocess, each run a Python start-up and more: not in the quick loop.
pytestmark = pytest.mark.slow

# A doubled space before the link: AL103's fix shifts every offset after it by one, so the
# redirect must be computed on the text it applies to.
ENTRY = "**Paper {n}** \\\n*A. Author* \\\n[1st May,  2023] [arXiv, 2023] \\\n[[Paper]({url})]\n\n"


def routes(app: web.Application) -> None:
    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("/ok")

    async def moved_to_parens(request: web.Request) -> web.Response:
        raise web.HTTPMovedPermanently("/target/a)b (c)")

    app.router.add_route("*", "/ok", ok)
    app.router.add_route("*", "/target/{name}", ok)
    app.router.add_route("*", "/moved", moved)
    app.router.add_route("*", "/moved-to-parens", moved_to_parens)


def write_list(tmp_path: Path, *urls: str) -> Path:
    path = tmp_path / "README.md"
    path.write_text("".join(ENTRY.format(n=i, url=url) for i, url in enumerate(urls)))
    return path


LINKS_AND_SPACES = (*FAST[:-1], "AL9,AL103")  # the link checks and AL103's fix


async def test_fix_rewrites_a_redirect_on_the_fixed_text(serve, tmp_path) -> None:
    server = await serve(routes)
    path = write_list(tmp_path, server.url("/moved"))
    code, out, err = await awesome_lint("--check-links", *LINKS_AND_SPACES, "--fix", str(path))
    assert (code, out) == (0, "Fixed 2 problems.\nNo problems found in 1 file.\n"), err
    assert path.read_text() == ENTRY.format(n=0, url=server.url("/ok")).replace("  ", " ")


async def test_diff_shows_the_redirect_and_writes_nothing(serve, tmp_path) -> None:
    server = await serve(routes)
    path = write_list(tmp_path, server.url("/moved"))
    before = path.read_bytes()
    for flags in (("--diff",), ("--fix", "--diff")):
        code, out, _ = await awesome_lint("--check-links", *LINKS_AND_SPACES, *flags, str(path))
        assert code == 1
        assert out.endswith(
            "-[1st May,  2023] [arXiv, 2023] \\\n"
            f"-[[Paper]({server.url('/moved')})]\n"
            "+[1st May, 2023] [arXiv, 2023] \\\n"
            f"+[[Paper]({server.url('/ok')})]\n \n"
        )
        assert path.read_bytes() == before


async def test_a_location_is_written_as_a_valid_link_destination(serve, tmp_path) -> None:
    # A ")" in the target would end the link and spill the rest as text: it is encoded.
    server = await serve(routes)
    path = write_list(tmp_path, server.url("/moved-to-parens"))
    code, out, err = await awesome_lint("--check-links", *FAST, "--fix", str(path))
    assert code == 0, out + err
    target = f"http://127.0.0.1:{server.port}/target/a%29b%20%28c%29"
    assert f"[[Paper]({target})]\n" in path.read_text()
    assert [link.url for link in parse_source(read_source(str(path))).links] == [target]
