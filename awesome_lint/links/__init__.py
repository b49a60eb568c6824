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
- ``client.py``: the transport and the check of one link; ``resolvers.py`` asks the arXiv
  and DOI APIs instead, ``github.py`` GitHub's (GraphQL in batches with a token, else REST).
- ``run.py``: the run (offline verdicts, cache, the report; without an event loop when no
  request is needed); each URL gets one :class:`Verdict` (``status.py``). ``checks.py``: the
  checks it starts in the event loop. ``early.py``: a run started on a scan of the texts.
- ``findings.py``: each place a URL is written gets a diagnostic of the rule for its
  verdict (``rules.py``); AL904 compares titles (``titles.py``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .collect import Location, UrlTarget, collect_urls, dump_links, normalise_url
    from .findings import diagnostics_for
    from .options import LinkOptions, default_cache_path, parse_accept
    from .rules import LINK_RULES
    from .run import LinkReport, check_links, check_links_async
    from .status import Result, Verdict

_LAZY = {  # name -> its module
    "LINK_RULES": "rules",
    "LinkReport": "run",
    "check_links": "run",
    "check_links_async": "run",
    "diagnostics_for": "findings",
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
    """Everything loads on first use: a lint run needs only the link rules (for the registry),
    and a link check needs neither the rules nor the diagnostics before its first request."""
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
