"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line a finding.

GitHub shows them as annotations on the pull request's diff, but only the first few of each
level (10 per step), so the most severe come first. Escaping follows the runner's rules: ``%``,
CR and LF in messages; also ``:`` and ``,`` in properties. Messages show other control
characters from the lists as escapes (``\x1b``), never raw. Inside Actions
(``$GITHUB_STEP_SUMMARY`` and ``$GITHUB_OUTPUT`` set) the run also appends a Markdown summary
to the job's page, every finding grouped by rule, and the counts to the step's outputs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from ..diagnostics import Diagnostic, Severity
from ..engine import FileResult
from ..terminal import printable
from .base import Reporter
from .summary import Summary
from .text import plural, summary_lines
from .triage import is_fixable

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
# GitHub refuses a step summary above 1 MiB; findings past this many characters are counted.
SUMMARY_BUDGET = 1_000_000


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def message_data(text: str) -> str:
    """A message from a list or a file name as a command's data: line breaks %-encoded as
    GitHub documents, other control characters escaped."""
    return printable(escape_data(text))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: str, workspace: str | None = None) -> str:
    """The path as GitHub matches it against the repository: relative to the workspace (the
    checkout, ``$GITHUB_WORKSPACE``) even when the tool runs in a subfolder, with forward
    slashes. A path outside the workspace is kept as given."""
    workspace = workspace or os.environ.get("GITHUB_WORKSPACE")
    if workspace:
        try:
            relative = os.path.relpath(os.path.abspath(path), workspace)
        except ValueError:  # another drive (Windows)
            relative = os.pardir
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            path = relative
    return path.replace(os.sep, "/")


def command(diagnostic: Diagnostic, workspace: str | None = None) -> str:
    span = diagnostic.span
    properties: dict[str, object] = {"file": annotation_path(diagnostic.path, workspace)}
    properties["line"] = span.line
    properties["endLine"] = span.end_line
    if span.line == span.end_line:  # GitHub takes columns on one-line annotations only
        properties["col"] = span.column
        properties["endColumn"] = span.end_column
    properties["title"] = f"{diagnostic.code} {diagnostic.name}"
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{COMMANDS[diagnostic.severity]} {joined}::{message_data(diagnostic.message)}"


class GithubReporter(Reporter):
    """The workflow commands, most severe first (so needs every file), then the summary; inside
    Actions also the step summary and the step's outputs."""

    def finish(self) -> None:
        summary = self.summary
        self.write(render_github(self.results, summary, quiet=self.options.quiet))
        write_github_files(self.results, summary, self.options.environ)


def render_github(results: Sequence[FileResult], summary: Summary, *, quiet: bool = False) -> str:
    lines = [command(d) for d in most_severe_first(results)]
    lines += [
        f"::error file={escape_property(annotation_path(r.path))}::{message_data(r.error)}"
        for r in results
        if r.error
    ]
    if not quiet:
        lines.extend(summary_lines(summary))
    return "".join(line + "\n" for line in lines)


def most_severe_first(results: Sequence[FileResult]) -> list[Diagnostic]:
    """Errors, then warnings, then info; in file and line order within each level."""
    found = [d for result in results for d in result.diagnostics]
    return sorted(found, key=lambda d: -d.severity)  # stable: keeps the order within a level


def _cell(text: str) -> str:
    """Text for a Markdown table cell: pipes, newlines and HTML made harmless."""
    text = " ".join(text.split())
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;")):
        text = text.replace(char, entity)
    return text.replace("`", "&#96;")


