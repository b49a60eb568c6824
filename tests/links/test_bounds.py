"""Every check ends in a time one can state: pauses capped over a link's whole life, hosts
that keep answering 429 given up, a per-run deadline, exclude patterns time-boxed; and no
false "dead": a self-redirect that sets a cookie is followed with it. Real servers on
127.0.0.1."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from aiohttp import web

from awesome_lint.links import Verdict, check_links_async
from awesome_lint.links import exclude as exclude_module
from awesome_lint.links.client import HOST_RATE_LIMIT
from awesome_lint.links.exclude import ExcludeTimeout
from awesome_lint.links.safety import StaticResolver

from .conftest import ServerFactory, fast_options, never
from .docs import links_doc
from .doubles import pausing_hops


async def test_retry_after_is_capped_over_the_whole_life_of_a_link(serve: ServerFactory) -> None:
    """Each hop asks for a second's pause; the link may pause 1.5 s in all: the first pause
    is honoured, the second is not waited for, and the link is unverified, not dead."""
    s = await serve(lambda app: app.router.add_route("*", "/hop/{n}", pausing_hops(1)))
    options = fast_options(max_retry_after=1.0, max_wait=1.5, retries=3)
    report = await check_links_async([links_doc(s.url("/hop/0"))], options)
    result = report.results[s.url("/hop/0")]
    assert (result.verdict, result.detail) == (
        Verdict.UNVERIFIED,
        "rate-limited: asked to wait 1.0 s more",
    )
    assert [s.recorder.count(f"/hop/{n}") for n in range(3)] == [2, 1, 0]


async def test_a_host_answering_429_to_everything_is_given_up(serve: ServerFactory) -> None:
    async def limited(request: web.Request) -> web.Response:
        return web.Response(status=429, headers={"Retry-After": "1"})

    s = await serve(lambda app: app.router.add_route("*", "/{n}", limited))
    urls = [s.url(f"/{n}") for n in range(40)]
    options = fast_options(max_retry_after=1.0, retries=2, per_host=4)
    report = await check_links_async([links_doc(*urls)], options)
    assert report.counts["unverified"] == 40 and report.counts["dead"] == 0
    details = Counter(r.detail for r in report.results.values())
    given_up = f"rate-limited: the host answered 429 to {HOST_RATE_LIMIT} requests in a row"
    assert details[given_up] >= 40 - 4
    assert s.recorder.total <= 4 + HOST_RATE_LIMIT  # not 40 links x 3 tries


async def test_max_time_ends_the_run_and_leaves_links_unverified(serve: ServerFactory) -> None:
    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    def setup(app: web.Application) -> None:
        app.router.add_route("*", "/ok", ok)
        app.router.add_route("*", "/hang/{n}", never)

    s = await serve(setup)
    urls = [s.url("/ok"), *(s.url(f"/hang/{n}") for n in range(3))]
    options = fast_options(timeout=60.0, link_time=60.0, max_time=0.5)
    report = await asyncio.wait_for(check_links_async([links_doc(*urls)], options), 30)
    assert report.results[urls[0]].verdict is Verdict.OK
    for url in urls[1:]:
        result = report.results[url]
        assert (result.verdict, result.detail) == (
            Verdict.UNVERIFIED,
            "not checked within --max-time 0.5 s",
        )


async def test_a_link_that_never_settles_is_given_up(serve: ServerFactory) -> None:
    """Each hop is slow and leads to a new address: the link's life budget ends it."""

    async def slow_hop(request: web.Request) -> web.Response:
        await asyncio.sleep(0.2)
        n = int(request.match_info["n"])
        return web.Response(status=302, headers={"Location": f"/slow/{n + 1}"})

    s = await serve(lambda app: app.router.add_route("*", "/slow/{n}", slow_hop))
    options = fast_options(timeout=5.0, link_time=0.7, max_redirects=20)
    report = await check_links_async([links_doc(s.url("/slow/0"))], options)
    result = report.results[s.url("/slow/0")]
    assert result.verdict is Verdict.UNVERIFIED
    assert result.detail in ("no final answer within 0.7 s", "timed out")
    assert s.recorder.total <= 5


async def test_a_catastrophic_exclude_pattern_is_stopped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(exclude_module, "EXCLUDE_TIME_LIMIT", 1.0)
    doc = links_doc("http://example.org/" + "a" * 40 + "!")
    with pytest.raises(ExcludeTimeout, match=r"took more than 1 s on 1 URLs"):
        await check_links_async([doc], fast_options(excludes=("(a+)+$",)))
    report = await check_links_async([doc], fast_options(excludes=("example",)))
    assert report.counts["excluded"] == 1


def consent_site(app: web.Application) -> None:
    async def consent(request: web.Request) -> web.Response:
        if request.cookies.get("consent") == "yes":
            return web.Response(text="the page")
        response = web.Response(status=302, headers={"Location": "/paper"})
        response.set_cookie("consent", "yes")
        return response

    async def stubborn(request: web.Request) -> web.Response:
        response = web.Response(status=302, headers={"Location": "/stubborn"})
        response.set_cookie("visit", "1")  # the same cookie every time: a real loop
        return response

    app.router.add_route("*", "/paper", consent)
    app.router.add_route("*", "/stubborn", stubborn)


async def test_a_self_redirect_that_sets_a_cookie_is_followed(serve: ServerFactory) -> None:
    s = await serve(consent_site)
    urls = [s.url("/paper"), s.url("/stubborn")]
    report = await check_links_async([links_doc(*urls)], fast_options())
    assert report.results[urls[0]].verdict is Verdict.OK
    assert (report.results[urls[1]].verdict, report.results[urls[1]].detail) == (
        Verdict.DEAD,
        "redirect loop",
    )
    assert s.recorder.count("/paper") == 2 and s.recorder.count("/stubborn") == 2


async def test_a_hanging_server_is_given_up_once_for_all_its_names(serve: ServerFactory) -> None:
    """Ten host names on one server that never answers: after four timeouts in a row the
    server (its address) is given up, whatever name a later link uses."""
    s = await serve(lambda app: app.router.add_route("*", "/{n}", never))
    names = [f"mirror{n}.test" for n in range(10)]
    resolver = StaticResolver(dict.fromkeys(names, "127.0.0.1"))
    urls = [f"http://{name}:{s.port}/{n}" for n, name in enumerate(names)]
    options = fast_options(timeout=0.2, retries=0, concurrency=1, dns_resolver=resolver)
    report = await check_links_async([links_doc(*urls)], options)
    assert report.counts["unverified"] == 10 and report.counts["dead"] == 0
    given_up = "the server at 127.0.0.1 gave no answer to 4 requests in a row"
    assert [report.results[u].detail for u in urls].count(given_up) == 6
    assert s.recorder.total == 4
