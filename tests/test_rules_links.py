"""AL3xx links and duplicates: AL301-AL304, and the URL normalisation they share."""

from __future__ import annotations

import pytest

from awesome_lint.diagnostics import Severity
from awesome_lint.urls import arxiv_id, arxiv_link, doi, normalise, paper_key

from .corpus import corpus_file, read_text
from .rulebook import apply_safe_fixes, found, run_rule


def corpus_lines(code: str, prefix: str) -> list[int]:
    return [d.span.line for d in run_rule(code, read_text(corpus_file(prefix)))]


SEED = "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__59825db"
DA4 = "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__da4e07e"
HEAD = "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__169ee0e"


# --- urls.py ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://arxiv.org/abs/2111.08005",
        "http://arxiv.org/abs/2111.08005v1",
        "https://www.arxiv.org/pdf/2111.08005.pdf",
        "https://arxiv.org/pdf/2111.08005v3.pdf",
        "arxiv.org/abs/2111.08005/",
        "HTTPS://ARXIV.ORG/abs/2111.08005",
        "https://export.arxiv.org/abs/2111.08005",
    ],
)
def test_every_spelling_of_an_arxiv_paper_has_one_key(url: str) -> None:
    assert paper_key(url) == "arxiv:2111.08005"


def test_old_style_and_five_digit_arxiv_ids() -> None:
    assert arxiv_id("https://arxiv.org/abs/hep-th/9901001v2") == "hep-th/9901001"
    assert arxiv_id("http://arxiv.org/pdf/math.GT/0309136.pdf") == "math.GT/0309136"
    assert arxiv_id("https://arxiv.org/abs/2403.11323v2") == "2403.11323"
    assert arxiv_id("https://github.com/arxiv/2403.11323") is None
    link = arxiv_link("http://arxiv.org/abs/2203.04306v1.pdf")
    assert link is not None
    assert (link.shape, link.version, link.pdf_suffix) == ("abs", "v1", True)


def test_doi_keys_ignore_resolver_and_case() -> None:
    assert doi("https://doi.org/10.1007/978-3-031-16452-1_4") == "10.1007/978-3-031-16452-1_4"
    key = "doi:10.1109/cvpr.2022.01042"
    assert paper_key("http://dx.doi.org/10.1109/CVPR.2022.01042") == key
    assert paper_key("doi:10.1109/CVPR.2022.01042") == key


def test_other_urls_normalise_scheme_www_case_slash_and_tracking() -> None:
    expected = "openaccess.thecvf.com/content/CVPR2022/html/x.html"
    assert normalise("http://www.OpenAccess.thecvf.com/content/CVPR2022/html/x.html/") == expected
    assert normalise("https://openaccess.thecvf.com/content/CVPR2022/html/x.html#top") == expected
    assert normalise("https://example.org/p?id=3&utm_source=x") == "example.org/p?id=3"
    assert paper_key("https://openreview.net/forum?id=abc") != paper_key(
        "https://openreview.net/forum?id=abd"
    )
    forum = paper_key("https://openreview.net/forum?id=LvAy07mCxU")
    assert (
        forum == paper_key("http://www.openreview.net/pdf?id=LvAy07mCxU") == "openreview:LvAy07mCxU"
    )


# --- AL301 duplicate-paper-link --------------------------------------------------------

BLOCK = "**{title}** \\\n*A. Author* \\\n[1st Jan., 2022] [arXiv, 2022] \\\n{links}\n"


def blocks(*entries: tuple[str, str]) -> str:
    return "\n".join(BLOCK.format(title=t, links=ln) for t, ln in entries)


def test_al301_reports_later_entries_with_the_same_paper_under_another_title() -> None:
    text = blocks(
        ("First paper", "[[Paper](https://arxiv.org/abs/2111.08005)]"),
        ("Second paper", "[[Paper](http://www.arxiv.org/pdf/2111.08005v2.pdf)]"),
        ("Third paper", "[[PDF](https://doi.org/10.1000/xyz)]"),
        ("Fourth paper", "[[Paper](https://dx.doi.org/10.1000/XYZ/)]"),
    )
    assert found("AL301", text) == [("AL301", 9, 10), ("AL301", 19, 10)]
    messages = [d.message for d in run_rule("AL301", text)]
    assert messages[0] == (
        'paper link already used by "First paper" (line 1): each paper needs its own link'
    )


