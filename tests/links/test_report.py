"""Collection, dump, diagnostics (spans, data, fixes), progress and the public API."""

from __future__ import annotations

import io

import pytest
from aiohttp import web

from awesome_lint.diagnostics import Edit, Severity
from awesome_lint.links import (
    LINK_RULES,
    LinkOptions,
    Verdict,
    check_links,
    check_links_async,
    collect_urls,
    dump_links,
    normalise_url,
    parse_accept,
)
from awesome_lint.links.safety import StaticResolver
from awesome_lint.rule import Rule

from .conftest import ServerFactory, fast_options
from .docs import links_doc, make_doc


def test_normalise_url() -> None:
    assert (
        normalise_url("HTTPS://GitHub.COM:443/Octo/Repo#readme") == "https://github.com/Octo/Repo"
    )
    assert normalise_url(" http://example.org ") == "http://example.org/"
    assert normalise_url("http://example.org/a%7eb?q=1") == "http://example.org/a~b?q=1"
    assert normalise_url("MAILTO:x@example.org") == "mailto:x@example.org"


def test_collect_dedups_and_skips() -> None:
    text = (
        "[a](https://example.org/paper)\n"
        "[b](https://EXAMPLE.org/paper#section)\n"
        "[toc](#introduction)\n"
        "[bib](./citations/x.txt)\n"
        "[no scheme](github.com/tjvsonsbeek/repo)\n"
        "[empty]()\n"
        "[mail](mailto:x@example.org)\n"
    )
    a = make_doc(text, "a.md")
    b = make_doc("[c](https://example.org/paper)\n", "b.md")
    targets = collect_urls([a, b])
    assert [t.url for t in targets] == ["https://example.org/paper", "mailto:x@example.org"]
    assert [(loc.path, loc.link.url_span.line) for loc in targets[0].locations] == [
        ("a.md", 1),
        ("a.md", 2),
        ("b.md", 1),
    ]
    assert dump_links([a, b]) == (
        "https://example.org/paper\ta.md:1:5 a.md:2:5 b.md:1:5\nmailto:x@example.org\ta.md:7:8\n"
    )
    assert dump_links([]) == ""


def test_entry_titles_reach_the_locations() -> None:
    doc = make_doc(
        "**A Paper** \\\n[[Paper](https://arxiv.org/abs/2111.08005)]\n\n[x](https://arxiv.org/abs/2111.08005)\n"
    )
    (target,) = collect_urls([doc])
    assert [loc.entry_title for loc in target.locations] == ["A Paper", None]


async def test_diagnostics_point_at_the_url(serve: ServerFactory) -> None:
    def setup(app: web.Application) -> None:
        async def page(request: web.Request) -> web.Response:
            if request.path == "/old":
                return web.Response(status=301, headers={"Location": "/new"})
            return web.Response(status=404 if request.path == "/dead" else 200)

        app.router.add_route("*", "/{name}", page)

    s = await serve(setup)
    text = (
        f"# List\n"
        f"- [dead]({s.url('/dead')}) and [again]({s.url('/dead')})\n"
        f"- [old]({s.url('/old')}#results)\n"
        f"- [ok]({s.url('/new')})\n"
        f"- [meta](http://169.254.169.254/)\n"
        f"- [skip](https://skip.test/x)\n"
    )
    doc = make_doc(text, "list.md")
    options = fast_options(
        allow_private=False,
        allow_networks=("127.0.0.1/32",),
        excludes=(r"^https://skip\.test/",),
    )
    report = await check_links_async([doc], options)
    col2 = text.splitlines()[1].index(s.url("/dead"), 20) + 1
    assert [(d.code, d.span.line, d.span.column, d.severity) for d in report.diagnostics] == [
        ("AL901", 2, 10, Severity.ERROR),
        ("AL901", 2, col2, Severity.ERROR),
        ("AL903", 3, 9, Severity.WARNING),
        ("AL905", 5, 10, Severity.WARNING),
    ]
    dead, _, moved, blocked = report.diagnostics
    assert dead.message == f"dead link {s.url('/dead')}: 404 Not Found"
    assert dead.path == "list.md"
    assert text[dead.span.start : dead.span.end] == s.url("/dead")
    assert dict(dead.data) == {
        "url": s.url("/dead"),
        "verdict": "dead",
        "http_status": 404,
        "final_url": None,
    }
    assert moved.message == f"permanent redirect to {s.url('/new')}"
    assert moved.data["final_url"] == s.url("/new")
    assert moved.fix is not None and moved.fix.safe
    span = moved.span
    assert moved.fix.edits == (Edit(span.start, span.end, s.url("/new") + "#results"),)
    assert blocked.message == "link not checked: 169.254.169.254 is a private or reserved address"
    assert report.counts == {
        "ok": 1,
        "redirected": 1,
        "dead": 1,
        "unverified": 0,
        "excluded": 1,
        "blocked": 1,
    }
    assert report.failed
    line = report.summary_line()
    assert line.startswith(
        "links: 5 (4 checked, 1 excluded, 0 from cache): "
        "1 ok, 1 redirected, 1 dead, 0 unverified, 1 blocked; "
    )


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_sync_wrapper_progress_and_no_network() -> None:
    doc = links_doc("mailto:a@example.org", "http://10.0.0.1/", "https://private.test/")
    options = LinkOptions(no_cache=True, dns_resolver=StaticResolver({"private.test": "10.9.9.9"}))
    terminal = Terminal()
    report = check_links([doc], options, progress=True, stream=terminal)
    assert report.counts["excluded"] == 1 and report.counts["blocked"] == 2
    assert not report.failed
    assert report.requests == 0
    assert "checking links [" in terminal.getvalue() and "3/3" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")

    pipe = io.StringIO()  # not a terminal: silent
    check_links([doc], options, progress=True, stream=pipe)
    quiet = Terminal()
    check_links([doc], options, progress=False, stream=quiet)
    assert pipe.getvalue() == quiet.getvalue() == ""


