"""Run ``awesome-lint --fix`` twice on a copy of a list and say what happened: exit codes,
fixes applied and dropped, whether the second run changed anything, and what the fixes lost
(entries, titles, URLs, author names, the file's newlines, BOM or final newline).

Shared by ``tests/test_fix_lists.py`` and ``bench/fix_report.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from awesome_lint import cli
from awesome_lint.authors import author_names
from awesome_lint.engine import parse_source
from awesome_lint.model import Document
from awesome_lint.rules.al303_url_style import unwrap_redirect
from awesome_lint.source import BOM, decode

_FIXED = re.compile(r"^Fixed (\d+) problems?\.$", re.MULTILINE)
_DROPPED = re.compile(r": warning: (AL\d+) fix(?: \(.*?\))? not applied: (.*)$", re.MULTILINE)
# Tracking parameters (AL303 drops them: the same page).
_TRACKING = re.compile(r"(?<=[?&])(?:utm_\w+|fbclid|gclid|ref_src)=[^&#]*&?")
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/([\w.\-/]+?)(?:v\d+)?(?:\.pdf)?$")


@dataclass
class FixRun:
    exit_codes: tuple[int, int]  # first and second --fix
    fixed: int  # fixes the first run applied
    dropped: list[tuple[str, str]]  # (rule, reason) of each fix the first run left out
    second_fixed: int  # fixes the second run applied (0: nothing left to change)
    second_changed: bool  # the second run changed the file
    lost: list[str] = field(default_factory=list)  # what the fixes lost; empty when nothing


def windows_form(data: bytes) -> bytes:
    """The same list with a BOM, CRLF newlines and no final newline."""
    text = data.decode("utf-8-sig").replace("\r\n", "\n").rstrip("\n")
    return BOM.encode() + text.replace("\n", "\r\n").encode()


def fix_twice(data: bytes, folder: Path, *, unsafe: bool = False) -> FixRun:
    path = folder / "README.md"
    path.write_bytes(data)
    flags = ["--isolated", "--fix", *(["--unsafe-fixes"] if unsafe else []), str(path)]
    first = CliRunner().invoke(cli.main, flags)
    after_first = path.read_bytes()
    second = CliRunner().invoke(cli.main, flags)
    after_second = path.read_bytes()
    return FixRun(
        (first.exit_code, second.exit_code),
        _count(first.stdout),
        _DROPPED.findall(first.stderr),
        _count(second.stdout),
        after_second != after_first,
        lost(data, after_first),
    )


def _count(stdout: str) -> int:
    found = _FIXED.search(stdout)
    return int(found.group(1)) if found else 0


def lost(before: bytes, after: bytes) -> list[str]:
    """What ``after`` lacks of ``before``, read by the parser: entries (by title, case and
    punctuation aside), link URLs (arXiv abs/pdf/version forms and tracking parameters aside),
    author names per entry,
    and the file's BOM, newline style and final newline."""
    old, new = _document(before), _document(after)
    missing = [f"entry {t!r}" for t in (_titles(old) - _titles(new)).elements()]
    missing += [f"URL {u!r}" for u in (_urls(old) - _urls(new)).elements()]
    missing += [f"authors of {t!r}" for t, _ in (_authors(old) - _authors(new)).elements()]
    missing += _bytes_lost(before, after)
    return missing


def _document(data: bytes) -> Document:
    return parse_source(decode(data, "README.md"))


def _key(title: str) -> str:
    return re.sub(r"[\W_]+", "", title.casefold())


def _titles(doc: Document) -> Counter[str]:
    return Counter(_key(e.title.text) for e in doc.entries if e.title)


def _urls(doc: Document) -> Counter[str]:
    def key(url: str) -> str:
        url = unwrap_redirect(url.strip()) or url  # AL303 links the wrapped address itself
        url = _TRACKING.sub("", re.sub(r"^https?://(?:www\.)?", "", url.strip()).lower())
        url = url.rstrip("/?&")
        m = _ARXIV.search(url)
        return f"arxiv:{m.group(1)}" if m else url

    return Counter(key(link.url) for link in doc.links)


def _authors(doc: Document) -> Counter[tuple[str, int]]:
    return Counter(
        (_key(e.title.text) if e.title else "", len(author_names(e.authors.text)))
        for e in doc.entries
        if e.authors
    )


def _bytes_lost(before: bytes, after: bytes) -> list[str]:
    problems = []
    if before.startswith(BOM.encode()) != after.startswith(BOM.encode()):
        problems.append("the BOM")
    if before.endswith(b"\n") != after.endswith(b"\n"):
        problems.append("the final newline (or its absence)")
    lone_lf = re.compile(rb"(?<!\r)\n")
    if b"\r\n" in before and not lone_lf.search(before) and lone_lf.search(after):
        problems.append("CRLF newlines")
    return problems