def test_al301_ignores_shared_code_links_and_same_title_duplicates() -> None:
    text = blocks(
        (
            "First paper",
            "[[Paper](https://arxiv.org/abs/2201.00001)] [[Code](https://github.com/a/b)]",
        ),
        (
            "Second paper",
            "[[Paper](https://arxiv.org/abs/2201.00002)] [[Code](https://github.com/a/b)]",
        ),
        ("First Paper.", "[[Paper](https://arxiv.org/abs/2201.00001)]"),
        ("Third paper", "[[Project](https://a.github.io/b/)] [[Video](https://youtu.be/x)]"),
        ("Fourth paper", "[[Project](https://a.github.io/b/)] [[Video](https://youtu.be/x)]"),
    )
    assert found("AL301", text) == []


def test_al301_title_links_count_as_paper_links() -> None:
    text = (
        "- [NeRF in the Wild](https://arxiv.org/abs/2008.02268), Martin et al., CVPR 2021\n"
        "- [NeRF++](https://arxiv.org/pdf/2008.02268), Zhang et al., Arxiv 2020\n"
        "- [Mip-NeRF](https://github.com/google/mipnerf), Barron et al., ICCV 2021\n"
        "- [Ref-NeRF](https://github.com/google/mipnerf), Verbin et al., CVPR 2022\n"
    )
    assert found("AL301", text) == [("AL301", 2, 12)]


def test_al301_seed_reports_the_copy_pasted_arxiv_ids() -> None:
    # 2111.08005 linked by L187, L192, L197 (links L190/L195/L200); 2206.13295 by L221 and L226.
    diagnostics = run_rule("AL301", read_text(corpus_file(SEED)))
    assert [d.span.line for d in diagnostics] == [195, 200, 229]
    assert all("(line 187)" in d.message for d in diagnostics[:2])
    assert "(line 221)" in diagnostics[2].message


def test_al301_later_versions_of_the_seed() -> None:
    # da4e07e: 2310.06420 (L218/L223), 2403.11323 (L427/L432), TrIND under two titles (L1098).
    assert corpus_lines("AL301", DA4) == [223, 432, 1106]
    # 169ee0e: AnoDODE (L309) and the eosinophil paper (L702); TrIND again (L1871/L1876).
    assert corpus_lines("AL301", HEAD) == [309, 702, 1879]
    # The fix of the three-way copy-paste is seen: 08b235e reports nothing.
    assert (
        corpus_lines(
            "AL301", "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__08b235e"
        )
        == []
    )


def test_al301_hee9joon_dif_fusion_reuses_raindiffusions_arxiv_id() -> None:
    diagnostics = run_rule("AL301", read_text(corpus_file("hee9joon__Awesome-Diffusion-Models")))
    assert 4228 in [d.span.line for d in diagnostics]
    assert "RainDiffusion" in next(d.message for d in diagnostics if d.span.line == 4228)
    assert len(diagnostics) == 5  # each one checked by eye: renamed or copy-pasted papers


def test_al301_model_based_rl_repeated_repositories_are_not_reported() -> None:
    text = read_text(corpus_file("opendilab__awesome-model-based-RL"))
    assert text.count("https://github.com/openai/mujoco-py") > 10
    diagnostics = run_rule("AL301", text)
    # Only two copy-pasted openreview ids (L453/L458, L1547/L1552), no repository.
    assert [d.span.line for d in diagnostics] == [458, 1552]
    assert all("github.com" not in text.split("\n")[d.span.line - 1] for d in diagnostics)


# --- AL302 duplicate-entry -------------------------------------------------------------


def test_al302_same_list_is_a_warning_across_sections_info() -> None:
    text = (
        "## A\n\n"
        + blocks(
            ("Personalize Segment Anything", "[[Paper](https://arxiv.org/abs/2305.03048)]"),
            ("personalize segment-anything.", "[[Paper](https://arxiv.org/pdf/2305.03048.pdf)]"),
        )
        + "\n## B\n\n"
        + blocks(("Personalize Segment Anything", "[[Paper](https://x.org/p)]"))
    )
    diagnostics = run_rule("AL302", text)
    assert [(d.span.line, d.span.column, d.severity) for d in diagnostics] == [
        (8, 3, Severity.WARNING),
        (15, 3, Severity.INFO),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("error", [Severity.WARNING, Severity.ERROR]), ("off", [Severity.WARNING])],
)
def test_al302_cross_section_option(value: str, expected: list[Severity]) -> None:
    text = "## A\n\n" + blocks(("Same", "x"), ("Same", "y")) + "\n## B\n\n" + blocks(("Same", "z"))
    config = f'[rules.AL302]\ncross-section = "{value}"\n'
    assert [d.severity for d in run_rule("AL302", text, config)] == expected


