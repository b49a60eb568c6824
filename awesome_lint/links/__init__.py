"""The link checker (``--check-links``): every URL of a list checked once, reported as AL9xx.

Public API: :class:`LinkOptions`, :func:`collect_urls`, :func:`dump_links`,
:func:`check_links` (and :func:`check_links_async`), :class:`LinkReport`, ``LINK_RULES``.

How a run goes (``run.py``), module by module, as lychee-lib splits it:

- ``collect.py`` gathers the http(s) URLs of the documents, normalised and de-duplicated,
  with every place each is written (offline: ``dump_links``); ``exclude.py`` matches
  ``--exclude``/``--include``; fresh verdicts come from the SQLite cache (``cache.py``).
- ``ratelimit.py``: per-host limits (how many at once, how far apart, Retry-After pauses,
  a host given up) and one link's time budget.
- ``transport.py``: one aiohttp session behind the address guard (``safety.py``), one
  request at a time with timeouts and retries, no redirect followed.
- ``redirects.py``: the one redirect follower, hop by hop (links and the GitHub resolver).
- ``client.py``: the transport and the check of one link; ``resolvers.py`` asks the arXiv,
  DOI and GitHub APIs instead.
- ``run.py``: the run (offline verdicts, cache, checks, the report); each URL gets one
  :class:`Verdict` (``status.py``).
- ``findings.py``: each place a URL is written gets a diagnostic of the rule for its
  verdict (``rules.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .collect import Location, UrlTarget, collect_urls, dump_links, normalise_url
from .options import LinkOptions, default_cache_path, parse_accept
from .status import Result, Verdict

if TYPE_CHECKING:
    from .findings import diagnostics_for
    from .rules import LINK_RULES
    from .run import LinkReport, check_links, check_links_async

_LAZY = {
    "LINK_RULES": "rules",
    "LinkReport": "run",
    "check_links": "run",
    "check_links_async": "run",
    "diagnostics_for": "findings",
}


def __getattr__(name: str) -> Any:
    """The checker itself (asyncio, aiohttp) and the rules' side load on first use: a link
    check needs neither rules nor diagnostics before its first request."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{module}"), name)


__all__ = [
    "LINK_RULES",
    "LinkOptions",
    "LinkReport",
    "Location",
    "Result",
    "UrlTarget",
    "Verdict",
    "check_links",
    "check_links_async",
    "collect_urls",
    "default_cache_path",
    "diagnostics_for",
    "dump_links",
    "normalise_url",
    "parse_accept",
]
