"""AL502 license: no license statement in the list (badge, section or sentence)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Severity
from ..model import Document
from ..rule import Rule, RuleContext
from .sections_common import title_heading

_LICENSE_WORD = re.compile(r"\blicen[cs]e\b", re.I)


@functools.cache
def _statement() -> re.Pattern[str]:
    """A sentence naming a license, or saying the list is licensed (compiled when first
    sought: most lists state their license otherwise, and it costs a millisecond)."""
    return re.compile(
        r"\b(?:licen[cs]ed under|released under the|MIT licen[cs]e|Apache(?:[- ]License|[- ]2\.0)"
        r"|[AL]?GPL-?v?\d|BSD[- ]\d-Clause|CC[- ]BY(?:[- ](?:SA|NC|ND))*(?:[- ]\d\.\d)?|CC0"
        r"|Creative Commons|The Unlicense|public domain)",
        re.I,
    )


_LICENSE_HEADING = re.compile(
    r"\W*(?:\w+\s+)?licen[cs](?:e|es|ing)\W*$|\W*licen[cs](?:e|es|ing)\s+(?:and|&)\s", re.I
)
_LICENSE_FILE = re.compile(r"(?:^|/)(?:LICEN[CS]E|COPYING)(?:\.(?:md|txt))?$", re.I)


@dataclass(frozen=True)
class LicenseOptions:
    """AL502's options."""

    # For text linted without a folder (lint_text): says a license file exists beside it.
    license_file_present: bool = False


def license_file(neighbours: Iterable[str]) -> str | None:
    """The license file among the names of the files beside the list (``LICENSE``, ``COPYING``,
    ``LICENSE.md`` …), or None."""
    return next((name for name in sorted(neighbours) if _LICENSE_FILE.search(name)), None)


def license_statement(doc: Document, neighbours: Iterable[str] = ()) -> str | None:
    """Where the list states its license ("the file LICENSE", "a License section at line 40",
    …), or None when it does not."""
    found = license_file(neighbours)
    if found is not None:
        return f"the file {found} beside the list"
    for section in doc.sections:
        if _is_license_heading(section.text):
            return f'the section "{section.text.strip()}" at line {section.span.line}'
    for link in doc.links:
        if link.kind == "image" and _LICENSE_WORD.search(f"{link.label} {link.url}"):
            return f"a license badge at line {link.span.line}"
        if _LICENSE_FILE.search(link.url.split("#")[0].split("?")[0]):
            return f"a link to its license file at line {link.span.line}"
    for start, end in _prose(doc):
        m = _statement().search(doc.text, start, end)
        if m is not None:
            return f'the sentence "{m.group()}" at line {doc.span(m.start(), m.end()).line}'
    return None


def _prose(doc: Document) -> Iterator[tuple[int, int]]:
    """The stretches of the text outside code blocks and entries, in order.

    Code and entries are not statements ("Public Domain Models" may be a paper's title); the
    statement is searched for only between them, since entries are most of a list's text.
    """
    skip = sorted([b.span for b in doc.blocks if b.kind == "code"] + [e.span for e in doc.entries])
    start = 0
    for span in skip:
        if span.start > start:
            yield start, span.start
        start = max(start, span.end)
    if start < len(doc.text):
        yield start, len(doc.text)


def _is_license_heading(text: str) -> bool:
    """ "License", "MIT License", "License and citation", but not "License Plate Recognition"."""
    return bool(_LICENSE_HEADING.match(text.strip()))


class License(Rule):
    code = "AL502"
    name = "license"
    summary = "No license statement: no license badge, License section or license sentence."
    severity = Severity.INFO  # boilerplate, not a defect of the list's papers
    options_class = LicenseOptions

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        options = ctx.options or LicenseOptions()
        if options.license_file_present or license_statement(doc, ctx.neighbours) is not None:
            return
        title = title_heading(doc)
        if title is not None:
            span = title.title_span
        else:
            first = doc.text.split("\n", 1)[0]
            span = doc.span(0, len(first))
        message = (
            "the list states no license: add a License section, a license badge or a LICENSE file"
        )
        yield self.diagnostic(doc, span, message)
