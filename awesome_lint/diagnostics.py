"""What rules and the link checker report: diagnostics, with optional text fixes."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .model import Span


class Severity(enum.IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` of the document's text with ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A change that resolves a finding: its edits, whether ``--fix`` may apply it (``safe``)
    or only ``--unsafe-fixes``, and what it does in a few words."""

    edits: tuple[Edit, ...]
    safe: bool = True
    description: str = ""


NO_DATA: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: the rule's code and name, its severity, where (``path`` and ``span``)
    and what, with the fix that resolves it, if any."""

    code: str
    name: str
    severity: Severity
    path: str
    span: Span
    message: str
    fix: Fix | None = None
    # Extra machine-readable facts (the link checker's url, verdict, http_status, final_url).
    # Read-only; without any, every diagnostic shares one empty mapping (not a dict each).
    data: Mapping[str, Any] = field(default_factory=lambda: NO_DATA, compare=False)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.line, self.span.column, self.code, self.message)
