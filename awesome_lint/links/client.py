"""The HTTP side: one aiohttp session, global and per-host limits, retries, redirects.

Nothing here reads a body it does not need: a link is checked with one GET whose status
line and headers are all we look at (a short body of known length is drained so that the
connection can serve the next link; any other is dropped unread), and the service APIs read
at most ``max_body`` bytes, so a server that streams forever cannot hold the run; every
request has a connect and a total timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import math
import random
import socket
import time
from collections import Counter
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass

import aiohttp
from aiohttp.abc import AbstractResolver
from multidict import CIMultiDictProxy
from yarl import URL

from .collect import canonical_url
from .options import LinkOptions
from .safety import AddressPolicy, BlockedAddressError, GuardedResolver, literal_address
from .status import (
    NO_DNS,
    PERMANENT_REDIRECTS,
    REDIRECTS,
    RETRYABLE,
    Failure,
    Result,
    Verdict,
    classify,
    describe,
)


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    headers: CIMultiDictProxy[str]
    body: bytes = b""
    complete: bool = True  # False when the body was cut at max_body
    method: str = "GET"


# After this many timeouts in a row a host is given up: its remaining links are unverified at
# once instead of each waiting out its own timeouts (a hanging site must not hold the run).
HOST_TIMEOUT_LIMIT = 4
# After this many "429 Too Many Requests" in a row a host is given up the same way: its
# remaining links are unverified ("rate-limited") at once.
HOST_RATE_LIMIT = 3
# A GET's body of at most this many bytes (by Content-Length) is read and thrown away, so that
# the connection is kept for the next request; a longer or unknown one drops the connection.
DRAIN_LIMIT = 64 << 10


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
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(0.0, when.timestamp() - time.time()), cap)


def judge_exception(exc: BaseException) -> Failure:
    """Map a client exception onto a verdict (and whether another try may help)."""
    if isinstance(exc, Failure):
        return exc
    if isinstance(exc, asyncio.TimeoutError):
        return Failure(Verdict.UNVERIFIED, "timed out", retryable=True)
    if isinstance(exc, aiohttp.ClientSSLError):
        return Failure(Verdict.UNVERIFIED, f"TLS error: {exc}")
    if isinstance(exc, aiohttp.ClientConnectorError):
        os_error = exc.os_error
        if isinstance(os_error, BlockedAddressError):
            return Failure(Verdict.BLOCKED, str(os_error))
        if isinstance(os_error, socket.gaierror):
            if os_error.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5)):
                return Failure(Verdict.DEAD, NO_DNS)
            return Failure(Verdict.UNVERIFIED, f"DNS lookup failed: {os_error}", retryable=True)
        if isinstance(os_error, ConnectionRefusedError):
            return Failure(Verdict.DEAD, "connection refused")
        return Failure(Verdict.UNVERIFIED, f"cannot connect: {os_error}", retryable=True)
    if isinstance(exc, aiohttp.InvalidURL):
        return Failure(Verdict.DEAD, "invalid URL")
    if isinstance(exc, aiohttp.ClientResponseError):
        return Failure(Verdict.UNVERIFIED, f"bad response: {exc.message}")
    if isinstance(exc, (aiohttp.ClientError, OSError)):
        return Failure(Verdict.UNVERIFIED, f"connection error: {exc}", retryable=True)
    raise exc


async def _drain(resp: aiohttp.ClientResponse) -> bool:
    """Read and drop a short body of known length (the connection is then reusable); whether
    the body was all read. A body cut short is no concern of the link's verdict."""
    if resp.content_length is None or resp.content_length > DRAIN_LIMIT:
        return False
    with contextlib.suppress(asyncio.IncompleteReadError, aiohttp.ClientError, TimeoutError):
        await resp.content.readexactly(resp.content_length)
    return resp.content.at_eof()


