"""Reporters register in one table and follow one lifecycle (start, file, finish): the text
report writes each file's findings when it gets the file; the GitHub reporter writes the step
summary and outputs itself, only where the runner's variables name the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.engine import FileResult
from awesome_lint.reporters import FORMATS, REPORTERS, Reporter, ReportOptions, render, report

from .helpers_engine import mini_document


def finding(path: str, line: int) -> FileResult:
    doc = mini_document("a\nb\n", path)
    span = doc.span(2 * line - 2, 2 * line - 1)
    found = Diagnostic("AL202", "date-ordinal", Severity.ERROR, path, span, f"at {line}")
    return FileResult(path, doc, [found])


RESULTS = [finding("a.md", 1), finding("b.md", 2)]


def test_every_format_is_a_reporter_in_the_table() -> None:
    assert FORMATS == ("text", "json", "github", "sarif")
    assert all(issubclass(REPORTERS[fmt], Reporter) for fmt in FORMATS)


def test_text_report_writes_each_file_when_it_comes() -> None:
    written: list[str] = []
    reporter = REPORTERS["text"](written.append, ReportOptions())
    reporter.start()
    reporter.file(RESULTS[0])
    assert "".join(written) == "a.md:1:1: AL202 [date-ordinal] at 1\n"
    reporter.file(RESULTS[1])
    assert "".join(written).endswith("b.md:2:1: AL202 [date-ordinal] at 2\n")
    reporter.finish()
    assert "".join(written).endswith("Found 2 problems (2 errors) in 2 files.\n")


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
def test_whole_run_formats_write_once_at_the_end(fmt: str) -> None:
    written: list[str] = []
    reporter = REPORTERS[fmt](written.append, ReportOptions())
    reporter.start()
    for result in RESULTS:
        reporter.file(result)
    assert written == []
    reporter.finish()
    assert "".join(written) == render(RESULTS, fmt)


def test_github_reporter_writes_step_summary_and_outputs_where_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs"
    environ = {"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs)}
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    render(RESULTS, "github")  # a string for the caller: no file written
    assert not summary.exists()
    written: list[str] = []
    report(RESULTS, "github", written.append, ReportOptions(environ=environ))
    assert "".join(written) == render(RESULTS, "github")
    assert summary.read_text(encoding="utf-8").startswith("### awesome-lint\n\n2 findings")
    assert outputs.read_text(encoding="utf-8") == "errors=2\nwarnings=0\ninfo=0\nproblems=2\n"
