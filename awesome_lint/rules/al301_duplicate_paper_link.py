"""AL301 duplicate-paper-link: one paper link shared by entries with different titles."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Document, Link, PaperEntry
from ..rule import Rule, RuleContext
from ..urls import CODE_HOSTS, PAPER_HOSTS, host_of, paper_key

PAPER_LABELS = frozenset({"paper", "pdf", "arxiv", "doi", "openreview", "preprint", "article"})


def is_paper_link(entry: PaperEntry, link: Link) -> bool:
    """A link that names the paper itself: labelled so, on a paper host, or the title's link."""
    url = link.url.strip()
    if not url or url.startswith(("#", ".", "/")) or link.kind == "image":
        return False
    host = host_of(url if "://" in url else "https://" + url)
    if host in CODE_HOSTS or (host.endswith(".github.io") and "paper" not in url.lower()):
        return False
    label = re.sub(r"[^a-z]", "", link.label.lower())
    if label in PAPER_LABELS or host in PAPER_HOSTS:
        return True
    title = entry.title
    return title is not None and link.span.start <= title.span.start < link.span.end


def paper_links(entry: PaperEntry) -> Iterator[tuple[str, Link]]:
    """The entry's paper links with their paper keys, each key once."""
    seen: set[str] = set()
    for link in entry.links:
        if is_paper_link(entry, link):
            key = paper_key(link.url)
            if key not in seen:
                seen.add(key)
                yield key, link


@functools.lru_cache(maxsize=16384)
def title_key(text: str) -> str:
    """A title compared loosely: case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class DuplicatePaperLink(Rule):
    code = "AL301"
    name = "duplicate-paper-link"
    summary = "The same paper link in two entries with different titles: a copy-paste error."
    severity = Severity.ERROR

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        first: dict[str, PaperEntry] = {}
        for entry in doc.entries:
            if entry.title is None or not title_key(entry.title.text):
                continue
            for key, link in paper_links(entry):
                earlier = first.setdefault(key, entry)
                if earlier is entry or earlier.title is None:
                    continue
                if title_key(earlier.title.text) != title_key(entry.title.text):
                    yield self.diagnostic(
                        doc,
                        link.url_span,
                        f'paper link already used by "{short(earlier.title.text)}" '
                        f"(line {earlier.title.span.line}): each paper needs its own link",
                        data={"related_line": earlier.title.span.line},
                    )
