"""A process that writes to a shared cache file (imported by spawned workers: keep it light)."""

from __future__ import annotations

from awesome_lint.links.cache import Cache
from awesome_lint.links.options import DEFAULT_LIFETIMES
from awesome_lint.links.status import Result, Verdict


def write(path: str, worker: int) -> int:
    written = 0
    with Cache(path, DEFAULT_LIFETIMES) as cache:
        for batch in range(20):
            results = [
                Result(f"https://example.org/{worker}/{batch}/{i}", Verdict.OK, 200)
                for i in range(50)
            ]
            written += cache.store(results)
            assert len(cache.fresh(r.url for r in results)) == 50
    return written
