"""PR-diff mode (``--changed-since REF``): report only what the change touched.

Every file is still parsed and linted whole (the house style, duplicates and the TOC need the
whole list), then only the diagnostics on lines added or modified since REF are kept, and the
link checker is given only the links on those lines. The lines come from ``git diff`` between
the merge base of REF and HEAD (what a pull request's diff shows) and the working tree, so
uncommitted edits count too; a file git does not track counts as new, every line changed.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from .diagnostics import Diagnostic
from .engine import FileResult
from .model import Document, Span

HUNK_RE = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
GIT_TIMEOUT = 60  # seconds for one git command


class ChangedError(Exception):
    """Not a git repository, an unknown REF, or git itself missing: a usage error (exit 2)."""


def _git(cwd: str, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise ChangedError("--changed-since needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise ChangedError(f"git {args[0]} took longer than {GIT_TIMEOUT} s") from None


def added_lines(diff: str) -> frozenset[int]:
    """The new-side line numbers of a ``git diff --unified=0`` (added or modified lines)."""
    lines: set[int] = set()
    for match in HUNK_RE.finditer(diff):
        start = int(match[1])
        count = 1 if match[2] is None else int(match[2])
        lines.update(range(start, start + count))
    return frozenset(lines)


@dataclass(frozen=True)
class ChangedLines:
    """The lines changed since REF, per path as given; ``None``: the whole file is new."""

    ref: str
    lines: Mapping[str, frozenset[int] | None]

    def touched(self, path: str, span: Span) -> bool:
        """Whether any line of ``span`` changed (a span ending at a line's first column does
        not reach into that line)."""
        if path not in self.lines:
            return True  # not a file we were asked about: keep, never hide
        changed = self.lines[path]
        if changed is None:
            return True
        last = span.end_line - 1 if span.end_column == 1 and span.end_line > span.line else None
        last = span.end_line if last is None else last
        return any(line in changed for line in range(span.line, last + 1))

    def keep(self, diagnostic: Diagnostic) -> bool:
        """A diagnostic on a changed line, or one that names a changed line as the other
        copy (``related_line``: a duplicate whose new copy stands above the old one)."""
        if self.touched(diagnostic.path, diagnostic.span):
            return True
        related = diagnostic.data.get("related_line")
        changed = self.lines.get(diagnostic.path)
        return isinstance(related, int) and changed is not None and related in changed

    def filtered(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """Each result without the diagnostics on unchanged lines (dropped in place)."""
        for result in results:
            result.diagnostics = [d for d in result.diagnostics if self.keep(d)]
            yield result

    def restrict(self, doc: Document) -> Document:
        """The document with only the links on changed lines (for the link checker)."""
        if self.lines.get(doc.path, None) is None:
            return doc
        links = tuple(link for link in doc.links if self.touched(doc.path, link.span))
        return replace(doc, links=links)


def changed_lines(paths: Sequence[str], ref: str) -> ChangedLines:
    """Ask git which lines of ``paths`` changed since ``ref``; raise :class:`ChangedError`
    when that cannot be known."""
    found: dict[str, frozenset[int] | None] = {}
    bases: dict[str, str] = {}  # repository top level -> the commit to diff against
    for path in paths:
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            continue  # the path cannot be read either; the lint reports it
        top = _git(folder, "rev-parse", "--show-toplevel")
        if top.returncode != 0:
            raise ChangedError(f"--changed-since: {path} is not in a git repository")
        root = top.stdout.strip()
        if root not in bases:
            bases[root] = _base(root, ref)
        found[path] = _file_lines(root, bases[root], os.path.abspath(path))
    return ChangedLines(ref, found)


def _base(root: str, ref: str) -> str:
    """The merge base of ``ref`` and HEAD (or ``ref`` itself when there is none)."""
    resolved = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}")
    if resolved.returncode != 0:
        raise ChangedError(f"--changed-since: unknown revision {ref!r} (in {root})")
    commit = resolved.stdout.strip()
    merge_base = _git(root, "merge-base", commit, "HEAD")
    return merge_base.stdout.strip() if merge_base.returncode == 0 else commit


def _file_lines(root: str, base: str, path: str) -> frozenset[int] | None:
    tracked = _git(root, "ls-files", "--error-unmatch", "--", path)
    if tracked.returncode != 0:
        return None  # untracked: all of it is new
    diff = _git(
        root,
        "diff",
        "--unified=0",
        "--no-color",
        "--no-ext-diff",
        "--no-renames",
        base,
        "--",
        path,
    )
    if diff.returncode != 0:
        raise ChangedError(f"--changed-since: git diff failed: {diff.stderr.strip()}")
    return added_lines(diff.stdout)