class Client:
    """One aiohttp session and the limits around it. Use as an async context manager."""

    def __init__(self, options: LinkOptions) -> None:
        self.options = options
        self.policy = AddressPolicy(options.allow_private, options.allow_networks)
        self.requests = 0
        self._global = asyncio.Semaphore(max(1, options.concurrency))
        self._gates: dict[str, HostGate] = {}
        self._silent: Counter[str] = Counter()  # address -> timeouts in a row, any name
        self._literal_ok: dict[str, bool] = {}  # host -> not a refused literal address
        self._timeout = aiohttp.ClientTimeout(
            total=options.timeout,
            connect=options.connect_timeout,
            sock_connect=options.connect_timeout,
        )
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Client:
        inner: AbstractResolver = self.options.dns_resolver or aiohttp.ThreadedResolver()
        resolver = self._resolver = GuardedResolver(inner, self.policy)
        connector = aiohttp.TCPConnector(
            limit=0,
            limit_per_host=0,
            resolver=resolver,
            ttl_dns_cache=300,
            ssl=False if self.options.insecure else self.options.ssl_context or True,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            headers={"User-Agent": self.options.user_agent},
            timeout=self._timeout,
            # One jar per run: a site that sets a cookie and redirects to itself (a consent
            # or session check) gets it back, as in a browser; cookies go to their own site.
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            trust_env=False,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()

    # -- limits -------------------------------------------------------------------------

    def gate(
        self,
        url: URL,
        *,
        key: str | None = None,
        limit: int | None = None,
        interval: float | None = None,
    ) -> HostGate:
        key = key or f"{url.raw_host}:{url.port}"
        gate = self._gates.get(key)
        if gate is None:
            gate = self._gates[key] = HostGate(
                self.options.per_host if limit is None else limit,
                self.options.min_interval if interval is None else interval,
            )
        return gate

    def backoff(self, attempt: int) -> float:
        base = min(self.options.max_backoff, self.options.backoff * 2.0**attempt)
        return float(base * random.uniform(0.5, 1.0))

    # -- one request ----------------------------------------------------------------------

    def budget(self) -> LinkBudget:
        return LinkBudget(self.options.link_time, self.options.max_wait)

    async def request(
        self,
        method: str,
        url: URL,
        *,
        budget: LinkBudget,
        gate: HostGate | None = None,
        headers: Mapping[str, str] | None = None,
        max_body: int = 0,
    ) -> Response:
        """One request, no redirects followed, reading at most ``max_body`` bytes of body.

        Every request, to a service API too, passes the address guard.
        """
        assert self._session is not None, "use Client as an async context manager"
        refused = self.refused(url)
        if refused is not None:
            raise refused
        gate = gate or self.gate(url)
        async with gate.slot(budget), self._global:
            budget.start()
            budget.check()
            addresses = await self._addresses_before_sending(url)
            silent = next((a for a in addresses if self._silent[a] >= HOST_TIMEOUT_LIMIT), None)
            if silent is not None:
                detail = f"the server at {silent} gave no answer to {HOST_TIMEOUT_LIMIT} requests"
                raise Failure(Verdict.UNVERIFIED, f"{detail} in a row")
            timeout = self._timeout
            if budget.remaining() < timeout.total:  # type: ignore[operator]
                timeout = aiohttp.ClientTimeout(total=budget.remaining())
            self.requests += 1  # requests sent; a connection that failed sent none
            try:
                resp = await self._session.request(
                    method, url, allow_redirects=False, headers=headers, timeout=timeout
                )
            except aiohttp.ClientConnectorError:
                self.requests -= 1
                raise
            except asyncio.TimeoutError:
                gate.timeouts += 1
                self._silent.update(self._addresses(url))
                raise
            gate.timeouts = 0
            gate.answered = True
            for address in self._addresses(url):
                self._silent[address] = 0
            gate.rate_limited = gate.rate_limited + 1 if resp.status == 429 else 0
            try:
                chunks: list[bytes] = []
                size = 0
                while size < max_body:
                    chunk = await resp.content.read(min(1 << 16, max_body - size))
                    if not chunk:
                        break
                    chunks.append(chunk)
                    size += len(chunk)
                complete = method == "HEAD" or resp.content.at_eof()
                if not complete and max_body == 0 and resp.content_length is not None:
                    complete = await _drain(resp)
                return Response(resp.status, resp.headers, b"".join(chunks), complete, method)
            finally:
                if method == "HEAD" or resp.content.at_eof():
                    resp.release()
                else:
                    resp.close()  # drop the connection rather than read what we don't need

    async def with_retries(
        self,
        method: str,
        url: URL,
        *,
        budget: LinkBudget | None = None,
        gate: HostGate | None = None,
        headers: Mapping[str, str] | None = None,
        max_body: int = 0,
    ) -> Response:
        """``request`` with retries (timeouts, 5xx, 408, 429; Retry-After honoured within the
        ``budget`` of the link: a fresh one when not given).

        Raises :class:`Failure` when no usable answer came.
        """
        budget = budget or self.budget()
        gate = gate or self.gate(url)
        retries = max(0, self.options.retries)
        for attempt in range(retries + 1):
            try:
                resp = await self.request(
                    method, url, budget=budget, gate=gate, headers=headers, max_body=max_body
                )
            except (aiohttp.ClientError, OSError, asyncio.TimeoutError, Failure) as exc:
                failure = judge_exception(exc)
                if isinstance(exc, asyncio.TimeoutError) and not gate.answered:
                    # A host that has answered nothing yet rarely answers a second time: the
                    # link is unverified after one timeout, not after one per try.
                    failure.retryable = False
                if not failure.retryable or attempt == retries:
                    raise failure from exc
                await asyncio.sleep(budget.pause(self.backoff(attempt), failure.detail))
                continue
            if resp.status not in RETRYABLE or attempt == retries:
                return resp
            wait = retry_after(resp.headers, self.options.max_retry_after)
            wait = self.backoff(attempt) if wait is None else wait
            why = "rate-limited" if resp.status == 429 else describe(resp.status)
            if resp.status in (429, 503):
                # "Slow down" is about the host: every request to it waits, not only this one
                # (the next request of this link pays the pause from its budget).
                gate.pause(wait)
            else:
                await asyncio.sleep(budget.pause(wait, why))
        raise AssertionError("unreachable")

    async def _addresses_before_sending(self, url: URL) -> set[str]:
        """The host's addresses, looked up now if need be (aiohttp then finds the answer in
        the resolver's memory); a failed lookup is left for aiohttp to make and report."""
        found = self._addresses(url)
        if not found:
            with contextlib.suppress(Exception):
                await self._resolver.resolve(url.raw_host or "", url.port or 0, socket.AF_UNSPEC)
            found = self._addresses(url)
        return found

    def _addresses(self, url: URL) -> set[str]:
        """The addresses ``url``'s host is known to have (a literal: itself)."""
        host = url.raw_host or ""
        literal = literal_address(host)
        return {literal} if literal else self._resolver.addresses(host)

    # -- a link -------------------------------------------------------------------------

    def refused(self, url: URL) -> Failure | None:
        """Why ``url`` must not be fetched, known before connecting (scheme, literal address)."""
        if url.scheme not in ("http", "https"):
            return Failure(Verdict.UNVERIFIED, f"redirects to a {url.scheme}: URL")
        host = url.raw_host or ""
        allowed = self._literal_ok.get(host)
        if allowed is None:
            address = literal_address(host)
            allowed = self._literal_ok[host] = address is None or self.policy.allows(address)
        if not allowed:
            address = literal_address(host)
            return Failure(Verdict.BLOCKED, f"{address} is a private or reserved address")
        return None

    def _headers_for(self, url: URL, own: URL) -> dict[str, str] | None:
        """``--header`` values, for the link's own origin only (scheme, host and port): not
        for a redirect elsewhere."""
        if not self.options.headers or url.origin() != own:
            return None
        return dict(self.options.headers)

    def _state(self, url: URL) -> tuple[str, tuple[tuple[str, str], ...]]:
        """A redirect target with the cookies it would be sent: the same URL visited with
        new cookies is progress (a consent check), with the same ones a loop."""
        assert self._session is not None
        cookies = self._session.cookie_jar.filter_cookies(url)
        return str(url.with_fragment(None)), tuple(sorted((k, m.value) for k, m in cookies.items()))

    async def check(self, url_text: str) -> Result:
        """Follow ``url_text`` (at most ``max_redirects`` redirects) and judge it."""
        try:
            url = canonical_url(URL(url_text, encoded=True))
        except ValueError:
            return Result(url_text, Verdict.DEAD, detail="invalid URL")
        budget = self.budget()
        own = url.origin()
        seen = {self._state(url)}
        permanent: URL | None = None  # where the leading permanent redirects lead
        only_permanent = True
        status: int | None = None
        for _hop in range(self.options.max_redirects + 1):
            try:
                headers = self._headers_for(url, own)
                # One GET, body unread: HEAD would need a GET after it wherever it is refused
                # or answered wrongly (405, 403, 404 on HEAD only), two requests for one link.
                resp = await self.with_retries("GET", url, budget=budget, headers=headers)
            except Failure as failure:
                return Result(
                    url_text, failure.verdict, status, self._final(url, url_text), failure.detail
                )
            status = resp.status
            location = resp.headers.get("Location")
            if status in REDIRECTS and location:
                try:
                    target = canonical_url(url.join(URL(location)))
                except ValueError:
                    return Result(url_text, Verdict.UNVERIFIED, status, None, "bad redirect")
                if only_permanent and status in PERMANENT_REDIRECTS:
                    permanent = target
                else:
                    only_permanent = False
                state = self._state(target)
                if state in seen:
                    return Result(url_text, Verdict.DEAD, status, str(target), "redirect loop")
                seen.add(state)
                url = target
                continue
            verdict = classify(status, self.options.accept)
            final = self._final(url, url_text)
            if verdict is Verdict.OK and permanent is not None:
                moved = str(permanent.with_fragment(None))
                if moved != url_text:
                    return Result(url_text, Verdict.REDIRECTED, status, moved, describe(status))
            return Result(url_text, verdict, status, final, describe(status))
        return Result(
            url_text,
            Verdict.DEAD,
            status,
            self._final(url, url_text),
            f"more than {self.options.max_redirects} redirects",
        )

    @staticmethod
    def _final(url: URL, original: str) -> str | None:
        final = str(url.with_fragment(None))
        return None if final == original else final
