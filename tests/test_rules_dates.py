"""AL2xx dates and venues: AL201, AL203 to AL207 on small inputs, their fixes, and the real lists."""

from __future__ import annotations

import datetime

import pytest

from awesome_lint.diagnostics import Severity
from awesome_lint.rules.al204_date_order import DateOrderOptions
from awesome_lint.rules.al206_arxiv_date_mismatch import ArxivDateOptions
from awesome_lint.urls import arxiv_identifier as arxiv_id
from awesome_lint.venues import read_venue

from .corpus import corpus_file, corpus_files, read_text
from .rulebook import apply_safe_fixes, run_rule

TODAY = datetime.date(2026, 11, 24)
SEED = "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__59825db"
V08 = "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__08b235e"
VDA = "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__da4e07e"
V169 = "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__169ee0e"
LEGACY = "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__7361d6d"
HEE = "hee9joon__Awesome-Diffusion-Models__01be334"


def block(date: str, venue: str = "arXiv, 2022", arxiv: str = "2207.12268", n: int = 0) -> str:
    """A seed-style block (format A): title, authors, [date] [venue], links."""
    return (
        f"**Paper number {n}** \\\n*Ann Author, Bo Author* \\\n[{date}] [{venue}] \\\n"
        f"[[Paper](https://arxiv.org/abs/{arxiv})]\n"
    )


def blocks(*dates: str, venue: str = "arXiv, 2022", arxiv: str = "2207.12268") -> str:
    return "\n".join(block(d, venue, arxiv, i) for i, d in enumerate(dates))


def found(code: str, text: str, config: str | None = None, today=TODAY) -> list[tuple]:
    return [(d.span.line, d.span.column) for d in run_rule(code, text, config, today)]


def corpus_found(code: str, prefix: str, config: str | None = None) -> list[int]:
    text = read_text(corpus_file(prefix))
    return [d.span.line for d in run_rule(code, text, config, TODAY)]


# -- AL201 date-format -------------------------------------------------------------------------


def test_al201_reports_each_trigger_at_its_characters() -> None:
    text = blocks(
        "25th Jul., 2022",
        "2nd May",  # no year
        "5th Jul., 20223",  # typo year
        "31st Feb., 2022",  # not on the calendar
        "Aug., 2022",  # no day in a list of days
        "8th, Jul., 2022",  # a comma between day and month
        "9th Jul., 2022",
        "10th Jul., 2022",
    )
    assert found("AL201", text) == [(8, 2), (13, 12), (18, 2), (23, 2), (28, 5)]
    messages = [d.message for d in run_rule("AL201", text, today=TODAY)]
    assert messages[0] == 'date "2nd May" misses its year (the list writes "25th Jul., 2022")'
    assert messages[1].startswith('year "20223" is not a year')
    assert messages[4].startswith('", " between day and month')


def test_al201_house_layout_comes_from_the_list() -> None:
    hee = "**T{n}** \\\n*A B* \\\narXiv 2023. [[Paper](https://arxiv.org/abs/2310.10647)] \\\n{d}\n"
    dates = ["16 Oct 2023", "11 Oct 2023", "2023-10-02"]
    text = "\n".join(hee.format(n=i, d=d) for i, d in enumerate(dates))
    assert found("AL201", text) == [(14, 1)]
    assert run_rule("AL201", text)[0].message.endswith('(the list writes "25 Jul 2022")')
    # the same ISO date in a list of ISO dates is fine
    iso = "\n".join(hee.format(n=i, d=d) for i, d in enumerate(["2023-10-16", "2023-10-02"]))
    assert found("AL201", iso) == []


