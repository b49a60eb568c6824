"""URL normalisation shared by the duplicate rules and the link checker.

``paper_key`` maps every spelling of one paper's address to one key: arXiv ``abs``/``pdf``
pages, ``.pdf`` and version suffixes, old-style ids (``hep-th/9901001``), DOIs (``doi.org``,
``dx.doi.org``, ``doi:``), OpenReview's forum and PDF pages, scheme, ``www.``, host case and
a trailing slash all collapse.
No I/O: these are pure string functions.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple
from urllib.parse import SplitResult, parse_qsl, unquote, urlencode, urlsplit, urlunsplit

_NEW_ID = r"\d{4}\.\d{4,5}"
_OLD_ID = r"[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7}"
_ARXIV = re.compile(
    rf"^(?:https?://)?(?P<host>(?:www\.|export\.)?arxiv\.org)/(?P<shape>abs|pdf|html|format)/"
    rf"(?P<id>{_NEW_ID}|{_OLD_ID})(?P<version>v\d+)?(?P<suffix>\.pdf)?/?(?P<rest>[?#].*)?$",
    re.I,
)
_DOI = re.compile(
    r"^(?:(?:https?://)?(?:dx\.|www\.)?doi\.org/|doi:\s*)(?P<doi>10\.\d{4,9}/\S+)$", re.I
)
_OPENREVIEW = re.compile(
    r"^(?:https?://)?(?:www\.)?openreview\.net/(?:forum|pdf)\?(?:[^#]*&)?id=(?P<id>[\w-]+)", re.I
)
TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid)$", re.I)


# Hosts of code, demos and videos: authors share them across papers, so they never identify one.
CODE_HOSTS = frozenset(
    {
        "github.com",
        "gitlab.com",
        "bitbucket.org",
        "huggingface.co",
        "colab.research.google.com",
        "youtube.com",
        "youtu.be",
        "twitter.com",
        "x.com",
    }
)
# Hosts whose addresses are papers.
PAPER_HOSTS = frozenset(
    {
        "arxiv.org",
        "export.arxiv.org",
        "doi.org",
        "dx.doi.org",
        "openreview.net",
        "openaccess.thecvf.com",
        "proceedings.neurips.cc",
        "papers.nips.cc",
        "proceedings.mlr.press",
        "aclanthology.org",
        "ieeexplore.ieee.org",
        "link.springer.com",
        "sciencedirect.com",
        "dl.acm.org",
        "biorxiv.org",
        "medrxiv.org",
        "ojs.aaai.org",
        "ijcai.org",
        "pubmed.ncbi.nlm.nih.gov",
    }
)

# Hosts known to serve https (every one of them redirects http:// there).
HTTPS_HOSTS = (
    PAPER_HOSTS
    | CODE_HOSTS
    | {
        "awesome.re",
        "img.shields.io",
        "nature.com",
        "ncbi.nlm.nih.gov",
        "paperswithcode.com",
        "raw.githubusercontent.com",
        "semanticscholar.org",
    }
) - {"ijcai.org", "ojs.aaai.org", "bitbucket.org"}


# "scheme://host/path?query#fragment" with a plain host (no port, user or IPv6 literal) and
# no tab or line break: most of a list's addresses. Read with one regex, they split exactly as
# urlsplit splits them, at a fraction of its cost; anything else goes to urlsplit.
_PLAIN_URL = re.compile(
    r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<netloc>[A-Za-z0-9._~-]*)"
    r"(?P<path>/[^?#\t\r\n]*)?(?:\?(?P<query>[^#\t\r\n]*))?(?:#(?P<fragment>[^\t\r\n]*))?"
)


@functools.lru_cache(maxsize=16384)
def split_url(url: str) -> SplitResult | None:
    """``urlsplit(url)``, or None for a URL it cannot take apart (see ``split_any_url``)."""
    plain = _PLAIN_URL.fullmatch(url)
    if plain is None:
        return split_any_url(url)
    scheme, netloc, path, query, fragment = plain.group(
        "scheme", "netloc", "path", "query", "fragment"
    )
    return SplitResult(scheme.lower(), netloc, path or "", query or "", fragment or "")


def split_any_url(url: str) -> SplitResult | None:
    """``urlsplit(url)``, or None for a URL it cannot take apart: a ``[`` in the host (an
    unclosed IPv6 literal) raises ValueError, and so do ``.hostname`` and ``.port`` later on
    a bad literal or a port out of range, so both are tried here once."""
    try:
        parts = urlsplit(url)
        _ = parts.hostname, parts.port
    except ValueError:
        return None
    return parts


class ArxivLink(NamedTuple):
    """An arXiv address taken apart: ``shape`` is abs or pdf, ``version`` like "v2" or ""."""

    id: str
    shape: str
    version: str
    pdf_suffix: bool
    host: str


class ArxivId(NamedTuple):
    """An arXiv identifier with the year and month it encodes (submission month)."""

    text: str  # "2206.13295" or "hep-th/9901001"
    year: int
    month: int
    new_style: bool  # YYMM.NNNNN (since 2007); old ones are archive/YYMMNNN


@functools.lru_cache(maxsize=16384)
def arxiv_link(url: str) -> ArxivLink | None:
    m = _ARXIV.match(url.strip())
    if m is None:
        return None
    # The host as matched is the netloc urlsplit reads (no user, port or space can precede "/").
    return ArxivLink(
        m["id"], m["shape"].lower(), m["version"] or "", bool(m["suffix"]), m["host"].lower()
    )


@functools.lru_cache(maxsize=16384)
def arxiv_id(url: str) -> str | None:
    """The arXiv identifier of an arXiv address, without version: "2111.08005", "cs/0112017"."""
    link = arxiv_link(url)
    return link.id if link else None


@functools.lru_cache(maxsize=16384)
def arxiv_identifier(url: str) -> ArxivId | None:
    """The identifier of an arXiv address with the year and month it encodes; None for other
    addresses and for an identifier whose month is no month."""
    link = arxiv_link(url)  # (not through arxiv_id: one cache fewer for each address)
    if link is None:
        return None
    text = link.id
    new_style = "/" not in text
    digits = text if new_style else text.rsplit("/", 1)[1]
    yy, month = int(digits[:2]), int(digits[2:4])
    if not 1 <= month <= 12:
        return None
    year = 2000 + yy if new_style or yy < 91 else 1900 + yy
    return ArxivId(text, year, month, new_style)


@functools.lru_cache(maxsize=16384)
def doi_as_written(url: str) -> str | None:
    """The DOI of a ``doi.org`` address or a ``doi:`` reference, percent-decoded, case kept."""
    m = _DOI.match(url.strip())
    return unquote(m["doi"]).rstrip("/") if m else None


@functools.lru_cache(maxsize=16384)
def doi(url: str) -> str | None:
    """The DOI of a ``doi.org`` address or a ``doi:`` reference, lower-cased (DOIs ignore case)."""
    found = doi_as_written(url)
    return found.lower() if found else None


@functools.lru_cache(maxsize=16384)
def host_of(url: str) -> str:
    """The host, lower-cased and without ``www.`` ("" for a relative or scheme-less link, and
    for one that cannot be taken apart: ``javascript:alert(1)``, an unclosed ``[``)."""
    url = url.strip()
    plain = _PLAIN_URL.fullmatch(url)
    if plain is not None:  # no user, port or IPv6 literal: the host is the netloc (no SplitResult)
        return plain["netloc"].lower().removeprefix("www.")
    parts = split_any_url(url)
    host = (parts.hostname if parts else None) or ""
    return host.removeprefix("www.")


@functools.lru_cache(maxsize=16384)
def normalise(url: str) -> str:
    """A comparable form of an address: no scheme, host in lower case without ``www.``, no
    trailing slash, no fragment, no tracking parameters (``utm_*``)."""
    url = url.strip()
    plain = _PLAIN_URL.fullmatch(url)
    if plain is not None and not plain["query"]:  # the usual address, without urllib
        host = plain["netloc"].lower().removeprefix("www.")
        if host:
            return host + (plain["path"] or "").rstrip("/")
    return normalise_any(url)


def normalise_any(url: str) -> str:
    """:func:`normalise` of a stripped address, read by urllib."""
    parts = split_url(url if "://" in url else "//" + url)
    if parts is None:
        return url
    host = (parts.hostname or "").removeprefix("www.")
    if parts.port:
        host = f"{host}:{parts.port}"
    query = parts.query and urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, True) if not TRACKING.match(k)]
    )
    path = parts.path.rstrip("/")
    return urlunsplit(("", host, path, query, "")).removeprefix("//")


@functools.lru_cache(maxsize=16384)
def paper_key(url: str) -> str:
    """One key per paper: ``arxiv:2111.08005``, ``doi:10.1000/xyz``, ``openreview:<id>``, else
    the normalised URL."""
    arxiv = arxiv_id(url)
    if arxiv is not None:
        return f"arxiv:{arxiv.lower()}"
    found = doi(url)
    if found is not None:
        return f"doi:{found}"
    m = _OPENREVIEW.match(url.strip())
    if m is not None:  # the forum page and the PDF of one submission
        return f"openreview:{m['id']}"
    return normalise(url)
