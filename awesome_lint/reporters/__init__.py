"""Reporters turn file results into output: ``text`` (default), ``json``, ``github`` (workflow
commands for GitHub Actions) and ``sarif`` (SARIF 2.1.0)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..diagnostics import Severity
from ..engine import FileResult
from ..rule import Rule

FORMATS = ("text", "json", "github", "sarif")
EXPORT_FORMATS = ("bibtex", "csv")  # --dump-entries only (awesome_lint.export)


@dataclass(frozen=True)
class Summary:
    files: int  # inputs linted (readable ones)
    errors: int
    warnings: int
    info: int
    fixable: int  # remaining diagnostics with a safe fix
    unsafe_fixable: int  # remaining diagnostics whose fix needs --unsafe-fixes
    fixed: int
    failed: int  # inputs that could not be linted or fixed
    unfixed: int  # of those, the ones linted whose fixes were refused
    entries: int = 0  # paper entries read
    unread_groups: int = 0  # groups with paper-like units not read as entries (AL108)
    unread_units: int = 0
    first_unread: str = ""  # "path:line" of the first such unit

    @property
    def problems(self) -> int:
        return self.errors + self.warnings + self.info

    @classmethod
    def of(cls, results: Sequence[FileResult], unsafe_fixes: bool = False) -> Summary:
        diagnostics = [d for result in results for d in result.diagnostics]
        levels = [d.severity for d in diagnostics]
        fixes = [d.fix for d in diagnostics if d.fix is not None and d.fix.edits]
        safe = sum(1 for fix in fixes if fix.safe or unsafe_fixes)
        return cls(
            files=sum(1 for result in results if result.document is not None),
            errors=levels.count(Severity.ERROR),
            warnings=levels.count(Severity.WARNING),
            info=levels.count(Severity.INFO) + sum(result.hidden_info for result in results),
            fixable=safe,
            unsafe_fixable=len(fixes) - safe,
            fixed=sum(result.fixed for result in results),
            failed=sum(1 for result in results if result.error is not None),
            unfixed=sum(1 for r in results if r.error is not None and r.document is not None),
            **_reading(results),
        )


def _reading(results: Sequence[FileResult]) -> dict[str, int | str]:
    """How much of the lists was read: entries, and units with paper links that were not."""
    documents = [result.document for result in results if result.document is not None]
    unread = [(doc.path, u) for doc in documents for u in doc.unread]
    return {
        "entries": sum(len(doc.entries) for doc in documents),
        "unread_groups": len(unread),
        "unread_units": sum(len(u.lines) for _, u in unread),
        "first_unread": f"{unread[0][0]}:{unread[0][1].span.line}" if unread else "",
    }


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
    """The report for stdout ("" when there is nothing to print). ``rules``: every rule SARIF
    describes (default: the built-in ones). ``statistics``: counts per rule (text and json)."""
    summary = Summary.of(results, unsafe_fixes)
    if fmt == "json":
        from .json import render_json

        return render_json(results, summary, statistics=statistics, unsafe_fixes=unsafe_fixes)
    if fmt == "github":
        from .github import render_github

        return render_github(results, summary, quiet=quiet)
    if fmt == "sarif":
        from ..registry import builtin_rules
        from .sarif import render_sarif

        return render_sarif(results, builtin_rules() if rules is None else rules)
    from .text import render_text

    return render_text(
        results, summary, quiet=quiet, color=color, unsafe_fixes=unsafe_fixes, statistics=statistics
    )
