"""The slowest a single link can be with the default options: computed, and measured against
hostile servers on 127.0.0.1 (one per case, all at once; about two minutes in all).

Cases: a server that never answers; a redirect chain whose every hop answers after 19 s (just
under the request timeout) at a new address; a chain whose every hop first answers 429 with
``Retry-After: 30``; a server that answers 503 after 19 s to HEAD and GET alike. Prints each
case's verdict, reason and seconds next to the bound the options give.

Usage: python bench/link_worst_case.py
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestServer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from awesome_lint.links import LinkOptions, check_links_async  # noqa: E402
from awesome_lint.links.client import HOST_TIMEOUT_LIMIT  # noqa: E402
from tests.links.docs import links_doc  # noqa: E402
from tests.links.doubles import pausing_hops  # noqa: E402

SLOW = 19.0


async def hang(request: web.Request) -> web.Response:
    await asyncio.sleep(3600)
    raise AssertionError("unreachable")


async def slow_hop(request: web.Request) -> web.Response:
    await asyncio.sleep(SLOW)
    n = int(request.match_info["n"])
    return web.Response(status=302, headers={"Location": f"/x/{n + 1}"})


async def slow_error(request: web.Request) -> web.Response:
    await asyncio.sleep(SLOW)
    return web.Response(status=503)


CASES = {
    "never answers": hang,
    f"redirects, each hop after {SLOW:g} s": slow_hop,
    "every hop: 429, Retry-After 30": pausing_hops(30),
    f"503 after {SLOW:g} s, HEAD and GET": slow_error,
}


def bound(options: LinkOptions) -> str:
    requests = (options.retries + 1) * options.timeout + options.timeout  # a last GET
    return (
        f"bound: min(link-time {options.link_time:g} s, per hop {requests:g} s of requests + "
        f"{options.max_wait:g} s of pauses over the whole life); a host is given up after "
        f"{HOST_TIMEOUT_LIMIT} timeouts in a row"
    )


async def main() -> None:
    servers = []
    urls = []
    for handler in CASES.values():
        app = web.Application()
        app.router.add_route("*", "/x/{n}", handler)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        servers.append(server)
        urls.append(str(server.make_url("/x/0")))
    options = LinkOptions(allow_networks=("127.0.0.0/8",), no_cache=True)
    print(bound(options))
    finished: dict[str, float] = {}
    started = time.monotonic()

    async def one(name: str, url: str) -> None:
        report = await check_links_async([links_doc(url)], options)
        result = report.results[url]
        finished[name] = time.monotonic() - started
        print(f"{name:40} {result.verdict.value:11} {finished[name]:7.1f} s  {result.detail}")

    try:
        await asyncio.gather(*(one(name, url) for name, url in zip(CASES, urls, strict=True)))
    finally:
        for server in servers:
            await server.close()
    print(f"slowest: {max(finished.values()):.1f} s")


if __name__ == "__main__":
    asyncio.run(main())
