"""The registry (selection, severities) and the engine (guard, sorting, de-duplication)."""

from __future__ import annotations

import pytest

from awesome_lint.diagnostics import Diagnostic, Severity
from awesome_lint.engine import Engine, finalize
from awesome_lint.model import Span
from awesome_lint.registry import Registry, SelectorError
from awesome_lint.rule import Rule

from .corpus import corpus_files, needs_corpus, source_document
from .helpers_engine import (
    Crashing,
    Network,
    OffByDefault,
    Shout,
    Typo,
    engine,
    mini_document,
    mini_pipeline,  # noqa: F401 (fixture)
    registry,
)

pytestmark = pytest.mark.usefixtures("mini_pipeline")

TEXT = "**A teh paper** \\\nTODO\n\nteh end\n"


def codes(selection) -> list[str]:
    return sorted(selection.codes)


def found(diagnostics: list[Diagnostic]) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.span.line, d.span.column, d.message) for d in diagnostics]


# --- registry -------------------------------------------------------------------------------


def test_default_selection_skips_rules_off_by_default() -> None:
    assert codes(registry().select()) == ["AL501", "AL502", "AL503", "AL901"]


@pytest.mark.parametrize(
    ("selectors", "expected"),
    [
        (["AL501"], ["AL501"]),
        (["al501"], ["AL501"]),
        (["typo-teh"], ["AL501"]),
        (["AL5"], ["AL501", "AL502", "AL503"]),
        (["AL50"], ["AL501", "AL502", "AL503"]),
        (["AL2"], []),  # a prefix selects only rules that are on by default
        (["AL201"], ["AL201"]),  # ... the code itself turns it on
        (["strict-dates", "AL502"], ["AL201", "AL502"]),
        (["ALL"], ["AL501", "AL502", "AL503", "AL901"]),
    ],
)
def test_select(selectors: list[str], expected: list[str]) -> None:
    assert codes(registry().select(selectors)) == expected


def test_ignore_removes_by_code_prefix_and_name() -> None:
    assert codes(registry().select(None, ["AL50", "dead-link"])) == []
    assert codes(registry().select(["AL5"], ["todo-left"])) == ["AL501", "AL503"]


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("AL5O1", "unknown rule selector 'AL5O1'; did you mean 'AL501'?"),
        ("typo-the", "unknown rule selector 'typo-the'; did you mean 'typo-teh'?"),
        ("AL7", "unknown rule selector 'AL7'"),
        ("zzz", "unknown rule selector 'zzz'"),
    ],
)
def test_unknown_selector_suggests_a_close_match(selector: str, message: str) -> None:
    with pytest.raises(SelectorError) as caught:
        registry().select([selector])
    assert str(caught.value) == message
    with pytest.raises(SelectorError):
        registry().select(None, [selector])


def test_severity_overrides_by_selector() -> None:
    selection = registry().select(None, (), {"AL5": Severity.INFO, "todo-left": Severity.ERROR})
    assert selection.severities == {
        "AL501": Severity.INFO,
        "AL502": Severity.ERROR,
        "AL503": Severity.INFO,
        "AL901": Severity.ERROR,
    }


def test_registry_rejects_duplicate_codes_names_and_bad_codes() -> None:
    class Same(Typo):
        name = "another-name"

    class SameName(Shout):
        code = "AL599"
        name = "typo-teh"

    class BadCode(Shout):
        code = "X1"

    for rules in ((Typo, Same), (Typo, SameName), (BadCode,)):
        with pytest.raises(ValueError):
            Registry(rules)


def test_registry_lists_rules_by_code_and_finds_by_code_or_name() -> None:
    reg = registry()
    assert [rule.code for rule in reg] == ["AL201", "AL501", "AL502", "AL503", "AL901"]
    assert reg.get("al502") is Shout
    assert reg.get("strict-dates") is OffByDefault
    assert reg.get("AL999") is None


# --- engine ---------------------------------------------------------------------------------


def test_engine_sorts_guards_crashes_and_never_runs_network_rules() -> None:
    diagnostics = engine().check(mini_document(TEXT))
    assert found(diagnostics) == [
        ("AL000", 1, 1, "AL503 (always-crashes) crashed: ZeroDivisionError: division by zero"),
        ("AL501", 1, 5, '"teh" should be "the"'),
        ("AL502", 2, 1, "TODO left in the list"),
        ("AL501", 4, 1, '"teh" should be "the"'),
    ]
    crash = diagnostics[0]
    assert (crash.name, crash.severity, crash.path) == ("rule-crashed", Severity.ERROR, "list.md")


def test_engine_applies_severity_overrides() -> None:
    selection = registry().select(["AL502"], (), {"AL502": Severity.INFO})
    [diagnostic] = Engine(selection).check(mini_document(TEXT))
    assert diagnostic.severity is Severity.INFO


def test_rule_off_by_default_runs_when_selected() -> None:
    assert found(engine(ignore=("AL503",)).check(mini_document("x\n"))) == []
    assert found(engine("AL201").check(mini_document("x\n"))) == [
        ("AL201", 1, 1, "strict dates are on")
    ]


