"""Reading the rule book: the pages in rules/ and their fenced, runnable examples."""

from __future__ import annotations

import functools
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
_FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```$", re.S | re.M)


@dataclass
class Case:
    bad: str
    expect: list[str] = field(default_factory=list)
    fixed: str | None = None


@dataclass
class Page:
    code: str
    name: str
    severity: str
    fixable: bool
    text: str
    cases: list[Case]
    good: list[str]
    config: list[str]


def read_page(path: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    title = re.match(r"# (AL\d{3}) ([a-z0-9-]+)\n", text)
    meta = re.search(r"\*\*Severity:\*\* (\w+) · \*\*Fixable:\*\* (yes|no)", text)
    assert title and meta, f"{path.name}: title line or severity line is missing"
    cases: list[Case] = []
    good: list[str] = []
    config: list[str] = []
    for info, body in _FENCE.findall(text):
        kind = info.strip()
        if kind == "markdown bad":
            cases.append(Case(body))
        elif kind == "text expect":
            cases[-1].expect = body.splitlines()
        elif kind == "markdown fixed":
            cases[-1].fixed = body
        elif kind == "markdown good":
            good.append(body)
        elif kind == "toml config":
            config.append(body)
    return Page(title[1], title[2], meta[1], meta[2] == "yes", text, cases, good, config)


def pages() -> list[Page]:
    return [read_page(p) for p in sorted(RULES_DIR.glob("AL*.md"))]


def readme_rows() -> dict[str, tuple[str, ...]]:
    text = (RULES_DIR / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| \[(AL\d{3})\]\(\1\.md\) \| (.*) \|$", text, re.M)
    return {code: tuple(cell.strip() for cell in rest.split(" | ")) for code, rest in rows}


def rule_class(code: str):
    from awesome_lint.rules import BUILTIN_RULES

    return next(rule for rule in BUILTIN_RULES if rule.code == code)


@functools.cache
def configured(config: str | None):
    """A TOML text (a page's ``toml config``, a test's options) read by the real configuration
    loader, as the file ``.awesome-lint.toml``; ValueError with the loader's message when the
    loader refuses it (as an options class refuses a bad value)."""
    from awesome_lint.config import Config, ConfigError, load_config
    from awesome_lint.registry import builtin_registry

    if not config:
        return Config()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ".awesome-lint.toml"
        path.write_text(config, encoding="utf-8")
        try:
            return load_config(path, builtin_registry())
        except ConfigError as exc:
            raise ValueError(str(exc)) from None


def rule_options(rule, config: str | None):
    """The rule's options: its defaults, or what ``[rules.<code or name>]`` of a TOML text sets."""
    from awesome_lint.config import rule_options as configured_options
    from awesome_lint.registry import builtin_registry

    options = configured_options(configured(config), builtin_registry()).get(rule.code)
    if options is None and rule.options_class is not None:
        return rule.options_class()
    return options


def run_rule(code: str, text: str, config: str | None = None, today=None):
    """The diagnostics one rule reports on ``text``, with the house style inferred from it."""
    from awesome_lint.rule import RuleContext

    from .corpus import house_style, parsed

    rule = rule_class(code)
    doc = parsed(text, "example.md")  # once per session: tests lint the same lists rule by rule
    ctx = RuleContext(house_style(text), rule_options(rule, config))
    if today is not None:
        ctx = RuleContext(ctx.style, ctx.options, today)
    found = list(rule().check(doc, ctx))
    return sorted(found, key=lambda d: d.sort_key)


def found(code: str, text: str, config: str | None = None) -> list[tuple[str, int, int]]:
    """Where one rule reports on ``text``: the code, line and column of each finding."""
    return [(d.code, d.span.line, d.span.column) for d in run_rule(code, text, config)]


def messages(code: str, text: str, config: str | None = None) -> list[str]:
    return [d.message for d in run_rule(code, text, config)]


def expect_lines(diagnostics) -> list[str]:
    return [f"{d.span.line}:{d.span.column} {d.code} {d.message}" for d in diagnostics]


def apply_safe_fixes(text: str, diagnostics, unsafe: bool = False) -> str:
    edits = sorted(
        (e for d in diagnostics if d.fix and (d.fix.safe or unsafe) for e in d.fix.edits),
        key=lambda e: e.start,
        reverse=True,
    )
    for edit in edits:
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text