def test_al201_a_date_with_stray_characters() -> None:
    text = blocks("25th Jul., 2022", "26th Jul., 2022") + "\n" + block("27th Jul., 2022", n=5)
    text = text.replace("[27th Jul., 2022]", "[27th Jul., 2022]]")  # still a date: no finding
    assert found("AL201", text) == []
    hee = "**T{n}** \\\n*A B* \\\narXiv 2023. [[Paper](https://arxiv.org/abs/2310.10647)] \\\n{d}\n"
    dates = ["16 Oct 2023", "11 Oct 2023", "30 Oct 2023``"]
    text = "\n".join(hee.format(n=i, d=d) for i, d in enumerate(dates))
    assert found("AL201", text) == [(14, 12)]


def test_al201_clean_list_is_clean() -> None:
    assert found("AL201", blocks("25th Jul., 2022", "1st May, 2022", "3rd Jan., 2021")) == []


def test_al201_real_lists() -> None:
    assert corpus_found("AL201", VDA) == [173]  # [2nd May]
    assert corpus_found("AL201", V169) == [204, 1733]  # [2nd May], [8th, Jul., 2024]
    assert corpus_found("AL201", HEE) == [14062]  # 30 Oct 2023``


# -- AL203 month-style -------------------------------------------------------------------------


ABBREVIATED = [f"{n}th {m}., 2022" for n in (10, 11) for m in ("Jan", "Feb", "Mar", "Jun", "Jul")]
ABBREVIATED += [f"{n}th {m}., 2022" for n in (12, 13) for m in ("Aug", "Oct", "Nov")]


def test_al203_spelling_punctuation_and_fix() -> None:
    text = blocks(
        "1st Mar., 2022",
        "2nd July, 2022",
        "3rd Aug, 2022",
        "4th May., 2022",
        "5th Sept. 2022",
        "6th Oct., 2022",
        "7th May, 2022",
        "8th Nov., 2022",
        "9th May, 2022",
        *ABBREVIATED,
    )
    assert found("AL203", text) == [(8, 6), (13, 6), (18, 6), (23, 6)]
    assert [d.message for d in run_rule("AL203", text)] == [
        '"July," should be "Jul.,"',
        '"Aug," should be "Aug.,"',
        '"May.," should be "May,"',
        '"Sept." should be "Sep.,"',
    ]
    fixed = apply_safe_fixes(text, run_rule("AL203", text))
    assert "[2nd Jul., 2022]" in fixed and "[5th Sep., 2022]" in fixed
    assert "[4th May, 2022]" in fixed and "[3rd Aug., 2022]" in fixed
    assert run_rule("AL203", fixed) == []


def test_al203_may_with_a_period_when_the_list_writes_it_so() -> None:
    text = blocks(
        "1st May., 2022",
        "2nd May., 2022",
        "3rd Jun., 2022",
        "4th May, 2022",
        "5th Jul., 2022",
        "6th Aug., 2022",
    )
    assert [d.message for d in run_rule("AL203", text)] == ['"May," should be "May.,"']


def test_al203_real_lists() -> None:
    lines = corpus_found("AL203", V08)
    assert {151, 220, 477, 651, 984} <= set(lines)  # Aug, June, May., July. July,
    assert len(lines) == 11
    assert 2610 in corpus_found("AL203", V169)  # [13th December, 2024]
    assert corpus_found("AL203", LEGACY) == [103]  # Octobor 2022
    assert corpus_found("AL203", HEE) == [2909]  # 6 DEc 2022


# -- AL204 date-order --------------------------------------------------------------------------


def test_al204_reports_the_entry_that_moved() -> None:
    text = "## S\n\n" + blocks(
        "7th Oct., 2022", "1st Jan., 2022", "2nd Sep., 2022", "3rd Aug., 2022"
    )
    # Jan. is out of place: it is reported, not the entry after it (false-14)
    assert found("AL204", text) == [(10, 2)]
    diagnostic = run_rule("AL204", text)[0]
    assert diagnostic.message == (
        '"1st Jan., 2022" is older than "2nd Sep., 2022" on line 15 after it; '
        "the section is newest-first"
    )
    assert diagnostic.severity is Severity.WARNING


