"""Reporters turn file results into output: ``text`` (default), ``json``, ``github`` (workflow
commands for GitHub Actions, the step summary and outputs) and ``sarif`` (SARIF 2.1.0).

Each registers in :data:`REPORTERS` and follows one lifecycle (:class:`.base.Reporter`):
``start()``, ``file(result)`` for each file, ``finish()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..engine import FileResult
from ..rule import Rule
from .base import Reporter, ReportOptions, Write
from .github import GithubReporter
from .json import JsonReporter
from .sarif import SarifReporter
from .summary import Summary
from .text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "github": GithubReporter,
    "sarif": SarifReporter,
}
FORMATS = tuple(REPORTERS)
EXPORT_FORMATS = ("bibtex", "csv")  # --dump-entries only (awesome_lint.export)

__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "REPORTERS",
    "ReportOptions",
    "Reporter",
    "Summary",
    "render",
    "report",
]


def report(results: Iterable[FileResult], fmt: str, write: Write, options: ReportOptions) -> None:
    """Write the report in format ``fmt``, file by file as ``results`` come."""
    reporter = REPORTERS[fmt](write, options)
    reporter.start()
    for result in results:
        reporter.file(result)
    reporter.finish()


def render(
    results: Sequence[FileResult],
    fmt: str,
    *,
    unsafe_fixes: bool = False,
    quiet: bool = False,
    color: bool = False,
    rules: Iterable[type[Rule]] | None = None,
    statistics: bool = False,
) -> str:
    """The report as one string ("" when there is nothing to print); writes no file (the GitHub
    step summary is the command's). ``rules``: every rule SARIF describes (default: the
    built-in ones). ``statistics``: counts per rule (text and json)."""
    parts: list[str] = []
    options = ReportOptions(unsafe_fixes, quiet, color, rules, statistics)
    report(results, fmt, parts.append, options)
    return "".join(parts)
