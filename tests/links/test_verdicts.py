"""Every verdict the generic HTTP check gives, against real servers on 127.0.0.1."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

from aiohttp import web

from awesome_lint.links import Verdict, check_links_async
from awesome_lint.links.client import HostGate, LinkBudget
from awesome_lint.links.options import USER_AGENT

from .conftest import ServerFactory, fast_options, never
from .docs import links_doc


def site(app: web.Application) -> None:
    """200, 404, 410, 500-then-200, 429-then-200, 403 bot wall, 999, redirects."""
    seen: Counter[str] = Counter()

    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    def status(code: int):
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=code)

        return handler

    async def flaky(request: web.Request) -> web.Response:
        seen["flaky"] += 1
        return web.Response(status=500 if seen["flaky"] == 1 else 200)

    async def limited(request: web.Request) -> web.Response:
        seen["limited"] += 1
        if seen["limited"] == 1:
            return web.Response(status=429, headers={"Retry-After": "3"})
        return web.Response(text="ok")

    def redirect(code: int, to: str):
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=code, headers={"Location": to})

        return handler

    async def hop(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        if n == 0:
            return web.Response(text="arrived")
        return web.Response(status=302, headers={"Location": f"/hop/{n - 1}"})

    routes = {
        "/ok": ok,
        "/missing": status(404),
        "/gone": status(410),
        "/flaky": flaky,
        "/limited": limited,
        "/always-limited": status(429),
        "/down": status(503),
        "/botwall": status(403),
        "/linkedin": status(999),
        "/unauthorized": status(401),
        "/temp": redirect(302, "/ok"),
        "/chain": redirect(307, "/temp"),
        "/moved": redirect(301, "/ok"),
        "/moved-308": redirect(308, "/moved"),
        "/moved-then-temp": redirect(301, "/temp"),
        "/moved-to-missing": redirect(301, "/nothing-here"),
        "/loop-a": redirect(302, "/loop-b"),
        "/loop-b": redirect(302, "/loop-a"),
        "/to-mailto": redirect(302, "mailto:x@example.org"),
        "/hang": never,
    }
    for path, handler in routes.items():
        app.router.add_route("*", path, handler)
    app.router.add_route("*", "/hop/{n}", hop)


async def test_status_verdicts(serve: ServerFactory) -> None:
    s = await serve(site)
    cases = {
        "/ok": (Verdict.OK, 200, None),
        "/missing": (Verdict.DEAD, 404, None),
        "/gone": (Verdict.DEAD, 410, None),
        "/flaky": (Verdict.OK, 200, None),
        "/limited": (Verdict.OK, 200, None),
        "/always-limited": (Verdict.UNVERIFIED, 429, None),
        "/down": (Verdict.UNVERIFIED, 503, None),
        "/botwall": (Verdict.UNVERIFIED, 403, None),
        "/linkedin": (Verdict.UNVERIFIED, 999, None),
        "/unauthorized": (Verdict.UNVERIFIED, 401, None),
        "/temp": (Verdict.OK, 200, "/ok"),
        "/chain": (Verdict.OK, 200, "/ok"),
        "/moved": (Verdict.REDIRECTED, 200, "/ok"),
        "/moved-308": (Verdict.REDIRECTED, 200, "/ok"),
        "/moved-then-temp": (Verdict.REDIRECTED, 200, "/temp"),
        "/moved-to-missing": (Verdict.DEAD, 404, "/nothing-here"),
        "/loop-a": (Verdict.DEAD, 302, "/loop-a"),
        "/hop/20": (Verdict.OK, 200, "/hop/0"),  # browsers follow 20 redirects
        "/hop/21": (Verdict.DEAD, 302, "/hop/0"),
        "/to-mailto": (Verdict.UNVERIFIED, 302, "mailto:x@example.org"),
        "/hang": (Verdict.UNVERIFIED, None, None),
    }
    report = await check_links_async(
        [links_doc(*(s.url(p) for p in cases))], fast_options(timeout=0.3, retries=1)
    )
    got = {p: report.results[s.url(p)] for p in cases}
    got = {p: (r.verdict, r.http_status, r.final_url) for p, r in got.items()}
    want = {
        p: (v, st, None if f is None else f if ":" in f else s.url(f))
        for p, (v, st, f) in cases.items()
    }
    assert got == want
    rec = s.recorder
    assert rec.count("/flaky") == 2  # 500, then 200 after a pause
    assert rec.count("/limited") == 2  # 429, then 200 after Retry-After (capped)
    assert rec.count("/always-limited") == 2  # retries=1: two tries, no GET
    # One request per URL and try: a GET, never HEAD then GET.
    assert {method for method, _ in rec.hits} == {"GET"}
    once = ["/missing", "/gone", "/botwall", "/linkedin", "/unauthorized", "/moved-to-missing"]
    assert {p: rec.count(p) for p in once} == dict.fromkeys(once, 1)
    assert rec.count("/down") == 2  # retries=1: two tries
    assert rec.count("/hang") == 2
    assert report.results[s.url("/loop-a")].detail == "redirect loop"
    assert report.results[s.url("/hop/21")].detail == "more than 20 redirects"
    assert rec.user_agents == {USER_AGENT}


async def test_retry_after_pauses_the_host(serve: ServerFactory) -> None:
    s = await serve(site)
    report = await check_links_async([links_doc(s.url("/limited"))], fast_options())
    assert report.results[s.url("/limited")].verdict is Verdict.OK
    first, second = s.recorder.times["/limited"]
    assert second - first >= 0.19  # Retry-After: 3, capped at max_retry_after=0.2


async def test_a_server_that_refuses_head_costs_one_request_per_link(
    serve: ServerFactory,
) -> None:
    def setup(app: web.Application) -> None:
        async def page(request: web.Request) -> web.Response:
            if request.method == "HEAD":
                return web.Response(status=405)
            return web.Response(text="page")

        app.router.add_route("*", "/{name}", page)

    s = await serve(setup)
    urls = [s.url(f"/p{i}") for i in range(3)]
    report = await check_links_async([links_doc(*urls)], fast_options(per_host=1))
    assert [r.verdict for r in report.results.values()] == [Verdict.OK] * 3
    assert s.recorder.hits == {("GET", f"/p{i}"): 1 for i in range(3)}
    assert report.requests == 3


async def test_endless_stream_does_not_hold_the_run(serve: ServerFactory) -> None:
    def setup(app: web.Application) -> None:
        async def stream(request: web.Request) -> web.StreamResponse:
            resp = web.StreamResponse()
            await resp.prepare(request)
            while True:
                await resp.write(b"x" * 65536)
                await asyncio.sleep(0)

        app.router.add_get("/stream", stream, allow_head=False)

    s = await serve(setup)
    report = await check_links_async([links_doc(s.url("/stream"))], fast_options(timeout=2))
    result = report.results[s.url("/stream")]
    # Reading the body would have run into the total timeout (unverified after retries).
    assert (result.verdict, result.http_status) == (Verdict.OK, 200)
    assert s.recorder.hits == {("GET", "/stream"): 1}


async def test_connection_refused_and_unknown_name_are_dead(free_port: int) -> None:
    from awesome_lint.links.safety import StaticResolver

    refused = f"http://127.0.0.1:{free_port}/"
    unknown = "http://no-such-host.test/paper"
    report = await check_links_async(
        [links_doc(refused, unknown)], fast_options(dns_resolver=StaticResolver({}))
    )
    assert report.results[refused].verdict is Verdict.DEAD
    assert report.results[refused].detail == "connection refused"
    assert report.results[unknown].verdict is Verdict.DEAD
    assert report.results[unknown].detail == "DNS name not found"
    assert report.requests == 0  # nothing was sent


async def test_accept_codes(serve: ServerFactory) -> None:
    s = await serve(site)
    report = await check_links_async(
        [links_doc(s.url("/botwall"))], fast_options(accept=frozenset({200, 403}))
    )
    assert report.results[s.url("/botwall")].verdict is Verdict.OK


async def test_per_host_and_global_limits(serve: ServerFactory) -> None:
    everywhere = {"now": 0, "max": 0}  # requests in flight on all three servers together

    def setup(app: web.Application) -> None:
        async def slow(request: web.Request) -> web.Response:
            everywhere["now"] += 1
            everywhere["max"] = max(everywhere["max"], everywhere["now"])
            await asyncio.sleep(0.05)
            everywhere["now"] -= 1
            return web.Response(text="ok")

        app.router.add_route("*", "/{n}", slow)

    a, b, c = await serve(setup), await serve(setup), await serve(setup)
    urls = [srv.url(f"/{i}") for srv in (a, b, c) for i in range(20)]
    report = await check_links_async([links_doc(*urls)], fast_options(per_host=3))
    assert report.counts["ok"] == 60
    assert report.requests == 60
    assert [srv.recorder.max_in_flight for srv in (a, b, c)] == [3, 3, 3]
    assert everywhere["max"] == 9

    everywhere["max"] = 0
    report = await check_links_async(
        [links_doc(*(u + "?again" for u in urls))], fast_options(per_host=8, concurrency=4)
    )
    assert report.counts["ok"] == 60
    assert everywhere["max"] == 4


async def test_min_interval_spaces_requests_to_one_host(serve: ServerFactory) -> None:
    s = await serve(site)
    urls = [s.url(f"/ok?{i}") for i in range(5)]
    await check_links_async([links_doc(*urls)], fast_options(min_interval=0.05))
    times = s.recorder.times["/ok"]
    assert len(times) == 5 and times[-1] - times[0] >= 0.1  # 4 gaps of 50 ms, less jitter


async def test_host_gate_spacing_and_pause() -> None:
    gate = HostGate(limit=8, interval=0.03)
    starts: list[float] = []

    async def one() -> None:
        async with gate.slot(LinkBudget(life=10, waits=10)):
            starts.append(time.monotonic())

    before = time.monotonic()
    await asyncio.gather(*(one() for _ in range(4)))
    # The n-th start is reserved n intervals after the first (a busy machine only delays).
    assert all(start >= before + n * 0.03 for n, start in enumerate(sorted(starts)))
    before = time.monotonic()
    gate.pause(0.1)
    await one()
    assert starts[-1] >= before + 0.1


async def test_tls_failure_is_unverified(serve: ServerFactory) -> None:
    s = await serve(site)
    url = s.url("/ok").replace("http://", "https://")  # TLS to a plain-HTTP server
    report = await check_links_async([links_doc(url)], fast_options())
    result = report.results[url]
    assert result.verdict is Verdict.UNVERIFIED
    assert result.detail.startswith("TLS error")
    assert s.recorder.total == 0


def test_retry_after_values() -> None:
    from datetime import datetime, timedelta, timezone
    from email.utils import format_datetime

    from awesome_lint.links.client import retry_after

    soon = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=20), usegmt=True)
    assert retry_after({"Retry-After": "5"}, cap=30) == 5
    assert retry_after({"Retry-After": "120"}, cap=30) == 30
    assert 15 < (retry_after({"Retry-After": soon}, cap=30) or 0) <= 20
    assert retry_after({"Retry-After": "soon"}, cap=30) is None
    assert retry_after({}, cap=30) is None


async def test_server_error_on_head_only_does_not_matter(serve: ServerFactory) -> None:
    def setup(app: web.Application) -> None:
        async def page(request: web.Request) -> web.Response:
            return web.Response(status=500 if request.method == "HEAD" else 200)

        app.router.add_route("*", "/page", page)

    s = await serve(setup)
    report = await check_links_async([links_doc(s.url("/page"))], fast_options(retries=1))
    assert report.results[s.url("/page")].verdict is Verdict.OK
    assert s.recorder.hits == {("GET", "/page"): 1}


async def test_rate_limit_pauses_the_whole_host(serve: ServerFactory) -> None:
    def setup(app: web.Application) -> None:
        async def page(request: web.Request) -> web.Response:
            if request.path == "/a":
                return web.Response(status=429, headers={"Retry-After": "1"})
            return web.Response(text="ok")

        app.router.add_route("*", "/{name}", page)

    s = await serve(setup)
    options = fast_options(retries=1, max_retry_after=0.3, per_host=1)
    report = await check_links_async([links_doc(s.url("/a"), s.url("/b"))], options)
    assert report.results[s.url("/a")].verdict is Verdict.UNVERIFIED
    assert report.results[s.url("/b")].verdict is Verdict.OK
    # /b was asked for after /a's 429, so it waited for the pause too.
    (first_a, second_a), (b,) = s.recorder.times["/a"], s.recorder.times["/b"]
    assert b >= first_a + 0.25 and second_a >= first_a + 0.25


async def test_a_hanging_host_is_given_up(serve: ServerFactory) -> None:
    s = await serve(lambda app: app.router.add_route("*", "/{n}", never))
    urls = [s.url(f"/{i}") for i in range(12)]
    options = fast_options(timeout=0.2, retries=2, per_host=2)
    report = await check_links_async([links_doc(*urls)], options)
    assert report.counts["unverified"] == 12
    # 12 links x 3 tries would be 36 requests; the host is given up after 4 timeouts in a row
    # (plus the requests already on their way then).
    assert s.recorder.total <= 6
    details = {r.detail for r in report.results.values()}
    assert "host gave no answer to 4 requests in a row" in details
    assert details <= {"timed out", "host gave no answer to 4 requests in a row"}


async def test_a_host_that_never_answered_is_not_asked_again(serve: ServerFactory) -> None:
    s = await serve(lambda app: app.router.add_route("*", "/{n}", never))
    report = await check_links_async(
        [links_doc(s.url("/paper"))], fast_options(timeout=0.2, retries=2)
    )
    assert report.results[s.url("/paper")].verdict is Verdict.UNVERIFIED
    assert s.recorder.count("/paper") == 1  # one timeout; a retry would wait out another


async def test_a_short_body_is_drained_and_the_connection_kept(serve: ServerFactory) -> None:
    """A body still on its way when the headers are read (the second half comes later) is read
    to its end when short, so that the next link of the host needs no new connection."""
    peers: set[object] = set()

    def setup(app: web.Application) -> None:
        async def page(request: web.Request) -> web.StreamResponse:
            peers.add(request.transport.get_extra_info("peername") if request.transport else None)
            half = b"a short page " * 100
            resp = web.StreamResponse(headers={"Content-Length": str(2 * len(half))})
            await resp.prepare(request)
            await resp.write(half)
            await asyncio.sleep(0.02)
            await resp.write(half)
            return resp

        app.router.add_get("/{n}", page)

    s = await serve(setup)
    urls = [s.url(f"/{i}") for i in range(5)]
    report = await check_links_async([links_doc(*urls)], fast_options(per_host=1))
    assert report.counts["ok"] == 5
    assert len(peers) == 1  # one connection served all five links
