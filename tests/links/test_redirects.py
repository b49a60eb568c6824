"""The one redirect follower (``links/redirects.py``), on its own, against a local server."""

from __future__ import annotations

from aiohttp import web
from yarl import URL

from awesome_lint.links.client import Client
from awesome_lint.links.redirects import follow
from awesome_lint.links.status import Verdict

from .conftest import ServerFactory, fast_options

HOPS = {"/a": (301, "/b"), "/b": (302, "/c"), "/x": (307, "/y"), "/y": (308, "/x")}


def hops(app: web.Application) -> None:
    async def handle(request: web.Request) -> web.Response:
        if request.path in HOPS:
            status, location = HOPS[request.path]
            return web.Response(status=status, headers={"Location": location})
        return web.Response(text=f"page {request.path}")

    app.router.add_get("/{tail:.*}", handle)


async def test_a_chain_is_followed_hop_by_hop_with_headers_chosen_per_hop(
    serve: ServerFactory,
) -> None:
    s = await serve(hops)
    asked: list[str] = []

    def headers_for(url: URL) -> dict[str, str]:
        asked.append(url.path)
        return {"X-Hop": url.path}

    async with Client(fast_options()) as client:
        start = URL(s.url("/a"))
        chain = await follow(
            client, start, str(start), budget=client.budget(), max_redirects=5,
            headers_for=headers_for,
        )  # fmt: skip
    assert [a.status for a in chain.answers] == [301, 302, 200]
    assert chain.response is not None and chain.response.status == 200
    assert (chain.failure, chain.final_url) == (None, s.url("/c"))
    assert chain.permanent == URL(s.url("/b"))  # the leading permanent redirect only
    assert asked == ["/a", "/b", "/c"]
    assert s.recorder.count("/c") == 1


async def test_a_loop_and_a_short_limit_break_the_chain(serve: ServerFactory) -> None:
    s = await serve(hops)
    async with Client(fast_options()) as client:
        loop_start, long_start = URL(s.url("/x")), URL(s.url("/a"))
        loop = await follow(
            client, loop_start, str(loop_start), budget=client.budget(), max_redirects=5
        )
        short = await follow(
            client, long_start, str(long_start), budget=client.budget(), max_redirects=1
        )
    assert loop.response is None and loop.failure is not None
    assert (loop.failure.verdict, loop.failure.detail) == (Verdict.DEAD, "redirect loop")
    assert (loop.status, loop.final_url) == (308, s.url("/x"))
    assert short.failure is not None and short.failure.detail == "more than 1 redirects"
    assert (short.status, short.final_url) == (302, s.url("/c"))
    assert s.recorder.count("/c") == 0  # the limit stops before the hop past it
