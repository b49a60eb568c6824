"""The one table of names (``awesome_lint.names``): no contradictions, and every rule that
corrects a name's spelling (AL104 labels, AL207 venues, AL503 prose) asks for the table's."""

from __future__ import annotations

import pytest

from awesome_lint import lint_text
from awesome_lint.names import LABEL, NAMES, PROSE, VENUE, VENUE_ALIASES, spellings

SPELLING_RULES = ["AL104", "AL207", "AL503"]


def entry_list(prose: str, venue: str, label: str) -> str:
    return (
        f"# Papers\n\nCollected from {prose}.\n\n"
        "**A Paper** \\\n*A. Author* \\\n"
        f"[25th Jul., 2022] [{venue}, 2022] \\\n"
        f"[[Paper](https://arxiv.org/abs/2207.12268)] [[{label}](https://example.org/a)]\n\n"
        "**B Paper** \\\n*B. Author* \\\n"
        f"[24th Jul., 2022] [{venue}, 2022] \\\n"
        f"[[Paper](https://arxiv.org/abs/2207.12269)] [[{label}](https://example.org/b)]\n"
    )


def findings(text: str) -> list[str]:
    found = lint_text(text, select=SPELLING_RULES)
    return [f"{d.span.line}:{d.span.column} {d.code} {d.message}" for d in found]


def test_each_name_is_in_the_table_once() -> None:
    lowered = [spelling.lower() for spelling, _ in NAMES]
    assert len(lowered) == len(set(lowered))  # "chemRxiv" beside "ChemRxiv" would fail here
    assert all(places for _, places in NAMES)


def test_aliases_lead_to_a_venue_of_the_table() -> None:
    venues = spellings(VENUE)
    assert all(venues[right.lower()] == right for right in VENUE_ALIASES.values())
    assert not set(VENUE_ALIASES) & set(venues)  # an alias is never itself a right spelling


@pytest.mark.parametrize(("spelling", "places"), NAMES, ids=[name for name, _ in NAMES])
def test_no_rule_flags_a_name_spelled_as_the_table_says(spelling: str, places: frozenset) -> None:
    """A rule with its own table that spelled a name otherwise would report it here."""
    prose = spelling if PROSE in places else "the web"
    venue = spelling if VENUE in places else "CVPR"
    label = spelling if LABEL in places else "Code"
    assert findings(entry_list(prose, venue, label)) == []


def test_chemrxiv_is_one_spelling_in_prose_and_venues() -> None:
    text = entry_list("Chemrxiv", "chemRxiv", "Code")
    assert findings(text) == [
        '3:16 AL503 "Chemrxiv" should be "ChemRxiv"',
        '7:20 AL207 "chemRxiv" should be "ChemRxiv"',
        '12:20 AL207 "chemRxiv" should be "ChemRxiv"',
    ]


def test_github_in_prose_and_labels() -> None:
    text = entry_list("Github", "CVPR", "Github")
    # Labels that consistently say "Github" are the list's own style (AL104's canonical-names
    # is opt-in); prose is held to the owner's spelling.
    assert findings(text) == ['3:16 AL503 "Github" should be "GitHub"']
