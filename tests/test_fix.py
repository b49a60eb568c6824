"""Fixes: overlap handling, repeated passes, newline/BOM keeping, the nothing-lost check and the
atomic write."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from awesome_lint.diagnostics import Diagnostic, Edit, Fix
from awesome_lint.engine import Engine
from awesome_lint.fix import (
    MAX_PASSES,
    choose_fixes,
    fix_source,
    link_destination,
    unified_diff,
    write_atomic,
)
from awesome_lint.model import Span
from awesome_lint.registry import Registry, builtin_registry
from awesome_lint.rule import Rule
from awesome_lint.source import SourceError, decode, from_raw, read_source

from .corpus import corpus_files, needs_corpus
from .helpers_engine import Typo, mini_document, mini_pipeline  # noqa: F401 (fixture)

mini = pytest.mark.usefixtures("mini_pipeline")  # the test rules on the throwaway parser


def regex_rule(code: str, pattern: str, replacement: str, *, safe: bool = True) -> type[Rule]:
    """A rule flagging every (overlapping) match of ``pattern`` with a fix to ``replacement``."""

    class RegexRule(Rule):
        name = f"regex-{code.lower()}"
        summary = "Test rule."
        fixable = True

        def check(self, doc, ctx):
            for m in re.finditer(f"(?=({pattern}))", doc.text, re.DOTALL):
                start, end = m.start(1), m.end(1)
                fix = Fix((Edit(start, end, replacement),), safe=safe)
                yield self.diagnostic(doc, doc.span(start, end), f"matched {m[1]!r}", fix)

    RegexRule.code = code
    return RegexRule


def fixer(*rules: type[Rule]) -> Engine:
    return Engine(Registry(rules).select())


def fixed(text: str, *rules: type[Rule], unsafe: bool = False) -> str:
    return fix_source(from_raw("list.md", text), fixer(*rules), unsafe=unsafe).source.text


@mini
def test_safe_fix_applies_and_a_second_run_changes_nothing() -> None:
    outcome = fix_source(from_raw("list.md", "teh cat, teh dog\n"), fixer(Typo))
    assert (outcome.source.text, outcome.applied, outcome.converged) == (
        "the cat, the dog\n",
        2,
        True,
    )
    assert outcome.diagnostics == []
    again = fix_source(outcome.source, fixer(Typo))
    assert (again.source.text, again.applied, again.changed) == ("the cat, the dog\n", 0, False)


@mini
def test_overlapping_fixes_apply_the_first_and_repeat_until_none_applies() -> None:
    collapse = regex_rule("AL510", "xx", "x")
    outcome = fix_source(from_raw("list.md", "xxxx\n"), fixer(collapse))
    # pass 1: 0-2 and 2-4 apply, 1-3 overlaps; pass 2: "xx" -> "x"; pass 3: nothing left
    assert (outcome.source.text, outcome.applied, outcome.converged) == ("x\n", 3, True)


@mini
def test_passes_are_bounded_when_fixes_never_settle() -> None:
    flip = regex_rule("AL511", "a", "b")
    flop = regex_rule("AL512", "b", "a")
    outcome = fix_source(from_raw("list.md", "a\n"), fixer(flip, flop))
    assert (outcome.applied, outcome.converged) == (MAX_PASSES, False)


@mini
def test_unsafe_fixes_need_the_flag() -> None:
    risky = regex_rule("AL513", "colour", "color", safe=False)
    assert fixed("colour\n", risky) == "colour\n"
    assert fixed("colour\n", risky, unsafe=True) == "color\n"


@mini
def test_newlines_and_bom_are_kept_byte_for_byte() -> None:
    source = decode(b"\xef\xbb\xbfteh\r\nkeep\nteh\rend", "list.md")
    outcome = fix_source(source, fixer(Typo))
    assert outcome.source.encode() == b"\xef\xbb\xbfthe\r\nkeep\nthe\rend"


@mini
def test_a_replacement_newline_takes_the_file_newline() -> None:
    split = regex_rule("AL514", "; ", "\n")
    source = decode(b"a; b\r\n", "list.md")
    assert fix_source(source, fixer(split)).source.encode() == b"a\r\nb\r\n"


ENTRIES = "**Paper A** \\\n[[Paper](https://a.org)]\n\n**Paper B** \\\n[[Paper](https://b.org)]\n"


def dropped_reasons(outcome) -> list[tuple[str, str]]:
    return [(d.diagnostic.code, d.reason) for d in outcome.dropped]


@mini
def test_a_fix_that_loses_an_entry_is_dropped_with_its_reason() -> None:
    drop_b = regex_rule("AL515", r"\n\n\*\*Paper B.*", "")
    outcome = fix_source(from_raw("list.md", ENTRIES), fixer(drop_b))
    assert (outcome.source.text, outcome.applied) == (ENTRIES, 0)
    assert dropped_reasons(outcome) == [("AL515", "it would lose the entry title 'Paper B'")]
    assert outcome.dropped[0].note() == (
        "list.md:2:25: warning: AL515 fix not applied: it would lose the entry title 'Paper B'"
    )
    assert [d.code for d in outcome.diagnostics] == ["AL515"]  # it stays a finding


@mini
def test_one_harmful_fix_does_not_stop_the_others() -> None:
    unlink = regex_rule("AL516", r"\(https://b\.org\)", "")
    outcome = fix_source(from_raw("list.md", "teh\n\n" + ENTRIES), fixer(unlink, Typo))
    assert outcome.source.text == "the\n\n" + ENTRIES
    assert dropped_reasons(outcome) == [("AL516", "it would lose the link URL 'https://b.org'")]


@mini
def test_a_fix_may_replace_a_url_by_another() -> None:
    redirect = regex_rule("AL517", r"https://b\.org", "https://b.example/new")
    assert fixed(ENTRIES, redirect) == ENTRIES.replace("https://b.org", "https://b.example/new")


@mini
def test_a_url_edit_does_not_excuse_a_lost_link() -> None:
    # One fix edits a URL, another removes a whole link: the first applies, the second not.
    redirect = regex_rule("AL517", r"https://a\.org", "https://a.example")
    unlink = regex_rule("AL518", r"\[\[Paper\]\(https://b\.org\)\]", "")
    outcome = fix_source(from_raw("list.md", ENTRIES), fixer(redirect, unlink))
    assert outcome.source.text == ENTRIES.replace("https://a.org", "https://a.example")
    assert dropped_reasons(outcome) == [("AL518", "it would lose the link URL 'https://b.org'")]


@mini
def test_an_edit_inside_a_url_that_breaks_the_link_is_dropped() -> None:
    breaks = regex_rule("AL519", r"b\.org", "b. org")  # the URL no longer parses as a link
    outcome = fix_source(from_raw("list.md", ENTRIES), fixer(breaks))
    assert outcome.source.text == ENTRIES
    assert dropped_reasons(outcome) == [("AL519", "it would lose the link URL 'https://b.org'")]


@mini
def test_an_insertion_at_a_url_end_edits_the_url_and_must_yield_it() -> None:
    # Inserting at the URL's end (AL102's " \\" on a URL split over two lines) breaks the
    # link: dropped. Inserting a path that keeps the link is what the edit meant: applied.
    text = "**T** \\\n[[Paper](https://a.org)]\n"
    breaks = regex_rule("AL520", r"(?<=https://a\.org)", " x")
    outcome = fix_source(from_raw("list.md", text), fixer(breaks))
    assert dropped_reasons(outcome) == [("AL520", "it would lose the link URL 'https://a.org'")]
    extends = regex_rule("AL521", r"(?<=https://a\.org)(?=\))", "/x")
    assert fixed(text, extends) == text.replace("a.org", "a.org/x")


@mini
def test_an_insertion_at_a_title_end_edits_the_title() -> None:
    # fix-01: AL106 adds the house's final period at the title's end.
    period = regex_rule("AL522", r"(?<=Paper B)(?=\*\*)", ".")
    assert fixed(ENTRIES, period) == ENTRIES.replace("Paper B", "Paper B.")


@mini
def test_a_fix_that_breaks_a_title_is_dropped() -> None:
    eats = regex_rule("AL523", r"(?<=Paper B)\*\*", "")  # the bold no longer closes
    outcome = fix_source(from_raw("list.md", ENTRIES), fixer(eats))
    assert dropped_reasons(outcome) == [("AL523", "it would lose the entry 'Paper B'")]


@mini
def test_of_two_fixes_on_one_place_the_harmful_one_is_found() -> None:
    # Both touch Paper B's entry; the first is harmless, the second loses it.
    harmless = regex_rule("AL524", r"(?<=\*\*Paper )B(?=\*\*)", "Bee")
    harmful = regex_rule("AL525", r"\*\*(?= \\\n\[\[Paper\]\(https://b)", "")
    outcome = fix_source(from_raw("list.md", ENTRIES), fixer(harmless, harmful))
    assert "**Paper Bee**" in outcome.source.text
    assert [code for code, _ in dropped_reasons(outcome)] == ["AL525"]


@mini
def test_a_fix_may_edit_a_title() -> None:
    assert fixed("**A teh paper** \\\n", Typo) == "**A the paper** \\\n"


def diagnostic(*edits: Edit, safe: bool = True) -> Diagnostic:
    span = Span(1, 1, 1, 1, 0, 0)
    return Diagnostic("AL599", "t", 3, "x.md", span, "m", Fix(tuple(edits), safe=safe))


def test_choose_fixes_skips_overlaps_noops_and_malformed_fixes() -> None:
    text = "abcdef"
    first = diagnostic(Edit(0, 2, "X"))
    overlapping = diagnostic(Edit(1, 3, "Y"))
    noop = diagnostic(Edit(3, 4, "d"))
    out_of_range = diagnostic(Edit(4, 9, "Z"))
    self_overlap = diagnostic(Edit(3, 5, "P"), Edit(4, 6, "Q"))
    insert = diagnostic(Edit(4, 4, "+"))
    same_point = diagnostic(Edit(4, 4, "-"))
    adjacent = diagnostic(Edit(2, 3, "C"))
    no_fix = Diagnostic("AL599", "t", 3, "x.md", Span(1, 1, 1, 1, 0, 0), "m")
    chosen = choose_fixes(
        [
            first,
            overlapping,
            noop,
            out_of_range,
            self_overlap,
            insert,
            same_point,
            adjacent,
            no_fix,
        ],
        text,
        unsafe=False,
    )
    assert chosen == [first.fix, insert.fix, adjacent.fix]


def test_unified_diff() -> None:
    before, after = from_raw("list.md", "a\nteh\nc"), from_raw("list.md", "a\nthe\nc")
    assert unified_diff(before, after) == (
        "--- list.md\n+++ list.md\n@@ -1,3 +1,3 @@\n a\n-teh\n+the\n c\n"
        "\\ No newline at end of file\n"
    )


def test_write_atomic_keeps_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["README.md"]


def test_write_atomic_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(str(link), b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


def test_write_atomic_reports_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"gone\.md: error: cannot write the fixes: "):
        write_atomic(str(tmp_path / "nowhere" / "gone.md"), b"x")


def test_mini_document_sanity() -> None:
    doc = mini_document(ENTRIES)
    assert [entry.title.text for entry in doc.entries] == ["Paper A", "Paper B"]
    assert [link.url for link in doc.links] == ["https://a.org", "https://b.org"]


# --- the real pipeline: built-in rules on the real parser -----------------------------------


def real_engine() -> Engine:
    return Engine(builtin_registry().select())


BLOCK = (
    "# List\n\n"
    "**A Paper** \\\n*Ann Author* \\\n[22th Jul., 2022] [MICCAI, 2022] \\\n"
    "[[Paper](https://arxiv.org/abs/2207.00001)]\n\n"
    "**B Paper** \\\n*Bob Author* \\\n[3th Jul., 2022] [MICCAI, 2022] \\\n"
    "[[Paper](https://arxiv.org/abs/2207.00002)]\n"
)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [False, True])
def test_real_fix_keeps_newlines_and_bom(newline: str, bom: bool) -> None:
    data = ("\ufeff" if bom else "").encode() + BLOCK.replace("\n", newline).encode()
    outcome = fix_source(decode(data, "list.md"), real_engine())
    expected = BLOCK.replace("22th", "22nd").replace("3th", "3rd").replace("\n", newline)
    assert outcome.source.encode() == ("\ufeff" if bom else "").encode() + expected.encode()
    assert outcome.applied == 2


@pytest.mark.slow  # with tests/test_fix_lists.py, which runs the command twice on each list
@needs_corpus
@pytest.mark.parametrize(
    "path",
    [path for path in corpus_files()],
    ids=lambda path: path.name[:48],
)
def test_fixing_a_corpus_file_loses_nothing_and_is_idempotent(path: Path) -> None:
    source = read_source(str(path))
    outcome = fix_source(source, real_engine())  # raises if an entry, title or URL is lost
    assert outcome.converged
    assert [d for d in outcome.diagnostics if d.fix is not None and d.fix.safe] == []
    again = fix_source(outcome.source, real_engine())
    assert (again.applied, again.source.raw) == (0, outcome.source.raw)


@pytest.mark.parametrize(
    ("location", "written"),
    [
        ("https://a.org/x(1) y", "https://a.org/x%281%29%20y"),
        ("https://Bücher.example/p?q=<b>#f)", "https://xn--bcher-kva.example/p?q=%3Cb%3E#f%29"),
        ("HTTP://a.org", "http://a.org/"),
        ("https://a.org/%28kept%29", "https://a.org/%28kept%29"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("javascript:alert(1)", None),
        ("https://user:secret@a.org/", None),
        ("https:///no-host", None),
        ("https://a.org:99999/", None),
    ],
)
def test_a_redirect_target_is_written_only_as_a_valid_link_destination(
    location: str, written: str | None
) -> None:
    assert link_destination(location) == written


def test_blame_drops_the_only_suspect_defers_the_rest_and_halves_when_none_is_found() -> None:
    from awesome_lint.fix import _blame
    from awesome_lint.fixguard import Problem

    a, b, c, d = (diagnostic(Edit(n * 10, n * 10 + 2, "x")) for n in range(4))
    only_b = Problem("it would lose b", ((11, 11),))  # only b's edit touches it
    kept, dropped = _blame([a, b, c, d], [only_b])
    assert (kept, [(x.diagnostic, x.reason) for x in dropped]) == (
        [a, c, d],
        [(b, "it would lose b")],
    )
    c_or_d = Problem("it would lose c or d", ((20, 32),))  # both: c stays, d waits
    assert _blame([a, c, d], [c_or_d]) == ([a, c], [])
    nowhere = Problem("the result cannot be parsed", ())  # no place: try the first half
    assert _blame([a, c, d], [nowhere]) == ([a], [])
    kept, dropped = _blame([c], [nowhere])  # alone, it is the cause
    assert (kept, [x.diagnostic for x in dropped]) == ([], [c])
