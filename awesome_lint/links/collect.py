"""Offline: every URL of the documents, normalised, with all the places it appears."""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from yarl import URL

from ..model import Document, Link, PaperEntry
from ..terminal import printable

CHECKED_SCHEMES = frozenset({"http", "https"})
LINK_KINDS = frozenset({"markdown", "image", "html", "autolink", "reference"})


@dataclass(frozen=True, slots=True)
class Location:
    """One place a URL is written: the document, the link, and its paper entry's title."""

    path: str
    link: Link
    entry_title: str | None = None


@dataclass(slots=True)
class UrlTarget:
    """One URL to check (normalised: fetched once) and every place it is written."""

    url: str
    locations: list[Location] = field(default_factory=list)

    @property
    def scheme(self) -> str:
        return self.url.split(":", 1)[0].lower()


@functools.lru_cache(maxsize=1 << 16)  # the scan and the parser's links normalise the same URLs
def normalise_url(raw: str) -> str:
    """The URL as fetched: trimmed, scheme and host lower-cased, default port and fragment
    dropped, an empty path written ``/``, percent-encoding canonical. Non-http(s) URLs are
    only trimmed (their scheme lower-cased)."""
    raw = raw.strip().strip("<>").strip()
    scheme, sep, rest = raw.partition(":")
    if not sep or scheme.lower() not in CHECKED_SCHEMES:
        return f"{scheme.lower()}:{rest}" if sep else raw
    try:
        url = canonical_url(URL(raw))
    except ValueError:
        return raw
    text = str(url.with_fragment(None))
    origin = str(url.origin())
    if text.startswith(origin) and not text.startswith("/", len(origin)):
        text = f"{origin}/{text[len(origin) :]}"  # http://host?q -> http://host/?q
    return text


def _ipv4_number(part: str) -> int:
    if part[:2].lower() == "0x":
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part[1:], 8)
    if not part.isascii() or not part.isdigit():
        raise ValueError(part)
    return int(part)


@functools.lru_cache(maxsize=4096)  # per host; every URL is canonicalised more than once
def browser_ipv4(host: str) -> str | None:
    """The dotted address of a host name that browsers read as IPv4 (the WHATWG URL
    standard's IPv4 parser: one to four parts, each decimal, octal ``0…`` or hex ``0x…``, the
    last filling the remaining bytes), or None for a host name that is not a number.
    Raises ValueError for a host that ends in a number but is no address (``1.2.3.4.5``,
    ``256.1.1.1``): browsers refuse those URLs."""
    parts = host.split(".")
    if len(parts) > 1 and parts[-1] == "":
        parts.pop()
    last = parts[-1]
    hex_number = last[:2].lower() == "0x" and all(c in "0123456789abcdefABCDEF" for c in last[2:])
    if not last or not (hex_number or (last.isascii() and last.isdigit())):
        return None
    if len(parts) > 4 or "" in parts:
        raise ValueError(f"{host} is not an IPv4 address")
    try:
        numbers = [_ipv4_number(part) for part in parts]
    except ValueError:
        raise ValueError(f"{host} is not an IPv4 address") from None
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        raise ValueError(f"{host} is not an IPv4 address")
    value = numbers[-1] + sum(n << (8 * (3 - i)) for i, n in enumerate(numbers[:-1]))
    return str(ipaddress.IPv4Address(value))


def canonical_url(url: URL) -> URL:
    """``url`` with a numeric host written as browsers read it (``http://127.1/`` is
    ``http://127.0.0.1/``), so that the address checked is the address fetched. Raises
    ValueError for a URL browsers refuse (no host, a number that is no IPv4 address)."""
    if url.scheme not in CHECKED_SCHEMES:
        return url
    host = url.raw_host
    if not host:
        raise ValueError("no host")
    dotted = None if ":" in host else browser_ipv4(host)
    return url if dotted is None or dotted == host else url.with_host(dotted)


def is_candidate(url: str) -> bool:
    """Whether a written URL belongs to the link checker.

    Skipped: empty URLs, in-page ``#anchors`` (rule AL403 checks them offline) and relative
    paths without a scheme (``./citations/x.bib``, or ``github.com/x/y`` missing its
    ``https://``: offline rules report those). Everything with a scheme is a candidate:
    http(s) is checked, any other scheme (``mailto:``, ``ftp:`` …) becomes ``excluded``.
    """
    url = url.strip().strip("<>").strip()
    if not url or url.startswith(("#", "/", ".")):
        return False
    scheme, sep, _ = url.partition(":")
    return bool(sep) and scheme.isascii() and scheme[:1].isalpha() and len(scheme) > 1


