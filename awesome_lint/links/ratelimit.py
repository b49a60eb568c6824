"""Per-host rate limiting: how many requests one host gets at once and how far apart, the
pauses it asks for (``Retry-After``), when it is given up, and one link's time budget."""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import AsyncIterator, Mapping

from .status import Failure, Verdict

# After this many timeouts in a row a host is given up: its remaining links are unverified at
# once instead of each waiting out its own timeouts (a hanging site must not hold the run).
HOST_TIMEOUT_LIMIT = 4
# After this many "429 Too Many Requests" in a row a host is given up the same way: its
# remaining links are unverified ("rate-limited") at once.
HOST_RATE_LIMIT = 3


class LinkBudget:
    """The time one link may take: ``life`` seconds from its first request (every hop, retry
    and pause), of which at most ``waits`` seconds of pauses (Retry-After, backoff)."""

    def __init__(self, life: float, waits: float) -> None:
        self.life = life
        self.waits = waits
        self.deadline: float | None = None

    def start(self) -> None:
        if self.deadline is None:
            self.deadline = time.monotonic() + self.life

    def remaining(self) -> float:
        return math.inf if self.deadline is None else self.deadline - time.monotonic()

    def check(self) -> None:
        if self.remaining() <= 0:
            raise self.spent()

    def spent(self) -> Failure:
        return Failure(Verdict.UNVERIFIED, f"no final answer within {self.life:g} s")

    def pause(self, seconds: float, why: str) -> float:
        """Take ``seconds`` of pause from the budget, or fail when it does not hold them."""
        if seconds >= self.remaining():
            raise self.spent()
        if seconds > self.waits:
            raise Failure(Verdict.UNVERIFIED, f"{why}: asked to wait {seconds:.1f} s more")
        self.waits -= seconds
        return seconds


class HostGate:
    """At most ``limit`` requests in flight to one host, starts ``interval`` seconds apart."""

    def __init__(self, limit: int, interval: float) -> None:
        self.timeouts = 0  # in a row; any answer resets it
        self.rate_limited = 0  # 429 answers in a row; any other answer resets it
        self.answered = False  # whether the host has answered any request of this run
        self.semaphore = asyncio.Semaphore(max(1, limit))
        self.interval = interval
        self.next_start = 0.0
        self.not_before = 0.0  # a Retry-After pause for the whole host

    @contextlib.asynccontextmanager
    async def slot(self, budget: LinkBudget) -> AsyncIterator[None]:
        """Hold one of the host's places, started on time; a host-wide pause counts against
        ``budget``. Raises :class:`Failure` once the host is given up."""
        async with self.semaphore:
            given_up = self.given_up()  # checked before waiting out a pause it asked for
            if given_up is not None:
                raise given_up
            now = time.monotonic()
            if self.not_before > now:
                budget.pause(self.not_before - now, "rate-limited")
            start = max(now, self.next_start, self.not_before)
            self.next_start = start + self.interval
            if start > now:
                await asyncio.sleep(start - now)
            yield

    def pause(self, seconds: float) -> None:
        self.not_before = max(self.not_before, time.monotonic() + seconds)

    def answer(self, status: int) -> None:
        """The host answered (with ``status``): it is not silent, and maybe rate-limiting."""
        self.timeouts = 0
        self.answered = True
        self.rate_limited = self.rate_limited + 1 if status == 429 else 0

    def given_up(self) -> Failure | None:
        if self.timeouts >= HOST_TIMEOUT_LIMIT:
            detail = f"host gave no answer to {HOST_TIMEOUT_LIMIT} requests in a row"
            return Failure(Verdict.UNVERIFIED, detail)
        if self.rate_limited >= HOST_RATE_LIMIT:
            detail = f"rate-limited: the host answered 429 to {HOST_RATE_LIMIT} requests in a row"
            return Failure(Verdict.UNVERIFIED, detail)
        return None


def retry_after(headers: Mapping[str, str], cap: float) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (seconds or an HTTP date), capped."""
    value = headers.get("Retry-After")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    import email.utils  # an HTTP date: rare

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(0.0, when.timestamp() - time.time()), cap)
