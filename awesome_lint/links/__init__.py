"""The link checker (``--check-links``): every URL of a list checked once, reported as AL9xx.

Public API: :class:`LinkOptions`, :func:`collect_urls`, :func:`dump_links`,
:func:`check_links` (and :func:`check_links_async`), :class:`LinkReport`, ``LINK_RULES``.
"""

from .check import LinkReport, check_links, check_links_async, diagnostics_for
from .collect import Location, UrlTarget, collect_urls, dump_links, normalise_url
from .options import LinkOptions, default_cache_path, parse_accept
from .rules import LINK_RULES
from .status import Result, Verdict

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
