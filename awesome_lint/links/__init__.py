"""The link checker (``--check-links``): every URL of a list checked once, reported as AL9xx.

Public API: :class:`LinkOptions`, :func:`collect_urls`, :func:`dump_links`,
:func:`check_links` (and :func:`check_links_async`), :class:`LinkReport`, ``LINK_RULES``.

How a run goes (``check.py``): ``collect.py`` gathers the http(s) URLs of the documents,
normalised and de-duplicated, with every place each is written (offline: ``dump_links``).
Non-http schemes and ``--exclude`` matches are ``excluded``; fresh verdicts come from the
SQLite cache (``cache.py``). The rest is checked at once by one aiohttp session
(``client.py``: global and per-host limits, one GET per URL, redirects followed by hand, retries,
timeouts) behind an address guard (``safety.py``), with arXiv, DOI and GitHub links asked of
the services' APIs (``resolvers.py``). Each URL gets one :class:`Verdict` (``status.py``); each
place it is written gets a diagnostic of the rule for that verdict (``rules.py``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .rules import LINK_RULES

if TYPE_CHECKING:
    from .check import LinkReport, check_links, check_links_async, diagnostics_for
    from .collect import Location, UrlTarget, collect_urls, dump_links, normalise_url
    from .options import LinkOptions, default_cache_path, parse_accept
    from .status import Result, Verdict

_LAZY = {  # name -> its module
    "LinkReport": "check",
    "check_links": "check",
    "check_links_async": "check",
    "diagnostics_for": "check",
    "Location": "collect",
    "UrlTarget": "collect",
    "collect_urls": "collect",
    "dump_links": "collect",
    "normalise_url": "collect",
    "LinkOptions": "options",
    "default_cache_path": "options",
    "parse_accept": "options",
    "Result": "status",
    "Verdict": "status",
}


def __getattr__(name: str) -> Any:
    """All but the rules load on first use: every lint run imports this package for its rules,
    and only the link options and the checker (yarl, asyncio, aiohttp) need the rest."""
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
