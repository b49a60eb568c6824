"""The rule book's examples are run: each bad case gives exactly its expected findings, each fix
gives the fixed text, each good case gives nothing; registry, pages and README stay in step."""

from __future__ import annotations

import pytest

from awesome_lint.registry import builtin_registry
from awesome_lint.rules import BUILTIN_RULES

from .rulebook import apply_safe_fixes, expect_lines, pages, readme_rows, run_rule

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
CASES = [(page.code, i, case) for page in OFFLINE for i, case in enumerate(page.cases)]
GOOD = [(page.code, i, text) for page in OFFLINE for i, text in enumerate(page.good)]


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
