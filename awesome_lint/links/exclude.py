"""``--exclude``: which URLs match the user's regular expressions, in bounded time.

A pattern like ``(a+)+$`` takes exponential time on some URLs, and no syntax check catches
every such pattern (nor can Python's ``re`` be interrupted), so the matching runs in a child
process that is stopped after :data:`EXCLUDE_TIME_LIMIT` seconds: the run then ends with a
clear error instead of hanging. Patterns come from the command line and from configuration
files, which a pull request can change.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

EXCLUDE_TIME_LIMIT = 10.0  # seconds for all patterns against all URLs of a run


class ExcludeTimeout(ValueError):
    """The patterns did not finish in time (a catastrophic regular expression)."""


def check_pattern(pattern: str) -> None:
    """ValueError with the pattern and the reason when it is not a valid regular expression."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"bad --exclude pattern {pattern!r}: {exc}") from None


def _matching(patterns: Sequence[str], urls: Sequence[str]) -> list[int]:
    compiled = [re.compile(p) for p in patterns]
    return [i for i, url in enumerate(urls) if any(p.search(url) for p in compiled)]


def matching_urls(
    patterns: Sequence[str], urls: Sequence[str], time_limit: float | None = None
) -> set[str]:
    """The URLs that one of ``patterns`` matches (``re.search``); raises :class:`ExcludeTimeout`
    when the matching takes more than ``time_limit`` seconds (:data:`EXCLUDE_TIME_LIMIT`)."""
    if not patterns or not urls:
        return set()
    import multiprocessing  # only when there are patterns: not on every run's way

    time_limit = EXCLUDE_TIME_LIMIT if time_limit is None else time_limit
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with context.Pool(1) as pool:  # leaving the block terminates a child still matching
        job = pool.apply_async(_matching, (list(patterns), list(urls)))
        try:
            found = job.get(time_limit)
        except multiprocessing.TimeoutError:
            shown = ", ".join(repr(p) for p in patterns)
            raise ExcludeTimeout(
                f"the --exclude patterns ({shown}) took more than {time_limit:g} s on "
                f"{len(urls)} URLs: one of them backtracks catastrophically; simplify it"
            ) from None
    return {urls[i] for i in found}


IGNORE_FILE = ".awesome-lint-ignore"


def find_ignore_file(start: Path) -> Path | None:
    """The nearest ``.awesome-lint-ignore`` from ``start``'s folder upwards (as for the
    configuration); a folder that cannot be searched holds none."""
    folder = Path(os.path.abspath(start))
    folder = folder if folder.is_dir() else folder.parent
    for candidate in (folder, *folder.parents):
        path = candidate / IGNORE_FILE
        with contextlib.suppress(OSError):
            if path.is_file():
                return path
    return None


def read_ignore_file(path: Path) -> tuple[str, ...]:
    """Its patterns: one regular expression a line (``re.search`` on the URL, like
    ``--exclude``); blank lines and lines starting with ``#`` are skipped. A pattern that does
    not compile is a ValueError naming the file and the line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read: {exc}") from None
    patterns = []
    for number, line in enumerate(text.splitlines(), 1):
        pattern = line.strip()
        if not pattern or pattern.startswith("#"):
            continue
        try:
            check_pattern(pattern)
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: {exc}") from None
        patterns.append(pattern)
    return tuple(patterns)
