"""AL503 lower-cases a long text a slice at a time, each cut after a blank (CPython's ``str.lower`` of
a non-ASCII string allocates 12 bytes a character): the words it flags are those of the whole
text, whatever the slice boundaries and wherever a lower case would change the length."""

from __future__ import annotations

import pytest

from awesome_lint.names import PROSE, spellings
from awesome_lint.rules import al503_spelling
from awesome_lint.rules.al503_spelling import _WORD, _misspelled, _slices


def reference(text: str, names: dict[str, str]) -> list[tuple[int, str]]:
    """Every word of the whole text whose lower case names a name it does not spell."""
    return [
        (m.start(), m.group())
        for m in _WORD.finditer(text)
        if names.get(m.group().lower(), m.group()) != m.group()
    ]


@pytest.mark.parametrize("odd_line", ["", "İstanbul Github\n", "Straße Github Σ\n"])
def test_sliced_search_finds_what_a_whole_text_search_finds(
    odd_line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(al503_spelling, "_SLICE", 50)  # many slices, names at their edges
    lines = [f"line {n}: code on Github and Arxiv, not github.io\n" for n in range(40)]
    lines[9] = "no newline for long:" + " Github" * 30 + " "  # (as blanked code leaves it)
    lines[17] = odd_line
    text = "".join(lines) + "Pytorch"  # the last slice has no newline
    names = spellings(PROSE)
    found = [(m.start(), m.group()) for m in _misspelled(text, names)]
    assert found == reference(text, names)
    assert (text.index("Pytorch"), "Pytorch") in found
    assert len(found) >= 79  # two a line but the odd one, and the last word


def test_slices_end_after_a_blank_and_cover_the_text() -> None:
    text = "ab\ncd ef\n\ngh"
    slices = list(_slices(text, 2))
    assert slices == [(0, 3), (3, 6), (6, 9), (9, 12)]
    assert all(text[end - 1] in " \n" for _, end in slices[:-1])
    assert list(_slices("", 2)) == []
