"""A link check that starts before the lint: the URLs a regex scan of the texts finds are
checked in a thread of their own (with its own event loop) while the caller parses and lints
the texts; :meth:`EarlyCheck.finish` then takes the parsed documents and reports on their
URLs only (:class:`~.run.LinkRun` reconciles the two sets).

One process, two threads: the network waits of the checks overlap the lint's work. Every
request goes through the same client as a late check does (address guard, headers and token
for their own hosts only); the scan's URLs pass the same exclusions first.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from ..model import Document
from .collect import scan_urls
from .exclude import ExcludeTimeout
from .options import LinkOptions
from .run import LinkReport, LinkRun, excluded_urls, finish_run

if TYPE_CHECKING:  # the event loop only when a request is to be made
    import asyncio

# How long a cancelled check may take to close its connections before the caller goes on.
CANCEL_GRACE = 5.0
# How long the caller waits at most for the first requests to be under way before it lints.
LAUNCH_WAIT = 5.0


class EarlyCheck:
    """Use as a context manager around the lint: leaving it before :meth:`finish` (an error,
    Ctrl-C) cancels the checks.

    The scan's URLs get their offline and cached verdicts at once, in the caller's thread;
    only when some must be fetched does the thread start (none in a run the cache answers)."""

    def __init__(
        self,
        texts: Sequence[str],
        options: LinkOptions,
        *,
        progress: bool = False,
        stream: TextIO = sys.stderr,
    ) -> None:
        self._run = LinkRun(options, progress=progress, stream=stream)
        self._outcome: LinkReport | BaseException | None = None
        self._main: asyncio.Future[LinkReport] | None = None
        self._thread: threading.Thread | None = None
        predicted = _predicted(texts, options)  # here: matching --exclude may fork a process
        try:
            pending = self._run.predict(predicted)
        except BaseException:
            self._run.release()
            raise
        if pending:
            self._launch(pending)

    def _launch(self, pending: Sequence[str]) -> None:
        import asyncio

        self._loop = asyncio.new_event_loop()
        self._docs: asyncio.Future[Sequence[Document]] = self._loop.create_future()
        self._launched = threading.Event()
        self._thread = threading.Thread(
            target=self._serve, args=(pending,), name="awesome-lint links", daemon=True
        )
        self._thread.start()
        # The requests first, then the lint: its work then overlaps their network waits, rather
        # than slowing the import and start of the checks by sharing the interpreter with them.
        self._launched.wait(LAUNCH_WAIT)

    def __enter__(self) -> EarlyCheck:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._thread is None:
            self._run.release()  # nothing was fetched: the cache to close, if finish did not
        elif self._thread.is_alive():
            self.cancel()

    def finish(self, docs: Sequence[Document]) -> LinkReport:
        """The report on the links of ``docs`` (the parsed texts), once every check is in."""
        if self._thread is None:  # nothing under way: the documents' URLs are checked here
            return finish_run(self._run, docs)
        self._call(self._hand_over, list(docs))
        try:
            self._thread.join()
        except BaseException:  # Ctrl-C while waiting
            self.cancel()
            raise
        if isinstance(self._outcome, BaseException):
            raise self._outcome
        assert self._outcome is not None
        return self._outcome

    def cancel(self) -> None:
        """Stop the checks (their connections closed) and wait a moment for the thread."""
        if self._thread is None:
            return
        self._call(self._cancel)
        self._thread.join(CANCEL_GRACE)

    def _hand_over(self, docs: Sequence[Document]) -> None:
        if not self._docs.done():  # not cancelled meanwhile
            self._docs.set_result(docs)

    def _cancel(self) -> None:
        self._docs.cancel()
        if self._main is not None:
            self._main.cancel()

    def _call(self, callback: object, *args: object) -> None:
        """Run ``callback`` in the checks' thread (nothing when it has ended)."""
        with contextlib.suppress(RuntimeError):  # the loop is closed: the thread is over
            self._loop.call_soon_threadsafe(callback, *args)  # type: ignore[arg-type]

    def _serve(self, pending: Sequence[str]) -> None:
        import asyncio

        loop = self._loop
        asyncio.set_event_loop(loop)
        try:
            self._main = loop.create_task(self._check(pending))
            self._outcome = loop.run_until_complete(self._main)
        except BaseException as exc:  # handed to the caller's thread by finish()
            self._outcome = exc
        finally:
            self._launched.set()
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.run_until_complete(loop.shutdown_default_executor())
            finally:
                asyncio.set_event_loop(None)
                loop.close()

    async def _check(self, pending: Sequence[str]) -> LinkReport:
        import asyncio

        try:
            await self._run.start(pending)
            await asyncio.sleep(0)  # each check takes its first step: its connection under way
            self._launched.set()
            docs = await self._docs
        except BaseException:
            await self._run.close()
            raise
        return await self._run.finish(docs)


def _predicted(texts: Sequence[str], options: LinkOptions) -> list[str]:
    """The URLs the scan finds in ``texts``, without those the exclusions drop; none when the
    exclusions cannot be matched in time (the documents' URLs then meet the same error)."""
    found = list(dict.fromkeys(url for text in texts for url in scan_urls(text)))
    try:
        excluded = excluded_urls(options, found)
    except ExcludeTimeout:
        return []
    return [url for url in found if url not in excluded]
