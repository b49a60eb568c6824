"""AL307 shared-code-link: one code link on entries of unrelated papers, a copy-paste slip that
sends readers to another paper's code."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..facts import short, surnames, title_key
from ..model import Document, Link, PaperEntry, Section
from ..rule import Rule, RuleContext
from ..urls import normalise
from .al306_duplicate_link_in_entry import is_code_link

# Sections that show entries listed elsewhere too: one paper (and its code) may recur there.
SHOWCASE = re.compile(
    r"highlight|showcase|featured|spotlight|\bour\b|\bnews\b|updates?\b|recommend|must[- ]read",
    re.I,
)
# A repository linked from more entries than this is a framework or benchmark many papers
# use (mmdetection, a simulator), not one paper's code copied by mistake.
MAX_SHARING = 6
_DEFAULT_BRANCH = re.compile(r"(?:\.git|/(?:tree|blob)/(?:main|master)(?:/readme\.md)?)/?$")


def code_key(url: str) -> str:
    """One key per repository page: case, scheme, ".git" and the default branch ignored."""
    return _DEFAULT_BRANCH.sub("", normalise(url).lower())


def in_showcase(doc: Document, section: int | None) -> bool:
    while section is not None:
        current: Section = doc.sections[section]
        if SHOWCASE.search(current.text):
            return True
        section = current.parent
    return False


def _name(entry: PaperEntry) -> str:
    """The short name a title starts with: "MedSegDiff-V2" of "MedSegDiff-V2: Diffusion …"."""
    assert entry.title is not None
    return title_key(entry.title.text.split(":", 1)[0])


def related(first: PaperEntry, second: PaperEntry) -> bool:
    """Works that may share their code: one paper listed twice, a paper and its sequel (one
    name the prefix of the other), or papers with an author in common."""
    a, b = title_key(first.title.text), title_key(second.title.text)  # type: ignore[union-attr]
    if a in b or b in a:
        return True
    names = sorted((_name(first), _name(second)), key=len)
    if len(names[0]) >= 3 and names[1].startswith(names[0]):
        return True
    return bool(_surnames(first) & _surnames(second))


def _surnames(entry: PaperEntry) -> frozenset[str]:
    return surnames(entry.authors.text) if entry.authors is not None else frozenset()


def owns(entry: PaperEntry, key: str) -> bool:
    """Whether a repository address names the entry: an author's surname in the account
    ("github.com/juliawolleb/…") or the paper's short name in the repository's
    ("…/wujunde/medsegdiff"). ``key`` is a ``code_key``."""
    host, *path = key.split("/")
    if host.endswith(".github.io"):  # a project page: xiaoman-zhang.github.io/PMC-VQA
        path = [host.removesuffix(".github.io"), *path]
    if len(path) < 2:
        return False
    account, repository = title_key(path[0]), title_key(path[1])
    name = _name(entry)
    if len(name) >= 3 and name in repository:
        return True
    return any(len(surname) >= 3 and surname in account for surname in _surnames(entry))


def _entries_by_code_link(doc: Document) -> dict[str, list[tuple[PaperEntry, Link]]]:
    """Entries (outside showcase sections) by the repository their code links name, each
    entry once per repository, in document order."""
    sharing: dict[str, list[tuple[PaperEntry, Link]]] = defaultdict(list)
    for entry in doc.entries:
        if entry.title is None or not title_key(entry.title.text):
            continue
        if in_showcase(doc, entry.section):
            continue
        keys = {}
        for link in entry.links:
            if is_code_link(link) and link.url.strip():
                keys.setdefault(code_key(link.url), link)
        for key, link in keys.items():
            sharing[key].append((entry, link))
    return sharing


class SharedCodeLink(Rule):
    code = "AL307"
    name = "shared-code-link"
    summary = "One code link on entries of different papers with no author in common."
    severity = Severity.WARNING

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        for key, sharing in _entries_by_code_link(doc).items():
            if len(sharing) <= MAX_SHARING:
                yield from self._unrelated(doc, key, sharing)

    def _unrelated(
        self, doc: Document, key: str, sharing: list[tuple[PaperEntry, Link]]
    ) -> Iterator[Diagnostic]:
        """Each entry related to no other one before it, named against the repository's owner:
        the entry whose authors or name the address carries, else the first."""
        owner = next((e for e, _ in sharing if owns(e, key)), sharing[0][0])
        assert owner.title is not None
        for i, (entry, link) in enumerate(sharing):
            if entry is owner or related(owner, entry):
                continue
            if any(related(earlier, entry) for earlier, _ in sharing[:i] if earlier is not owner):
                continue
            others = "no author in common" if _surnames(owner) else "another title"
            message = (
                f'code link also used by "{short(owner.title.text)}" '
                f"(line {owner.title.span.line}), a paper with {others}"
            )
            data = {"related_line": owner.title.span.line}
            yield self.diagnostic(doc, link.url_span, message, data=data)