def test_al204_fix_is_an_unsafe_stable_reorder_of_whole_blocks() -> None:
    text = "## S\n\n" + blocks(
        "7th Oct., 2022", "1st Jan., 2022", "2nd Sep., 2022", "2nd Sep., 2022"
    )
    diagnostics = run_rule("AL204", text)
    assert [d.fix.safe for d in diagnostics if d.fix] == [False]
    assert apply_safe_fixes(text, diagnostics) == text  # not applied without --unsafe-fixes
    fixed = apply_safe_fixes(text, diagnostics, unsafe=True)
    assert "## S\n\n" + blocks() != fixed
    order = [line for line in fixed.splitlines() if line.startswith("**")]
    assert order == ["**Paper number 0** \\", "**Paper number 2** \\", "**Paper number 3** \\",
                     "**Paper number 1** \\"]  # fmt: skip
    assert sorted(fixed.splitlines()) == sorted(text.splitlines())
    assert run_rule("AL204", fixed) == []


def test_al204_directions_and_option() -> None:
    oldest = "## S\n\n" + blocks(
        "1st Jan., 2020", "1st Jan., 2021", "1st Jan., 2019", "1st Jan., 2022"
    )
    assert found("AL204", oldest) == [(15, 2)]  # oldest-first by majority: 2019 after 2021
    newest = 'rules.AL204.order = "newest-first"'
    assert found("AL204", oldest, newest) == [(1, 4)]  # not sorted newest first at all
    assert run_rule("AL204", oldest, newest)[0].message == (
        'section "S" is not sorted by date; the rest of the list is newest-first'
    )
    assert found("AL204", "## S\n\n" + blocks("1st Jan., 2022", "1st Jan., 2021")) == []
    tie = "## S\n\n" + blocks("1st Jan., 2022", "1st Jan., 2020", "1st Jan., 2021")
    assert found("AL204", tie) == [(15, 2)]  # unclear: newest first
    with pytest.raises(ValueError):
        DateOrderOptions(order="sideways")


def test_al204_leaves_unsorted_sections_and_coarse_dates_alone() -> None:
    unsorted = "## S\n\n" + blocks(
        "1st Jan., 2022", "1st Mar., 2021", "1st Feb., 2023", "1st Jan., 2020", "1st May, 2024"
    )
    assert found("AL204", unsorted) == []
    assert found("AL204", unsorted, 'rules.AL204.order = "newest-first"') == [(1, 4)]
    coarse = "## S\n\n" + blocks("15th Aug., 2022", "Aug., 2022", "2nd Aug., 2022")
    assert found("AL204", coarse) == []


def test_al204_real_lists() -> None:
    assert corpus_found("AL204", SEED) == [87, 228]  # 13th Sep. after 27th Jan.; both inversions
    lines = corpus_found("AL204", V169)
    # PROVENANCE: 17 violations; the entries that moved are reported (a run of five July
    # papers placed above the August ones is five findings, lines 1668 to 1688)
    assert len(lines) == 24 and {213, 218, 1234, 1668, 1688} <= set(lines)
    assert corpus_found("AL204", LEGACY) == []  # an unsorted list


@pytest.mark.slow  # each fixed list is a new text to parse
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:40])
def test_al204_fix_keeps_every_line_and_settles(path) -> None:
    text = read_text(path)
    fixed = apply_safe_fixes(text, run_rule("AL204", text), unsafe=True)
    assert sorted(fixed.splitlines()) == sorted(text.splitlines())
    assert run_rule("AL204", fixed) == []


# -- AL205 future-date -------------------------------------------------------------------------


def test_al205_future_dates_at_their_precision() -> None:
    text = blocks(
        "24th Nov., 2026", "25th Nov., 2026", "Nov., 2026", "Dec., 2026", "1st Jan., 2027"
    )
    assert found("AL205", text) == [(8, 2), (18, 2), (23, 2)]
    assert (
        run_rule("AL205", text, today=TODAY)[0].message == 'date "25th Nov., 2026" is in the future'
    )
    assert found("AL205", text, today=datetime.date(2027, 1, 1)) == []