def step_summary(results: Sequence[FileResult], summary: Summary) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: counts per file and per rule, then every finding
    grouped by rule (the most severe rules first), ``[*]`` on what ``--fix`` changes."""
    head = "### awesome-lint\n\n"
    if summary.problems:
        levels = [(summary.errors, "error"), (summary.warnings, "warning"), (summary.info, "info")]
        detail = ", ".join(plural(count, word) for count, word in levels)
        head += f"{plural(summary.problems, 'finding')} ({detail}); "
        head += f"{summary.fixable} fixable with `--fix` ([*]).\n\n"
    else:
        head += "No findings.\n\n"
    rows = ["| File | Errors | Warnings | Info |", "| --- | ---: | ---: | ---: |"]
    for result in results:
        levels = [d.severity for d in result.diagnostics]
        counts = [str(levels.count(s)) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
        if result.error:
            counts = ["could not be linted", "", ""]
        rows.append(f"| {_cell(annotation_path(result.path))} | " + " | ".join(counts) + " |")
    text = head + "\n".join(rows) + "\n"
    groups = findings_by_rule(results)
    if groups:
        text += "\n" + rule_table(groups) + findings_tables(groups, SUMMARY_BUDGET - len(text))
    return text


def findings_by_rule(results: Sequence[FileResult]) -> list[list[Diagnostic]]:
    """The findings of each rule, the rules with the most severe findings first, then the most
    frequent."""
    groups: dict[str, list[Diagnostic]] = {}
    for d in (d for result in results for d in result.diagnostics):
        groups.setdefault(d.code, []).append(d)
    return sorted(groups.values(), key=lambda g: (-max(d.severity for d in g), -len(g), g[0].code))


def rule_table(groups: Sequence[Sequence[Diagnostic]]) -> str:
    rows = ["| Rule | Severity | Findings | Fixable |", "| --- | --- | ---: | ---: |"]
    for group in groups:
        first = group[0]
        fixable = sum(1 for d in group if is_fixable(d))
        worst = max(d.severity for d in group)
        rows.append(f"| {first.code} {first.name} | {worst} | {len(group)} | {fixable} |")
    return "\n".join(rows) + "\n"


def findings_tables(groups: Sequence[Sequence[Diagnostic]], budget: int) -> str:
    """One collapsible table per rule; the findings past ``budget`` characters are counted."""
    parts: list[str] = []
    left = sum(len(group) for group in groups)
    for group in groups:
        first = group[0]
        fixable = sum(1 for d in group if is_fixable(d))
        title = f"{first.code} {first.name}: {plural(len(group), 'finding')}, {fixable} fixable"
        rows = ["| Where | Severity | Fix | Message |", "| --- | --- | :---: | --- |"]
        for d in group:
            where = f"{annotation_path(d.path)}:{d.span.line}:{d.span.column}"
            mark = "[*]" if is_fixable(d) else ("unsafe" if is_fixable(d, True) else "")
            row = f"| {_cell(where)} | {d.severity} | {mark} | {_cell(d.message)} |"
            if budget - len(row) < 200:
                break
            budget -= len(row) + 1
            rows.append(row)
            left -= 1
        parts.append(f"\n<details><summary>{_cell(title)}</summary>\n\n" + "\n".join(rows))
        parts.append("\n\n</details>\n")
        if budget < 200:
            break
    if left:
        parts.append(f"\n…and {left} more (GitHub takes at most 1 MiB of summary).\n")
    return "".join(parts)


def write_github_files(
    results: Sequence[FileResult], summary: Summary, environ: Mapping[str, str] | None = None
) -> None:
    """Append the step summary and the step outputs (``errors``, ``warnings``, ``info``,
    ``problems``) to the files the Actions runner names; nothing outside Actions."""
    environ = os.environ if environ is None else environ
    summary_path = environ.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as stream:
            stream.write(step_summary(results, summary))
    output_path = environ.get("GITHUB_OUTPUT")
    if output_path:
        outputs = {
            "errors": summary.errors,
            "warnings": summary.warnings,
            "info": summary.info,
            "problems": summary.problems,
        }
        with open(output_path, "a", encoding="utf-8") as stream:
            stream.write("".join(f"{key}={value}\n" for key, value in outputs.items()))
