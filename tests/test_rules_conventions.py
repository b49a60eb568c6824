"""AL5xx list conventions: AL501 awesome-badge, AL502 license, AL503 spelling."""

from __future__ import annotations

import pytest

from .corpus import corpus_file, corpus_files, read_text
from .rulebook import apply_safe_fixes, found, run_rule

BADGE = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"


# --- AL501 awesome-badge ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"# Awesome Things {BADGE}\n",
        f"# Awesome Things\n{BADGE}\n",
        f"# Awesome Things\n\n{BADGE} [![License](https://img.shields.io/badge/License-MIT-green.svg)](x)\n",
        '# Awesome Things\n\n<p align="center"><img src="https://awesome.re/badge-flat2.svg"></p>\n',
        "# Things, not awesome\n\nNo badge.\n",
        "## Contents\n\n# Awesome Things\n",  # the first heading is not a title
    ],
)
def test_al501_clean(text: str) -> None:
    assert found("AL501", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "# Awesome Things\n\nA list.\n",
        f"# Awesome Things\n\nA list.\n\n{BADGE}\n",  # two blocks below: too far
        f"# :fire: awesome things\n\n## Badges\n\n{BADGE}\n",
        "# Awesome Things\n\n![Awesome](https://example.org/awesome.svg)\n",  # not the badge
    ],
)
def test_al501_reports_a_missing_or_distant_badge(text: str) -> None:
    assert [(line, column) for _, line, column in found("AL501", text)] == [(1, 3)]


def test_al501_corpus_lists_named_awesome_all_carry_the_badge() -> None:
    if not corpus_files():
        pytest.skip("../shared/corpus is absent")
    # zzw922cn's speech list is named "awesome-…" and carries no badge: the one real finding.
    without_badge = {"zzw922cn__awesome-speech-recognition-speech-synthesis-papers__883fdde.md"}
    for path in corpus_files():
        found = [d.span.line for d in run_rule("AL501", read_text(path))]
        assert found == ([1] if path.name in without_badge else []), path.name


# --- AL502 license ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "# List\n\n[![License: MIT](https://img.shields.io/badge/License-MIT-green.svg)](x)\n",
        "# List\n\n![license](https://img.shields.io/github/license/a/b)\n",
        "# List\n\n## Licence\n\nSee the file.\n",
        "# List\n\n## License and Citation\n\nCite us.\n",
        "# List\n\nThis list is licensed under CC BY 4.0.\n",
        "# List\n\nReleased under the MIT License.\n",
        "# List\n\nSee [LICENSE](./LICENSE.md).\n",
    ],
)
def test_al502_license_statements(text: str) -> None:
    assert found("AL502", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "# List\n\nPapers.\n",
        "# List\n\n## License Plate Recognition\n\nPapers.\n",
        "# List\n\n```\nMIT License\n```\n",
        "# List\n\n**Public Domain Image Synthesis** \\\n*A. Author* \\\n[[Paper](https://x.org)]\n",
    ],
)
def test_al502_no_license_statement(text: str) -> None:
    assert found("AL502", text) == [("AL502", 1, 3)]


def test_al502_without_a_title_points_at_the_first_line() -> None:
    assert found("AL502", "Papers about things.\n\n## Papers\n") == [("AL502", 1, 1)]


def test_al502_license_file_present_option() -> None:
    config = "[rules.AL502]\nlicense-file-present = true\n"
    assert found("AL502", "# List\n\nPapers.\n", config) == []


def test_al502_corpus_only_plmpapers_states_no_license() -> None:
    # PLMpapers has a LICENSE file (MIT) but says nothing in its README: the CLI silences it.
    assert found("AL502", read_text(corpus_file("thunlp__PLMpapers"))) == [("AL502", 1, 3)]
    for prefix in ("awesome-NeRF", "opendilab", "hee9joon", "zhaozh10", "xmindflow"):
        assert found("AL502", read_text(corpus_file(prefix))) == [], prefix


# --- AL503 spelling --------------------------------------------------------------------


