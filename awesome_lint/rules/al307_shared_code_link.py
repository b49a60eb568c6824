"""AL307 shared-code-link: one code link on entries of unrelated papers, a copy-paste slip that
sends readers to another paper's code."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..facts import Facts, is_code_link, short, title_key
from ..model import Document, Link, PaperEntry, Section
from ..rule import Rule, RuleContext
from ..urls import normalise

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


def related(facts: Facts, first: PaperEntry, second: PaperEntry) -> bool:
    """Works that may share their code: one paper listed twice, a paper and its sequel (one
    name the prefix of the other), or papers with an author in common."""
    first_facts, second_facts = facts.of(first), facts.of(second)
    a, b = first_facts.title_key, second_facts.title_key
    if a in b or b in a:
        return True
    names = sorted((_name(first), _name(second)), key=len)
    if len(names[0]) >= 3 and names[1].startswith(names[0]):
        return True
    return bool(first_facts.surnames & second_facts.surnames)


def owns(facts: Facts, entry: PaperEntry, key: str) -> bool:
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
    surnames = facts.of(entry).surnames
    return any(len(surname) >= 3 and surname in account for surname in surnames)


def _entries_by_code_link(doc: Document, facts: Facts) -> dict[str, list[tuple[PaperEntry, Link]]]:
    """Entries (outside showcase sections) by the repository their code links name, each
    entry once per repository, in document order."""
    sharing: dict[str, list[tuple[PaperEntry, Link]]] = defaultdict(list)
    showcase: dict[int | None, bool] = {}  # section -> in a showcase (asked once per section)
    for entry in doc.entries:
        if entry.title is None or not facts.of(entry).title_key:
            continue
        if entry.section not in showcase:
            showcase[entry.section] = in_showcase(doc, entry.section)
        if showcase[entry.section]:
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
        facts = ctx.facts
        for key, sharing in _entries_by_code_link(doc, facts).items():
            if 1 < len(sharing) <= MAX_SHARING:  # (a link on one entry alone shares nothing)
                yield from self._unrelated(doc, facts, key, sharing)

    def _unrelated(
        self, doc: Document, facts: Facts, key: str, sharing: list[tuple[PaperEntry, Link]]
    ) -> Iterator[Diagnostic]:
        """Each entry related to no other one before it, named against the repository's owner:
        the entry whose authors or name the address carries, else the first."""
        owner = next((e for e, _ in sharing if owns(facts, e, key)), sharing[0][0])
        assert owner.title is not None
        for i, (entry, link) in enumerate(sharing):
            if entry is owner or related(facts, owner, entry):
                continue
            earlier = (e for e, _ in sharing[:i] if e is not owner)
            if any(related(facts, e, entry) for e in earlier):
                continue
            others = "no author in common" if facts.of(owner).surnames else "another title"
            message = (
                f'code link also used by "{short(owner.title.text)}" '
                f"(line {owner.title.span.line}), a paper with {others}"
            )
            data = {"related_line": owner.title.span.line}
            yield self.diagnostic(doc, link.url_span, message, data=data)
