"""Offline: every URL of the documents, normalised, with all the places it appears."""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from ..model import Document, Link, PaperEntry
from ..terminal import printable

if TYPE_CHECKING:  # yarl is imported only for a URL the plain reading below cannot take
    from yarl import URL

CHECKED_SCHEMES = frozenset({"http", "https"})
LINK_KINDS = frozenset({"markdown", "image", "html", "autolink", "reference"})


class Location(NamedTuple):
    """One place a URL is written: the document, the link, and its paper entry's title (a
    named tuple: immutable, and cheap to build for each of a list's thousands of links)."""

    path: str
    link: Link
    entry_title: str | None = None


_new_location = tuple.__new__  # a Location by position, without its Python __new__


@dataclass(slots=True)
class UrlTarget:
    """One URL to check (normalised: fetched once) and every place it is written."""

    url: str
    locations: list[Location] = field(default_factory=list)

    @property
    def scheme(self) -> str:
        return self.url.split(":", 1)[0].lower()


# A URL that yarl's parse gives back as written but for the case of its scheme and host and its
# fragment (dropped): http(s), a host of ASCII labels whose last starts with a letter (no IDNA)
# or an IPv4 address in its one dotted decimal spelling, no user, a port that is not the
# scheme's own (dropped), and a path and query of characters yarl never re-encodes,
# percent-escapes among them, in upper case, of the bytes it keeps escaped (not of a letter, a
# digit or a delimiter). Almost every URL of a list is one; ``tests/links/test_plain_urls.py``
# holds this reading to yarl's, which every other URL goes through.
_KEPT_ESCAPE = r"%(?:[89A-F][0-9A-F]|[01][0-9A-F]|2[0235B]|3[CE]|5[B-E]|60|7[B-DF])"
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
# The scheme and the host in either case, each letter spelled out (no case folding: no long s
# or Kelvin sign read as a host's letter, and no folding of each character on the way); the
# path's runs are read possessively, without giving back a character.
_PLAIN_URL = re.compile(
    r"([Hh][Tt][Tt][Pp][Ss]?)://"
    rf"((?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*|{_OCTET}(?:\.{_OCTET}){{3}})"
    r"(?::([1-9][0-9]{0,4}))?"
    rf"([/?](?:[-A-Za-z0-9._~!$&'()*+,;=:@/?]++|{_KEPT_ESCAPE})*+)?"
    r"(?:#[\x21-\x7e]*+)?",
    re.ASCII,
)
_DEFAULT_PORTS = {"http": "80", "https": "443"}
# URLs the plain reading gave: each is its own plain reading, so :func:`url_problem` need not
# read it again. Bounded, for a process that checks list after list.
_PLAIN_READ: set[str] = set()
_PLAIN_READ_LIMIT = 1 << 16


def _plain_url(raw: str) -> str | None:
    """``raw`` normalised without yarl, or None when it is not a plain URL (see above)."""
    m = _PLAIN_URL.fullmatch(raw)
    if m is None:
        return None
    scheme, host, port, rest = m.groups()
    scheme = scheme.lower()
    if port is not None and (port == _DEFAULT_PORTS[scheme] or int(port) > 65535):
        return None
    rest = rest or "/"
    path = rest.partition("?")[0]
    if rest.endswith("?") or "/." in path:  # an empty query dropped; dot segments resolved
        return None
    if rest[0] == "?":
        rest = "/" + rest  # http://host?q -> http://host/?q
    return f"{scheme}://{host.lower()}{'' if port is None else ':' + port}{rest}"


@functools.lru_cache(maxsize=1 << 16)  # the scan and the parser's links normalise the same URLs
def normalise_url(raw: str) -> str:
    """The URL as fetched: trimmed, scheme and host lower-cased, default port and fragment
    dropped, an empty path written ``/``, percent-encoding canonical. Non-http(s) URLs are
    only trimmed (their scheme lower-cased)."""
    raw = raw.strip().strip("<>").strip()
    plain = _plain_url(raw)
    if plain is not None:
        if len(_PLAIN_READ) >= _PLAIN_READ_LIMIT:
            _PLAIN_READ.clear()
        _PLAIN_READ.add(plain)
        return plain
    scheme, sep, rest = raw.partition(":")
    if not sep or scheme.lower() not in CHECKED_SCHEMES:
        return f"{scheme.lower()}:{rest}" if sep else raw
    return _parsed_url(raw)