def test_parse_accept() -> None:
    assert parse_accept("200..=204, 403") == frozenset({200, 201, 202, 203, 204, 403})
    assert parse_accept("200-202") == frozenset({200, 201, 202})
    for bad in ("abc", "99", "300..200"):
        try:
            parse_accept(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


def test_link_rules() -> None:
    assert [r.code for r in LINK_RULES] == ["AL901", "AL902", "AL903", "AL904", "AL905"]
    assert [r.name for r in LINK_RULES] == [
        "dead-link",
        "link-unverified",
        "permanent-redirect",
        "paper-title-mismatch",
        "blocked-address",
    ]
    for rule in LINK_RULES:
        assert issubclass(rule, Rule) and rule.network and rule.summary
        assert list(rule().check(make_doc("[a](https://example.org)"), None)) == []  # type: ignore[arg-type]
    assert [r.fixable for r in LINK_RULES] == [False, False, True, False, False]
    assert LINK_RULES[0].severity is Severity.ERROR
    assert {r.severity for r in LINK_RULES[1:]} == {Severity.WARNING}


def test_unsupported_and_excluded_are_not_reported() -> None:
    doc = links_doc("ftp://example.org/file", "https://example.org/skip")
    report = check_links([doc], fast_options(excludes=("skip",)))
    assert report.diagnostics == [] and report.counts["excluded"] == 2
    assert {r.verdict for r in report.results.values()} == {Verdict.EXCLUDED}


def test_options_are_validated() -> None:
    nan, inf = float("nan"), float("inf")
    for bad, message in [
        ({"concurrency": 0}, "concurrency must be at least 1, not 0"),
        ({"concurrency": 10**6}, "concurrency must be at most 1000"),
        ({"timeout": 0}, "timeout must be more than 0, not 0"),
        ({"timeout": nan}, "timeout must be a finite number, not nan"),
        ({"connect_timeout": inf}, "connect_timeout must be a finite number, not inf"),
        ({"min_interval": inf}, "min_interval must be a finite number, not inf"),
        ({"max_retry_after": -inf}, "max_retry_after must be a finite number"),
        ({"max_time": nan}, "max_time must be a finite number"),
        ({"max_time": 0}, "max_time must be more than 0"),
        ({"max_redirects": 21}, "max_redirects must be at most 20"),
        ({"retries": -1}, "retries must be at least 0, not -1"),
        ({"lifetimes": {"ok": inf}}, "lifetimes.ok must be a finite number"),
        ({"excludes": ("(",)}, "bad --exclude pattern '('"),
        ({"allow_networks": ("nope",)}, "bad network 'nope'"),
    ]:
        with pytest.raises(ValueError, match=message.replace("(", r"\(")):
            LinkOptions(**bad)  # type: ignore[arg-type]


async def test_no_false_dead_links_when_no_name_resolves(serve: ServerFactory) -> None:
    """Offline (every name unknown to DNS, nothing answered): unverified, not dead."""
    urls = ["http://a.test/x", "http://b.test/y", "http://c.test/z"]
    report = await check_links_async(
        [links_doc(*urls)], fast_options(dns_resolver=StaticResolver({}))
    )
    assert report.counts["dead"] == 0 and report.counts["unverified"] == 3
    assert {d.code for d in report.diagnostics} == {"AL902"}
    assert "offline" in report.notes[0]


async def test_offline_on_one_host_is_no_false_dead() -> None:
    """However many hosts the links are on (here: one), no answer at all means offline."""
    urls = ["http://a.test/x", "http://a.test/y", "http://a.test/z"]
    report = await check_links_async(
        [links_doc(*urls)], fast_options(dns_resolver=StaticResolver({}))
    )
    assert report.counts["dead"] == 0 and report.counts["unverified"] == 3
    assert {r.detail for r in report.results.values()} == {"no host name resolved: offline?"}
    assert report.notes[0].startswith("no host name could be resolved (1 hosts)")


async def test_an_unknown_name_is_dead_when_other_hosts_answer(serve: ServerFactory) -> None:
    server = await serve(lambda app: app.router.add_get("/ok", ok_handler))
    urls = [server.url("/ok"), "http://a.test/x", "http://b.test/y"]
    options = fast_options(dns_resolver=StaticResolver({}))
    report = await check_links_async([links_doc(*urls)], options)
    assert (report.counts["ok"], report.counts["dead"]) == (1, 2)
    assert report.notes == []


async def ok_handler(request: web.Request) -> web.Response:
    return web.Response(text="ok")
