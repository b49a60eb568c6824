"""Link checks that start before the lint: the URLs of a regex scan of the text are requested
at once, and the report is the one the parsed document's URLs alone give. Real servers on
127.0.0.1; the early check runs in its own thread, so the tests wait for it in an executor
while their own loop serves."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence

import pytest
from aiohttp import web

from awesome_lint.engine import Engine
from awesome_lint.links import LinkReport, check_links_async
from awesome_lint.links.collect import collect_urls, scan_urls
from awesome_lint.links.early import EarlyCheck
from awesome_lint.links.options import LinkOptions
from awesome_lint.model import Document
from awesome_lint.parse import parse_document

from ..corpus import corpus_files, read_text
from .conftest import Server, ServerFactory, fast_options, never


def test_the_scan_reads_links_as_the_parser_does() -> None:
    text = (
        "- [a](https://x.org/a_(b)) and https://y.org/p. and <https://z.org/q>\n"
        "[![badge](https://img.shields.io/b.svg)](https://opensource.org/licenses/MIT)\n"
        '<a href="https://h.org/x">x</a> [ref]: https://r.org/\n'
    )
    assert scan_urls(text) == [
        "https://x.org/a_(b)",
        "https://y.org/p",
        "https://z.org/q",
        "https://img.shields.io/b.svg",
        "https://opensource.org/licenses/MIT",
        "https://h.org/x",
        "https://r.org/",
    ]


def test_the_scan_predicts_what_the_parser_reads_where_it_differs_from_a_plain_url() -> None:
    """A destination with a quote is read whole; a URL right after a letter, "/", "(" or "["
    is no autolink (as on the corpus: ``WAS's_Disco…ipynb``, ``[[Paper(https://…)]``)."""
    text = (
        '- [a](https://x.org/WAS\'s_"v"_(1).ipynb) [[Paper(https://no.org/1)]\n'
        "- [https://no.org/2](https://y.org/) xhttps://no.org/3 ([paper](https://z.org/))\n"
    )
    urls = [t.url for t in collect_urls([parse_document(text, "README.md")])]
    assert (
        scan_urls(text)
        == urls
        == [
            "https://x.org/WAS's_%22v%22_(1).ipynb",
            "https://y.org/",
            "https://z.org/",
        ]
    )


def test_the_scan_skips_fenced_code_and_comments() -> None:
    text = (
        "`https://span.org/` https://yes.org/\n"
        "```sh\ncurl https://fenced.org/\n```\n"
        "~~~\nhttps://tilde.org/\n~~~\n"
        "<!-- https://comment.org/ -->\n"
        "https://after.org/\n"
    )
    assert scan_urls(text) == ["https://span.org/", "https://yes.org/", "https://after.org/"]


@pytest.mark.parametrize(
    "text",
    ["`" * 100_000, "~" * 100_000 + "\n", "<!--" * 50_000, "```\n" * 50_000, "http://" * 50_000],
)
def test_the_scan_of_hostile_text_ends(text: str) -> None:
    """Every pattern of the scan reads each character a bounded number of times (a run of
    backticks once made the fence pattern quadratic: minutes for this input)."""
    assert len(scan_urls(text)) <= 1


def test_the_scan_predicts_the_corpus_lists_links() -> None:
    """On the real lists the scan finds all but a handful of the parser's URLs (each one it
    misses is checked after the parse, so a miss costs time, never a finding)."""
    files = corpus_files()
    if not files:
        pytest.skip("../shared/corpus is not available")
    missed = parsed = 0
    for path in files:
        text = read_text(path)
        wanted = {t.url for t in collect_urls([parse_document(text, path.name)])}
        wanted = {url for url in wanted if url.startswith(("http://", "https://"))}
        missed += len(wanted - set(scan_urls(text)))
        parsed += len(wanted)
    assert parsed > 5000 and missed <= parsed // 1000


def routes(app: web.Application) -> None:
    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def gone(request: web.Request) -> web.Response:
        return web.Response(status=404)

    app.router.add_route("*", "/ok/{n}", ok)
    app.router.add_route("*", "/gone", gone)
    app.router.add_route("*", "/hang", never)
    app.router.add_route("*", "/code/{n}", ok)


def mixed_list(s: Server) -> str:
    """Links the scan finds, one it misreads (a space inside ``<…>``: the scan predicts the
    URL up to the space), and URLs that are no links: in a fence, a comment, and an indented
    code block that the scan reads."""
    return (
        f"# List\n\n- [a]({s.url('/ok/1')})\n- [b]({s.url('/gone')})\n"
        f"- [c](<{s.url('/ok/late')} x>) <!-- {s.url('/code/1')} -->\n\n"
        f"```\n{s.url('/code/2')}\n```\n\n"
        f"Text.\n\n    {s.url('/hang')}\n"
    )


async def early_report(
    text: str, options: LinkOptions, parse: object = parse_document
) -> LinkReport:
    """The early check around a parse, as the runner does it; waited for off the loop."""

    def run() -> LinkReport:
        with EarlyCheck([text], options) as early:
            doc = parse(text, "README.md")  # type: ignore[operator]
            return early.finish([doc])

    return await asyncio.get_running_loop().run_in_executor(None, run)


def findings(report: LinkReport) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.span.line, d.span.column, d.message) for d in report.diagnostics]