def test_al302_same_title_by_other_authors_is_another_work() -> None:
    text = (
        "**What are Diffusion Models?** \\\n*Lilian Weng* \\\n[[Website](https://x.org/a)]\n\n"
        "**What are Diffusion Models?** \\\n*Ari Seff* \\\n[[Video](https://x.org/b)]\n\n"
        "**What are Diffusion Models?** \\\n*A. Seff, B. Other* \\\n[[Video](https://x.org/b)]\n"
    )
    assert found("AL302", text) == [("AL302", 9, 3)]
    assert "(line 5)" in run_rule("AL302", text)[0].message


def test_al302_rejects_an_unknown_cross_section_value() -> None:
    with pytest.raises(ValueError, match="cross_section"):
        run_rule("AL302", "x", '[rules.AL302]\ncross-section = "loud"\n')


def test_al302_details_groups_count_as_sections() -> None:
    text = (
        "## Papers\n\n<details open>\n<summary>Video</summary>\n\n"
        "- [IBRNet: Learning Multi-View Image-Based Rendering](https://ibrnet.github.io/), Wang et al., CVPR 2021\n"
        "\n</details>\n\n<details open>\n<summary>Generalization</summary>\n\n"
        "- [IBRNet: Learning Multi-View Image-Based Rendering](https://ibrnet.github.io/), Wang et al., CVPR 2021\n"
        "- [IBRNet: Learning Multi-View Image-Based Rendering](https://ibrnet.github.io/), Wang et al., CVPR 2021\n"
        "\n</details>\n"
    )
    diagnostics = run_rule("AL302", text)
    assert [(d.span.line, d.severity) for d in diagnostics] == [
        (13, Severity.INFO),
        (14, Severity.WARNING),
    ]


def test_al302_hee9joon_exact_duplicates_in_one_list_are_warnings() -> None:
    diagnostics = run_rule("AL302", read_text(corpus_file("hee9joon__Awesome-Diffusion-Models")))
    errors = [d.span.line for d in diagnostics if d.severity == Severity.WARNING]
    assert 2799 in errors and 6296 in errors  # first copies at L2793 and L6286
    assert len(errors) == 10  # each checked by eye: real duplicates in one section
    # Two different surveys titled "Diffusion Models in NLP: A Survey" (L276, L301): no author
    # in common, so not one paper.
    assert 301 not in [d.span.line for d in diagnostics]


def test_al302_nerf_cross_group_duplicates_are_info() -> None:
    diagnostics = run_rule("AL302", read_text(corpus_file("awesome-NeRF__awesome-NeRF")))
    # NSFF (L90, L105), IBRNet (L89, L126), BundleSDF (L104, L154), NeRF in Talks (L24, L285).
    assert [(d.span.line, d.severity) for d in diagnostics] == [
        (105, Severity.INFO),
        (126, Severity.INFO),
        (154, Severity.INFO),
        (285, Severity.INFO),
    ]


def test_al302_clip_freeze_the_backbones_is_one_paper() -> None:
    diagnostics = run_rule("AL302", read_text(corpus_file("zhaozh10__Awesome-CLIP")))
    first = diagnostics[0]
    assert (first.span.line, first.severity) == (410, Severity.WARNING)
    assert "(line 398)" in first.message


# --- AL303 url-style -------------------------------------------------------------------

ABS = "[[Paper](https://arxiv.org/abs/2201.0000{})]"


ARXIV_CHECKS = "[rules.AL303]\ncheck-arxiv-shape = true\ncheck-arxiv-version = true\n"


