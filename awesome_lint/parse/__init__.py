"""Markdown → the project's model, with exact positions.

``parse_document`` (:mod:`.document`) is the entry point. :mod:`.blocks` segments the text with
mistune, :mod:`.units` cuts lists into items at every depth, :mod:`.fields` holds the field
readers (each usable alone), :mod:`.head` and :mod:`.tail` read an entry written as a run of text
(used by :mod:`.items`), :mod:`.paragraphs` reads bold-title blocks, :mod:`.tables` reads table
rows, and :mod:`.groups` forms the groups whose majority reads their minority.
"""

from .document import gc_paused, parse_document
from .lines import break_kind

__all__ = ["break_kind", "gc_paused", "parse_document"]
