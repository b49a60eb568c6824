"""Markdown → the project's model, with exact positions: blocks, units, fields, groups, tables.

``parse_document`` is the entry point; :mod:`.fields` holds the field readers, each usable alone.
"""

from .document import gc_paused, parse_document
from .lines import break_kind

__all__ = ["break_kind", "gc_paused", "parse_document"]
