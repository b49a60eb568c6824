"""The counts every report ends with: files, findings by severity, fixes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..diagnostics import Severity
from ..engine import FileResult


@dataclass(frozen=True)
class Summary:
    """The counts a run's summary line reports."""

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
