"""The run: collected URLs in, one verdict per URL (offline, cached or fetched), a report out."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from collections.abc import Awaitable, Callable, Sequence, Set
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TextIO

from yarl import URL

from ..model import Document
from .cache import Cache, CacheError
from .collect import CHECKED_SCHEMES, UrlTarget, canonical_url, collect_urls
from .exclude import matching_urls
from .options import LinkOptions
from .progress import Progress
from .status import GITHUB_LIMIT_REACHED, NO_DNS, VERDICT_ORDER, Failure, Result, Verdict

if TYPE_CHECKING:  # aiohttp is imported only when something must be fetched
    from ..diagnostics import Diagnostic
    from .client import Client


@dataclass
class LinkReport:
    """What ``check_links`` found: AL9xx diagnostics and figures for the summary."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    results: dict[str, Result] = field(default_factory=dict)  # by normalised URL
    counts: dict[str, int] = field(default_factory=dict)  # unique URLs per verdict
    requests: int = 0  # HTTP requests made (API requests included)
    cached: int = 0  # verdicts taken from the cache
    elapsed: float = 0.0
    notes: list[str] = field(default_factory=list)  # e.g. a cache that could not be used

    @property
    def failed(self) -> bool:
        """Only dead links fail the run."""
        return self.counts.get(Verdict.DEAD.value, 0) > 0

    def summary_line(self) -> str:
        """``links: 12 (9 checked, 2 excluded, 1 from cache): 6 ok, …; 14 requests, 1.2s``."""
        total = sum(self.counts.values())
        excluded = self.counts.get(Verdict.EXCLUDED.value, 0)
        checked = total - excluded - self.cached
        verdicts = [v for v in VERDICT_ORDER if v is not Verdict.EXCLUDED]
        parts = ", ".join(f"{self.counts.get(v.value, 0)} {v.value}" for v in verdicts)
        return (
            f"links: {total} ({checked} checked, {excluded} excluded, {self.cached} from cache): "
            f"{parts}; {self.requests} requests, {self.elapsed:.1f}s"
        )


def _as_result(url: str, outcome: Result | Failure) -> Result:
    if isinstance(outcome, Failure):
        return Result(url, outcome.verdict, detail=outcome.detail)
    return replace(outcome, url=url)


def excluded_urls(options: LinkOptions, urls: Sequence[str]) -> set[str]:
    """The URLs ``--exclude`` drops or ``--include`` leaves out."""
    excluded = matching_urls(options.excludes, urls)
    if options.includes:
        excluded |= set(urls) - matching_urls(options.includes, urls)
    return excluded


def _offline_verdict(target: UrlTarget, excluded: Set[str]) -> Result | None:
    if target.scheme not in CHECKED_SCHEMES:
        return Result(target.url, Verdict.EXCLUDED, detail=f"{target.scheme}: not checked")
    if target.url in excluded:
        return Result(target.url, Verdict.EXCLUDED, detail="excluded (--exclude, --include)")
    try:
        url = URL(target.url)
        if not url.raw_host:
            return Result(target.url, Verdict.DEAD, detail="invalid URL (no host)")
        canonical_url(url)
    except ValueError as exc:
        return Result(target.url, Verdict.DEAD, detail=f"invalid URL ({exc})")
    return None


