"""AL304 invalid-url: spaces, no scheme, a broken or forbidden scheme, a URL split over lines."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Document, Span
from ..rule import Rule, RuleContext

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# An http(s) scheme with a typo or a missing ":" or "/": "htps//", "http//", "https:/", "ttps://".
_BROKEN_HTTP = re.compile(
    r"^(?:h?t{1,3}p{1,2}s?|hpp?ts?|htps?|hhttps?)(?::/{0,3}|/{1,3})(?=\w)", re.I
)
_HTTP = re.compile(r"^https?://", re.I)
# A first path segment that is a host name, not a file of the repository.
_HOST = re.compile(r"^(?:www\.)?(?:[a-z0-9-]+\.)+([a-z]{2,})$", re.I)
FILE_EXTENSIONS = frozenset(
    {
        "md",
        "txt",
        "png",
        "jpg",
        "jpeg",
        "gif",
        "svg",
        "webp",
        "pdf",
        "bib",
        "tex",
        "html",
        "htm",
        "py",
        "ipynb",
        "json",
        "yml",
        "yaml",
        "csv",
        "zip",
        "mp4",
        "mov",
        "gz",
        "tar",
    }
)
# "](url with spaces)": a link that did not parse because of a space in its destination.
_SPACED = re.compile(r"\]\((?P<url>[A-Za-z][A-Za-z0-9+.-]*:[^\s()]*[ \t]+[^()\n\"']*)\)")


def url_problem(url: str) -> str | None:
    """What is wrong with a link target, or None (relative files and #anchors are fine)."""
    if not url or url.startswith(("#", "/", "./", "../")):
        return None
    if " " in url or "\t" in url:
        return "contains spaces: encode them as %20 or remove them"
    if _HTTP.match(url):
        return None  # most links: a well-formed http(s) scheme
    if _BROKEN_HTTP.match(url) and not _HTTP.match(url):
        scheme = "https" if re.match(r"^h?t+p+s", url, re.I) else "http"
        return f"has a broken scheme: it should start with {scheme}://"
    m = _SCHEME.match(url)
    if m:
        scheme = m[1].lower()
        if scheme not in ALLOWED_SCHEMES:
            return f'uses the scheme "{m[1]}:": only http, https and mailto belong in a list'
        return None
    first = re.split(r"[/?#]", url, maxsplit=1)[0]
    host = _HOST.match(first)
    if host and host[1].lower() not in FILE_EXTENSIONS:
        return f'has no scheme: write "https://{url}"'
    return None


class InvalidUrl(Rule):
    code = "AL304"
    name = "invalid-url"
    summary = "A URL with spaces, no scheme, a broken or forbidden scheme, or split over lines."
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        found: list[tuple[Span, str]] = []
        starts = set()
        for link in doc.links:
            starts.add(link.url_span.start)
            written = doc.text[link.url_span.start : link.url_span.end]
            if "\n" in written or (
                link.kind in ("markdown", "image")
                and "\n" in doc.text[link.url_span.end : link.span.end]
                and doc.text[link.span.end - 1] == ")"
                and '"' not in doc.text[link.url_span.end : link.span.end]
            ):
                found.append((link.url_span, "the URL is split across lines: write it on one line"))
                continue
            problem = url_problem(written.strip())
            if problem is None:
                continue
            in_html = doc.text.startswith("<", link.span.start)
            if in_html and _relative(written.strip()):
                continue  # <img src="a b.png">: the browser encodes the space; GitHub shows it
            found.append((link.url_span, f'"{written.strip()}" {problem}'))
        for block in doc.blocks:
            if block.kind in ("code", "html") or _all_links(doc.text, block.span, starts):
                continue
            for m in _SPACED.finditer(doc.text, block.span.start, block.span.end):
                if m.start("url") in starts or _in_code_span(doc.text, m.start()):
                    continue
                url = m["url"]
                found.append(
                    (doc.span(m.start("url"), m.end("url")), f'"{url}" {url_problem(url)}')
                )
        for span, message in sorted(found):
            yield self.diagnostic(doc, span, message)


def _all_links(text: str, block: Span, url_starts: set[int]) -> bool:
    """Whether every "](" of the block opens the address of a link already read: then no
    _SPACED match there is new (a search over a block costs more than finding its "](")."""
    at = text.find("](", block.start, block.end)
    while at >= 0:
        if at + 2 not in url_starts:
            return False
        at = text.find("](", at + 2, block.end)
    return True


def _relative(url: str) -> bool:
    return _SCHEME.match(url) is None and not _HOST.match(re.split(r"[/?#]", url, maxsplit=1)[0])


def _in_code_span(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return text.count("`", line_start, pos) % 2 == 1