def test_al205_real_lists_are_in_the_past() -> None:
    for path in corpus_files():
        assert run_rule("AL205", read_text(path), today=TODAY) == [], path.name


# -- AL206 arxiv-date-mismatch -----------------------------------------------------------------


def test_arxiv_ids_new_old_and_pdf() -> None:
    assert arxiv_id("https://arxiv.org/abs/2207.12268")[:3] == ("2207.12268", 2022, 7)
    assert arxiv_id("https://arxiv.org/pdf/2207.12268v2.pdf")[:3] == ("2207.12268", 2022, 7)
    assert arxiv_id("http://arxiv.org/abs/2207.12268v2")[:3] == ("2207.12268", 2022, 7)
    assert arxiv_id("https://arxiv.org/abs/hep-th/9901001v3")[:4] == (
        "hep-th/9901001",
        1999,
        1,
        False,
    )
    assert arxiv_id("https://arxiv.org/pdf/cs/0112017.pdf")[:3] == ("cs/0112017", 2001, 12)
    assert arxiv_id("https://github.com/x/2207.12268") is None


def test_al206_tolerance_and_venue_first() -> None:
    text = "\n".join(
        [
            block("27th Jan., 2022", "arXiv, 2022", "2206.13295", 0),  # 5 months: reported
            block("1st Jul., 2024", "arXiv, 2024", "2408.10207", 1),  # 1 month: accepted
            block("28th Sep., 2021", "NeurIPS Workshop, 2021", "2207.12598", 2),  # venue first
            block("22nd Apr., 2022", "MIDL, 2022", "2206.13295v1", 3),  # same year: reported
            block("9th Dec., 2022", "arXiv, 2022", "2209.00001", 4),  # 3 months after
        ]
    )
    # A group of publication dates: only a date before the arXiv id can be told wrong
    assert found("AL206", text) == [(3, 2), (18, 2)]
    # A group that dates its papers by their arXiv month (16 of 20): a later date stands out
    text += "\n" + "\n".join(
        block(f"{n}th Oct., 2022", "arXiv, 2022", f"2210.000{n:02d}", n) for n in range(5, 20)
    )
    assert found("AL206", text) == [(3, 2), (18, 2), (23, 2)]
    assert [d.message for d in run_rule("AL206", text)][2] == (
        'date "9th Dec., 2022" is 3 months after arXiv 2209.00001 (Sep 2022)'
    )
    assert found("AL206", text, "rules.AL206.tolerance-months = 5") == []
    assert found("AL206", text, "rules.AL206.venue-first = false") == [
        (3, 2),
        (13, 2),
        (18, 2),
        (23, 2),
    ]
    with pytest.raises(ValueError):
        ArxivDateOptions(tolerance_months=-1)


def test_al206_real_lists() -> None:
    assert 223 in corpus_found("AL206", SEED)  # [27th Jan., 2022] vs 2206.13295
    assert corpus_found("AL206", SEED) == [199, 223, 228]  # and the two copy-pasted ids
    assert {107, 2243} <= set(corpus_found("AL206", V169))
    hee = corpus_found("AL206", HEE)
    assert 2106 not in hee  # NeurIPS Workshop 2021 dated 28 Sep 2021, arXiv 2207.12598
    assert 2106 in corpus_found("AL206", HEE, "rules.AL206.venue-first = false")


# -- AL207 venue-format ------------------------------------------------------------------------


def test_read_venue_layouts() -> None:
    assert read_venue("MICCAI, 2022")[:3] == ("comma", "MICCAI", "2022")
    assert read_venue("NeurIPS 2022 (Oral)")[:3] == ("space", "NeurIPS", "2022")
    assert read_venue("arXiv, 20223")[:3] == (None, "arXiv", "20223")
    assert read_venue("EUSIPCO")[:3] == (None, "EUSIPCO", "")


