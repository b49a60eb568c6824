"""SARIF 2.1.0, the format code-scanning services read (GitHub code scanning among them).

Every known rule is listed in ``tool.driver.rules`` (with a link to its page in the rule
book); each finding is a result with its level, message, 1-based region (columns counted in
Unicode code points, ``columnKind``) and, where it has one, its fix.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..diagnostics import Diagnostic, Fix, Severity
from ..engine import FileResult
from ..model import LineIndex, Span
from ..rule import Rule
from ..version import __version__
from .base import Reporter
from .json import line_index

PROJECT_URL = "https://github.com/awesome-lint/awesome-lint"
RULES_URL = f"{PROJECT_URL}/blob/main/rules/"
SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


class SarifReporter(Reporter):
    def finish(self) -> None:
        from ..registry import builtin_rules

        rules = self.options.rules
        self.write(render_sarif(self.results, builtin_rules() if rules is None else rules))


def render_sarif(results: Sequence[FileResult], rules: Iterable[type[Rule]]) -> str:
    known = {rule.code: rule for rule in rules}
    descriptors = [_descriptor(rule) for rule in known.values()]
    # Findings of codes no rule owns (AL000 rule-crashed …) get a descriptor of their own.
    for diagnostic in (d for r in results for d in r.diagnostics):
        if diagnostic.code not in known:
            known[diagnostic.code] = None  # type: ignore[assignment]
            descriptors.append(_ad_hoc_descriptor(diagnostic))
    position = {descriptor["id"]: i for i, descriptor in enumerate(descriptors)}
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "awesome-lint",
                        "version": __version__,
                        "informationUri": PROJECT_URL,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(d, position[d.code], line_index(result))
                    for result in results
                    for d in result.diagnostics
                ],
                "invocations": [
                    {
                        "executionSuccessful": not any(r.error for r in results),
                        "toolExecutionNotifications": [
                            {"level": "error", "message": {"text": r.error}}
                            for r in results
                            if r.error
                        ],
                    }
                ],
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def artifact_uri(path: str) -> str:
    """A URI reference for a path: relative ones stay relative (code scanning resolves them
    against the repository), absolute ones become ``file://`` URIs."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"))


def _descriptor(rule: type[Rule]) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "helpUri": f"{RULES_URL}{rule.code}.md",
        "defaultConfiguration": {
            "level": LEVELS[rule.severity],
            "enabled": rule.enabled_by_default,
        },
        "properties": {"fixable": rule.fixable, "network": rule.network},
    }


def _ad_hoc_descriptor(diagnostic: Diagnostic) -> dict[str, Any]:
    return {
        "id": diagnostic.code,
        "name": diagnostic.name,
        "shortDescription": {"text": diagnostic.name},
    }


def _region(span: Span) -> dict[str, int]:
    return {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
    }


def _result(diagnostic: Diagnostic, rule_index: int, index: LineIndex | None) -> dict[str, Any]:
    location = {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(diagnostic.path)},
            "region": _region(diagnostic.span),
        }
    }
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": LEVELS[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "locations": [location],
    }
    related = diagnostic.data.get("related_line")
    if isinstance(related, int):  # the other copy a duplicate names
        region = {"startLine": related}
        other = {"artifactLocation": {"uri": artifact_uri(diagnostic.path)}, "region": region}
        result["relatedLocations"] = [{"id": 1, "physicalLocation": other}]
    if diagnostic.fix is not None and diagnostic.fix.edits and index is not None:
        result["fixes"] = [_fix(diagnostic.path, diagnostic.fix, index)]
    if diagnostic.data:
        result["properties"] = dict(diagnostic.data)
    return result


def _fix(path: str, fix: Fix, index: LineIndex) -> dict[str, Any]:
    replacements = [
        {
            "deletedRegion": _region(index.span(edit.start, edit.end)),
            "insertedContent": {"text": edit.replacement},
        }
        for edit in sorted(fix.edits, key=lambda e: (e.start, e.end))
    ]
    description = fix.description or ("safe fix" if fix.safe else "unsafe fix")
    return {
        "description": {"text": description},
        "artifactChanges": [
            {"artifactLocation": {"uri": artifact_uri(path)}, "replacements": replacements}
        ],
        "properties": {"safe": fix.safe},
    }
