"""The rule book's examples are run: each bad case gives exactly its expected findings, each fix
gives the fixed text, each good case gives nothing; registry, pages and README stay in step.

A page's ``toml config`` goes through the real configuration loader. A rule's own check runs
on the example; a tool rule's example (the engine's guard, the suppression step) goes through
the command, in-process; a link rule's example is checked against a local internet on
127.0.0.1 (tests/internet.py) that answers as the page says the web does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from awesome_lint import cli
from awesome_lint.registry import builtin_registry
from awesome_lint.rules import BUILTIN_RULES

from .internet import SERVICE_HOSTS, World, certificate, hosts_of, served
from .rulebook import (
    apply_safe_fixes,
    configured,
    expect_lines,
    pages,
    readme_rows,
    run_rule,
)

BY_CODE = {page.code: page for page in pages()}


def page_config(code: str) -> str | None:
    """A page's ``toml config`` example applies to all its cases (rules off by default need it)."""
    return "\n".join(BY_CODE[code].config) or None


REGISTRY = builtin_registry()
# Pages whose examples run offline through a rule's check: not link checks, not tool rules.
OFFLINE = [
    page
    for page in pages()
    if not (
        REGISTRY.get(page.code)
        and (REGISTRY.get(page.code).network or REGISTRY.get(page.code).tool)
    )
]
TOOL = [page for page in pages() if REGISTRY.get(page.code) and REGISTRY.get(page.code).tool]
NETWORK = [page for page in pages() if REGISTRY.get(page.code) and REGISTRY.get(page.code).network]


def cases(group: list) -> list[tuple]:
    return [(page.code, i, case) for page in group for i, case in enumerate(page.cases)]


def good(group: list) -> list[tuple]:
    return [(page.code, i, text) for page in group for i, text in enumerate(page.good)]


CASES = cases(OFFLINE)
GOOD = good(OFFLINE)


@pytest.mark.parametrize(("code", "index", "case"), CASES, ids=lambda v: str(v)[:8])
def test_bad_example_reports_exactly_what_the_page_expects(code, index, case) -> None:
    assert expect_lines(run_rule(code, case.bad, page_config(code))) == case.expect


@pytest.mark.parametrize(
    ("code", "index", "case"),
    [c for c in CASES if c[2].fixed is not None],
    ids=lambda v: str(v)[:8],
)
def test_fixed_example_is_what_the_fix_writes(code, index, case) -> None:
    config = page_config(code)
    fixed = apply_safe_fixes(case.bad, run_rule(code, case.bad, config))
    assert fixed == case.fixed
    assert (
        apply_safe_fixes(fixed, run_rule(code, fixed, config)) == fixed
    )  # a second pass: no change


@pytest.mark.parametrize(("code", "index", "text"), GOOD, ids=lambda v: str(v)[:8])
def test_good_example_is_clean(code, index, text) -> None:
    assert expect_lines(run_rule(code, text, page_config(code))) == []


def test_every_offline_page_has_a_bad_and_a_good_example() -> None:
    for page in OFFLINE:
        assert page.cases and page.good, page.code
        assert all(case.expect for case in page.cases), page.code


def test_registry_pages_and_readme_agree() -> None:
    by_code = {page.code: page for page in pages()}
    rows = readme_rows()
    for rule in REGISTRY:  # built-in, tool and link rules
        page = by_code.get(rule.code)
        assert page is not None, f"rules/{rule.code}.md is missing"
        assert (page.name, page.severity, page.fixable) == (
            rule.name,
            str(rule.severity),
            rule.fixable,
        )
        assert rows[rule.code] == (
            rule.name,
            str(rule.severity),
            "yes" if rule.fixable else "no",
            rule.summary,
        )
    assert set(rows) == set(by_code), "rules/README.md and the pages list different rules"
    assert {r.code for r in BUILTIN_RULES} >= {p.code for p in OFFLINE}
    assert {r.code for r in REGISTRY} == set(by_code)


def options_section(page) -> str:
    text = page.text.split("\n## Options\n", 1)[1]
    return text.split("\n## ", 1)[0]


@pytest.mark.parametrize("rule", list(REGISTRY), ids=lambda rule: rule.code)
def test_options_section_lists_exactly_the_rules_options(rule) -> None:
    """Every page has an Options section; a rule with options names each field (kebab-case,
    in a `[rules.CODE]` TOML example that the config loader accepts), one without says so."""
    import dataclasses
    import re

    from awesome_lint.config import load_config

    page = BY_CODE[rule.code]
    assert "\n## Options\n" in page.text, rule.code
    section = options_section(page)
    if rule.options_class is None:
        assert not re.search(r"^\[rules\.", section, re.M), rule.code
        if not rule.network:  # link checks list the checker's flags and [links] keys
            assert section.strip().startswith("None"), f"{rule.code}: say it has no options"
        return
    names = {f.name.replace("_", "-") for f in dataclasses.fields(rule.options_class)}
    tables = re.findall(r"```toml[^\n]*\n(.*?)```", section, re.S)
    example = next(t for t in tables if f"[rules.{rule.code}]" in t)
    written = set(re.findall(r"^([a-z][a-z-]*)\s*=", example, re.M))
    assert written == names, f"{rule.code}: the page lists {written}, the options are {names}"
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".awesome-lint.toml"
        path.write_text(example, encoding="utf-8")
        assert rule.code in load_config(path, REGISTRY).rules


