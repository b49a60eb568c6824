"""AL303 url-style: http:// for https hosts, redirect wrappers, tracking parameters, and (on
request) arXiv links unlike the house's."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlsplit

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document
from ..rule import Rule, RuleContext
from ..style import HouseStyle
from ..urls import HTTPS_HOSTS, TRACKING, ArxivLink, arxiv_link, host_of

_HTTP = re.compile(r"^http://", re.I)
_ARXIV_PATH = re.compile(r"/(?:abs|pdf)/[^?#]*", re.I)
# Redirect wrappers that carry the real address in a query parameter: a search engine's or a
# mail client's click tracking, copied along with the link.
_WRAPPERS = (
    (re.compile(r"(?:www\.)?google\.[a-z.]+$"), "/url", ("url", "q")),
    (re.compile(r"scholar\.google\.[a-z.]+$"), "/scholar_url", ("url",)),
    (re.compile(r"l\.facebook\.com$"), "/l.php", ("u",)),
    (re.compile(r"(?:www\.)?linkedin\.com$"), "/redir/redirect", ("url",)),
    (re.compile(r".*\.safelinks\.protection\.outlook\.com$"), "/", ("url",)),
)
# A word every wrapper's host holds: addresses without one are not taken apart at all.
_WRAPPER_HOST_WORDS = ("google.", "facebook.com", "linkedin.com", "safelinks.")
_WRAPPER_HOST_WORD = re.compile("|".join(map(re.escape, _WRAPPER_HOST_WORDS)), re.I)
# Parameters that only say where a link was found: arXiv's listing context ("?context=cs").
_CONTEXT_PARAMETERS = {"arxiv.org": re.compile(r"^context$")}


@dataclass(frozen=True)
class UrlStyleOptions:
    """AL303's options."""

    # arXiv abstract pages against PDFs, and version pins: both work, so a list's mix is a
    # style choice, checked only on request (against the house's clear majority).
    check_arxiv_shape: bool = False
    check_arxiv_version: bool = False


def serves_https(host: str) -> bool:
    return host in HTTPS_HOSTS or host.endswith(".github.io")


class UrlStyle(Rule):
    code = "AL303"
    name = "url-style"
    summary = "http:// for an https host, a redirect wrapper, tracking parameters, arXiv shape."
    severity = Severity.WARNING
    fixable = True
    options_class = UrlStyleOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        style = _clear_habits(ctx.style, ctx.options or UrlStyleOptions())
        pdf_suffix = _pdf_suffix_habit(doc)
        for link in doc.links:
            written = doc.text[link.url_span.start : link.url_span.end]
            if "\n" in written or " " in written:
                continue  # AL304's business
            better, reasons = restyle(written, style, pdf_suffix)
            if better == written:
                continue
            message = f'"{written}" should be "{better}" ({", ".join(reasons)})'
            fix = Fix((Edit(link.url_span.start, link.url_span.end, better),), description=better)
            yield self.diagnostic(doc, link.url_span, message, fix)


def restyle(url: str, style: HouseStyle, pdf_suffix: bool = False) -> tuple[str, list[str]]:
    """The URL in the house style, and why it changed."""
    reasons: list[str] = []
    target = unwrap_redirect(url)
    if target is not None:
        reasons.append(f"a redirect through {host_of(url)}: link the address itself")
        url = target
    if _HTTP.match(url) and serves_https(host_of(url)):
        url = "https://" + url[7:]
        reasons.append("the host serves https")
    arxiv = arxiv_link(url)
    if arxiv is not None and arxiv.shape in ("abs", "pdf"):
        url, why = _arxiv_restyle(url, arxiv, style, pdf_suffix)
        reasons += why
    if "?" in url:
        url, dropped = _drop_parameters(url)
        reasons += dropped
    return url, reasons


def _arxiv_restyle(
    url: str, arxiv: ArxivLink, style: HouseStyle, pdf_suffix: bool
) -> tuple[str, list[str]]:
    reasons = []
    shape = style.arxiv_shape or arxiv.shape
    if shape != arxiv.shape:
        reasons.append(f"the list links arXiv {'abstract pages' if shape == 'abs' else 'PDFs'}")
    version = arxiv.version
    if version and not style.arxiv_version:
        version = ""
        reasons.append("the list's arXiv links carry no version suffix")
    if shape == "abs":
        suffix = ""
        if arxiv.pdf_suffix and arxiv.shape == "abs":
            reasons.append("an abstract page has no .pdf suffix")
    else:
        suffix = ".pdf" if (arxiv.pdf_suffix if arxiv.shape == "pdf" else pdf_suffix) else ""
    if not reasons:
        return url, []
    path = f"/{shape}/{arxiv.id}{version}{suffix}"
    return _ARXIV_PATH.sub(lambda _: path, url, count=1), reasons


def _may_be_wrapped(url: str) -> bool:
    """Whether the address holds a word of a wrapper's host (most do not)."""
    if url.isascii():  # then lower() reads case as re.I does; str.find leaps, the regex crawls
        lowered = url.lower()
        for word in _WRAPPER_HOST_WORDS:  # noqa: SIM110 (a loop: half the cost of any())
            if word in lowered:
                return True
        return False
    return _WRAPPER_HOST_WORD.search(url) is not None


def unwrap_redirect(url: str) -> str | None:
    """The address a redirect wrapper leads to ("google.com/url?url=https%3A…"), or None."""
    if not _may_be_wrapped(url):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    for host_pattern, path, keys in _WRAPPERS:
        if host_pattern.fullmatch(host) and parts.path.rstrip("/") == path.rstrip("/"):
            params = dict(parse_qsl(parts.query))
            for key in keys:
                if re.match(r"https?://\S+$", params.get(key, "")):
                    return params[key]
    return None


def _drop_parameters(url: str) -> tuple[str, list[str]]:
    """The URL without tracking parameters and arXiv's listing context, and why."""
    head, _, tail = url.partition("?")
    query, hash_, fragment = tail.partition("#")
    params = query.split("&")
    context = _CONTEXT_PARAMETERS.get(host_of(head))
    kept, reasons = [], set()
    for param in params:
        name = param.split("=", 1)[0]
        if TRACKING.match(name):
            reasons.add("no tracking parameters")
        elif context is not None and context.match(name):
            reasons.add(f'no "{name}" parameter: the page is the same without it')
        else:
            kept.append(param)
    if not reasons:
        return url, []
    rebuilt = head + ("?" + "&".join(kept) if kept else "") + hash_ + fragment
    return rebuilt, sorted(reasons)


def _clear_habits(style: HouseStyle, options: UrlStyleOptions) -> HouseStyle:
    """The style's arXiv habits where they are checked: the list's clear vote or its pin (the
    style module's; ``arxiv_version`` True: any version suffix is accepted)."""
    return replace(
        style,
        arxiv_shape=style.arxiv_shape if options.check_arxiv_shape else None,
        arxiv_version=style.arxiv_version if options.check_arxiv_version else True,
    )


def _pdf_suffix_habit(doc: Document) -> bool:
    """Whether most of the list's arXiv PDF links end in ".pdf"."""
    counts = Counter(
        a.pdf_suffix for link in doc.links if (a := arxiv_link(link.url)) and a.shape == "pdf"
    )
    return counts[True] > counts[False]
