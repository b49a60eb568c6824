"""Triage of many findings: counts per rule (``--statistics``), which findings ``--fix`` would
change, and the one decision that would remove most of them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..engine import FileResult

# Below this many findings a reader sees them all; the "most findings" line is for long runs.
TRIAGE_MIN_FINDINGS = 10
TIMES = "\u00d7"  # the multiplication sign, as in "641 times AL104"


def is_fixable(diagnostic: Diagnostic, unsafe_fixes: bool = False) -> bool:
    """Whether ``--fix`` (with ``--unsafe-fixes`` when given) would change this finding."""
    fix = diagnostic.fix
    return fix is not None and bool(fix.edits) and (fix.safe or unsafe_fixes)


@dataclass(frozen=True)
class RuleCount:
    """One rule's findings in a run, and how many of them a fix changes."""

    code: str
    name: str
    count: int
    fixable: int  # of them, what --fix changes
    unsafe_fixable: int  # of them, what only --unsafe-fixes changes


def rule_counts(diagnostics: Iterable[Diagnostic], unsafe_fixes: bool = False) -> list[RuleCount]:
    """One row per rule that reported, the most findings first (then by code)."""
    names: dict[str, str] = {}
    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    unsafe: Counter[str] = Counter()
    for d in diagnostics:
        names[d.code] = d.name
        counts[d.code] += 1
        if is_fixable(d, unsafe_fixes):
            fixable[d.code] += 1
        elif is_fixable(d, unsafe_fixes=True):
            unsafe[d.code] += 1
    rows = [
        RuleCount(code, names[code], n, fixable[code], unsafe[code]) for code, n in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row.count, row.code))


def all_diagnostics(results: Sequence[FileResult]) -> list[Diagnostic]:
    return [d for result in results for d in result.diagnostics]


def statistics_lines(rows: Sequence[RuleCount]) -> list[str]:
    """``641  AL104  link-label  641 fixable``: count, code, name, what --fix changes."""
    if not rows:
        return []
    count_width = len(str(rows[0].count))
    code_width = max(len(row.code) for row in rows)
    name_width = max(len(row.name) for row in rows)
    lines = []
    for row in rows:
        line = f"{row.count:>{count_width}}  {row.code:<{code_width}}  {row.name:<{name_width}}"
        notes = []
        if row.fixable:
            notes.append(f"{row.fixable} fixable")
        if row.unsafe_fixable:
            notes.append(f"{row.unsafe_fixable} with --unsafe-fixes")
        lines.append(f"{line}  {', '.join(notes)}".rstrip())
    return lines


def biggest_decision(rows: Sequence[RuleCount], *, force: bool = False) -> str | None:
    """The single decision that removes most findings ("Most findings: 641 times AL104 …:
    `--fix` changes them all."); None for a short run (unless ``force``) or a rule with one
    finding."""
    if not rows or rows[0].count < 2:
        return None
    if not force and sum(row.count for row in rows) < TRIAGE_MIN_FINDINGS:
        return None
    top = rows[0]
    head = f"Most findings: {top.count} {TIMES} {top.code} [{top.name}]: "
    everything = top.fixable + top.unsafe_fixable == top.count
    if top.fixable == top.count:
        return head + "`--fix` changes them all."
    if everything and top.fixable:
        return head + f"`--fix` changes {top.fixable}, `--fix --unsafe-fixes` all of them."
    if everything:
        return head + "`--fix --unsafe-fixes` changes them all (review `--diff` first)."
    if top.fixable:
        return head + f"`--fix` changes {top.fixable} of them."
    return head + (
        f"no automatic fix; `--explain {top.code}` says how to mend them, "
        f"`--ignore {top.code}` if the list means it."
    )