def test_al207_spellings_are_fixed() -> None:
    text = "\n".join(
        [
            block("1st Mar., 2022", "Miccai, 2022", n=0),
            block("2nd Mar., 2022", "arxiv, 2022", n=1),
            block("3rd Mar., 2022", "NIPS Workshop, 2022", n=2),
            block("4th Mar., 2022", "BioRXiv, 2022", n=3),
        ]
    )
    assert found("AL207", text) == [(3, 19), (8, 19), (13, 19), (18, 19)]
    fixed = apply_safe_fixes(text, run_rule("AL207", text))
    for venue in ("[MICCAI, 2022]", "[arXiv, 2022]", "[NeurIPS Workshop, 2022]", "[bioRxiv, 2022]"):
        assert venue in fixed
    assert run_rule("AL207", fixed) == []


def test_al207_layout_and_years() -> None:
    text = "\n".join(
        [
            block("1st Mar., 2022", "MICCAI, 2022", n=0),
            block("2nd Mar., 2022", "MICCAI 2022", n=1),  # not the house layout
            block("3rd Mar., 2022", "EUSIPCO", n=2),  # no year
            block("4th Mar., 2022", "arXiv, 2021", "2203.00001", 3),  # not the id's year
            block("5th Mar., 2022", "ICLR, 2021", "2203.00001", 4),  # the date is the arXiv one
            block("6th Mar., 2022", "ICLR, 2020", "2003.00001", 5),  # two years before the date
            block("7th Jan., 1999", "arXiv, 1999", "hep-th/9901001", 6),  # old-style id: fine
        ]
    )
    assert found("AL207", text) == [(8, 19), (13, 19), (18, 26), (28, 25)]
    old = block("7th Jan., 2000", "arXiv, 2000", "hep-th/9901001")
    assert [d.message for d in run_rule("AL207", old)] == [
        "venue year 2000 differs from arXiv hep-th/9901001 (1999)"
    ]


def test_al207_a_repeated_yearless_label_is_the_list_own() -> None:
    text = "\n".join(block(f"{i + 1}st Mar., 2022", "Preprint", n=i) for i in range(3))
    text += "\n" + "\n".join(block("1st Mar., 2022", "ICLR, 2022", n=9 + i) for i in range(3))
    assert found("AL207", text) == []


def test_al207_real_lists() -> None:
    text = read_text(corpus_file(SEED))
    diagnostics = run_rule("AL207", text)
    assert [(d.span.line, d.span.column) for d in diagnostics] == [(101, 20), (272, 20)]
    assert diagnostics[1].message == '"BioRXiv" should be "bioRxiv"'
    assert (984, 26) in [
        (d.span.line, d.span.column) for d in run_rule("AL207", read_text(corpus_file(V08)))
    ]  # 20223


# -- no false alarms ---------------------------------------------------------------------------

CLEAN = "xmindflow__Awesome-Foundation-Models-in-Medical-Imaging"


def test_a_consistent_real_list_yields_nothing() -> None:
    text = read_text(corpus_file(CLEAN))
    for code in ("AL201", "AL203", "AL205", "AL206", "AL207"):
        assert run_rule(code, text, today=TODAY) == [], code
    assert [d.span.line for d in run_rule("AL204", text)] == [87, 206]  # PROVENANCE: L206


def test_al207_a_list_that_always_writes_arxiv_its_way_keeps_it() -> None:
    """House over canon (noise-03 for venues): "Arxiv" in every entry is the list's spelling."""
    text = "\n".join(block(f"{n + 1}st Mar., 2022", "Arxiv, 2022", n=n) for n in range(4))
    assert found("AL207", text) == []
    canonical = "[rules.AL207]\ncanonical-names = true\n"
    assert found("AL207", text, canonical) == [(3, 19), (8, 19), (13, 19), (18, 19)]
    odd = text + "\n" + block("5th Mar., 2022", "ArXiv, 2022", n=9)
    assert [d.message for d in run_rule("AL207", odd)] == ['"ArXiv" should be "Arxiv"']
