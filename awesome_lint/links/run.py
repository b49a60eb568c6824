"""The run: collected URLs in, one verdict per URL (offline, cached or fetched), a report out."""

from __future__ import annotations

import asyncio
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


async def check_urls(
    urls: Sequence[str],
    options: LinkOptions,
    client: Client,
    done: Callable[[Result], None],
) -> dict[str, Result]:
    """Check ``urls`` (normalised, http(s), not excluded) with ``client``; ``done`` is called
    as each verdict arrives."""
    from .resolvers import ArxivResolver, GithubResolver, arxiv_id, check_doi, doi_of, github_repo

    results: dict[str, Result] = {}

    def finish(result: Result) -> None:
        results[result.url] = result
        done(result)

    arxiv: dict[str, list[str]] = {}
    jobs: list[Awaitable[None]] = []
    github = GithubResolver(client, options)

    async def guarded(urls: Sequence[str], job: Awaitable[None]) -> None:
        """A bug in one check must not end the run: its links become unverified."""
        try:
            await job
        except Exception as exc:
            for url in urls:
                if url not in results:
                    finish(Result(url, Verdict.UNVERIFIED, detail=f"internal error: {exc!r}"))

    async def generic(url: str) -> None:
        finish(await client.check(url))

    async def doi_job(url: str, doi: str) -> None:
        finish(_as_result(url, await check_doi(client, options, doi)))

    async def github_job(url: str, owner: str, repo: str) -> None:
        outcome = await github.check(owner, repo)
        finish(await client.check(url) if outcome is None else _as_result(url, outcome))

    for url in urls:
        if options.resolvers:
            ident = arxiv_id(url)
            if ident is not None:
                arxiv.setdefault(ident, []).append(url)
                continue
            doi = doi_of(url)
            if doi is not None:
                jobs.append(guarded([url], doi_job(url, doi)))
                continue
            repo = github_repo(url)
            if repo is not None:
                jobs.append(guarded([url], github_job(url, *repo)))
                continue
        jobs.append(guarded([url], generic(url)))

    async def arxiv_job() -> None:
        outcomes = await ArxivResolver(client, options).check(arxiv)
        for ident, outcome in outcomes.items():
            for url in arxiv[ident]:
                finish(_as_result(url, outcome))

    if arxiv:
        jobs.append(guarded([u for urls in arxiv.values() for u in urls], arxiv_job()))
    tasks = [asyncio.ensure_future(job) for job in jobs]
    if tasks:
        await asyncio.wait(tasks, timeout=options.max_time)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for url in urls:  # cut off by --max-time
        if url not in results:
            finish(
                Result(
                    url,
                    Verdict.UNVERIFIED,
                    detail=f"not checked within --max-time {options.max_time:g} s",
                )
            )
    return results


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


async def check_links_async(
    docs: Sequence[Document],
    options: LinkOptions | None = None,
    *,
    progress: bool = False,
    stream: TextIO = sys.stderr,
) -> LinkReport:
    """The link checker, for callers that already run an event loop."""
    options = options or LinkOptions()
    started = time.monotonic()
    report = LinkReport()
    targets = collect_urls(docs)
    urls = [t.url for t in targets]
    excluded = matching_urls(options.excludes, urls)
    if options.includes:
        excluded |= set(urls) - matching_urls(options.includes, urls)
    bar = Progress(len(targets), stream, progress)
    results: dict[str, Result] = {}
    pending: list[str] = []
    for target in targets:
        verdict = _offline_verdict(target, excluded)
        if verdict is None:
            pending.append(target.url)
        else:
            results[target.url] = verdict

    cache: Cache | None = None
    cache_path = options.resolved_cache_path()
    if cache_path is not None and pending:
        try:
            cache = Cache(cache_path, options.cache_lifetimes(), options.policy())
            fresh = cache.fresh(pending)
        except CacheError as exc:
            report.notes.append(str(exc))
            if cache is not None:
                cache.close()
            cache, fresh = None, {}
        results.update(fresh)
        report.cached = len(fresh)
        pending = [u for u in pending if u not in fresh]
    for result in results.values():
        bar.update(result)

    try:
        if pending:
            from .client import Client

            async with Client(options) as client:
                try:
                    results.update(await check_urls(pending, options, client, bar.update))
                finally:
                    report.requests = client.requests
            _distrust_dns_when_offline(results, pending, report)
        _say_how_a_token_helps(results, options, report)  # verdicts from the cache too
        if cache is not None:
            try:
                cache.store(results.values())
            except CacheError as exc:
                report.notes.append(str(exc))
    finally:
        if cache is not None:
            cache.close()
        bar.finish()

    report.results = results
    report.counts = {v.value: 0 for v in VERDICT_ORDER}
    for result in results.values():
        report.counts[result.verdict.value] += 1
    from .findings import diagnostics_for  # the rules' side: after the checks, not before

    report.diagnostics = diagnostics_for(targets, results)
    report.elapsed = time.monotonic() - started
    return report


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

    asyncio.run(run())
    return reports[0]
