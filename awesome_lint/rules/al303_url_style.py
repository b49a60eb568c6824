"""AL303 url-style: http:// for https hosts, arXiv links unlike the house's, tracking parameters."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document
from ..rule import Rule, RuleContext
from ..style import HouseStyle
from ..urls import HTTPS_HOSTS, TRACKING, ArxivLink, arxiv_link, host_of

_HTTP = re.compile(r"^http://", re.I)
_ARXIV_PATH = re.compile(r"/(?:abs|pdf)/[^?#]*", re.I)


def serves_https(host: str) -> bool:
    return host in HTTPS_HOSTS or host.endswith(".github.io")


class UrlStyle(Rule):
    code = "AL303"
    name = "url-style"
    summary = "http:// for an https host, an arXiv link unlike the house's, tracking parameters."
    severity = Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        style = _clear_habits(doc, ctx.style)
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
    if _HTTP.match(url) and serves_https(host_of(url)):
        url = "https://" + url[7:]
        reasons.append("the host serves https")
    arxiv = arxiv_link(url)
    if arxiv is not None and arxiv.shape in ("abs", "pdf"):
        url, why = _arxiv_restyle(url, arxiv, style, pdf_suffix)
        reasons += why
    if "?" in url:
        url, dropped = _drop_tracking(url)
        if dropped:
            reasons.append("no tracking parameters")
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


def _drop_tracking(url: str) -> tuple[str, bool]:
    head, _, tail = url.partition("?")
    query, hash_, fragment = tail.partition("#")
    params = query.split("&")
    kept = [p for p in params if not TRACKING.match(p.split("=", 1)[0])]
    if len(kept) == len(params):
        return url, False
    rebuilt = head + ("?" + "&".join(kept) if kept else "") + hash_ + fragment
    return rebuilt, True


def _clear_habits(doc: Document, style: HouseStyle) -> HouseStyle:
    """The style's arXiv habits, kept only where two thirds of the list's arXiv links agree."""
    links = [a for link in doc.links if (a := arxiv_link(link.url)) and a.shape in ("abs", "pdf")]
    shapes = Counter(a.shape for a in links)
    versions = Counter(bool(a.version) for a in links)
    clear_shape = shapes[style.arxiv_shape] * 3 >= 2 * len(links)
    clear_version = versions[style.arxiv_version] * 3 >= 2 * len(links)
    return replace(
        style,
        arxiv_shape=style.arxiv_shape if clear_shape else None,
        arxiv_version=style.arxiv_version if clear_version else True,
    )


def _pdf_suffix_habit(doc: Document) -> bool:
    """Whether most of the list's arXiv PDF links end in ".pdf"."""
    counts = Counter(
        a.pdf_suffix for link in doc.links if (a := arxiv_link(link.url)) and a.shape == "pdf"
    )
    return counts[True] > counts[False]
