"""All rules by code and name, and the resolution of ``--select`` / ``--ignore`` selectors.

A selector is a rule code (``AL202``), a code prefix (``AL2``, ``AL``, a plugin's ``XYZ``), a
rule name (``date-ordinal``) or ``ALL``. A rule that is off by default runs only when its own
code or name is selected: a prefix or ``ALL`` selects only the rules that are on by default.
``AL000 rule-crashed`` is part of every selection unless it is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .diagnostics import Severity
from .rule import Rule

CODE_RE = re.compile(r"AL\d{3}")  # built-in rules
# Third-party rules: their own prefix of 1 to 5 capital letters (never AL…) and 3 digits.
PLUGIN_CODE_RE = re.compile(r"(?!AL)[A-Z]{1,5}\d{3}")
PREFIX_RE = re.compile(r"[A-Z]{1,5}\d{0,2}")
CRASH_CODE = "AL000"  # selected whenever a selection is given, unless ignored: crashes show
NAME_RE = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class SelectorError(ValueError):
    """A selector that matches no rule (a usage error)."""

    def __init__(self, selector: str, suggestion: str | None) -> None:
        hint = f"; did you mean {suggestion!r}?" if suggestion else ""
        super().__init__(f"unknown rule selector {selector!r}{hint}")
        self.selector = selector
        self.suggestion = suggestion


@dataclass(frozen=True)
class Selection:
    """The rules chosen for a run, with their effective severities."""

    rules: tuple[type[Rule], ...]
    severities: Mapping[str, Severity]  # code -> severity, for every selected rule
    known: frozenset[str] = frozenset()  # every code of the registry it was chosen from

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(rule.code for rule in self.rules)

    @property
    def overrides(self) -> dict[str, Severity]:
        """The severities set by the user (configuration or --severity). Only these replace a
        finding's own level: a rule may report some findings below its default (AL302 gives a
        cross-section duplicate the info level)."""
        return {
            rule.code: self.severities[rule.code]
            for rule in self.rules
            if self.severities.get(rule.code, rule.severity) != rule.severity
        }

    @staticmethod
    def union(selections: Sequence[Selection]) -> Selection:
        """The rules of several selections (files under different configurations)."""
        if len(selections) == 1:
            return selections[0]
        rules = {rule.code: rule for s in selections for rule in s.rules}
        severities = {code: level for s in selections for code, level in s.severities.items()}
        known = frozenset().union(*(s.known for s in selections))
        return Selection(tuple(rules[c] for c in sorted(rules)), severities, known)

    def local_rules(self) -> tuple[type[Rule], ...]:
        """The rules the engine runs; network rules are the link checker's, tool rules are
        the engine's own findings (a crash, a bad suppression comment)."""
        return tuple(rule for rule in self.rules if not (rule.network or rule.tool))


@dataclass(frozen=True)
class SelectorLayer:
    """One layer of selectors: ``select`` (None: not given) starts the set afresh, ``extend``
    adds to it, ``ignore`` takes away; ``severity`` maps selectors to severities."""

    select: Sequence[str] | None = None
    extend: Sequence[str] = ()
    ignore: Sequence[str] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)


