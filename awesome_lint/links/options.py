"""Every option of the link checker, with its default, in one frozen dataclass."""

from __future__ import annotations

import ipaddress
import math
import os
import re
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..version import __version__

if TYPE_CHECKING:
    import ssl

    from aiohttp.abc import AbstractResolver

USER_AGENT = f"awesome-lint/{__version__} (link checker for curated paper lists; python-aiohttp)"

HOUR = 3600.0
DAY = 24 * HOUR

# How long a cached verdict stays fresh, in seconds. A link that was fine is re-checked
# weekly; a dead one within hours (it fails the run, so a transient fault must not stick);
# an unverified one (429, bot wall, timeout) at the next run an hour later.
DEFAULT_LIFETIMES: Mapping[str, float] = {
    "ok": 7 * DAY,
    "redirected": 3 * DAY,
    "dead": 6 * HOUR,
    "unverified": 1 * HOUR,
}

OK_CODES = frozenset(range(200, 300))
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # an HTTP token

# Settings that widen what the checker may reach or where credentials go, with the flag that
# sets each. A list's own configuration file is written by whoever opens a pull request, so
# these come from the command line (or the environment) only, never from a file.
COMMAND_LINE_ONLY: Mapping[str, str] = {
    "allow_private": "--allow-private",
    "allow_networks": "--allow-network",
    "arxiv_api": "--arxiv-api",
    "doi_api": "--doi-api",
    "github_api": "--github-api",
    "github_token": "the GITHUB_TOKEN environment variable",
    "user_agent": "--user-agent",
    "headers": "--header",
    "insecure": "--insecure",
}
# Fields that are objects, not settings (tests and embedding programs pass them).
NOT_SETTINGS = frozenset({"dns_resolver", "ssl_context"})

# Upper limits of the numeric options: a run must end in a time one can state.
LIMITS: Mapping[str, float] = {
    "concurrency": 1000,
    "per_host": 100,
    "max_redirects": 20,  # what browsers follow
    "arxiv_batch": 2000,
    "retries": 10,
    "timeout": 600.0,
    "connect_timeout": 600.0,
    "min_interval": 60.0,
    "backoff": 60.0,
    "max_backoff": 600.0,
    "max_retry_after": 600.0,
    "max_wait": 3600.0,
    "link_time": 3600.0,
    "max_time": 7 * 24 * HOUR,
    "arxiv_interval": 60.0,
}


def _check_number(
    name: str, value: float | None, *, low: float, above: bool = False, high: float | None = None
) -> None:
    """A finite number within its range, or ValueError naming the option (None: unset)."""
    if value is None:
        return
    high = LIMITS.get(name, math.inf) if high is None else high
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, not {value!r}")
    if value < low or (above and value == low):
        bound = f"more than {low:g}" if above else f"at least {low:g}"
        raise ValueError(f"{name} must be {bound}, not {value!r}")
    if value > high:
        raise ValueError(f"{name} must be at most {high:g}, not {value!r}")


