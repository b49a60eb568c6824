"""The house style: one voting helper, votes per group with the family's for small groups,
the pins of [style], and --show-style."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from awesome_lint import cli
from awesome_lint.parse import parse_document
from awesome_lint.slug import slugify
from awesome_lint.style import infer_style, pin_style, vote, vote_any


def test_a_convention_needs_a_strong_majority_of_enough_votes() -> None:
    assert vote(["a"] * 8 + ["b"] * 2).value == "a"  # 80 %
    assert vote(["a"] * 7 + ["b"] * 3).value is None  # 70 %: no convention
    assert vote(["a"] * 7 + ["b"] * 3).leader == "a"
    assert vote(["a", "a", "b"]).value == "a"  # all but one of three
    assert vote(["a", "a", "b", "b"]).value is None
    assert vote(["a", "a"]).value is None  # too few votes
    assert vote(["a", None, "a", "a"]).total == 3  # None casts no vote


def test_a_voter_fitting_several_conventions_counts_for_each() -> None:
    fits = [{"abbr-dot", "ap"}, {"full", "ap"}, {"ap"}, {"abbr-dot", "ap"}]
    assert vote_any(fits).value == "ap"
    both = [{"abbr-dot", "ap"}] * 4
    assert vote_any(both, prefer=("abbr-dot", "ap")).value == "abbr-dot"  # the simpler wins


TWO_GROUPS = """\
## Tables

| Release | Title | Pub. | Link |
| --- | --- | --- | --- |
| 2024/05 | **Alpha Net** | CVPR 2024 | [Paper](https://arxiv.org/abs/2405.00001) |
| 2024/03 | **Beta Net** | ECCV 2024 | [Paper](https://arxiv.org/abs/2403.00002) |
| 2024/01 | **Gamma Net** | ICLR 2024 | [Paper](https://arxiv.org/abs/2401.00003) |

## Blocks

**Delta Net** \\
*Ann Lee, Bo Kim* \\
[1st Feb., 2024] [CVPR, 2024] \\
[[Paper](https://arxiv.org/abs/2402.00004)]

**Epsilon Net** \\
*Cy Park, Di Wu* \\
[2nd Jan., 2024] [ICCV, 2023] \\
[[Paper](https://arxiv.org/abs/2401.00005)]

**Zeta Net** \\
*Ed Ng, Fa Li* \\
[3rd Jan., 2024] [ECCV, 2024] \\
[[Paper](https://arxiv.org/abs/2401.00006)]
"""


def test_each_group_votes_its_own_style() -> None:
    doc = parse_document(TWO_GROUPS, "list.md")
    style = infer_style(doc)
    table, blocks = (style.of(doc.entries[0]), style.of(doc.entries[3]))
    assert (table.date_layout, table.venue_layout, table.link_brackets) == ("ym", "space", False)
    assert (blocks.date_layout, blocks.venue_layout, blocks.link_brackets) == ("dmy", "comma", True)
    assert blocks.break_token == " \\" and blocks.month_style == "abbr-dot"


def test_pins_hold_in_every_group() -> None:
    doc = parse_document(TWO_GROUPS, "list.md")
    pinned = pin_style(infer_style(doc), {"venue_layout": "comma", "title_period": True}, doc)
    assert {(g.venue_layout, g.title_period) for g in pinned.groups} == {("comma", True)}
    assert pinned.groups[0].votes["venue_layout"].evidence() == "pinned in [style]"


def test_show_style_prints_each_group_with_its_evidence(tmp_path: Path) -> None:
    (tmp_path / "list.md").write_text(TWO_GROUPS, encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["--isolated", "--show-style", str(tmp_path / "list.md")])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].endswith("list.md: 6 entries in 2 groups")
    assert lines[1] == 'group 1: lines 5-7, "Tables", 3 row entries, layout `row`'
    assert "  date layout: ym (`2022/07`): 3 of 3 dates" in lines
    assert "  venue layout: comma (`CVPR, 2023`): 3 of 3 venues" in lines
    assert "  line breaks: `\\`: 9 of 9 breaks" in lines


def test_info_findings_are_counted_and_listed_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "list.md").write_text("# Awesome Papers\n\n" + TWO_GROUPS, encoding="utf-8")
    path = str(tmp_path / "list.md")
    quiet = CliRunner().invoke(cli.main, ["--isolated", path])
    assert "AL501" not in quiet.stdout and "AL502" not in quiet.stdout
    assert "2 info not listed (--show-info lists them)." in quiet.stdout
    shown = CliRunner().invoke(cli.main, ["--isolated", "--show-info", path])
    assert "AL501" in shown.stdout and "AL502" in shown.stdout
    failing = CliRunner().invoke(cli.main, ["--isolated", "--fail-on", "info", path])
    assert "AL501" in failing.stdout and failing.exit_code == 1


def test_slugs_keep_letters_marks_digits_and_letter_numbers_only() -> None:
    assert slugify("½ fraction ²") == "-fraction-"  # GitHub's own anchor of that heading
    assert slugify("Ⅻ Roman") == "ⅻ-roman"
    assert slugify("snake_case 3D") == "snake_case-3d"