def test_al503_reports_headings_and_prose_and_fixes_them() -> None:
    text = (
        "# Awesome Pytorch\n\n"
        "## Github and Arxiv\n\n"
        "Code for NEURIPS papers, in pytorch, with TENSORFLOW ports; see bioRXiv.\n"
    )
    assert found("AL503", text) == [
        ("AL503", 1, 11),
        ("AL503", 3, 4),
        ("AL503", 3, 15),
        ("AL503", 5, 10),
        ("AL503", 5, 29),
        ("AL503", 5, 43),
        ("AL503", 5, 65),
    ]
    fixed = apply_safe_fixes(text, run_rule("AL503", text))
    assert fixed == (
        "# Awesome PyTorch\n\n"
        "## GitHub and arXiv\n\n"
        "Code for NeurIPS papers, in PyTorch, with TensorFlow ports; see bioRxiv.\n"
    )
    assert run_rule("AL503", fixed) == []


@pytest.mark.parametrize(
    "text",
    [
        "See https://github.com/a/b and <https://Arxiv.org/abs/1>.\n",
        "See github.com/a/b, a.github.io and tensorflow/models.\n",
        "Use `pytorch` or `import tensorflow`.\n",
        "```\npip install pytorch github\n```\n",
        '<p align="center" title="Github"><img src="x" alt="pytorch"></p>\n',
        "<!-- TODO arxiv -->\n",
        "**A paper** \\\n*A. Author* \\\n[[Github](https://github.com/a/b)] ![Arxiv](badge.svg)\n",
        "Use pytorch_lightning, #pytorch or @github.\n",
        "**Pytorch Geometric: a library** \\\n*A. Author* \\\n[[Paper](https://x.org/p)]\n",
    ],
)
def test_al503_leaves_urls_code_html_labels_and_titles_alone(text: str) -> None:
    assert found("AL503", text) == []


def test_al503_link_labels_in_prose_are_prose() -> None:
    assert found("AL503", "See [our Github page](https://github.com/a/b).\n") == [("AL503", 1, 10)]


def test_al503_options() -> None:
    text = "**A paper** \\\n*A. Author* \\\n[[Github](https://github.com/a/b)]\n\nFrom Llava.\n"
    assert found("AL503", text) == []
    config = '[rules.AL503]\nextra-names = ["LLaVA"]\nentry-link-labels = true\n'
    assert found("AL503", text, config) == [("AL503", 3, 3), ("AL503", 5, 6)]


def test_al503_corpus_findings_are_real_misspellings() -> None:
    nerf = run_rule("AL503", read_text(corpus_file("awesome-NeRF__awesome-NeRF")))
    # The Implementations headings "#### Tensorflow" (L291) and "#### Jax" (L301). The venues
    # "Arxiv 2021" (42 entries) are AL207's: not reported twice.
    assert [(d.span.line, d.message) for d in nerf] == [
        (291, '"Tensorflow" should be "TensorFlow"'),
        (301, '"Jax" should be "JAX"'),
    ]
    rl = run_rule("AL503", read_text(corpus_file("opendilab__awesome-model-based-RL")))
    assert [(d.span.line, d.message) for d in rl] == [(210, '"mujoco" should be "MuJoCo"')]
    for prefix in ("amirhossein-kz", "hee9joon", "thunlp__PLMpapers", "xmindflow", "zhaozh10"):
        assert found("AL503", read_text(corpus_file(prefix))) == [], prefix


def test_al503_leaves_venues_to_al207() -> None:
    text = "**A paper** \\\n*A. Author* \\\n[1st Jan., 2022] [Arxiv, 2022] \\\n[[Paper](https://x.org)]\n"
    assert found("AL503", text) == []


CLEAN = f"""# Awesome Diffusion Models in Medical Imaging {BADGE}

A collection of papers about diffusion models, with code on GitHub and preprints on arXiv.

## Papers

**Diffusion Models for Medical Anomaly Detection** \\
*Julia Wolleb, Florentin Bieder* \\
[8th Mar., 2022] [MICCAI, 2022] \\
[[Paper](https://arxiv.org/abs/2203.04306)] [[Github](https://github.com/JuliaWolleb/diffusion-anomaly)]

**Fast Unsupervised Brain Anomaly Detection** \\
*Walter H. L. Pinaya, Mark S. Graham* \\
[30th Jun., 2022] [MICCAI, 2022] \\
[[Paper](https://arxiv.org/abs/2206.03461)] [[Github](https://github.com/JuliaWolleb/diffusion-anomaly)]

## License

MIT, see [LICENSE](LICENSE).
"""


@pytest.mark.parametrize("code", ["AL301", "AL302", "AL303", "AL304", "AL501", "AL502", "AL503"])
def test_a_clean_consistent_list_yields_nothing(code: str) -> None:
    assert run_rule(code, CLEAN) == []
