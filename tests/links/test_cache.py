"""The SQLite cache: a second run re-checks nothing fresh; concurrent runs don't corrupt it."""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from aiohttp import web

from awesome_lint.links import Verdict, check_links_async
from awesome_lint.links.cache import Cache
from awesome_lint.links.options import DEFAULT_LIFETIMES, parse_accept
from awesome_lint.links.status import Result

from .cache_writer import write
from .conftest import ServerFactory, fast_options
from .docs import links_doc
from .doubles import arxiv_api


def pages(app: web.Application) -> None:
    async def page(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name == "moved":
            return web.Response(status=301, headers={"Location": "/ok"})
        if name == "bot":
            return web.Response(status=403)
        return web.Response(status=404 if name == "missing" else 200)

    app.router.add_route("*", "/{name}", page)


async def test_second_run_makes_no_requests(serve: ServerFactory, tmp_path: Path) -> None:
    site = await serve(pages)
    requests: list[list[str]] = []
    api = await serve(arxiv_api({"2111.08005": "A paper"}, requests))
    urls = [site.url(f"/{n}") for n in ("ok", "missing", "moved", "bot")]
    urls += ["https://arxiv.org/abs/2111.08005", "mailto:someone@example.org"]
    options = fast_options(
        cache_path=tmp_path / "links.sqlite", no_cache=False, arxiv_api=api.url("/api/query")
    )
    first = await check_links_async([links_doc(*urls)], options)
    hits = site.recorder.total + api.recorder.total
    second = await check_links_async([links_doc(*urls)], options)

    assert second.requests == 0
    assert site.recorder.total + api.recorder.total == hits
    assert second.cached == 5  # mailto is excluded, never cached
    assert (
        first.counts
        == second.counts
        == {"ok": 2, "redirected": 1, "dead": 1, "unverified": 1, "excluded": 1, "blocked": 0}
    )
    assert {u: (r.verdict, r.final_url, r.title) for u, r in second.results.items()} == {
        u: (r.verdict, r.final_url, r.title) for u, r in first.results.items()
    }
    assert [d.code for d in second.diagnostics] == [d.code for d in first.diagnostics]
    assert "5 from cache" in second.summary_line()


async def test_expired_results_are_checked_again(serve: ServerFactory, tmp_path: Path) -> None:
    site = await serve(pages)
    urls = [site.url("/ok"), site.url("/missing")]
    lifetimes = dict(DEFAULT_LIFETIMES, dead=0.0)  # dead links are always re-checked
    options = fast_options(cache_path=tmp_path / "c.sqlite", no_cache=False, lifetimes=lifetimes)
    await check_links_async([links_doc(*urls)], options)
    second = await check_links_async([links_doc(*urls)], options)
    assert second.cached == 1
    assert second.requests == 1  # one GET, for the dead one only
    assert second.results[urls[1]].verdict is Verdict.DEAD


async def test_no_cache_and_unusable_cache(serve: ServerFactory, tmp_path: Path) -> None:
    site = await serve(pages)
    urls = [site.url("/ok")]
    path = tmp_path / "c.sqlite"
    await check_links_async([links_doc(*urls)], fast_options(cache_path=path, no_cache=True))
    assert not path.exists()
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not a database" * 100)
    report = await check_links_async(
        [links_doc(*urls)], fast_options(cache_path=broken, no_cache=False)
    )
    assert report.results[urls[0]].verdict is Verdict.OK
    assert len(report.notes) == 1 and "link cache" in report.notes[0]


def test_concurrent_runs_share_one_cache(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.sqlite")
    with ProcessPoolExecutor(4, mp_context=multiprocessing.get_context("spawn")) as pool:
        written = list(pool.map(write, [path] * 4, range(4)))
    assert written == [1000] * 4
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM results").fetchone() == (4000,)


async def test_changed_accept_codes_recheck(serve: ServerFactory, tmp_path: Path) -> None:
    site = await serve(pages)
    url = site.url("/bot")
    options = fast_options(cache_path=tmp_path / "c.sqlite", no_cache=False)
    first = await check_links_async([links_doc(url)], options)
    assert first.results[url].verdict is Verdict.UNVERIFIED
    accepting = fast_options(
        cache_path=tmp_path / "c.sqlite", no_cache=False, accept=frozenset({200, 403})
    )
    second = await check_links_async([links_doc(url)], accepting)
    assert second.cached == 0 and second.results[url].verdict is Verdict.OK
    third = await check_links_async([links_doc(url)], accepting)
    assert third.cached == 1 and third.requests == 0


async def test_a_row_with_a_bad_time_is_stale_not_a_crash(
    serve: ServerFactory, tmp_path: Path
) -> None:
    """Rows written by another program (``checked_at`` as text, or NULL in a table made
    without the constraint) are checked again."""
    site = await serve(pages)
    urls = [site.url("/ok"), site.url("/missing")]
    path = tmp_path / "links.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE results (url TEXT PRIMARY KEY, verdict TEXT NOT NULL, "
            "http_status INTEGER, final_url TEXT, detail TEXT NOT NULL DEFAULT '', title TEXT, "
            "checked_at REAL, policy TEXT NOT NULL DEFAULT '')"
        )
        policy = fast_options().policy()
        db.execute(
            "INSERT INTO results VALUES (?, 'dead', 404, NULL, '', NULL, 'yesterday', ?)",
            (urls[0], policy),
        )
        db.execute(
            "INSERT INTO results VALUES (?, 'ok', 200, NULL, '', NULL, NULL, ?)", (urls[1], policy)
        )
    options = fast_options(cache_path=path, no_cache=False)
    report = await check_links_async([links_doc(*urls)], options)
    assert [report.results[u].verdict for u in urls] == [Verdict.OK, Verdict.DEAD]
    assert report.cached == 0 and site.recorder.total == 2  # one GET each


async def test_a_row_of_the_wrong_types_or_from_the_future_is_stale(
    serve: ServerFactory, tmp_path: Path
) -> None:
    """A file another program wrote, in a table without column types: a status as text, a
    redirect target as a number, a time a day ahead. Each row is checked again, not trusted
    (a number for a redirect's target reached the fix and ended the run with a traceback)."""
    site = await serve(pages)
    urls = [site.url(f"/{name}") for name in ("ok", "missing", "moved", "bot")]
    path = tmp_path / "links.sqlite"
    now = time.time()
    policy = fast_options().policy()
    rows = [
        (urls[0], "ok", "200", None, "", None, now),
        (urls[1], "ok", 200, None, "", None, now + 86400),  # fresh for ever, were it trusted
        (urls[2], "redirected", 301, 42, "", None, now),
        (urls[3], "ok", 200, None, b"detail", None, now),
    ]
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE results (url PRIMARY KEY, verdict, http_status, final_url, detail, "
            "title, checked_at, policy)"
        )
        db.executemany("INSERT INTO results VALUES (?,?,?,?,?,?,?,?)", [(*r, policy) for r in rows])
    report = await check_links_async(
        [links_doc(*urls)], fast_options(cache_path=path, no_cache=False)
    )
    assert [report.results[u].verdict for u in urls] == [
        Verdict.OK,
        Verdict.DEAD,
        Verdict.REDIRECTED,
        Verdict.UNVERIFIED,
    ]
    assert report.cached == 0 and site.recorder.total == 5  # the redirect: two requests


def test_a_few_urls_and_most_of_the_table_read_alike(tmp_path: Path) -> None:
    """A few URLs of a large table are looked up; most of a table is read whole. Both give
    each URL's fresh row of this policy only: not another policy's, not an expired one."""
    path = tmp_path / "links.sqlite"
    now = time.time()
    verdicts = [Verdict.OK, Verdict.REDIRECTED, Verdict.DEAD, Verdict.UNVERIFIED]
    mine = [
        Result(f"https://a.org/{i}", verdicts[i % 4], 200 + i, f"https://b.org/{i}", "d", "T")
        for i in range(900)
    ]
    with Cache(path, DEFAULT_LIFETIMES, "mine") as cache:
        cache.store(mine[:600], now=now)
        cache.store(mine[600:700], now=now - 8 * 86400)  # expired, whatever the verdict
    with Cache(path, DEFAULT_LIFETIMES, "theirs") as cache:
        cache.store(mine[700:], now=now)  # fresh, but under another policy

    def expected(urls: list[str]) -> dict[str, Result]:
        return {r.url: r._replace(cached=True) for r in mine[:600] if r.url in urls}

    with Cache(path, DEFAULT_LIFETIMES, "mine") as cache:
        for wanted in (
            mine[::150],
            mine,
            mine[550:],
            [*mine[:3], Result("https://c.org/", Verdict.OK)],
        ):
            urls = [r.url for r in wanted]
            assert cache.fresh(urls, now=now + 1) == expected(urls)
        assert cache.fresh([], now=now) == {}


def test_the_policy_names_the_accepted_codes_as_ranges() -> None:
    """Every row stores the policy: 431 characters when it listed each code of 200..299."""
    assert fast_options().policy() == "accept=200..299;redirects=20;resolvers=1"
    codes = frozenset({*range(200, 300), 403, 405, 406, 999})
    policy = fast_options(accept=codes).policy()
    assert policy.startswith("accept=200..299,403,405..406,999;")
    assert parse_accept(policy.split(";")[0].removeprefix("accept=")) == codes


def test_rows_of_other_types_or_times_are_not_read(tmp_path: Path) -> None:
    """Each row below breaks one rule (a type this program never writes, a verdict it does
    not know, a time that is no time): none is fresh; the one good row is."""
    path = tmp_path / "links.sqlite"
    now = time.time()
    good = ("https://a.org/", "ok", 200, None, "200 OK", "T", now)
    broken = [
        ("maybe", 200, None, "", None, now),
        ("ok", 200.0, None, "", None, now),
        ("ok", 200, None, "", b"title", now),
        ("ok", 200, None, None, None, now),
        ("ok", 200, None, "", None, float("inf")),
        ("ok", 200, None, "", None, float("-inf")),
        ("ok", 200, None, "", None, str(now)),
        ("ok", 200, b"https://b.org/", "", None, now),
    ]
    rows = [good, *((f"https://a.org/{i}", *row) for i, row in enumerate(broken))]
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE results (url PRIMARY KEY, verdict, http_status, final_url, detail, "
            "title, checked_at, policy)"
        )
        db.executemany("INSERT INTO results VALUES (?,?,?,?,?,?,?,'p')", rows)
    with Cache(path, DEFAULT_LIFETIMES, "p") as cache:
        urls = [row[0] for row in rows]
        for asked in (urls, urls[:2]):  # the whole table read, and a lookup by URL
            assert cache.fresh(asked, now=now) == {
                good[0]: Result(good[0], Verdict.OK, 200, None, "200 OK", "T", cached=True)
            }
