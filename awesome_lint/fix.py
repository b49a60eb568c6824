"""Apply fixes safely: non-overlapping edits, repeated passes, each pass checked by
:mod:`.fixguard` (a fix that would lose something is dropped, the others applied), and an
atomic write that keeps the file's newlines, BOM and mode and never overwrites a file that
changed on disk since it was read."""

from __future__ import annotations

import os
from collections.abc import Container, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from itertools import pairwise

from . import engine as engines
from .diagnostics import Diagnostic, Edit, Fix
from .engine import Engine
from .fixguard import EditMap, Problem, problems
from .model import Document
from .source import OffsetMap, SourceError, SourceText, from_raw
from .url_fix import link_destination as link_destination  # re-exported
from .url_fix import redirect_fix as redirect_fix  # re-exported

MAX_PASSES = 10


@dataclass(frozen=True)
class FixOutcome:
    source: SourceText  # the fixed text (the input itself when nothing applied)
    document: Document
    diagnostics: list[Diagnostic]  # what remains after fixing
    applied: int  # fixes applied, over all passes
    converged: bool  # False when fixes still applied after MAX_PASSES passes
    dropped: list[Dropped] = field(default_factory=list)  # fixes left out, and why

    @property
    def changed(self) -> bool:
        return self.applied > 0


def applicable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    return fix is not None and bool(fix.edits) and (fix.safe or unsafe)


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
    raw, pieces, position = source.raw, [], 0
    for edit in edits:
        start, end = mapping.raw_offset(edit.start), mapping.raw_offset(edit.end)
        pieces += [raw[position:start], edit.replacement.replace("\n", source.newline)]
        position = end
    pieces.append(raw[position:])
    return from_raw(source.path, "".join(pieces), bom=source.bom)


@dataclass(frozen=True)
class Dropped:
    """A fix left out because its result would lose or corrupt something; it stays a finding."""

    diagnostic: Diagnostic  # offsets of the text of the pass that tried it
    reason: str

    def note(self) -> str:
        d = self.diagnostic
        what = f" ({d.fix.description})" if d.fix and d.fix.description else ""
        return (
            f"{d.path}:{d.span.line}:{d.span.column}: warning: {d.code} fix{what} not applied: "
            f"{self.reason}"
        )


@dataclass
class _Pass:
    """One pass's result: the fixes kept, the text and document after them."""

    kept: list[Diagnostic]
    source: SourceText
    document: Document
    dropped: list[Dropped]


def fix_source(
    source: SourceText,
    engine: Engine,
    *,
    unsafe: bool = False,
    first: tuple[Document, list[Diagnostic]] | None = None,
    late: Sequence[Diagnostic] | None = None,
) -> FixOutcome:
    """Lint, apply non-overlapping fixes, re-lint, repeat. Each pass's result is compared with
    its input (:mod:`.fixguard`); a fix that would lose or corrupt an entry, a title, a URL or
    an author list is dropped (``FixOutcome.dropped``) and the others are applied.
    ``first`` reuses an existing lint of ``source`` (with ``late`` decided in it). ``late``:
    the link checker's findings when it ran (None: it did not), which the rules do not make
    again: they are carried over to each pass's text and decided with the rules' findings."""
    doc, diagnostics = first or engine.lint(source, late)
    current, carried = source, late
    applied, dropped = 0, list[Dropped]()
    refused: set[tuple[str, tuple[Edit, ...]]] = set()
    for _ in range(MAX_PASSES):
        chosen = choose(diagnostics, current.text, unsafe, refused)
        if not chosen:
            break
        step = _settle(current, doc, chosen)
        dropped += step.dropped
        refused |= {_key(d.diagnostic) for d in step.dropped}
        if not step.kept:
            continue  # every fix of this pass dropped: the next pass tries the rest
        moves = EditMap(edit for d in step.kept if d.fix for edit in d.fix.edits)
        refused = {(code, _moved(edits, moves)) for code, edits in refused}
        kept = {_key(d) for d in step.kept}
        if carried is not None:
            carried = [_carry(d, moves, step.document) for d in carried if _key(d) not in kept]
        current, doc, applied = step.source, step.document, applied + len(step.kept)
        diagnostics = _check(engine, doc, carried)
    converged = not choose(diagnostics, current.text, unsafe, refused)
    # A dropped fix is no fix: its finding stays, not offered as fixable.
    diagnostics = [replace(d, fix=None) if _key(d) in refused else d for d in diagnostics]
    return FixOutcome(current, doc, diagnostics, applied, converged, dropped)


