"""Verdicts turned into diagnostics: one per place a URL is written, of the rule for its
verdict, and AL904 where an entry's title differs from its arXiv paper's."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from ..diagnostics import Diagnostic, Fix
from .collect import Location, UrlTarget
from .rules import (
    BlockedAddress,
    DeadLink,
    LinkUnverified,
    NetworkRule,
    PaperTitleMismatch,
    PermanentRedirect,
)
from .status import Result, Verdict
from .titles import links_the_paper, titles_match

_RULE_OF = {
    Verdict.DEAD: DeadLink,
    Verdict.UNVERIFIED: LinkUnverified,
    Verdict.REDIRECTED: PermanentRedirect,
    Verdict.BLOCKED: BlockedAddress,
}
# What each verdict's diagnostic says: the URL as written, and the reason.
_SAYS = {
    Verdict.DEAD: "dead link {written}{detail}",
    Verdict.UNVERIFIED: "link {written} could not be verified{detail}",
    Verdict.BLOCKED: "link not checked{detail}",
    Verdict.REDIRECTED: "permanent redirect to {final_url}",
}
# Each verdict's name, without an enum lookup per diagnostic.
_NAME = {verdict: verdict.value for verdict in Verdict}


def _diagnostic(
    rule: type[NetworkRule], loc: Location, result: Result, message: str, fix: Fix | None = None
) -> Diagnostic:
    data = {
        "url": loc.link.url.strip(),
        "verdict": _NAME[result.verdict],
        "http_status": result.http_status,
        "final_url": result.final_url,
    }
    return Diagnostic(
        rule.code, rule.name, rule.severity, loc.path, loc.link.url_span, message, fix, data
    )


def _verdict_diagnostic(rule: type[NetworkRule], loc: Location, result: Result) -> Diagnostic:
    """The diagnostic of ``rule`` (the verdict's) at ``loc``, with its fix for a redirect."""
    fix = None
    if rule is PermanentRedirect and result.final_url:
        from ..url_fix import redirect_fix  # after the checks, not before

        fix = redirect_fix(loc.link, result.final_url)
    message = _SAYS[result.verdict].format(
        written=loc.link.url.strip(),
        detail=f": {result.detail}" if result.detail else "",
        final_url=result.final_url,
    )
    return _diagnostic(rule, loc, result, message, fix)


def _title_mismatch(loc: Location, actual: str) -> bool:
    written = loc.entry_title
    if not written or not links_the_paper(loc.link.label):
        return False
    return not titles_match(written, actual)


def diagnostics_for(targets: Sequence[UrlTarget], results: dict[str, Result]) -> list[Diagnostic]:
    """One diagnostic per location of every URL whose verdict is worth reporting, plus AL904
    where an entry's title differs from its arXiv paper's."""
    out: list[Diagnostic] = []
    for target in targets:
        result = results.get(target.url)
        if result is None:
            continue
        rule = _RULE_OF.get(result.verdict)
        for loc in target.locations:
            if rule is not None:
                out.append(_verdict_diagnostic(rule, loc, result))
            if result.title and _title_mismatch(loc, result.title):
                out.append(
                    _diagnostic(
                        PaperTitleMismatch,
                        loc,
                        result,
                        f'entry title "{loc.entry_title}" differs from the arXiv title '
                        f'"{result.title}"',
                    )
                )
    out.sort(key=_SORT_KEY)
    return out


# Diagnostic.sort_key, read in C (a property is a Python call per diagnostic).
_SORT_KEY = attrgetter("path", "span.line", "span.column", "code", "message")