class Checks:
    """The checks of one run, URL by URL: each URL is checked once (the arXiv ids of one
    :meth:`start` share one batch), whenever it is asked for; :meth:`wait` waits for the URLs
    wanted only, and ends the checks of the others (URLs the first scan predicted that are no
    links)."""

    def __init__(self, options: LinkOptions, client: Client, done: Callable[[Result], None]):
        from .resolvers import GithubResolver

        self.options = options
        self.client = client
        self.done = done
        self.results: dict[str, Result] = {}
        self.tasks: dict[str, asyncio.Future[None]] = {}  # URL -> the task that checks it
        self.github = GithubResolver(client, options)

    def _finish(self, result: Result) -> None:
        self.results[result.url] = result
        self.done(result)

    async def _guarded(self, urls: Sequence[str], job: Awaitable[None]) -> None:
        """A bug in one check must not end the run: its links become unverified."""
        try:
            await job
        except Exception as exc:
            for url in urls:
                if url not in self.results:
                    self._finish(Result(url, Verdict.UNVERIFIED, detail=f"internal error: {exc!r}"))

    async def _generic(self, url: str) -> None:
        self._finish(await self.client.check(url))

    async def _doi(self, url: str, doi: str) -> None:
        from .resolvers import check_doi

        self._finish(_as_result(url, await check_doi(self.client, self.options, doi)))

    async def _github(self, url: str, owner: str, repo: str) -> None:
        outcome = await self.github.check(owner, repo)
        self._finish(await self.client.check(url) if outcome is None else _as_result(url, outcome))

    async def _arxiv(self, arxiv: dict[str, list[str]]) -> None:
        from .resolvers import ArxivResolver

        outcomes = await ArxivResolver(self.client, self.options).check(arxiv)
        for ident, outcome in outcomes.items():
            for url in arxiv[ident]:
                self._finish(_as_result(url, outcome))

    def start(self, urls: Sequence[str]) -> None:
        """Start the checks of ``urls`` (normalised, http(s), not excluded) not started yet."""
        from .resolvers import arxiv_id

        arxiv: dict[str, list[str]] = {}
        for url in urls:
            if url in self.tasks:
                continue
            ident = arxiv_id(url) if self.options.resolvers else None
            if ident is not None:
                arxiv.setdefault(ident, []).append(url)
            else:
                self.tasks[url] = asyncio.ensure_future(self._guarded([url], self._job(url)))
        if arxiv:
            batch = [u for urls in arxiv.values() for u in urls]
            task = asyncio.ensure_future(self._guarded(batch, self._arxiv(arxiv)))
            self.tasks.update(dict.fromkeys(batch, task))

    def _job(self, url: str) -> Awaitable[None]:
        if self.options.resolvers:
            from .resolvers import doi_of, github_repo

            doi = doi_of(url)
            if doi is not None:
                return self._doi(url, doi)
            repo = github_repo(url)
            if repo is not None:
                return self._github(url, *repo)
        return self._generic(url)

    async def stop(self) -> None:
        """End every check still running."""
        every = set(self.tasks.values())
        for task in every:
            task.cancel()
        await asyncio.gather(*every, return_exceptions=True)

    async def wait(self, urls: Sequence[str], timeout: float | None) -> dict[str, Result]:
        """The verdicts of ``urls`` (all started), once in or after ``timeout`` seconds (those
        cut off are unverified); every check, of these URLs or others, is then over."""
        pending = {self.tasks[url] for url in urls}
        if pending:
            await asyncio.wait(pending, timeout=timeout)
        await self.stop()
        for url in urls:  # cut off by --max-time
            if url not in self.results:
                detail = f"not checked within --max-time {self.options.max_time:g} s"
                self._finish(Result(url, Verdict.UNVERIFIED, detail=detail))
        return {url: self.results[url] for url in urls}


def _answered(result: Result) -> bool:
    """Whether some server (or service API) answered for this link: the network works."""
    if result.http_status is not None or result.verdict in (Verdict.OK, Verdict.REDIRECTED):
        return True
    return result.verdict is Verdict.DEAD and result.detail != NO_DNS


def _distrust_dns_when_offline(
    results: dict[str, Result], checked: Sequence[str], report: LinkReport
) -> None:
    """When a name failed to resolve and no checked URL got any answer, nothing shows that this
    machine can reach the network at all (one host or fifty: offline, every name fails): "not
    found" then proves nothing, so those links are unverified, not dead. No false alarms on a
    machine that is offline."""
    outcomes = [results[url] for url in checked if url in results]
    unresolved = [r for r in outcomes if r.detail == NO_DNS]
    if not unresolved or any(_answered(r) for r in outcomes):
        return
    hosts = {URL(r.url).raw_host for r in unresolved}
    for result in unresolved:
        results[result.url] = replace(
            result, verdict=Verdict.UNVERIFIED, detail="no host name resolved: offline?"
        )
    report.notes.append(
        f"no host name could be resolved ({len(hosts)} hosts): is this machine offline? "
        "Those links are reported as unverified, not dead."
    )


def _say_how_a_token_helps(
    results: dict[str, Result], options: LinkOptions, report: LinkReport
) -> None:
    unverified = sum(r.detail == GITHUB_LIMIT_REACHED for r in results.values())
    if unverified and not options.github_token:
        report.notes.append(
            f"{unverified} GitHub repository links are unverified: without a token the GitHub "
            "API answers 60 requests an hour; set GITHUB_TOKEN (5,000 an hour) to check them"
        )