async def test_the_early_report_is_the_report_of_the_documents_urls(serve: ServerFactory) -> None:
    s = await serve(routes)
    text = mixed_list(s)
    options = fast_options(timeout=30.0)
    late = await check_links_async([parse_document(text, "README.md")], options)
    s.recorder.hits.clear()
    early = await asyncio.wait_for(early_report(text, options), 20)
    assert findings(early) == findings(late) and findings(early)
    assert early.results == late.results
    assert early.counts == late.counts == {**late.counts, "ok": 2, "dead": 1}
    # The URL the scan misread is checked after the parse; no request went to the URLs in
    # code, and the hanging URL that is no link did not hold the run.
    assert s.recorder.count("/ok/late x") == 1 and s.recorder.count("/ok/1") == 1
    assert s.recorder.count("/code/1") == s.recorder.count("/code/2") == 0


async def test_requests_go_out_before_the_parse_ends(serve: ServerFactory) -> None:
    first_request = threading.Event()

    async def ok(request: web.Request) -> web.Response:
        first_request.set()
        return web.Response(text="ok")

    s = await serve(lambda app: app.router.add_route("*", "/ok/{n}", ok))
    text = "".join(f"- [p]({s.url(f'/ok/{n}')})\n" for n in range(5))
    seen_while_parsing: list[bool] = []

    def slow_parse(text: str, path: str) -> Document:
        seen_while_parsing.append(first_request.wait(10))
        return parse_document(text, path)

    report = await asyncio.wait_for(early_report(text, fast_options(), slow_parse), 20)
    assert seen_while_parsing == [True]
    assert report.counts["ok"] == 5 and s.recorder.total == 5


async def test_early_requests_keep_the_address_guard_and_exclusions(
    serve: ServerFactory,
) -> None:
    s = await serve(routes)
    text = f"- [a]({s.url('/ok/1')})\n- [b]({s.url('/ok/2')})\n"
    excluded = fast_options(excludes=("/ok/2",))
    report = await early_report(text, excluded)
    assert [r.verdict.value for r in report.results.values()] == ["ok", "excluded"]
    assert s.recorder.count("/ok/2") == 0
    guarded = await early_report(text, fast_options(allow_private=False))
    assert {r.verdict.value for r in guarded.results.values()} == {"blocked"}
    assert s.recorder.total == 1  # the first run's one request: none to a refused address


async def test_an_error_in_the_lint_cancels_the_early_checks(serve: ServerFactory) -> None:
    s = await serve(routes)
    text = "".join(f"- [h]({s.url('/hang')}?{n})\n" for n in range(3))

    def run() -> tuple[bool, Sequence[threading.Thread]]:
        with pytest.raises(ZeroDivisionError), EarlyCheck([text], fast_options(timeout=60.0)):
            while s.recorder.total < 3:  # the requests are out
                threading.Event().wait(0.01)
            raise ZeroDivisionError  # the lint fails
        return True, [t for t in threading.enumerate() if t.name == "awesome-lint links"]

    raised, left = await asyncio.wait_for(asyncio.to_thread(run), 20)
    assert raised and left == []


async def test_the_command_path_reports_the_same_findings_early(
    serve: ServerFactory, tmp_path
) -> None:
    """Through the runner, as ``--check-links`` runs: the same AL9xx findings, file:line:col,
    as the link step called after the lint (no early start)."""
    from awesome_lint import runner
    from awesome_lint.linkstep import make_link_step
    from awesome_lint.registry import builtin_registry

    s = await serve(routes)
    path = tmp_path / "README.md"
    path.write_text(mixed_list(s).replace("/hang", "/ok/3"))
    engine = Engine(builtin_registry().select(["AL9"], (), {}))
    step = make_link_step(fast_options(), progress=False, quiet=True)

    def lint(link_step: object) -> list[tuple[str, int, int]]:
        options = runner.RunOptions()
        [result] = runner.run([str(path)], engine, options, link_step)  # type: ignore[arg-type]
        return [(d.code, d.span.line, d.span.column) for d in result.diagnostics]

    early = await asyncio.to_thread(lint, step)
    late = await asyncio.to_thread(lint, lambda docs, selection: step(docs, selection))
    assert early == late == [("AL901", 4, 7)]