# What a first scan of a text skips: fenced code blocks and HTML comments (the parser finds no
# link there; a request for a URL in them would be wasted). Each pattern reads a character a
# bounded number of times: a fence's run of backticks cannot give back a backtick.
_NOT_LINKS = re.compile(
    r"^ {0,3}(`{3,}(?!`)|~{3,}(?!~))[^\n]*\n.*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)|<!--.*?(?:-->|\Z)",
    re.MULTILINE | re.DOTALL,
)
# A URL as it stands in the text: to the first space, quote or angle bracket.
_SCANNED_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,:;!?*_~'\")]"


def scan_urls(text: str) -> list[str]:
    """The http(s) URLs of ``text`` found by a regex scan, normalised and de-duplicated,
    before any Markdown parse: a link check can start on them while the text is parsed.

    A prediction, not the truth: :func:`collect_urls` on the parsed document says which URLs
    are links. The scan reads a link destination as the parser does where it is plain (up to
    an unbalanced ``)``), a bare URL without its trailing punctuation, and skips fenced code
    and HTML comments (a URL in a code span is a link to the parser).
    """
    found: dict[str, None] = {}
    for chunk in _NOT_LINKS.split(text)[::2]:  # the text between the skipped parts
        if not chunk or "://" not in chunk:
            continue
        m = _SCANNED_URL.search(chunk)
        while m is not None:
            start = m.start()
            url = _balanced(m.group())  # "…/badge.svg)](https://…": the next URL is read next
            if chunk[start - 2 : start] != "](" and chunk[start - 1 : start] != "<":
                url = url[: _bare_length(url)]
            with contextlib.suppress(ValueError):  # e.g. a host IDNA refuses: no prediction
                found[normalise_url(url)] = None
            m = _SCANNED_URL.search(chunk, start + max(1, len(url)))
    return list(found)


def _balanced(url: str) -> str:
    """``url`` up to its first ``)`` that closes no ``(`` inside it."""
    depth = 0
    for i, char in enumerate(url):
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return url[:i]
            depth -= 1
    return url


def _bare_length(url: str) -> int:
    """How much of a bare URL is the URL: not its trailing punctuation (GFM's autolinks)."""
    return len(url.rstrip(_TRAILING_PUNCTUATION)) or len(url)


def _entry_titles(doc: Document) -> dict[tuple[int, int], str]:
    titles: dict[tuple[int, int], str] = {}
    entry: PaperEntry
    for entry in doc.entries:
        if entry.title is None:
            continue
        for link in entry.links:
            titles[(link.url_span.start, link.url_span.end)] = entry.title.text
    return titles


def collect_urls(docs: Sequence[Document]) -> list[UrlTarget]:
    """Unique normalised URLs of ``docs`` (first appearance first), each with its locations.

    Links come from ``doc.links`` (markdown, image, html and autolink links); see
    :func:`is_candidate` for what is skipped. A link inside a paper entry carries the
    entry's title, which the arXiv resolver compares with the paper's (AL904).
    """
    targets: dict[str, UrlTarget] = {}
    for doc in docs:
        titles = _entry_titles(doc)
        for link in doc.links:
            if link.kind not in LINK_KINDS or not is_candidate(link.url):
                continue
            key = normalise_url(link.url)
            target = targets.get(key)
            if target is None:
                target = targets[key] = UrlTarget(key)
            title = titles.get((link.url_span.start, link.url_span.end))
            target.locations.append(Location(doc.path, link, title))
    return list(targets.values())


def dump_links(docs: Sequence[Document]) -> str:
    """The ``--dump-links`` text: one URL per line, then its ``path:line:col`` locations."""
    lines = []
    for target in collect_urls(docs):
        where = " ".join(
            f"{loc.path}:{loc.link.url_span.line}:{loc.link.url_span.column}"
            for loc in target.locations
        )
        lines.append(printable(f"{target.url}\t{where}"))
    return "\n".join(lines) + ("\n" if lines else "")
