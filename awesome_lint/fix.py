"""Apply fixes safely: non-overlapping edits, repeated passes, a check that nothing is lost,
and an atomic write that keeps the file's newlines, BOM and mode."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from itertools import pairwise

from .diagnostics import Diagnostic, Edit, Fix
from .engine import Engine
from .model import Document, Span
from .source import OffsetMap, SourceError, SourceText, from_raw

MAX_PASSES = 10


@dataclass(frozen=True)
class FixOutcome:
    source: SourceText  # the fixed text (the input itself when nothing applied)
    document: Document
    diagnostics: list[Diagnostic]  # what remains after fixing
    applied: int  # fixes applied, over all passes
    converged: bool  # False when fixes still applied after MAX_PASSES passes

    @property
    def changed(self) -> bool:
        return self.applied > 0


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    return fix is not None and bool(fix.edits) and (fix.safe or unsafe)


def choose_fixes(diagnostics: Iterable[Diagnostic], text: str, unsafe: bool) -> list[Fix]:
    """The fixes to apply in one pass: in diagnostic order, each one skipped if it overlaps an
    earlier chosen fix, is malformed, or would change nothing."""
    chosen: list[Fix] = []
    taken: list[Edit] = []
    for diagnostic in diagnostics:
        if not applicable(diagnostic, unsafe):
            continue
        fix = diagnostic.fix
        assert fix is not None
        edits = sorted(fix.edits, key=lambda edit: (edit.start, edit.end))
        if not valid(edits, len(text)) or all(noop(edit, text) for edit in edits):
            continue
        if any(overlap(edit, other) for edit in edits for other in taken):
            continue
        chosen.append(fix)
        taken.extend(edits)
    return chosen


def valid(edits: Sequence[Edit], length: int) -> bool:
    """In range, and no two edits of one fix overlapping (``edits`` sorted by start)."""
    if any(not 0 <= edit.start <= edit.end <= length for edit in edits):
        return False
    return not any(overlap(a, b) for a, b in pairwise(edits))


def noop(edit: Edit, text: str) -> bool:
    return text[edit.start : edit.end] == edit.replacement


def overlap(a: Edit, b: Edit) -> bool:
    """Edits overlap when their ranges share a character, or both insert at one point (order
    would be ambiguous), or one inserts strictly inside the other's range."""
    return a.start == b.start or (a.start < b.end and b.start < a.end)


def apply_to_source(source: SourceText, fixes: Sequence[Fix]) -> SourceText:
    """Apply edits (offsets of the folded text) to the raw text, keeping untouched bytes."""
    edits = sorted((edit for fix in fixes for edit in fix.edits), key=lambda e: e.start)
    mapping = OffsetMap(source.raw)
    raw = source.raw
    for edit in reversed(edits):
        start, end = mapping.raw_offset(edit.start), mapping.raw_offset(edit.end)
        raw = raw[:start] + edit.replacement.replace("\n", source.newline) + raw[end:]
    return from_raw(source.path, raw, bom=source.bom)


def within(edit: Edit, span: Span) -> bool:
    """The edit changes characters of ``span`` only (say, a URL replaced by its redirect): a
    replacement inside it, or an insertion strictly inside (one at either end adds beside it)."""
    if edit.start == edit.end:
        return span.start < edit.start < span.end
    return span.start <= edit.start and edit.end <= span.end


def edited_values(edits: Sequence[Edit], located: Sequence[tuple[Span, str]]) -> Counter[str]:
    """The values (URLs, titles) whose span an edit lies within; ``located`` is in text order
    and its spans do not overlap, so one bisection per edit finds the only candidate."""
    from bisect import bisect_right

    starts = [span.start for span, _ in located]
    edited: Counter[str] = Counter()
    for edit in edits:
        index = bisect_right(starts, edit.start) - 1
        if index >= 0 and within(edit, located[index][0]):
            edited[located[index][1]] += 1
    return edited


