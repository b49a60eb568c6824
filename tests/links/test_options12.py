"""The link checker's user options (issue 12, item 7): headers to the link's own host only,
--include, the .awesome-lint-ignore file, --insecure, --max-cache-age, --min-interval;
messages that name the URL and the reason; a summary that counts each kind separately."""

from __future__ import annotations

import ssl
from pathlib import Path

from aiohttp import web

from awesome_lint.links import Verdict, check_links_async

from .conftest import ServerFactory, Tls, fast_options
from .docs import links_doc
from .test_cli import awesome_lint, routes, write_list


def seen_header(log: list[tuple[str, str | None]]):
    def setup(app: web.Application) -> None:
        async def page(request: web.Request) -> web.Response:
            log.append((request.path, request.headers.get("X-Api-Key")))
            if request.path == "/away":
                return web.Response(status=302, headers={"Location": request.query["to"]})
            return web.Response(text="ok")

        app.router.add_route("*", "/{name}", page)

    return setup


async def test_a_header_goes_to_the_links_own_host_only(serve: ServerFactory) -> None:
    here_log: list[tuple[str, str | None]] = []
    there_log: list[tuple[str, str | None]] = []
    here = await serve(seen_header(here_log))
    there = await serve(seen_header(there_log))  # another port: another origin
    away = here.url("/away") + "?to=" + there.url("/landing")
    options = fast_options(headers=(("X-Api-Key", "k3y"),))
    await check_links_async([links_doc(here.url("/page"), away)], options)
    assert ("/page", "k3y") in here_log and ("/away", "k3y") in here_log
    assert there_log == [("/landing", None)]


async def test_include_and_exclude(serve: ServerFactory) -> None:
    s = await serve(routes)
    urls = [s.url("/ok"), s.url("/gone"), "https://example.org/x"]
    options = fast_options(includes=("127\\.0\\.0\\.1",), excludes=("gone",))
    report = await check_links_async([links_doc(*urls)], options)
    verdicts = [report.results[u].verdict for u in urls]
    assert verdicts == [Verdict.OK, Verdict.EXCLUDED, Verdict.EXCLUDED]
    assert s.recorder.count("/gone") == 0


async def test_insecure_accepts_a_certificate_it_cannot_verify(
    serve: ServerFactory, tls: Tls
) -> None:
    s = await serve(routes, tls=tls.server)
    url = s.url("/ok")
    strict = await check_links_async([links_doc(url)], fast_options())
    assert strict.results[url].verdict is Verdict.UNVERIFIED
    assert strict.results[url].detail.startswith("TLS error")
    loose = await check_links_async([links_doc(url)], fast_options(insecure=True))
    assert loose.results[url].verdict is Verdict.OK


async def test_a_tls_context_built_at_the_first_request(serve: ServerFactory, tls: Tls) -> None:
    s = await serve(routes, tls=tls.server)
    built: list[ssl.SSLContext] = []

    def context() -> ssl.SSLContext:
        built.append(tls.client)
        return tls.client

    options = fast_options(ssl_context=context)
    assert built == []  # nothing built before a request must be made
    report = await check_links_async([links_doc(s.url("/ok"), s.url("/gone"))], options)
    assert [r.verdict for r in report.results.values()] == [Verdict.OK, Verdict.DEAD]
    assert built == [tls.client]  # once for the run


def test_max_cache_age_caps_every_lifetime() -> None:
    options = fast_options(max_cache_age=60.0)
    assert options.cache_lifetimes() == {
        "ok": 60.0,
        "redirected": 60.0,
        "dead": 60.0,
        "unverified": 60.0,
    }
    assert fast_options().lifetime("ok") == 7 * 24 * 3600


async def test_ignore_file_messages_and_summary(serve: ServerFactory, tmp_path: Path) -> None:
    server = await serve(routes)
    path = write_list(tmp_path, server.url("/ok"), server.url("/gone"), server.url("/moved"))
    (tmp_path / ".awesome-lint-ignore").write_text("# links we know about\n\n/moved$\n")
    code, out, err = await awesome_lint(
        "--check-links", "--allow-private", "--no-cache", "--select", "AL9",
        "--min-interval", "0.01", str(path),
    )  # fmt: skip
    assert code == 1, err
    assert out.splitlines()[0] == (
        f"{path}:9:10: AL901 [dead-link] dead link {server.url('/gone')}: 404 Not Found"
    )
    assert "links: 3 (2 checked, 1 excluded, 0 from cache): 1 ok, 0 redirected, 1 dead" in err
    assert server.recorder.count("/moved") == 0
    (tmp_path / ".awesome-lint-ignore").write_text("(\n")
    code, _, err = await awesome_lint("--check-links", "--no-cache", str(path))
    assert code == 2
    assert f"{tmp_path / '.awesome-lint-ignore'}:1: bad --exclude pattern '('" in err
