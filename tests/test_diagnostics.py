"""A diagnostic without extra facts holds the one shared empty mapping (a large list's lint
makes tens of thousands of diagnostics; an empty dict each was 64 bytes apiece)."""

from __future__ import annotations

import pytest

from awesome_lint.diagnostics import NO_DATA, Diagnostic, Severity
from awesome_lint.model import Span
from awesome_lint.parse import parse_document
from awesome_lint.rule import Rule

SPAN = Span(1, 1, 1, 2, 0, 1)


def test_diagnostics_without_data_share_one_read_only_mapping() -> None:
    first = Diagnostic("AL999", "test", Severity.ERROR, "a.md", SPAN, "m")
    second = Diagnostic("AL999", "test", Severity.ERROR, "a.md", SPAN, "m")
    assert first.data is second.data is NO_DATA
    assert dict(first.data) == {}
    with pytest.raises(TypeError):
        first.data["url"] = "x"  # type: ignore[index]


def test_rule_diagnostic_keeps_given_data_and_shares_the_empty_one() -> None:
    class Probe(Rule):
        code, name, summary = "AL999", "probe", "test"

    doc = parse_document("text\n", "a.md")
    assert Probe().diagnostic(doc, SPAN, "m").data is NO_DATA
    assert Probe().diagnostic(doc, SPAN, "m", data={"related_line": 3}).data == {"related_line": 3}