class LinkRun:
    """One link check: the URLs a first scan of the texts predicts may be started at once
    (:meth:`predict`), before the documents are parsed; :meth:`finish` takes the documents,
    checks the URLs the scan missed, drops the checks of URLs that are no links and reports
    on the documents' URLs only, exactly as if it had started with them."""

    def __init__(self, options: LinkOptions, *, progress: bool, stream: TextIO) -> None:
        self.options = options
        self.started = time.monotonic()
        self.report = LinkReport()
        self.progress = progress
        self.stream = stream
        self.known: dict[str, Result] = {}  # offline and cached verdicts, by URL
        self.fetched: set[str] = set()  # URLs handed to the checks
        self.cache: Cache | None = None
        self.cache_failed = False
        self.checks: Checks | None = None
        self.bar: Progress | None = None
        self.wanted: Set[str] = frozenset()
        self.resources = contextlib.AsyncExitStack()

    async def predict(self, urls: Sequence[str]) -> None:
        """Start checking ``urls`` (normalised, none of them excluded: see
        :func:`excluded_urls`), a scan's prediction of the documents' URLs."""
        await self._start(self._triage(urls, excluded=frozenset()))

    async def finish(self, docs: Sequence[Document]) -> LinkReport:
        """The report on the links of ``docs``. Closes the run."""
        targets = collect_urls(docs)
        urls = [t.url for t in targets]
        pending = [u for u in self._triage(urls) if u not in self.fetched]
        results = {url: self.known[url] for url in urls if url in self.known}
        checked = [url for url in urls if url not in results]
        self.report.cached = sum(result.cached for result in results.values())
        self.wanted = set(urls)
        self.bar = Progress(len(targets), self.stream, self.progress)
        done = self.checks.results if self.checks is not None else {}
        for url in urls:  # the verdicts in so far; the checks' callback counts the rest
            if url in results or url in done:
                self.bar.update(results.get(url) or done[url])
        try:
            await self._start(pending)
            if self.checks is not None:
                try:
                    results.update(await self.checks.wait(checked, self._time_left()))
                finally:
                    self.report.requests = self.checks.client.requests
                _distrust_dns_when_offline(results, checked, self.report)
            _say_how_a_token_helps(results, self.options, self.report)  # cached verdicts too
            if self.cache is not None:
                try:
                    self.cache.store(results.values())
                except CacheError as exc:
                    self.report.notes.append(str(exc))
        finally:
            await self.close()
        return self._reported(targets, {url: results[url] for url in urls})

    def _time_left(self) -> float | None:
        if self.options.max_time is None:
            return None
        return max(0.0, self.options.max_time - (time.monotonic() - self.started))

    async def close(self) -> None:
        try:
            if self.checks is not None:
                await self.checks.stop()
            await self.resources.aclose()
        finally:
            if self.cache is not None:
                self.cache.close()
                self.cache = None
            if self.bar is not None:
                self.bar.finish()

    def _triage(self, urls: Sequence[str], excluded: Set[str] | None = None) -> list[str]:
        """Give each URL not seen yet its offline or cached verdict; the rest, to fetch."""
        new = [u for u in dict.fromkeys(urls) if u not in self.known and u not in self.fetched]
        if excluded is None:
            excluded = excluded_urls(self.options, new)
        pending: list[str] = []
        for url in new:
            verdict = _offline_verdict(UrlTarget(url), excluded)
            if verdict is None:
                pending.append(url)
            else:
                self.known[url] = verdict
        if pending:
            fresh = self._cached(pending)
            self.known.update(fresh)
            pending = [u for u in pending if u not in fresh]
        return pending

    def _cached(self, urls: Sequence[str]) -> dict[str, Result]:
        cache_path = self.options.resolved_cache_path()
        if cache_path is None or self.cache_failed:
            return {}
        try:
            if self.cache is None:
                lifetimes, policy = self.options.cache_lifetimes(), self.options.policy()
                self.cache = Cache(cache_path, lifetimes, policy)
            return self.cache.fresh(urls)
        except CacheError as exc:
            self.report.notes.append(str(exc))
            if self.cache is not None:
                self.cache.close()
            self.cache, self.cache_failed = None, True  # one note, not one per batch
            return {}

    async def _start(self, urls: Sequence[str]) -> None:
        if not urls:
            return
        if self.checks is None:
            from .client import Client

            client = await self.resources.enter_async_context(Client(self.options))
            self.checks = Checks(self.options, client, self._done)
        self.fetched.update(urls)
        self.checks.start(urls)

    def _done(self, result: Result) -> None:
        if self.bar is not None and result.url in self.wanted:
            self.bar.update(result)

    def _reported(self, targets: Sequence[UrlTarget], results: dict[str, Result]) -> LinkReport:
        report = self.report
        report.results = results
        report.counts = {v.value: 0 for v in VERDICT_ORDER}
        for result in results.values():
            report.counts[result.verdict.value] += 1
        from .findings import diagnostics_for  # the rules' side: after the checks, not before

        report.diagnostics = diagnostics_for(targets, results)
        report.elapsed = time.monotonic() - self.started
        return report


async def check_links_async(
    docs: Sequence[Document],
    options: LinkOptions | None = None,
    *,
    progress: bool = False,
    stream: TextIO = sys.stderr,
) -> LinkReport:
    """The link checker, for callers that already run an event loop."""
    run = LinkRun(options or LinkOptions(), progress=progress, stream=stream)
    try:
        return await run.finish(docs)
    finally:
        await run.close()


def check_links(
    docs: Sequence[Document],
    options: LinkOptions | None = None,
    *,
    progress: bool = False,
    stream: TextIO = sys.stderr,
) -> LinkReport:
    """Check every http(s) link of ``docs`` (``--check-links``) and report AL9xx diagnostics.

    Runs its own event loop. The progress bar is drawn on ``stream`` only when ``progress``
    is set and ``stream`` is a terminal.
    """
    reports: list[LinkReport] = []

    async def run() -> None:
        # Not the report as the task's result: Python 3.11's asyncio.run formats the main
        # task, result and all, while it restores the SIGINT handler (a report of thousands
        # of links took a tenth of a second to format for nothing).
        reports.append(await check_links_async(docs, options, progress=progress, stream=stream))

    from ..parse import gc_paused

    with gc_paused():  # the requests' objects are not garbage before the end
        asyncio.run(run())
    return reports[0]
