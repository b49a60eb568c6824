"""``path:line:col: CODE [name] message`` lines and a summary; colour only when asked."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..diagnostics import Diagnostic, Severity
from ..engine import FileResult
from ..terminal import printable
from . import Summary
from .triage import all_diagnostics, biggest_decision, is_fixable, rule_counts, statistics_lines

COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render_text(
    results: Sequence[FileResult],
    summary: Summary,
    *,
    quiet: bool = False,
    color: bool = False,
    unsafe_fixes: bool = False,
    statistics: bool = False,
) -> str:
    """One line per finding (``[*]`` marks what ``--fix`` changes) and the summary; with
    ``statistics``, one line per rule instead of the findings."""
    found = all_diagnostics(results)
    rows = rule_counts(found, unsafe_fixes)
    if statistics:
        lines = statistics_lines(rows)
    else:
        lines = [format_line(d, color, is_fixable(d, unsafe_fixes)) for d in found]
    if not quiet:
        lines.extend(summary_lines(summary, color))
        decision = biggest_decision(rows, force=statistics)
        if decision is not None:
            lines.append(decision)
        hidden = sum(result.hidden_info for result in results)
        if hidden:
            lines.append(f"{plural(hidden, 'info')} not listed (--show-info lists them).")
    return "".join(line + "\n" for line in lines)


def format_line(diagnostic: Diagnostic, color: bool = False, fixable: bool = False) -> str:
    span = diagnostic.span
    where = f"{printable(diagnostic.path)}:{span.line}:{span.column}:"
    code = diagnostic.code
    if color:
        where = click.style(where, bold=True)
        code = click.style(code, fg=COLORS[diagnostic.severity], bold=True)
    mark = " [*]" if fixable else ""
    return f"{where} {code}{mark} [{diagnostic.name}] {printable(diagnostic.message)}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 or word == 'info' else 's'}"


def summary_lines(summary: Summary, color: bool = False) -> list[str]:
    lines = []
    if summary.fixed:
        lines.append(f"Fixed {plural(summary.fixed, 'problem')}.")
    files = plural(summary.files, "file")
    if summary.problems:
        levels = [(summary.errors, "error"), (summary.warnings, "warning"), (summary.info, "info")]
        detail = ", ".join(plural(count, word) for count, word in levels if count)
        found = f"Found {plural(summary.problems, 'problem')} ({detail}) in {files}."
        if color:
            found = click.style(found, fg="red" if summary.errors else "yellow")
        lines.append(found)
    elif summary.files:
        lines.append(f"No problems found in {files}.")
    if summary.unread_groups:
        entries = "entry" if summary.entries == 1 else "entries"
        lines.append(
            f"Read {summary.entries:,} paper {entries}; "
            f"{plural(summary.unread_groups, 'group')} with "
            f"{plural(summary.unread_units, 'paper-like item')} not understood, "
            f"first at {summary.first_unread} (AL108)."
        )
    fixes = []
    if summary.fixable:
        fixes.append(f"{summary.fixable} fixable with --fix")
    if summary.unsafe_fixable:
        flag = "more with --unsafe-fixes" if summary.fixable else "fixable with --unsafe-fixes"
        fixes.append(f"{summary.unsafe_fixable} {flag}")
    if fixes:
        lines.append("; ".join(fixes) + ".")
    unread = summary.failed - summary.unfixed
    if unread:
        lines.append(f"Could not lint {plural(unread, 'file')}.")
    if summary.unfixed:
        lines.append(f"Could not fix {plural(summary.unfixed, 'file')}.")
    return lines
