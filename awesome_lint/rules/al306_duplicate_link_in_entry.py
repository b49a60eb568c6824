"""AL306 duplicate-link-in-entry: a code or project link with the very address of the entry's
paper link, a copy-paste slip that hides the real code."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..facts import PAPER_LABELS, is_code_link, label_letters, label_words, short
from ..model import Document, Link, PaperEntry
from ..rule import Rule, RuleContext
from ..urls import PAPER_HOSTS, host_of, normalise

_PROJECT = re.compile(r"\W*(?:project(?: page)?|page|website|homepage|home page|demo)\W*", re.I)


def is_project_link(link: Link) -> bool:
    return link.kind != "image" and _project_label(label_words(link))


@functools.lru_cache(maxsize=4096)
def _project_label(label: str) -> bool:
    """Labels repeat ("Project Page" on every entry): each is read once."""
    return _PROJECT.fullmatch(label) is not None


def holds_title(entry: PaperEntry, link: Link) -> bool:
    title = entry.title
    return title is not None and link.span.start <= title.span.start < link.span.end


def labelled_paper_links(entry: PaperEntry) -> Iterator[Link]:
    """Links that say they are the paper: labelled so, or the title linked to a paper host."""
    for link in entry.links:
        if not link.url.strip() or link.kind == "image":
            continue
        if label_letters(link.label) in PAPER_LABELS or (
            holds_title(entry, link) and host_of(link.url) in PAPER_HOSTS
        ):
            yield link


class DuplicateLinkInEntry(Rule):
    code = "AL306"
    name = "duplicate-link-in-entry"
    summary = "A code or project link with the same address as the entry's paper link."
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for entry in doc.entries:
            others = [link for link in entry.links if is_code_link(link) or is_project_link(link)]
            if not others:
                continue  # (the paper links' addresses are normalised only where needed)
            papers = {normalise(link.url): link for link in labelled_paper_links(entry)}
            for link in others:
                paper = papers.get(normalise(link.url)) if link.url.strip() else None
                if paper is not None and paper is not link:
                    yield self.diagnostic(doc, link.url_span, self._message(link, paper))

    @staticmethod
    def _message(link: Link, paper: Link) -> str:
        return (
            f'"{short(label_words(link), 40)}" link has the same address as the paper link '
            f'"{short(label_words(paper), 40)}": its own address is missing'
        )