def test_every_page_has_a_bad_and_a_good_example() -> None:
    for page in TOOL + NETWORK:
        assert page.cases and page.good, page.code
        assert all(case.expect for case in page.cases), page.code


# -- tool rules: made by the engine's guard and the suppression step ----------------------------

# The plugin AL000's page assumes: a rule that raises on an entry without a date. Installed as
# a user installs one (a distribution with an entry point on the path), not patched in.
CRASHING_PLUGIN = """\
from awesome_lint.rule import Rule


class NeedsDates(Rule):
    code = "DEMO101"
    name = "needs-dates"
    summary = "Raises on an entry without a date."

    def check(self, doc, ctx):
        for entry in doc.entries:
            if entry.date is None:
                raise ValueError(f"no date in {entry.title.text!r}")
        return ()
"""
PLUGINS = {"AL000": CRASHING_PLUGIN}


def install_plugin(code: str, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = f"rulebook_{code.lower()}_plugin"
    (site / f"{module}.py").write_text(PLUGINS[code], encoding="utf-8")
    info = site / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[awesome_lint.rules]\ndemo = {module}:NeedsDates\n")
    monkeypatch.syspath_prepend(str(site))


def tool_findings(code: str, text: str, folder: Path) -> list[str]:
    """What the command reports under ``code`` on ``text`` (as ``example.md``, with the page's
    configuration file beside it)."""
    (folder / "example.md").write_text(text, encoding="utf-8")
    if page_config(code):
        (folder / ".awesome-lint.toml").write_text(page_config(code), encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["--format", "json", str(folder / "example.md")])
    assert result.exit_code in (0, 1), result.output
    return [
        f"{d['line']}:{d['column']} {d['code']} {d['message']}"
        for d in json.loads(result.stdout)["diagnostics"]
        if d["code"] == code
    ]


@pytest.fixture
def tool_folder(request, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    code = request.node.callspec.params["code"]
    if code in PLUGINS:
        (tmp_path / "site").mkdir()
        install_plugin(code, tmp_path / "site", monkeypatch)
    (tmp_path / "list").mkdir()
    return tmp_path / "list"


@pytest.mark.parametrize(("code", "index", "case"), cases(TOOL), ids=lambda v: str(v)[:8])
def test_tool_rule_bad_example_reports_exactly_what_the_page_expects(
    code, index, case, tool_folder: Path
) -> None:
    assert tool_findings(code, case.bad, tool_folder) == case.expect


@pytest.mark.parametrize(("code", "index", "text"), good(TOOL), ids=lambda v: str(v)[:8])
def test_tool_rule_good_example_is_clean(code, index, text, tool_folder: Path) -> None:
    assert tool_findings(code, text, tool_folder) == []


# -- link rules: checked against a local internet --------------------------------------------------

# What the web answers for each link rule's page, as the page describes it.
WORLDS = {
    "AL901": World(
        papers={"2006.11239": "Denoising Diffusion Probabilistic Models"},
        repos={"hojonathanho/diffusion": "hojonathanho/diffusion"},
    ),
    "AL902": World(
        pages={
            "https://www.sciencedirect.com/science/article/pii/S1361841523001123": 403,
            "https://www.nature.com/articles/s41586-023-06221-2": 200,
        }
    ),
    "AL903": World(
        repos={
            "old-owner/diffusion-seg": ("moved", "/repositories/42"),
            "#42": "new-owner/diffusion-seg",
            "new-owner/diffusion-seg": "new-owner/diffusion-seg",
        }
    ),
    "AL904": World(
        papers={
            "2111.08005": "Solving Inverse Problems in Medical Imaging with Score-Based "
            "Generative Models"
        }
    ),
    "AL905": World(pages={"https://zenodo.org/records/7614413": 200}),
}
NETWORK_HOSTS = hosts_of(
    text for page in NETWORK for text in [*(case.bad for case in page.cases), *page.good]
)


@pytest.fixture(scope="module")
def page_tls(tmp_path_factory: pytest.TempPathFactory):
    return certificate(tmp_path_factory.mktemp("tls"), {*NETWORK_HOSTS, *SERVICE_HOSTS})


async def link_findings(code: str, text: str, tls) -> list:
    """The ``code`` findings of a link check of ``text`` against the page's world."""
    from awesome_lint.links import check_links_async
    from awesome_lint.parse import parse_document

    assert code in WORLDS, f"{code}: say in WORLDS what the web answers for its page"
    doc = parse_document(text, "example.md")
    links = configured(page_config(code)).links
    async with served(WORLDS[code], NETWORK_HOSTS, tls, links) as options:
        report = await check_links_async([doc], options)
    return sorted((d for d in report.diagnostics if d.code == code), key=lambda d: d.sort_key)


@pytest.mark.parametrize(("code", "index", "case"), cases(NETWORK), ids=lambda v: str(v)[:8])
async def test_link_rule_bad_example_reports_exactly_what_the_page_expects(
    code, index, case, page_tls
) -> None:
    found = await link_findings(code, case.bad, page_tls)
    assert expect_lines(found) == case.expect
    if case.fixed is not None:
        fixed = apply_safe_fixes(case.bad, found)
        assert fixed == case.fixed
        assert await link_findings(code, fixed, page_tls) == []  # a second pass: no change


@pytest.mark.parametrize(("code", "index", "text"), good(NETWORK), ids=lambda v: str(v)[:8])
async def test_link_rule_good_example_is_clean(code, index, text, page_tls) -> None:
    assert await link_findings(code, text, page_tls) == []
