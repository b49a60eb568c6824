"""Every "the list writes X" judgement is voted by the style module, shown with its evidence by
``--show-style`` and pinnable under ``[style]``: for each, the vote on a small list as
``--show-style`` prints it, and the finding a pin brings (exact code, line and column)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint import cli
from awesome_lint.parse import parse_document
from awesome_lint.style import infer_style

# Five papers, one house style throughout: nothing is reported against it.
LIST = """\
# Papers

## Diffusion

**Alpha Net** \\
*Ann Lee, Bo Kim, Cy Park* \\
[15th Jun., 2023] [CVPR, 2023] \\
[[Paper](https://arxiv.org/abs/2306.00001)] [[Code](https://github.com/a/alpha)]

**Beta Net** \\
*Di Wu, Ed Ng, Fa Li* \\
[14th Apr., 2023] [ICCV, 2023] \\
[[Paper](https://arxiv.org/abs/2304.00002)] [[Code](https://github.com/b/beta)]

**Gamma Net** \\
*Gu Ma, Hu Xi, Ian Po* \\
[13th Mar., 2023] [ECCV, 2022] \\
[[Paper](https://arxiv.org/abs/2303.00003)] [[Code](https://github.com/c/gamma)]

**Delta Net** \\
*Jo Ri, Ka Su, Li Ta* \\
[12th Feb., 2023] [ICLR, 2023] \\
[[Paper](https://arxiv.org/abs/2302.00004)] [[Code](https://github.com/d/delta)]

**Epsilon Net** \\
*Mo Ve, Ny Wa, Oz Ye* \\
[11th Jan., 2023] [AAAI, 2023] \\
[[Paper](https://arxiv.org/abs/2301.00005)] [[Code](https://github.com/e/epsilon)]
"""

# (judgement, its line in --show-style, a pin against it, the first finding the pin brings)
JUDGEMENTS = [
    (
        "line break",
        "line breaks: `\\`: 15 of 15 breaks",
        'break-token = "<br>"',
        'list.md:5:14: AL102 [*] [line-break-style] line break " \\" differs from the list\'s '
        '"<br>"',
    ),
    (
        "date layout",
        "date layout: dmy (`25th Jul., 2022` or `25 Jul 2022`): 5 of 5 dates",
        'date-layout = "my"',
        'list.md:7:2: AL201 [date-format] date "15th Jun., 2023" is not in the house layout (the '
        'list writes "Jul., 2022")',
    ),
    (
        "month style",
        "month style: `abbr-dot`: 5 of 5 months",
        'month-style = "full"',
        'list.md:7:7: AL203 [*] [month-style] "Jun.," should be "June,"',
    ),
    (
        "link shape",
        "links in brackets [[Label](url)]: yes: 10 of 10 links",
        "link-brackets = false",
        "list.md:8:1: AL105 [*] [link-format] link not in the list's shape: write [Label](url) "
        "without the outer brackets",
    ),
    (
        "link separator",
        "between links: ` `: 5 of 5 pairs of links",
        'link-separator = " | "',
        'list.md:8:44: AL105 [*] [link-format] links separated by " " where the list writes " | "',
    ),
    (
        "label case",
        "link labels: `Paper` (5 of 5 uses), `Code` (5 of 5 uses)",
        'link-labels = ["PAPER"]',
        'list.md:8:3: AL104 [*] [link-label] link label "Paper" should be "PAPER"',
    ),
    (
        "venue layout",
        "venue layout: comma (`CVPR, 2023`): 5 of 5 venues",
        'venue-layout = "space"',
        'list.md:7:20: AL207 [venue-format] venue "CVPR, 2023" is not in the house layout: the '
        'list writes "Venue YYYY"',
    ),
    (
        "arXiv URL shape",
        "arXiv links: `abs`: 5 of 5 arXiv links",
        'arxiv-shape = "pdf"\n[rules.AL303]\ncheck-arxiv-shape = true',
        'list.md:8:10: AL303 [*] [url-style] "https://arxiv.org/abs/2306.00001" should be '
        '"https://arxiv.org/pdf/2306.00001" (the list links arXiv PDFs)',
    ),
    (
        "sort direction",
        "date order of the section: `newest-first`: 5 of 5 dated entries in order",
        'sort-direction = "oldest-first"',
        'list.md:3:4: AL204 [date-order] section "Diffusion" is not sorted by date; the rest of '
        "the list is oldest-first",
    ),
    (
        "title punctuation",
        "titles end with a period: no: 5 of 5 titles",
        "title-period = true",
        "list.md:5:12: AL106 [*] [title-format] title lacks the final period the list's titles "
        "have",
    ),
    (
        "authors separator",
        "between authors: `, `: 5 of 5 separators",
        'authors-separator = "; "',
        'list.md:6:9: AL107 [*] [authors-format] authors separated by ", " where the list writes '
        '"; "',
    ),
    (
        "last authors separator",
        "before the last author: comma (`A, B, C`): 5 of 5 author lists",
        'authors-final = " and "',
        'list.md:6:17: AL107 [*] [authors-format] authors separated by ", " where the list '
        'writes " and "',
    ),
]


def run(folder: Path, *args: str) -> list[str]:
    result = CliRunner().invoke(cli.main, [*args, str(folder / "list.md")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.stdout.replace(str(folder) + "/", "").splitlines()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("judgement", "shown", "pin", "finding"), JUDGEMENTS)
def test_each_judgement_is_shown_and_a_pin_changes_the_finding(
    folder: Path, judgement: str, shown: str, pin: str, finding: str
) -> None:
    assert f"  {shown}" in run(folder, "--isolated", "--show-style")
    assert not [line for line in run(folder) if line.startswith("list.md:")]  # the house's own
    (folder / ".awesome-lint.toml").write_text(f"[style]\n{pin}\n", encoding="utf-8")
    found = [line for line in run(folder) if line.startswith("list.md:")]
    assert found[0] == finding, judgement


LOWER_CASE_LABELS = LIST.replace("[Paper]", "[paper]").replace("[Code]", "[github]")


def test_label_case_is_a_vote_and_a_pin(folder: Path) -> None:
    (folder / "list.md").write_text(LOWER_CASE_LABELS, encoding="utf-8")
    canonical = "[rules.AL104]\ncanonical-names = true\n"
    (folder / ".awesome-lint.toml").write_text(canonical, encoding="utf-8")
    assert "  link labels in lower case: yes: 10 of 10 labels" in run(folder, "--show-style")
    assert not [line for line in run(folder, "--select", "AL104") if line.startswith("list.md")]
    pin = "[style]\nlabel-lower-case = false\n" + canonical
    (folder / ".awesome-lint.toml").write_text(pin, encoding="utf-8")
    found = [line for line in run(folder, "--select", "AL104") if line.startswith("list.md")]
    assert found[0] == 'list.md:8:47: AL104 [*] [link-label] link label "github" should be "GitHub"'


def test_a_pinned_vote_is_shown_as_pinned(folder: Path) -> None:
    (folder / ".awesome-lint.toml").write_text(
        '[style]\nauthors-final = " and "\nlink-labels = ["PAPER"]\n', encoding="utf-8"
    )
    shown = run(folder, "--show-style")
    assert "  before the last author: and (`A, B and C`): pinned in [style]" in shown
    assert "  link labels: `PAPER`: pinned in [style]" in shown


MIXED_FINALS = (
    LIST.replace("Bo Kim, Cy Park", "Bo Kim and Cy Park")
    .replace("Ed Ng, Fa Li", "Ed Ng and Fa Li")
    .replace("Hu Xi, Ian Po", "Hu Xi and Ian Po")
)


def test_the_last_authors_separator_is_a_vote_no_finding_without_a_clear_one(
    folder: Path,
) -> None:
    (folder / "list.md").write_text(MIXED_FINALS, encoding="utf-8")
    assert (
        "  before the last author: no clear convention (at most and (`A, B and C`): 3 of 5 "
        "author lists)"
    ) in run(folder, "--isolated", "--show-style")
    assert not [line for line in run(folder, "--select", "AL107") if line.startswith("list.md")]
    (folder / ".awesome-lint.toml").write_text('[style]\nauthors-final = " and "\n', "utf-8")
    assert [line for line in run(folder, "--select", "AL107") if line.startswith("list.md")] == [
        'list.md:21:14: AL107 [*] [authors-format] authors separated by ", " where the list '
        'writes " and "',
        'list.md:26:14: AL107 [*] [authors-format] authors separated by ", " where the list '
        'writes " and "',
    ]


def test_the_last_authors_separator_is_written_as_the_group_writes_it() -> None:
    text = LIST.replace("Bo Kim, Cy Park", "Bo Kim, and Cy Park")
    for other in ("Ed Ng, Fa Li", "Hu Xi, Ian Po", "Ka Su, Li Ta", "Ny Wa, Oz Ye"):
        text = text.replace(other, other.replace(", ", " and "))
    doc = parse_document(text, "list.md")
    group = infer_style(doc).of(doc.entries[0])
    assert (group.authors_final_kind, group.authors_final) == ("and", " and ")
    assert group.votes["authors_final_kind"].evidence("author lists") == "5 of 5 author lists"
