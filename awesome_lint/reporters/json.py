"""The JSON report: ``{"version": 1, "diagnostics": [...], "summary": {...}, "failures": [...]}``.

Failures are the inputs that could not be read, linted or fixed (also told on stderr).
The text has one key of the report a line and one item of each list a line, every value written
by the C encoder (``indent=2`` would force the pure-Python one, slow on a long list's findings).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..diagnostics import Diagnostic, Fix
from ..engine import FileResult
from ..model import LineIndex
from .base import Reporter
from .triage import all_diagnostics, rule_counts

VERSION = 1
_ENCODER = json.JSONEncoder(ensure_ascii=False)


class JsonReporter(Reporter):
    """``statistics``: also ``"statistics"``, one object per rule (code, name, count, fixable,
    unsafe_fixable), the most findings first."""

    def finish(self) -> None:
        results, options = self.results, self.options
        report: dict[str, Any] = {
            "version": VERSION,
            "diagnostics": [
                diagnostic_object(d, line_index(result))
                for result in results
                for d in result.diagnostics
            ],
            "summary": asdict(self.summary),
            "failures": [
                {"path": result.path, "message": result.error} for result in results if result.error
            ],
        }
        if options.statistics:
            rows = rule_counts(all_diagnostics(results), options.unsafe_fixes)
            report["statistics"] = [asdict(row) for row in rows]
        self.write(report_text(report))


def report_text(report: dict[str, Any]) -> str:
    """``report`` as JSON text: a key a line, and each non-empty list an item a line."""
    keys = (f"  {_ENCODER.encode(key)}: {_value_text(value)}" for key, value in report.items())
    return "{\n" + ",\n".join(keys) + "\n}\n"


def _value_text(value: Any) -> str:
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(f"    {_ENCODER.encode(item)}" for item in value) + "\n  ]"
    return _ENCODER.encode(value)


def line_index(result: FileResult) -> LineIndex | None:
    doc = result.document
    if doc is None:
        return None
    return doc.index if doc.index is not None else LineIndex(doc.text)


def diagnostic_object(diagnostic: Diagnostic, index: LineIndex | None) -> dict[str, Any]:
    span = diagnostic.span
    core = {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": str(diagnostic.severity),
        "path": diagnostic.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "message": diagnostic.message,
        "fix": fix_object(diagnostic.fix, index),
    }
    # Extra facts (the link checker's url, verdict …) join the object; core keys win.
    return {**core, **{k: v for k, v in diagnostic.data.items() if k not in core}}


def fix_object(fix: Fix | None, index: LineIndex | None) -> dict[str, Any] | None:
    if fix is None or index is None:
        return None
    edits = []
    for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
        span = index.span(edit.start, edit.end)
        edits.append(
            {
                "line": span.line,
                "column": span.column,
                "end_line": span.end_line,
                "end_column": span.end_column,
                "replacement": edit.replacement,
            }
        )
    return {"safe": fix.safe, "description": fix.description, "edits": edits}