def test_al303_each_trigger_and_its_fix() -> None:
    text = blocks(
        ("One", ABS.format(1)),
        ("Two", ABS.format(2)),
        ("Three", "[[Paper](http://arxiv.org/abs/2201.00003)]"),
        ("Four", "[[Paper](https://arxiv.org/pdf/2201.00004v2.pdf)]"),
        (
            "Five",
            "[[Paper](https://arxiv.org/abs/2201.00005)] [[Code](https://x.org/?utm_medium=a&b=1)]",
        ),
        ("Six", "[[Code](http://user.github.io/six/)] [[Web](http://example.org/six)]"),
    )
    assert found("AL303", text) == [("AL303", 14, 10), ("AL303", 24, 53), ("AL303", 29, 9)]
    assert found("AL303", text, ARXIV_CHECKS) == [
        ("AL303", 14, 10),
        ("AL303", 19, 10),
        ("AL303", 24, 53),
        ("AL303", 29, 9),
    ]
    fixed = apply_safe_fixes(text, run_rule("AL303", text, ARXIV_CHECKS))
    assert "(https://arxiv.org/abs/2201.00003)" in fixed
    assert "(https://arxiv.org/abs/2201.00004)" in fixed
    assert "(https://x.org/?b=1)" in fixed
    assert "(https://user.github.io/six/)" in fixed and "(http://example.org/six)" in fixed
    assert run_rule("AL303", fixed, ARXIV_CHECKS) == []  # a second pass changes nothing


def test_al303_no_shape_finding_without_a_two_thirds_majority() -> None:
    text = blocks(
        ("One", ABS.format(1)),
        ("Two", ABS.format(2)),
        ("Three", "[[Paper](https://arxiv.org/pdf/2201.00003)]"),
        ("Four", "[[Paper](https://arxiv.org/pdf/2201.00004)]"),
    )
    assert found("AL303", text, ARXIV_CHECKS) == []


def test_al303_corpus_seed_pdf_links_and_head_http_v1_links() -> None:
    seed = read_text(corpus_file(SEED))
    assert [d.span.line for d in run_rule("AL303", seed, ARXIV_CHECKS)] == [35, 40, 45]
    assert run_rule("AL303", seed) == []  # abs against pdf is a style choice: off by default
    diagnostics = run_rule("AL303", read_text(corpus_file(HEAD)))
    # PROVENANCE: 154 links are http://arxiv.org/abs/…v1; version pins are a style choice
    # (off by default), so only the scheme is reported.
    http_v1 = [
        d
        for d in diagnostics
        if d.message.startswith('"http://arxiv.org/abs/')
        and d.message.endswith("(the host serves https)")
    ]
    assert len(http_v1) == 154
    legacy = run_rule(
        "AL303",
        read_text(
            corpus_file("amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__7361d6d")
        ),
    )
    assert "2203.04306v1.pdf" in next(d.message for d in legacy if d.span.line == 35)


# --- AL304 invalid-url -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "htps//arxiv.org/abs/1",
        "http//arxiv.org/abs/1",
        "https:/arxiv.org/abs/1",
        "ttps://arxiv.org/abs/1",
        "github.com/a/b",
        "www.example.org",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,hi",
    ],
)
def test_al304_reports_bad_addresses(url: str) -> None:
    assert found("AL304", f"- [Paper]({url})\n") == [("AL304", 1, 11)]


@pytest.mark.parametrize(
    "url",
    [
        "./citations/x.txt",
        "citations/x.txt",
        "NeRF-and-Beyond.bib#L119-L125",
        "#top",
        "LICENSE",
        "paper.pdf",
        "mailto:a@b.org",
        "https://arxiv.org/abs/1",
        "http://www.cs.cornell.edu/~zl548/NSFF/",
    ],
)
def test_al304_accepts_relative_files_anchors_and_web_addresses(url: str) -> None:
    assert found("AL304", f"- [Paper]({url})\n") == []


def test_al304_spaces_and_split_urls() -> None:
    text = "- [Paper](https://arxiv.org/abs/2301. 01234) `[x](https://a b)`\n- [[Code](https://github.com/a/b\n)]\n"
    assert found("AL304", text) == [("AL304", 1, 11), ("AL304", 2, 11)]


def test_al304_corpus() -> None:
    assert corpus_lines("AL304", DA4) == [1050]  # the split MaSkel URL (L1050-1051)
    assert corpus_lines("AL304", "zhaozh10__Awesome-CLIP") == [738]  # github.com/… with no scheme
    assert corpus_lines("AL304", "opendilab__awesome-model-based-RL") == []  # <a href="#top">
    assert corpus_lines("AL304", "awesome-NeRF__awesome-NeRF") == []  # ./citations/x.txt
