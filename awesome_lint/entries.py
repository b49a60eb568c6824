"""Kept for imports: the entry readers now live in :mod:`awesome_lint.parse`."""

from .parse.lines import break_kind

__all__ = ["break_kind"]
