"""AL502 license: no license statement in the list (badge, section or sentence)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Severity
from ..model import Document
from ..rule import Rule, RuleContext
from .sections_common import title_heading

_LICENSE_WORD = re.compile(r"\blicen[cs]e\b", re.I)
# A sentence naming a license, or saying the list is licensed.
_STATEMENT = re.compile(
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
    # Set by the command line after it found a LICENSE file beside the README: rules do no I/O.
    license_file_present: bool = False


def has_license_statement(doc: Document) -> bool:
    if any(_is_license_heading(section.text) for section in doc.sections):
        return True
    for link in doc.links:
        if link.kind == "image" and _LICENSE_WORD.search(f"{link.label} {link.url}"):
            return True  # a license badge
        if _LICENSE_FILE.search(link.url.split("#")[0].split("?")[0]):
            return True  # a link to the license file
    # Code and entries are not statements ("Public Domain Models" may be a paper's title).
    skip = [b.span for b in doc.blocks if b.kind == "code"] + [e.span for e in doc.entries]
    return any(
        not any(s.start <= m.start() < s.end for s in skip) for m in _STATEMENT.finditer(doc.text)
    )


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
        if options.license_file_present or has_license_statement(doc):
            return
        title = title_heading(doc)
        if title is not None:
            span = title.title_span
        else:
            first = doc.text.split("\n", 1)[0]
            span = doc.span(0, len(first))
        message = "the list states no license: add a License section or a license badge"
        yield self.diagnostic(doc, span, message)