def _parsed_url(raw: str) -> str:
    """An http(s) URL normalised by yarl's parse (``raw`` itself when yarl refuses it)."""
    from yarl import URL

    try:
        url = canonical_url(URL(raw))
    except ValueError:
        return raw
    text = str(url.with_fragment(None))
    origin = str(url.origin())
    if text.startswith(origin) and not text.startswith("/", len(origin)):
        text = f"{origin}/{text[len(origin) :]}"  # http://host?q -> http://host/?q
    return text


def url_problem(url: str) -> str | None:
    """Why the normalised http(s) ``url`` cannot be fetched (no host, a number that is no
    IPv4 address, a host IDNA refuses), or None when it can."""
    if url in _PLAIN_READ or _plain_url(url) == url:
        return None
    from yarl import URL

    try:
        parsed = URL(url)
        if not parsed.raw_host:
            return "no host"
        canonical_url(parsed)
    except ValueError as exc:
        return str(exc)
    return None


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
    if url.startswith(("https://", "http://")):  # most links: no need to read further
        return True
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
# A URL as it stands in the text: to the first space, quote or angle bracket; a link's
# destination (after "](") to the first space or angle bracket, quotes and all (but, as a
# URL, not a quote first).
_SCANNED_URL = re.compile(r"(?i:https?)://[^\s<>\"'`]+")
_DESTINATION = re.compile(r"(?i:https?)://(?=[^\s<>\"'`])[^\s<>`]+")
_TRAILING_PUNCTUATION = ".,:;!?*_~'\")]"
# After these, a bare URL is no autolink to the parser (``inline._AUTOLINK``); after a quote or
# "=" it may be an HTML attribute's link, so those stay predicted.
_NO_AUTOLINK_AFTER = re.compile(r"[\w/(\[]")


def scan_urls(text: str) -> list[str]:
    """The http(s) URLs of ``text`` found by a regex scan, normalised and de-duplicated,
    before any Markdown parse: a link check can start on them while the text is parsed.

    A prediction, not the truth: :func:`collect_urls` on the parsed document says which URLs
    are links. The scan reads a link destination as the parser does where it is plain (up to
    an unbalanced ``)``), a bare URL without its trailing punctuation, and skips fenced code
    and HTML comments (a URL in a code span is a link to the parser).
    """
    found: dict[str, None] = {}
    for chunk in _outside_code_and_comments(text):
        for url in _written_urls(chunk):
            try:  # noqa: SIM105 (contextlib.suppress: three calls a URL)
                found[normalise_url(url)] = None
            except ValueError:  # e.g. a host IDNA refuses: no prediction
                pass
    return list(found)


def _outside_code_and_comments(text: str) -> list[str]:
    """The text between fenced code blocks and HTML comments. Without a fence or a comment
    opener in it, the whole text: the pattern would try every character for nothing."""
    if "```" not in text and "~~~" not in text and "<!--" not in text:
        return [text]
    return _NOT_LINKS.split(text)[::2]


def _written_urls(text: str) -> Iterator[str]:
    """The URLs of ``text`` as the parser would read them, as written, in order (see
    :func:`scan_urls`). ``_SCANNED_URL`` is tried only before each "://" (found by
    ``str.find``), not at every character."""
    pos = 0
    colon = text.find("://")
    while colon >= 0:
        # "http" or "https" (in any case) before it: one of the two only, told by the letter
        # before "://" ("p" only "http" can end with)
        start = colon - 4 if text[colon - 1 : colon] in ("p", "P") else colon - 5
        before = text[start - 2 if start >= 2 else 0 : start]
        pattern = _DESTINATION if before == "](" else _SCANNED_URL
        m = pattern.match(text, start) if start >= pos else None
        if m is None:
            colon = text.find("://", colon + 1)
            continue
        url = _balanced(m.group())
        if before != "](" and before[-1:] != "<":  # "…/badge.svg)](https://…": read next
            url = url[: _bare_length(url)]
            if before and _NO_AUTOLINK_AFTER.match(before, len(before) - 1):
                url = ""  # no link: not predicted
        if url:
            yield url
        pos = start + (len(url) or 1)
        colon = text.find("://", pos)


def _balanced(url: str) -> str:
    """``url`` up to its first ``)`` that closes no ``(`` inside it."""
    close = url.find(")")
    if close < 0:
        return url
    if "(" not in url[:close]:  # the common case: "…/2208.11970)]"
        return url[:close]
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
            target.locations.append(_new_location(Location, (doc.path, link, title)))
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
