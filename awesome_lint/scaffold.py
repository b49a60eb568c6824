"""A new rule in minutes: ``python -m awesome_lint.scaffold AL504 some-name --summary "…"``.

Writes the rule module (``awesome_lint/rules/al504_some_name.py``), its page (``rules/AL504.md``,
with the example blocks the test suite executes), the entry in ``BUILTIN_RULES`` and the row of
``rules/README.md`` (regenerated from the registry). The new rule reports nothing yet and its
page's examples are placeholders, so the rule book's tests fail until both are written: that is
the to-do list.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .registry import CODE_RE, NAME_RE
from .rule_index import SOURCE_ROOT

LEVELS = ("error", "warning", "info")


class ScaffoldError(Exception):
    """A rule that cannot be added as asked; the message says why."""


@dataclass(frozen=True)
class NewRule:
    code: str  # AL504
    name: str  # some-name
    summary: str
    severity: str = "warning"
    fixable: bool = False

    @property
    def module(self) -> str:
        return f"{self.code.lower()}_{self.name.replace('-', '_')}"

    @property
    def class_name(self) -> str:
        return "".join(part.capitalize() for part in self.name.split("-"))


def module_text(rule: NewRule) -> str:
    return f'''"""{rule.code} {rule.name}: {rule.summary}"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Document
from ..rule import Rule, RuleContext


class {rule.class_name}(Rule):
    code = "{rule.code}"
    name = "{rule.name}"
    summary = {json.dumps(rule.summary, ensure_ascii=False)}
    severity = Severity.{rule.severity.upper()}
    fixable = {rule.fixable}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Diagnostic]:
        # Yield self.diagnostic(doc, span, message, fix) for each finding in doc.entries.
        yield from ()
'''


def page_text(rule: NewRule) -> str:
    fixable = "yes (safe)" if rule.fixable else "no"
    fixed = (
        "```markdown fixed\nThe bad example as --fix leaves it.\n```\n\n" if rule.fixable else ""
    )
    fix = "What the fix writes, and why it is safe." if rule.fixable else "None."
    return f"""# {rule.code} {rule.name}

**Severity:** {rule.severity} · **Fixable:** {fixable}

## What it does

{rule.summary}

## Why it matters

Why a list's maintainer would change the list because of it.

## Example

```markdown bad
An excerpt of a real list with the problem.
```

```text expect
1:1 {rule.code} the exact message
```

{fixed}```markdown good
The same excerpt without the problem.
```

## Fix

{fix}

## Options

None.
"""


def register(init_text: str, rule: NewRule) -> str:
    """``rules/__init__.py`` with the rule imported and listed in ``BUILTIN_RULES``, both in
    code order."""
    imports = list(re.finditer(r"^from \.(al\d{3}\w*) import (\w+)\n", init_text, re.M))
    later = [m for m in imports if m[1] > rule.module]
    at = later[0].start() if later else imports[-1].end()
    line = f"from .{rule.module} import {rule.class_name}\n"
    text = init_text[:at] + line + init_text[at:]
    listed = re.search(r"^BUILTIN_RULES[^\n]*\(\n(.*?)^\)", text, re.M | re.S)
    if listed is None:
        raise ScaffoldError("BUILTIN_RULES not found in awesome_lint/rules/__init__.py")
    codes = {m[2]: m[1][2:5] for m in imports}  # class name -> its code's digits
    names = re.findall(r"^    (\w+),\n", listed[1], re.M)
    following = next((n for n in names if codes.get(n, "") > rule.code[2:]), None)
    offset = listed[1].index(f"    {following},\n") if following else len(listed[1])
    at = listed.start(1) + offset
    entry = f"    {rule.class_name},\n"
    return text[:at] + entry + text[at:]


def scaffold(root: Path, rule: NewRule) -> list[Path]:
    """Write the new rule into the checkout at ``root``; the paths written or changed."""
    check_new(root, rule)
    module = root / "awesome_lint" / "rules" / f"{rule.module}.py"
    page = root / "rules" / f"{rule.code}.md"
    init = root / "awesome_lint" / "rules" / "__init__.py"
    module.write_text(module_text(rule), encoding="utf-8")
    page.write_text(page_text(rule), encoding="utf-8")
    init.write_text(register(init.read_text(encoding="utf-8"), rule), encoding="utf-8")
    # The table is generated from the checkout's own registry, which now holds the rule.
    subprocess.run(
        [sys.executable, "-m", "awesome_lint.rule_index", "--root", str(root)],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": ""},
        check=True,
    )
    return [module, page, init, root / "rules" / "README.md"]


def check_new(root: Path, rule: NewRule) -> None:
    if not CODE_RE.fullmatch(rule.code):
        raise ScaffoldError(f"bad code {rule.code!r}: AL and three digits, e.g. AL504")
    if not NAME_RE.fullmatch(rule.name):
        raise ScaffoldError(f"bad name {rule.name!r}: lower-case words joined by -, e.g. tab-use")
    if rule.severity not in LEVELS:
        raise ScaffoldError(f"bad severity {rule.severity!r}: one of {', '.join(LEVELS)}")
    if not rule.summary.strip() or "\n" in rule.summary:
        raise ScaffoldError("the summary is one line, as --list-rules shows it")
    if (root / "rules" / f"{rule.code}.md").exists():
        raise ScaffoldError(f"{rule.code} is taken: rules/{rule.code}.md exists")
    init = (root / "awesome_lint" / "rules" / "__init__.py").read_text(encoding="utf-8")
    taken = {m[1] for m in re.finditer(r"^from \.al(\d{3})_", init, re.M)}
    if rule.code[2:] in taken or f'"{rule.name}"' in _rule_sources(root):
        raise ScaffoldError(f"{rule.code} or {rule.name!r} is already a rule")


def _rule_sources(root: Path) -> str:
    folder = root / "awesome_lint" / "rules"
    return "".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("al*.py")))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m awesome_lint.scaffold", description=__doc__)
    parser.add_argument("code", help="the new code, e.g. AL504")
    parser.add_argument("name", help="the new name, e.g. tab-use")
    parser.add_argument("--summary", required=True, help="one line, as --list-rules shows it")
    parser.add_argument("--severity", default="warning", choices=LEVELS)
    parser.add_argument("--fixable", action="store_true", help="the rule offers a fix")
    parser.add_argument("--root", type=Path, default=SOURCE_ROOT, help="the checkout's folder")
    args = parser.parse_args(argv)
    rule = NewRule(args.code, args.name, args.summary, args.severity, args.fixable)
    try:
        written = scaffold(args.root, rule)
    except ScaffoldError as exc:
        print(f"awesome-lint scaffold: error: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
