"""The transport: one aiohttp session, the global limit, one request at a time with its
timeouts and retries. No redirect is followed here (``redirects.py`` does that, hop by hop).

Nothing here reads a body it does not need: a link is checked with one GET whose status
line and headers are all we look at (a short body of known length is drained so that the
connection can serve the next link; any other is dropped unread), and the service APIs read
at most ``max_body`` bytes, so a server that streams forever cannot hold the run; every
request has a connect and a total timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

import aiohttp
from aiohttp.abc import AbstractResolver
from multidict import CIMultiDictProxy
from yarl import URL

from .options import LinkOptions
from .ratelimit import HOST_TIMEOUT_LIMIT, HostGate, LinkBudget, retry_after
from .safety import AddressPolicy, BlockedAddressError, GuardedResolver, literal_address
from .status import NO_DNS, RETRYABLE, Failure, Verdict, describe


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    headers: CIMultiDictProxy[str]
    body: bytes = b""
    complete: bool = True  # False when the body was cut at max_body
    method: str = "GET"


# A GET's body of at most this many bytes (by Content-Length) is read and thrown away, so that
# the connection is kept for the next request; a longer or unknown one drops the connection.
DRAIN_LIMIT = 64 << 10


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


async def _read(resp: aiohttp.ClientResponse, method: str, max_body: int) -> Response:
    """The answer with at most ``max_body`` bytes of its body."""
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


class Transport:
    """One aiohttp session and the limits around it. Use as an async context manager."""

    def __init__(self, options: LinkOptions) -> None:
        self.options = options
        self.policy = AddressPolicy(options.allow_private, options.allow_networks)
        self.requests = 0
        self._global = asyncio.Semaphore(max(1, options.concurrency))
        self._gates: dict[str, HostGate] = {}
        self._silent: Counter[str] = Counter()  # address -> timeouts in a row, any name
        self._literal_ok: dict[str, bool] = {}  # host -> not a refused literal address
        self._literals: dict[str, str | None] = {}  # host -> its address when it is one
        self._timeout = aiohttp.ClientTimeout(
            total=options.timeout,
            connect=options.connect_timeout,
            sock_connect=options.connect_timeout,
        )
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Transport:
        inner: AbstractResolver = self.options.dns_resolver or aiohttp.ThreadedResolver()
        resolver = self._resolver = GuardedResolver(inner, self.policy)
        context = self.options.ssl_context
        if callable(context):
            context = context()
        connector = aiohttp.TCPConnector(
            limit=0,
            limit_per_host=0,
            resolver=resolver,
            ttl_dns_cache=300,
            ssl=False if self.options.insecure else context or True,
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

    def budget(self) -> LinkBudget:
        return LinkBudget(self.options.link_time, self.options.max_wait)

    # -- one request ----------------------------------------------------------------------

    async def request(
        self,
        method: str,
        url: URL,
        *,
        budget: LinkBudget,
        gate: HostGate | None = None,
        headers: Mapping[str, str] | None = None,
        max_body: int = 0,
        data: bytes | None = None,
    ) -> Response:
        """One request (with ``data`` as its body, if any), no redirects followed, reading at
        most ``max_body`` bytes of the answer's body.

        Every request, to a service API too, passes the address guard.
        """
        assert self._session is not None, "use the client as an async context manager"
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
                    method, url, allow_redirects=False, headers=headers, timeout=timeout, data=data
                )
            except aiohttp.ClientConnectorError:
                self.requests -= 1
                raise
            except asyncio.TimeoutError:
                gate.timeouts += 1
                self._silent.update(self._addresses(url))
                raise
            gate.answer(resp.status)
            for address in self._addresses(url):
                self._silent[address] = 0
            try:
                return await _read(resp, method, max_body)
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
        data: bytes | None = None,
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
                    method,
                    url,
                    budget=budget,
                    gate=gate,
                    headers=headers,
                    max_body=max_body,
                    data=data,
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

    # -- addresses and cookies ----------------------------------------------------------

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
        literal = self._literal(host)
        return {literal} if literal else self._resolver.addresses(host)

    def _literal(self, host: str) -> str | None:
        """``literal_address(host)``, read once per host (asked at every request)."""
        if host not in self._literals:
            self._literals[host] = literal_address(host)
        return self._literals[host]

    def refused(self, url: URL) -> Failure | None:
        """Why ``url`` must not be fetched, known before connecting (scheme, literal address)."""
        if url.scheme not in ("http", "https"):
            return Failure(Verdict.UNVERIFIED, f"redirects to a {url.scheme}: URL")
        host = url.raw_host or ""
        allowed = self._literal_ok.get(host)
        if allowed is None:
            address = self._literal(host)
            allowed = self._literal_ok[host] = address is None or self.policy.allows(address)
        if not allowed:
            return Failure(
                Verdict.BLOCKED, f"{self._literal(host)} is a private or reserved address"
            )
        return None

    def cookies_for(self, url: URL) -> tuple[tuple[str, str], ...]:
        """The cookies the session would send to ``url``, sorted."""
        assert self._session is not None
        cookies = self._session.cookie_jar.filter_cookies(url)
        return tuple(sorted((name, morsel.value) for name, morsel in cookies.items()))