def urls(doc: Document) -> list[tuple[Span, str]]:
    return sorted(((link.url_span, link.url) for link in doc.links), key=lambda x: x[0].start)


def titles(doc: Document) -> list[tuple[Span, str]]:
    return [(entry.title.span, entry.title.text) for entry in doc.entries if entry.title]


def fix_source(
    source: SourceText,
    engine: Engine,
    *,
    unsafe: bool = False,
    first: tuple[Document, list[Diagnostic]] | None = None,
) -> FixOutcome:
    """Lint, apply non-overlapping fixes, re-lint, repeat; raise SourceError if the result
    would lose an entry, a title or a link. ``first`` reuses an existing lint of ``source``."""
    original, diagnostics = first or engine.lint(source)
    doc, current = original, source
    applied, edited_urls, edited_titles = 0, Counter[str](), Counter[str]()
    for _ in range(MAX_PASSES):
        fixes = choose_fixes(diagnostics, current.text, unsafe)
        if not fixes:
            break
        edits = sorted((edit for fix in fixes for edit in fix.edits), key=lambda e: e.start)
        edited_urls += edited_values(edits, urls(doc))
        edited_titles += edited_values(edits, titles(doc))
        current = apply_to_source(current, fixes)
        applied += len(fixes)
        doc, diagnostics = engine.lint(current)
    converged = not choose_fixes(diagnostics, current.text, unsafe)
    check_nothing_lost(original, doc, edited_urls, edited_titles)
    return FixOutcome(current, doc, diagnostics, applied, converged)


def check_nothing_lost(
    before: Document, after: Document, edited_urls: Counter[str], edited_titles: Counter[str]
) -> None:
    """Refuse a result with fewer entries, titles or links, or without a title or URL that no
    fix edited in place (a URL replaced by its redirect target is fine; a dropped one is not)."""
    old_titles, new_titles = titles(before), titles(after)
    old_urls, new_urls = urls(before), urls(after)
    problems = [
        *lost("entry", [], len(before.entries) - len(after.entries)),
        *lost(
            "entry title",
            gone(old_titles, new_titles, edited_titles),
            len(old_titles) - len(new_titles),
        ),
        *lost("link URL", gone(old_urls, new_urls, edited_urls), len(old_urls) - len(new_urls)),
    ]
    if problems:
        raise SourceError(
            before.path, "refusing to write the fixes, they would lose " + "; ".join(problems)
        )


def gone(
    before: Sequence[tuple[Span, str]], after: Sequence[tuple[Span, str]], edited: Counter[str]
) -> list[str]:
    """The values of ``before`` that no fix edited and that ``after`` no longer has."""
    vanished = Counter(v for _, v in before) - edited - Counter(v for _, v in after)
    return sorted(vanished.elements())


def lost(what: str, missing_values: list[str], missing_count: int) -> list[str]:
    """Name the missing values; or, when only edited ones are missing, give their count."""
    if missing_values:
        return [f"{what} {value!r}" for value in missing_values]
    if missing_count > 0:
        return [f"{missing_count} {what}{'s' if missing_count > 1 else ''}"]
    return []


def unified_diff(before: SourceText, after: SourceText) -> str:
    import difflib

    lines = difflib.unified_diff(
        _diff_lines(before.text), _diff_lines(after.text), before.path, after.path
    )
    return "".join(lines)


def _diff_lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def write_atomic(path: str, data: bytes) -> None:
    """Write through a temporary file in the same folder and ``os.replace``, keeping the mode
    (and writing through a symbolic link to its target rather than replacing the link)."""
    import stat
    import tempfile

    target = os.path.realpath(path)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
        fd, temp = tempfile.mkstemp(
            dir=os.path.dirname(target), prefix=f".{os.path.basename(target)}.", suffix=".tmp"
        )
    except OSError as exc:
        raise SourceError(path, f"cannot write the fixes: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException as exc:
        with suppress(FileNotFoundError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise SourceError(path, f"cannot write the fixes: {exc.strerror or exc}") from None
        raise
