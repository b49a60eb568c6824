"""Verdicts: the one answer every URL gets, and how HTTP statuses map onto them."""

from __future__ import annotations

import enum
import functools
from collections.abc import Set
from typing import NamedTuple


class Verdict(str, enum.Enum):
    OK = "ok"
    REDIRECTED = "redirected"  # permanent redirect (301/308) to a different URL
    DEAD = "dead"  # 404/410, DNS name not found, refused, redirect loop: fails the run
    UNVERIFIED = "unverified"  # bot walls, 429/5xx/timeouts after retries, TLS errors
    EXCLUDED = "excluded"  # matched --exclude, or not http(s)
    BLOCKED = "blocked"  # a private/reserved address (see safety.py)

    def __str__(self) -> str:
        return self.value


VERDICT_ORDER = tuple(Verdict)


NO_DNS = "DNS name not found"  # the detail of a name that does not resolve
GITHUB_LIMIT_REACHED = "the GitHub API's rate limit is reached"


class Result(NamedTuple):
    """What the checker learned about one URL. A named tuple: as immutable as a frozen
    dataclass, and built in a quarter of the time (a warm run builds thousands at once)."""

    url: str
    verdict: Verdict
    http_status: int | None = None
    final_url: str | None = None  # where a redirect chain ends (redirected: the fix)
    detail: str = ""  # a short human reason ("404 Not Found", "redirect loop" …)
    title: str | None = None  # a paper's title from a resolver (arXiv), for AL904
    cached: bool = False


# Statuses that mean the page is gone. Every other 4xx is treated as "could not verify":
# 401/403/999 are bot walls, 429 is rate limiting, the rest are too often served to robots
# by pages that work in a browser to fail anyone's CI on them.
GONE = frozenset({404, 410})
# Worth another try, after a pause (honouring Retry-After for 429 and 503).
# Every 5xx but 501 (Not Implemented) is retryable too.
RETRYABLE = frozenset({408, 425, 429} | set(range(500, 600)) - {501})
PERMANENT_REDIRECTS = frozenset({301, 308})
REDIRECTS = frozenset({301, 302, 303, 307, 308})


class Failure(Exception):
    """A request that ended without a usable answer, already judged."""

    def __init__(self, verdict: Verdict, detail: str, *, retryable: bool = False) -> None:
        super().__init__(detail)
        self.verdict = verdict
        self.detail = detail
        self.retryable = retryable


def classify(status: int, accept: Set[int]) -> Verdict:
    """The verdict of a final (non-redirect, retries exhausted) status."""
    if status in accept:
        return Verdict.OK
    if status in GONE:
        return Verdict.DEAD
    return Verdict.UNVERIFIED


@functools.cache  # a few statuses, thousands of answers
def describe(status: int) -> str:
    from http import HTTPStatus

    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status) + (" (bot wall)" if status == 999 else "")