def default_cache_path() -> Path:
    """``$XDG_CACHE_HOME/awesome-lint/links.sqlite`` (``~/.cache/…`` when unset).

    One cache per user, shared by every list that user checks; in CI, cache this path
    (for example with actions/cache) to skip fresh links on the next run.
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "awesome-lint" / "links.sqlite"


def parse_accept(text: str) -> frozenset[int]:
    """Parse ``--accept``: comma-separated codes and ranges (``200..299``, ``200-299``).

    >>> sorted(parse_accept("200, 204..206, 403"))
    [200, 204, 205, 206, 403]
    """
    codes: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(\d{3})\s*(?:(?:\.\.=?|-)\s*(\d{3}))?", part)
        if not m:
            raise ValueError(f"bad status code or range {part!r} (use 200, 403 or 200..299)")
        low = int(m.group(1))
        high = int(m.group(2) or low)
        if not 100 <= low <= high <= 999:
            raise ValueError(f"bad status code range {part!r}")
        codes.update(range(low, high + 1))
    return frozenset(codes)


def format_accept(codes: Set[int]) -> str:
    """``codes`` as :func:`parse_accept` reads them, runs written as ranges.

    >>> format_accept({200, 201, 202, 403})
    '200..202,403'
    """
    parts: list[str] = []
    ordered = sorted(codes)
    start = 0
    for i, code in enumerate(ordered):
        if i + 1 == len(ordered) or ordered[i + 1] != code + 1:  # the end of a run
            low = ordered[start]
            parts.append(str(code) if low == code else f"{low}..{code}")
            start = i + 1
    return ",".join(parts)


@dataclass(frozen=True)
class LinkOptions:
    """Options of ``--check-links``; the CLI maps its flags onto these fields."""

    # Limits: at most `concurrency` requests in flight, `per_host` per host (host:port),
    # and request starts to one host at least `min_interval` seconds apart.
    concurrency: int = 64
    per_host: int = 8
    min_interval: float = 0.05
    # Per request: seconds to connect, and for the whole request (headers included).
    timeout: float = 20.0
    connect_timeout: float = 10.0
    # Retries of timeouts, 5xx, 408 and 429, with exponential backoff and jitter.
    retries: int = 2
    backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 30.0  # a longer Retry-After is capped to this
    # All the pauses of one link together (Retry-After and backoff, every hop and retry):
    # past this the link is given up as rate-limited rather than wait longer.
    max_wait: float = 60.0
    # One link's whole life, from its first request (every hop, retry and pause): past this
    # it is unverified. See README, "How long a check can take".
    link_time: float = 120.0
    # The whole check (--max-time); unfinished links are then unverified. None: no deadline.
    max_time: float | None = None
    max_redirects: int = 20
    # Status codes that count as ok (--accept); others are classified by the checker.
    accept: frozenset[int] = OK_CODES
    # Regular expressions (re.search on the URL): matching links are not fetched; with
    # includes, only links matching one of those are.
    excludes: tuple[str, ...] = ()
    includes: tuple[str, ...] = ()
    # Headers sent with each link's requests to the link's own host only: never to a redirect
    # target on another host, never to the service APIs.
    headers: tuple[tuple[str, str], ...] = ()
    # TLS certificates not verified (a TLS error no longer makes a link unverified); the
    # GitHub token is then not sent.
    insecure: bool = False
    # Safety: private, loopback, link-local, multicast and reserved addresses are refused
    # unless allowed, all of them (allow_private) or some ranges (allow_networks: CIDRs).
    allow_private: bool = False
    allow_networks: tuple[str, ...] = ()
    # Cache: SQLite file (None: default_cache_path()), off with no_cache.
    cache_path: str | os.PathLike[str] | None = None
    no_cache: bool = False
    lifetimes: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_LIFETIMES))
    max_cache_age: float | None = None  # caps every lifetime (--max-cache-age)
    # Paper-aware resolvers and their services (configurable for mirrors and tests).
    resolvers: bool = True
    arxiv_api: str = "https://export.arxiv.org/api/query"
    arxiv_batch: int = 200  # ids per export-API request
    arxiv_interval: float = 3.0  # seconds between export-API requests (arXiv's API terms)
    doi_api: str = "https://doi.org/api/handles/"
    github_api: str = "https://api.github.com"
    github_token: str | None = field(default=None, repr=False)  # sent to github_api only
    user_agent: str = USER_AGENT
    # The DNS resolver (an aiohttp AbstractResolver); None: the system's, in a thread.
    dns_resolver: AbstractResolver | None = field(default=None, repr=False, compare=False)
    # TLS: None verifies against the system's certificates; tests pass their own context, or
    # a function that builds it at the first request (a run the cache answers imports no ssl).
    ssl_context: ssl.SSLContext | Callable[[], ssl.SSLContext] | None = field(
        default=None, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        """Refuse impossible values with a message fit for a usage error (ValueError)."""
        for name in ("concurrency", "per_host", "max_redirects", "arxiv_batch"):
            _check_number(name, getattr(self, name), low=1)
        for name in ("timeout", "connect_timeout", "link_time", "max_time"):
            _check_number(name, getattr(self, name), low=0, above=True)
        for name in ("retries", "min_interval", "backoff", "max_backoff", "max_retry_after"):
            _check_number(name, getattr(self, name), low=0)
        _check_number("max_wait", self.max_wait, low=0)
        _check_number("arxiv_interval", self.arxiv_interval, low=0)
        for verdict, seconds in self.lifetimes.items():
            _check_number(f"lifetimes.{verdict}", seconds, low=0, high=10 * 365 * DAY)
        _check_number("max_cache_age", self.max_cache_age, low=0)
        from .exclude import check_pattern

        for pattern in (*self.excludes, *self.includes):
            check_pattern(pattern)
        for name, value in self.headers:
            if not _HEADER_NAME.fullmatch(name) or re.search(r"[\r\n\0]", value):
                raise ValueError(f"bad header {name!r}: use NAME:VALUE on one line")
        for network in self.allow_networks:
            try:
                ipaddress.ip_network(network, strict=False)
            except ValueError:
                raise ValueError(f"bad network {network!r} (use a CIDR like 10.0.0.0/8)") from None

    def resolved_cache_path(self) -> Path | None:
        if self.no_cache:
            return None
        return Path(self.cache_path) if self.cache_path is not None else default_cache_path()

    def policy(self) -> str:
        """The options that decide verdicts, for the cache: change one, and re-check. Stored
        in every row, so short: the accepted codes as ranges (``200..299,403``)."""
        codes = format_accept(self.accept)
        return f"accept={codes};redirects={self.max_redirects};resolvers={int(self.resolvers)}"

    def lifetime(self, verdict: str) -> float:
        seconds = float(self.lifetimes.get(verdict, DEFAULT_LIFETIMES.get(verdict, 0.0)))
        return seconds if self.max_cache_age is None else min(seconds, self.max_cache_age)

    def cache_lifetimes(self) -> dict[str, float]:
        verdicts = {*DEFAULT_LIFETIMES, *self.lifetimes}
        return {verdict: self.lifetime(verdict) for verdict in verdicts}