def choose(
    diagnostics: Iterable[Diagnostic], text: str, unsafe: bool, refused: Container[object] = ()
) -> list[Diagnostic]:
    """The findings whose fixes one pass applies (see :func:`choose_fixes`), less the refused."""
    chosen: list[Diagnostic] = []
    taken: list[Edit] = []
    for diagnostic in diagnostics:
        fix = diagnostic.fix
        if fix is None or not applicable(diagnostic, unsafe) or _key(diagnostic) in refused:
            continue
        edits = sorted(fix.edits, key=lambda edit: (edit.start, edit.end))
        if not valid(edits, len(text)) or all(noop(edit, text) for edit in edits):
            continue
        if any(overlap(edit, other) for edit in edits for other in taken):
            continue
        chosen.append(diagnostic)
        taken.extend(edits)
    return chosen


def choose_fixes(diagnostics: Iterable[Diagnostic], text: str, unsafe: bool) -> list[Fix]:
    """The fixes to apply in one pass: in diagnostic order, each one skipped if it overlaps an
    earlier chosen fix, is malformed, or would change nothing."""
    return [d.fix for d in choose(diagnostics, text, unsafe) if d.fix is not None]


def _settle(source: SourceText, doc: Document, chosen: list[Diagnostic]) -> _Pass:
    """Apply ``chosen`` and compare; drop the one fix a problem is due to, or, when several
    could be, keep the first and leave the others for the next pass; repeat until none."""
    trial, dropped = list(chosen), list[Dropped]()
    while trial:
        fixes = [d.fix for d in trial if d.fix is not None]
        after = apply_to_source(source, fixes)
        moves = EditMap(edit for fix in fixes for edit in fix.edits)
        try:
            after_doc = engines.parse_source(after)  # looked up late: tests swap the parser
        except SourceError as exc:
            found = [Problem(f"the result cannot be parsed ({exc.message})", ())]
        else:
            found = problems(doc, after_doc, moves)
        if not found:
            return _Pass(trial, after, after_doc, dropped)
        trial, newly = _blame(trial, found)
        dropped += newly
    return _Pass([], source, doc, dropped)


def _blame(trial: list[Diagnostic], found: list[Problem]) -> tuple[list[Diagnostic], list[Dropped]]:
    """The fixes still worth a try, and those dropped, given the problems their result has."""
    out: dict[int, Dropped | None] = {}  # id -> Dropped, or None for "wait for the next pass"
    for problem in found:
        suspects = _suspects(trial, problem)
        if len(trial) == 1 or len(suspects) == 1:
            culprit = suspects[0] if suspects else trial[0]
            out.setdefault(id(culprit), Dropped(culprit, problem.reason))
        elif suspects:
            out.update((id(d), out.get(id(d))) for d in suspects[1:])
        else:
            out.update((id(d), out.get(id(d))) for d in trial[len(trial) // 2 :])
    dropped = [d for d in out.values() if d is not None]
    return [d for d in trial if id(d) not in out], dropped


def _suspects(trial: list[Diagnostic], problem: Problem) -> list[Diagnostic]:
    """The fixes with an edit on or at the edge of the narrowest place that has one."""
    for start, end in problem.places:
        suspects = [
            d
            for d in trial
            if d.fix and any(e.start <= end and start <= e.end for e in d.fix.edits)
        ]
        if suspects:
            return suspects
    return []


def _key(diagnostic: Diagnostic) -> tuple[str, tuple[Edit, ...]]:
    return diagnostic.code, diagnostic.fix.edits if diagnostic.fix else ()


def _moved(edits: tuple[Edit, ...], moves: EditMap) -> tuple[Edit, ...]:
    return tuple(Edit(moves(e.start), moves(e.end), e.replacement) for e in edits)


def _carry(diagnostic: Diagnostic, moves: EditMap, doc: Document) -> Diagnostic:
    """A finding the rules do not make again (a link check), moved to the edited text. Its
    fix is dropped when another fix rewrote what it edits (a URL a rule fixed): it was made
    for the text as written."""
    span = doc.span(moves(diagnostic.span.start), moves(diagnostic.span.end, right=True))
    fix = diagnostic.fix
    if fix is not None:
        stale = any(
            overlap(edit, other)
            for edit in fix.edits
            for other in moves.touching(edit.start, edit.end)
        )
        fix = None if stale else replace(fix, edits=_moved(fix.edits, moves))
    return replace(diagnostic, span=span, fix=fix)


def _check(engine: Engine, doc: Document, late: Sequence[Diagnostic] | None) -> list[Diagnostic]:
    from .parse import gc_paused

    with gc_paused():
        return engine.check(doc, late)


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


def write_fixed(before: SourceText, after: SourceText) -> None:
    """Write ``after`` over the file ``before`` was read from, unless the file no longer holds
    ``before`` (edited meanwhile): those edits would be lost, so it fails instead."""
    try:
        with open(before.path, "rb") as handle:
            unchanged = handle.read() == before.encode()
    except OSError as exc:
        raise SourceError(before.path, f"cannot write the fixes: {exc.strerror or exc}") from None
    if not unchanged:
        raise SourceError(
            before.path, "changed on disk since it was read; not overwritten (run again)"
        )
    write_atomic(before.path, after.encode())


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
