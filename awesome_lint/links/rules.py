"""The network rules AL901-AL905: registered like every rule, reported by the link checker."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from ..diagnostics import Diagnostic, Severity
from ..model import Document
from ..rule import Rule, RuleContext


class NetworkRule(Rule):
    """A rule whose diagnostics come from ``check_links`` (``--check-links``), not ``check``.

    ``check`` yields nothing: a rule must not do I/O. The registry lists these rules so that
    selection, severity overrides, ``--explain`` and SARIF know them.
    """

    network: ClassVar[bool] = True

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Diagnostic]:
        return ()


class DeadLink(NetworkRule):
    code = "AL901"
    name = "dead-link"
    summary = "A link is gone: 404/410, DNS name not found, connection refused, redirect loop."
    severity = Severity.ERROR


class LinkUnverified(NetworkRule):
    code = "AL902"
    name = "link-unverified"
    summary = "A link could not be verified: bot wall, rate limit, timeout, TLS or server error."
    severity = Severity.WARNING


class PermanentRedirect(NetworkRule):
    code = "AL903"
    name = "permanent-redirect"
    summary = "A link permanently redirects (301/308) to another URL; --fix writes the new one."
    severity = Severity.WARNING
    fixable = True


class PaperTitleMismatch(NetworkRule):
    code = "AL904"
    name = "paper-title-mismatch"
    summary = "An entry's title differs from the title of the arXiv paper it links to."
    severity = Severity.WARNING


class BlockedAddress(NetworkRule):
    code = "AL905"
    name = "blocked-address"
    summary = "A link points to a private or reserved address and was not fetched."
    severity = Severity.WARNING


LINK_RULES: tuple[type[NetworkRule], ...] = (
    DeadLink,
    LinkUnverified,
    PermanentRedirect,
    PaperTitleMismatch,
    BlockedAddress,
)