def test_rule_yielding_garbage_is_a_crash() -> None:
    class Garbage(Rule):
        code = "AL504"
        name = "garbage"
        summary = "Yields a string."

        def check(self, doc, ctx):
            yield "not a diagnostic"

    diagnostics = Engine(Registry([Garbage]).select()).check(mini_document("x"))
    assert found(diagnostics) == [
        ("AL000", 1, 1, "AL504 (garbage) crashed: TypeError: yielded str, not a Diagnostic")
    ]


def test_crash_in_style_inference_is_one_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    from awesome_lint import engine as engine_module

    def broken(doc):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(engine_module, "infer", broken)
    assert found(engine().check(mini_document(TEXT))) == [
        (
            "AL000",
            1,
            1,
            "house-style inference crashed: RecursionError: maximum recursion depth exceeded",
        )
    ]


def test_finalize_drops_duplicates_and_sorts_stably() -> None:
    def diag(path: str, line: int, column: int, code: str, message: str = "m") -> Diagnostic:
        span = Span(line, column, line, column + 1, 0, 1)
        return Diagnostic(code, "n", Severity.ERROR, path, span, message, data={"k": line})

    items = [
        diag("b.md", 1, 1, "AL101"),
        diag("a.md", 2, 1, "AL101"),
        diag("a.md", 1, 9, "AL101"),
        diag("a.md", 1, 9, "AL100"),
        diag("a.md", 2, 1, "AL101"),  # duplicate
        diag("a.md", 1, 9, "AL100", "a"),
    ]
    result = finalize(items)
    assert [(d.path, d.span.line, d.span.column, d.code, d.message) for d in result] == [
        ("a.md", 1, 9, "AL100", "a"),
        ("a.md", 1, 9, "AL100", "m"),
        ("a.md", 1, 9, "AL101", "m"),
        ("a.md", 2, 1, "AL101", "m"),
        ("b.md", 1, 1, "AL101", "m"),
    ]


def test_network_rule_is_selectable_but_not_run() -> None:
    selection = registry().select(["dead-link"])
    assert selection.rules == (Network,)
    assert selection.local_rules() == ()
    assert Engine(selection).check(mini_document(TEXT)) == []


def test_crashing_rule_keeps_the_others_going() -> None:
    selection = Registry([Crashing, Typo]).select()
    assert [d.code for d in Engine(selection).check(mini_document("teh"))] == ["AL000", "AL501"]


# --- the public API -------------------------------------------------------------------------


@pytest.fixture
def real_pipeline(mini_pipeline: None, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.undo()  # drop this module's mini_pipeline: the real parser and house style


BLOCK = "**T** \\\n*A* \\\n[22th Jul., 2022] [X, 2022] \\\n[[Paper](https://a.org)]\n"


@pytest.mark.usefixtures("real_pipeline")
def test_lint_text_and_lint_path(tmp_path) -> None:
    from awesome_lint import lint_path, lint_text
    from awesome_lint.source import SourceError

    [found_in_text] = lint_text(BLOCK, select=["AL202"])
    assert (found_in_text.code, found_in_text.path, found_in_text.span.line) == (
        "AL202",
        "<text>",
        3,
    )
    assert found_in_text.message == '"22th" should be "22nd"'
    assert lint_text("\ufeff" + BLOCK.replace("\n", "\r\n"), "x.md", select=["AL102"]) == []
    [warned] = lint_text(BLOCK, select=["AL2"], severity={"date-ordinal": Severity.WARNING})
    assert warned.severity is Severity.WARNING
    path = tmp_path / "list.md"
    path.write_text(BLOCK)
    assert [d.code for d in lint_path(str(path), select=["date-ordinal"])] == ["AL202"]
    with pytest.raises(SourceError, match="no such file"):
        lint_path(str(tmp_path / "missing.md"))


def test_lint_text_with_a_registry() -> None:
    from awesome_lint import lint_text

    assert [d.code for d in lint_text("teh TODO", registry=registry(Typo, Shout))] == [
        "AL501",
        "AL502",
    ]


@needs_corpus
@pytest.mark.usefixtures("real_pipeline")
@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name[:48])
def test_no_rule_crashes_on_a_corpus_file(path) -> None:
    from awesome_lint.registry import builtin_registry

    # lint_path(path, select=["ALL"]) on the list parsed once per session
    diagnostics = Engine(builtin_registry().select(["ALL"])).check(source_document(path))
    assert [d.message for d in diagnostics if d.code == "AL000"] == []
    assert diagnostics == sorted(diagnostics, key=lambda d: d.sort_key)
    assert len(set(diagnostics)) == len(diagnostics)


@pytest.mark.usefixtures("real_pipeline")
def test_a_findings_own_level_survives_unless_the_user_overrides_it() -> None:
    """AL302 reports a cross-section duplicate at the info level, below its default (warning)."""
    from awesome_lint import lint_text
    from awesome_lint.diagnostics import Severity

    block = "**Same Paper** \\\n*A. One* \\\n[1st May, 2023] [arXiv, 2023] \\\n[[Paper](https://x.org/{})]\n\n"
    text = "## A\n\n" + block.format(1) + "## B\n\n" + block.format(2)
    found = lint_text(text, select=["AL302"])
    assert [(d.code, d.span.line, d.severity) for d in found] == [("AL302", 10, Severity.INFO)]
    overridden = lint_text(text, select=["AL302"], severity={"AL302": Severity.ERROR})
    assert [d.severity for d in overridden] == [Severity.ERROR]
