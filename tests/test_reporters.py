"""The text and JSON reporters: exact lines, summary wording, colour, the JSON shape."""

from __future__ import annotations

import json

from awesome_lint.diagnostics import Diagnostic, Edit, Fix, Severity
from awesome_lint.engine import FileResult
from awesome_lint.reporters import Summary, render

from .helpers_engine import mini_document

TEXT = "**A teh paper** \\\nTODO\n"
DOC = mini_document(TEXT, "lists/README.md")


def diag(
    code: str,
    severity: Severity,
    start: int,
    end: int,
    message: str,
    fix: Fix | None = None,
    **data: object,
) -> Diagnostic:
    data = {key.rstrip("_"): value for key, value in data.items()}  # "severity_" -> "severity"
    return Diagnostic(
        code, "rule-" + code[-3:], severity, DOC.path, DOC.span(start, end), message, fix, data
    )


TYPO = diag(
    "AL501",
    Severity.ERROR,
    4,
    7,
    '"teh" should be "the"',
    Fix((Edit(4, 7, "the"),), True, "Write 'the'"),
)
TODO = diag("AL502", Severity.WARNING, 18, 22, "TODO left", Fix((Edit(17, 22, ""),), safe=False))
NOTE = diag("AL503", Severity.INFO, 0, 0, "just so you know")
DEAD_DATA = {"url": "https://x.org", "verdict": "dead", "http_status": 404, "final_url": None}
DEAD = diag("AL901", Severity.ERROR, 0, 2, "dead link", **DEAD_DATA, severity_="x")


def result(*diagnostics: Diagnostic, **kwargs: object) -> FileResult:
    return FileResult(DOC.path, DOC, list(diagnostics), **kwargs)


def test_text_lines_and_summary() -> None:
    output = render([result(TYPO, TODO, NOTE)], "text")
    assert output.splitlines() == [
        'lists/README.md:1:5: AL501 [*] [rule-501] "teh" should be "the"',
        "lists/README.md:2:1: AL502 [rule-502] TODO left",
        "lists/README.md:1:1: AL503 [rule-503] just so you know",
        "Found 3 problems (1 error, 1 warning, 1 info) in 1 file.",
        "1 fixable with --fix; 1 more with --unsafe-fixes.",
    ]


def test_text_summary_variants() -> None:
    clean = FileResult("b.md", DOC, [])
    failed = FileResult("c.md", error="c.md: error: no such file")
    assert render([clean, clean], "text") == "No problems found in 2 files.\n"
    assert render([result(TODO)], "text").splitlines()[-2:] == [
        "Found 1 problem (1 warning) in 1 file.",
        "1 fixable with --unsafe-fixes.",
    ]
    assert render([result(TODO)], "text", unsafe_fixes=True).splitlines()[-1] == (
        "1 fixable with --fix."
    )
    refused = result(NOTE, error="lists/README.md: error: refusing to write the fixes, …")
    assert render([result(NOTE, fixed=2), failed, refused], "text").splitlines()[2:] == [
        "Fixed 2 problems.",
        "Found 2 problems (2 info) in 2 files.",
        "Could not lint 1 file.",
        "Could not fix 1 file.",
    ]


def test_text_quiet_prints_findings_only() -> None:
    assert render([result(TYPO)], "text", quiet=True) == (
        'lists/README.md:1:5: AL501 [*] [rule-501] "teh" should be "the"\n'
    )
    assert render([result()], "text", quiet=True) == ""


def test_text_colour_only_when_asked() -> None:
    plain = render([result(TYPO)], "text")
    coloured = render([result(TYPO)], "text", color=True)
    assert "\x1b[" not in plain
    assert coloured.splitlines()[0] == (
        "\x1b[1mlists/README.md:1:5:\x1b[0m \x1b[31m\x1b[1mAL501\x1b[0m [*] [rule-501] "
        '"teh" should be "the"'
    )
    assert "\x1b[31mFound 1 problem (1 error) in 1 file.\x1b[0m" in coloured


def test_json_report() -> None:
    failed = FileResult("gone.md", error="gone.md: error: no such file")
    report = json.loads(render([result(TYPO, DEAD, NOTE), failed], "json"))
    assert report["version"] == 1
    assert report["diagnostics"][0] == {
        "code": "AL501",
        "name": "rule-501",
        "severity": "error",
        "path": "lists/README.md",
        "line": 1,
        "column": 5,
        "end_line": 1,
        "end_column": 8,
        "message": '"teh" should be "the"',
        "fix": {
            "safe": True,
            "description": "Write 'the'",
            "edits": [
                {"line": 1, "column": 5, "end_line": 1, "end_column": 8, "replacement": "the"}
            ],
        },
    }
    dead = report["diagnostics"][1]
    assert dead["severity"] == "error"  # data never overrides a core key
    assert {k: dead[k] for k in ("url", "verdict", "http_status", "final_url")} == {
        "url": "https://x.org",
        "verdict": "dead",
        "http_status": 404,
        "final_url": None,
    }
    assert report["diagnostics"][2]["fix"] is None
    assert report["summary"] == {
        "files": 1,
        "errors": 2,
        "warnings": 0,
        "info": 1,
        "fixable": 1,
        "unsafe_fixable": 0,
        "fixed": 0,
        "failed": 1,
        "unfixed": 0,
        "entries": 1,
        "unread_groups": 0,
        "unread_units": 0,
        "first_unread": "",
    }
    assert report["failures"] == [{"path": "gone.md", "message": "gone.md: error: no such file"}]


def test_json_edit_spanning_lines() -> None:
    join = diag("AL504", Severity.ERROR, 15, 18, "m", Fix((Edit(15, 18, " "),)))
    [edit] = json.loads(render([result(join)], "json"))["diagnostics"][0]["fix"]["edits"]
    assert edit == {"line": 1, "column": 16, "end_line": 2, "end_column": 1, "replacement": " "}


def test_summary_counts() -> None:
    summary = Summary.of([result(TYPO, TODO), result(NOTE, fixed=3)])
    assert (summary.files, summary.errors, summary.warnings, summary.info) == (2, 1, 1, 1)
    assert (summary.fixable, summary.unsafe_fixable, summary.fixed, summary.problems) == (
        1,
        1,
        3,
        3,
    )