class Registry:
    def __init__(self, rules: Iterable[type[Rule]]) -> None:
        self._by_code: dict[str, type[Rule]] = {}
        self._by_name: dict[str, type[Rule]] = {}
        for rule in rules:
            self._add(rule)

    def add(self, rule: type[Rule]) -> None:
        """Add a third-party rule; ValueError says what is wrong with it."""
        if not PLUGIN_CODE_RE.fullmatch(str(getattr(rule, "code", ""))):
            raise ValueError(
                f"bad code {getattr(rule, 'code', None)!r}: use 1 to 5 capital letters other "
                "than AL and 3 digits, e.g. XYZ001"
            )
        self._add(rule)

    def _add(self, rule: type[Rule]) -> None:
        if not (CODE_RE.fullmatch(rule.code) or PLUGIN_CODE_RE.fullmatch(rule.code)):
            raise ValueError(f"rule {rule.__name__}: bad code {rule.code!r}")
        if not NAME_RE.fullmatch(rule.name):
            raise ValueError(f"rule {rule.__name__}: bad name {rule.name!r}")
        for key, table in ((rule.code, self._by_code), (rule.name, self._by_name)):
            if key in table:
                raise ValueError(f"rule {rule.__name__}: {key!r} is already {table[key].__name__}")
            table[key] = rule

    def __iter__(self):
        return iter(sorted(self._by_code.values(), key=lambda rule: rule.code))

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, key: str) -> type[Rule] | None:
        """A rule by its code (any case) or its name."""
        return self._by_code.get(key.strip().upper()) or self._by_name.get(key.strip().lower())

    def match(self, selector: str) -> tuple[set[str], set[str]]:
        """(every code the selector matches, the codes it names exactly); raise if none."""
        key = selector.strip()
        rule = self.get(key)
        if rule is not None:
            return {rule.code}, {rule.code}
        upper = key.upper()
        if upper == "ALL" or PREFIX_RE.fullmatch(upper):
            prefix = "" if upper == "ALL" else upper
            codes = {code for code in self._by_code if code.startswith(prefix)}
            if codes:
                return codes, set()
        raise SelectorError(selector, self._suggest(key))

    def _suggest(self, key: str) -> str | None:
        import difflib  # only on the error path: it is slow to import

        candidates = [*self._by_code, *self._by_name]
        close = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
        if not close:
            close = difflib.get_close_matches(key.upper(), list(self._by_code), n=1, cutoff=0.6)
        return close[0] if close else None

    def select(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        severity: Mapping[str, Severity] | None = None,
    ) -> Selection:
        """Resolve selectors to rules; ``severity`` maps selectors to overriding severities."""
        return self.select_layers((SelectorLayer(select, (), ignore, severity or {}),))

    def select_layers(self, layers: Sequence[SelectorLayer]) -> Selection:
        """The selection that layers of selectors make, each over the one before (a
        configuration file's, then the command line's); severities likewise."""
        chosen = {rule.code for rule in self._by_code.values() if rule.enabled_by_default}
        for layer in layers:
            if layer.select is not None:
                chosen = self._chosen(layer.select)
            if layer.extend:
                chosen |= self._chosen(layer.extend)
            for selector in layer.ignore:
                chosen -= self.match(selector)[0]
        severities = {code: self._by_code[code].severity for code in chosen}
        for layer in layers:
            for selector, level in layer.severity.items():
                for code in self.match(selector)[0] & chosen:
                    severities[code] = level
        rules = tuple(rule for rule in self if rule.code in chosen)
        return Selection(rules, severities, frozenset(self._by_code))

    def _chosen(self, selectors: Sequence[str]) -> set[str]:
        """The codes the selectors choose: a prefix or ALL only rules on by default."""
        chosen = set()
        for selector in selectors:
            codes, exact = self.match(selector)
            chosen |= {c for c in codes if c in exact or self._by_code[c].enabled_by_default}
        if CRASH_CODE in self._by_code:
            chosen.add(CRASH_CODE)  # a crash always shows, unless ignored
        return chosen


def builtin_rules() -> tuple[type[Rule], ...]:
    from .links import LINK_RULES
    from .rules import BUILTIN_RULES, TOOL_RULES

    return (*TOOL_RULES, *BUILTIN_RULES, *LINK_RULES)


def builtin_registry() -> Registry:
    return Registry(builtin_rules())


def rulebook_page(code: str) -> str | None:
    """The rule book's page for ``code`` (``rules/AL202.md``), or None if it has none.

    An installed wheel ships the pages as the data package ``awesome_lint.rulebook``; a source
    checkout reads them from ``rules/`` beside the package.
    """
    from importlib import resources
    from pathlib import Path

    name = f"{code}.md"
    try:
        page = resources.files("awesome_lint.rulebook").joinpath(name)
    except ModuleNotFoundError:
        page = Path(__file__).resolve().parent.parent / "rules" / name
    try:
        return page.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None
