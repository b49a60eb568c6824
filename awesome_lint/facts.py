"""Facts about each entry that several rules need, computed once per document and shared.

Rules read these instead of re-deriving them: an entry's date as read, its arXiv identifier
and DOI, its paper links with their keys, its title key and its authors' surnames. Pure
functions of the document; built lazily (a run that needs none of them pays nothing).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .dates import DateParts, read_date
from .model import Document, Link, PaperEntry
from .urls import CODE_HOSTS, PAPER_HOSTS, ArxivId, arxiv_identifier, doi, host_of, paper_key

PAPER_LABELS = frozenset({"paper", "pdf", "arxiv", "doi", "openreview", "preprint", "article"})


@dataclass(frozen=True, slots=True)
class EntryFacts:
    date: DateParts | None  # the date as read; None when absent or not a date
    arxiv: ArxivId | None  # the first arXiv identifier among the links (the paper's own)
    doi: str | None  # the first DOI among the links, lower-cased
    paper_links: tuple[tuple[str, Link], ...]  # each paper link with its paper key, a key once
    title_key: str  # the title compared loosely ("" without a title)
    surnames: frozenset[str]  # the authors' surnames, compared loosely


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


@functools.lru_cache(maxsize=16384)
def title_key(text: str) -> str:
    """A title compared loosely: case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def surnames(authors: str) -> frozenset[str]:
    """The last word of each name of an author list ("et al." dropped), compared loosely."""
    text = re.sub(r"\bet\s+al\b\.?", "", authors)
    names = re.split(r",|;|\band\b|&", text)
    return frozenset(title_key(name.split()[-1]) for name in names if name.split()) - {""}


def short(text: str, limit: int = 60) -> str:
    """Text for a message: whitespace folded, cut with "…" past ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entry_facts(entry: PaperEntry) -> EntryFacts:
    keys: dict[str, Link] = {}
    for link in entry.links:
        if is_paper_link(entry, link):
            keys.setdefault(paper_key(link.url), link)
    return EntryFacts(
        date=read_date(entry.date.text) if entry.date is not None else None,
        arxiv=next(filter(None, (arxiv_identifier(link.url) for link in entry.links)), None),
        doi=next(filter(None, (doi(link.url) for link in entry.links)), None),
        paper_links=tuple(keys.items()),
        title_key=title_key(entry.title.text) if entry.title is not None else "",
        surnames=surnames(entry.authors.text) if entry.authors is not None else frozenset(),
    )


class Facts:
    """The facts of one document's entries, each computed on first use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._facts: dict[int, EntryFacts] = {}

    def of(self, entry: PaperEntry) -> EntryFacts:
        found = self._facts.get(id(entry))
        if found is None:
            found = self._facts[id(entry)] = entry_facts(entry)
        return found

    def dated(
        self, entries: Iterable[PaperEntry] | None = None
    ) -> Iterator[tuple[PaperEntry, DateParts]]:
        """The entries (default: all) whose date can be read, with the date as read."""
        for entry in self.doc.entries if entries is None else entries:
            if entry.date is not None:
                parts = self.of(entry).date
                if parts is not None:
                    yield entry, parts
