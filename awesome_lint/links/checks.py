"""The checks of one run, URL by URL, in the event loop: each URL's task (a page, a DOI or a
GitHub repository through its API), arXiv ids in one batch, and the wait for those wanted."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from .client import Client
from .github import GithubResolver, github_repo
from .options import LinkOptions
from .resolvers import ArxivResolver, arxiv_id, check_doi, doi_of
from .status import Failure, Result, Verdict


def _as_result(url: str, outcome: Result | Failure) -> Result:
    if isinstance(outcome, Failure):
        return Result(url, outcome.verdict, detail=outcome.detail)
    return outcome._replace(url=url)


class Checks:
    """The checks of one run, URL by URL: each URL is checked once (the arXiv ids of one
    :meth:`start` share one batch), whenever it is asked for; :meth:`wait` waits for the URLs
    wanted only, and ends the checks of the others (URLs the first scan predicted that are no
    links)."""

    def __init__(self, options: LinkOptions, client: Client, done: Callable[[Result], None]):
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
        self._finish(_as_result(url, await check_doi(self.client, self.options, doi)))

    async def _github(self, url: str, owner: str, repo: str) -> None:
        outcome = await self.github.check(owner, repo)
        self._finish(await self.client.check(url) if outcome is None else _as_result(url, outcome))

    async def _arxiv(self, arxiv: dict[str, list[str]]) -> None:
        outcomes = await ArxivResolver(self.client, self.options).check(arxiv)
        for ident, outcome in outcomes.items():
            for url in arxiv[ident]:
                self._finish(_as_result(url, outcome))

    def start(self, urls: Sequence[str]) -> None:
        """Start the checks of ``urls`` (normalised, http(s), not excluded) not started yet."""
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
