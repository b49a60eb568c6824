"""The run: collected URLs in, one verdict per URL (offline, cached or fetched), a report out."""

from __future__ import annotations

import contextlib
import sys
import time
from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from ..model import Document
from .cache import Cache, CacheError
from .collect import CHECKED_SCHEMES, UrlTarget, collect_urls, url_problem
from .exclude import matching_urls
from .options import LinkOptions
from .progress import Progress
from .status import GITHUB_LIMIT_REACHED, NO_DNS, VERDICT_ORDER, Result, Verdict

if TYPE_CHECKING:  # asyncio and aiohttp are imported only when something must be fetched
    from ..diagnostics import Diagnostic
    from .checks import Checks


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


def excluded_urls(options: LinkOptions, urls: Sequence[str]) -> set[str]:
    """The URLs ``--exclude`` drops or ``--include`` leaves out."""
    excluded = matching_urls(options.excludes, urls)
    if options.includes:
        excluded |= set(urls) - matching_urls(options.includes, urls)
    return excluded


def _offline_verdict(url: str, excluded: Set[str]) -> Result | None:
    """The verdict of a normalised URL known without a request, if any."""
    scheme = url.partition(":")[0].lower()
    if scheme not in CHECKED_SCHEMES:
        return Result(url, Verdict.EXCLUDED, detail=f"{scheme}: not checked")
    if url in excluded:
        return Result(url, Verdict.EXCLUDED, detail="excluded (--exclude, --include)")
    problem = url_problem(url)
    if problem is not None:
        return Result(url, Verdict.DEAD, detail=f"invalid URL ({problem})")
    return None


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
    from yarl import URL

    hosts = {URL(r.url).raw_host for r in unresolved}
    for result in unresolved:
        results[result.url] = result._replace(
            verdict=Verdict.UNVERIFIED, detail="no host name resolved: offline?"
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


@dataclass
class Plan:
    """The documents' URLs, each with its verdict where one is known without a request."""

    targets: list[UrlTarget]
    urls: list[str]  # the targets' URLs
    results: dict[str, Result]  # the verdicts known so far (offline, cached)
    pending: list[str]  # URLs to hand to the checks
    checked: list[str]  # URLs whose verdicts the checks give (pending or started before)


class LinkRun:
    """One link check: the URLs a first scan of the texts predicts may be started at once
    (:meth:`predict`, then :meth:`start`), before the documents are parsed; :meth:`finish`
    takes the documents, checks the URLs the scan missed, drops the checks of URLs that are no
    links and reports on the documents' URLs only, exactly as if it had started with them.

    Without a request to make (every verdict offline or cached), :meth:`plan` and
    :meth:`conclude` give the report with no event loop: nothing of the network is imported."""

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

    def predict(self, urls: Sequence[str]) -> list[str]:
        """Give ``urls`` (normalised, none of them excluded: see :func:`excluded_urls`), a
        scan's prediction of the documents' URLs, their offline and cached verdicts; the URLs
        left to check (:meth:`start`)."""
        return self._triage(urls, excluded=frozenset())

    def plan(self, docs: Sequence[Document]) -> Plan:
        """The URLs of ``docs``, with the verdicts known without a request."""
        targets = collect_urls(docs)
        urls = [t.url for t in targets]
        pending = [u for u in self._triage(urls) if u not in self.fetched]
        results = {url: self.known[url] for url in urls if url in self.known}
        checked = [url for url in urls if url not in results]
        self.report.cached = sum(result.cached for result in results.values())
        self.wanted = set(urls)
        self.bar = Progress(len(targets), self.stream, self.progress)
        if self.bar.enabled:
            done = self.checks.results if self.checks is not None else {}
            for url in urls:  # the verdicts in so far; the checks' callback counts the rest
                if url in results or url in done:
                    self.bar.update(results.get(url) or done[url])
        return Plan(targets, urls, results, pending, checked)

    async def finish(self, docs: Sequence[Document]) -> LinkReport:
        """The report on the links of ``docs``. Closes the run."""
        return await self.complete(self.plan(docs))

    async def complete(self, plan: Plan) -> LinkReport:
        """The report of ``plan``, its checks made. Closes the run."""
        try:
            await self.start(plan.pending)
            if self.checks is not None:
                try:
                    plan.results.update(await self.checks.wait(plan.checked, self._time_left()))
                finally:
                    self.report.requests = self.checks.client.requests
                _distrust_dns_when_offline(plan.results, plan.checked, self.report)
            return self.conclude(plan)
        finally:
            await self.close()

    def conclude(self, plan: Plan) -> LinkReport:
        """The report of ``plan`` once every verdict is in (its fresh ones stored in the
        cache). Closes the cache and the progress bar."""
        try:
            _say_how_a_token_helps(plan.results, self.options, self.report)  # cached ones too
            if self.cache is not None:
                try:
                    self.cache.store(plan.results.values())
                except CacheError as exc:
                    self.report.notes.append(str(exc))
        finally:
            self.release()
        return self._reported(plan.targets, {url: plan.results[url] for url in plan.urls})

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
            self.release()

    def release(self) -> None:
        """Close what a run without requests holds: the cache and the progress bar."""
        if self.cache is not None:
            self.cache.close()
            self.cache = None
        if self.bar is not None:
            self.bar.finish()
            self.bar = None

    def _triage(self, urls: Sequence[str], excluded: Set[str] | None = None) -> list[str]:
        """Give each URL not seen yet its offline or cached verdict; the rest, to fetch."""
        new = [u for u in dict.fromkeys(urls) if u not in self.known and u not in self.fetched]
        if excluded is None:
            excluded = excluded_urls(self.options, new)
        pending: list[str] = []
        for url in new:
            verdict = _offline_verdict(url, excluded)
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

    async def start(self, urls: Sequence[str]) -> None:
        """Start checking ``urls`` (from :meth:`predict` or :meth:`plan`)."""
        if not urls:
            return
        if self.checks is None:
            from .checks import Checks
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
        counted = Counter(result.verdict for result in results.values())
        report.counts = {v.value: counted[v] for v in VERDICT_ORDER}
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


def finish_run(run: LinkRun, docs: Sequence[Document]) -> LinkReport:
    """The report of ``run`` on ``docs``, made in this thread; with no event loop when no
    request is needed (every verdict offline or cached, and no check under way)."""
    try:
        plan = run.plan(docs)
        if not plan.checked:
            return run.conclude(plan)
    except BaseException:
        run.release()
        raise
    import asyncio

    reports: list[LinkReport] = []

    async def complete() -> None:
        # Not the report as the task's result: Python 3.11's asyncio.run formats the main
        # task, result and all, while it restores the SIGINT handler (a report of thousands
        # of links took a tenth of a second to format for nothing).
        try:
            reports.append(await run.complete(plan))
        finally:
            await run.close()

    asyncio.run(complete())
    return reports[0]


def check_links(
    docs: Sequence[Document],
    options: LinkOptions | None = None,
    *,
    progress: bool = False,
    stream: TextIO = sys.stderr,
) -> LinkReport:
    """Check every http(s) link of ``docs`` (``--check-links``) and report AL9xx diagnostics.

    Runs its own event loop, when a request is needed. The progress bar is drawn on
    ``stream`` only when ``progress`` is set and ``stream`` is a terminal.
    """
    from ..parse import gc_paused

    with gc_paused():  # the requests' objects are not garbage before the end
        return finish_run(LinkRun(options or LinkOptions(), progress=progress, stream=stream), docs)
