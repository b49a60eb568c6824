"""The counts every report ends with: files, findings by severity, fixes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..diagnostics import Severity
from ..engine import FileResult


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
            info=levels.count(Severity.INFO),
            fixable=safe,
            unsafe_fixable=len(fixes) - safe,
            fixed=sum(result.fixed for result in results),
            failed=sum(1 for result in results if result.error is not None),
            unfixed=sum(1 for r in results if r.error is not None and r.document is not None),
        )
