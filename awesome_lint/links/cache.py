"""SQLite cache of verdicts, so a second run re-checks nothing that is still fresh.

Safe for concurrent runs on one file: WAL journal, a busy timeout, and each write batch in
one short ``BEGIN IMMEDIATE`` transaction (SQLite serialises writers; readers never block).
A cache that cannot be opened or read is reported once and ignored: it never fails a run.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .status import Result, Verdict

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    url TEXT PRIMARY KEY,
    verdict TEXT NOT NULL,
    http_status INTEGER,
    final_url TEXT,
    detail TEXT NOT NULL DEFAULT '',
    title TEXT,
    checked_at REAL NOT NULL,
    policy TEXT NOT NULL DEFAULT ''
)
"""

# Verdicts worth keeping: excluded and blocked are decided offline from the options.
CACHED = frozenset({Verdict.OK, Verdict.REDIRECTED, Verdict.DEAD, Verdict.UNVERIFIED})
_VERDICTS = {verdict.value: verdict for verdict in Verdict}
_new_result = tuple.__new__  # a Result by position, without its Python __new__ (thousands a run)
# A row's fields with the types this program writes: SQLite keeps any type in any column, and
# a file another program wrote may hold text for a status or a number for a URL (such a row is
# stale, checked again). SQLite stores no NaN; an infinite time is never fresh.
_SELECT = (
    "SELECT url, verdict, http_status, final_url, detail, title, checked_at FROM results"
    " WHERE typeof(verdict) = 'text' AND typeof(detail) = 'text'"
    " AND typeof(checked_at) IN ('integer', 'real') AND typeof(http_status) IN ('integer', 'null')"
    " AND typeof(final_url) IN ('text', 'null') AND typeof(title) IN ('text', 'null')"
    " AND policy = ?"
)


class CacheError(Exception):
    pass


# A row is never fresher than this far in the future: a clock a little ahead on the machine
# that wrote it is no matter; a time far ahead (a corrupt or crafted file) would keep the
# row fresh for ever.
CLOCK_SKEW = 300.0


class Cache:
    """Verdicts by URL. ``policy`` names the options that decide verdicts (accepted codes,
    redirect limit, resolvers): a result stored under another policy is not reused."""

    def __init__(self, path: str | Path, lifetimes: Mapping[str, float], policy: str = "") -> None:
        self.path = Path(path)
        self.lifetimes = lifetimes
        self.policy = policy
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Not shared between threads at once: an early check reads it in the caller's
            # thread, then (only then) in its own.
            self.db = sqlite3.connect(
                self.path, timeout=30.0, isolation_level=None, check_same_thread=False
            )
            self.db.execute("PRAGMA busy_timeout = 30000")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(f"cannot use the link cache {self.path}: {exc}") from exc

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fresh(self, urls: Iterable[str], now: float | None = None) -> dict[str, Result]:
        """The cached results of ``urls`` that are still within their verdict's lifetime."""
        now = time.time() if now is None else now
        lifetimes = {name: float(self.lifetimes.get(name, 0.0)) for name in _VERDICTS}
        out: dict[str, Result] = {}
        try:
            for url, verdict, status, final_url, detail, title, checked_at in self._rows(urls):
                lifetime = lifetimes.get(verdict)
                if lifetime is None or not -CLOCK_SKEW <= now - checked_at < lifetime:
                    continue  # no verdict of ours; expired, or written in the future
                fields = (url, _VERDICTS[verdict], status, final_url, detail, title, True)
                out[url] = _new_result(Result, fields)
        except sqlite3.Error as exc:
            raise CacheError(f"cannot read the link cache {self.path}: {exc}") from exc
        return out

    def _rows(self, urls: Iterable[str]) -> Iterator[tuple[Any, ...]]:
        """The rows of ``urls`` stored under this policy. When they are most of the table (a
        re-run of the list that wrote it), one read of the table: each lookup by URL costs
        about twice what reading a row does."""
        wanted = list(urls)
        if not wanted:
            return
        (stored,) = self.db.execute("SELECT count(*) FROM results").fetchone()
        if stored <= 2 * len(wanted):
            kept = set(wanted)
            for row in self.db.execute(_SELECT, (self.policy,)):
                if row[0] in kept:
                    yield row
            return
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            yield from self.db.execute(
                f"{_SELECT} AND url IN ({','.join('?' * len(chunk))})",
                [self.policy, *chunk],
            )

    def store(self, results: Iterable[Result], now: float | None = None) -> int:
        """Write fresh (not cached) results; returns how many were written."""
        now = time.time() if now is None else now
        rows = [
            (
                r.url,
                r.verdict.value,
                r.http_status,
                r.final_url,
                r.detail,
                r.title,
                now,
                self.policy,
            )
            for r in results
            if r.verdict in CACHED and not r.cached
        ]
        if not rows:
            return 0
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                self.db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?,?,?,?,?,?)", rows)
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            raise CacheError(f"cannot write the link cache {self.path}: {exc}") from exc
        return len(rows)
