"""The built-in rules, listed explicitly: one module per rule."""

from __future__ import annotations

from ..rule import Rule
from .al101_entry_shape import EntryShape
from .al102_line_break_style import LineBreakStyle
from .al103_whitespace import Whitespace
from .al104_link_label import LinkLabel
from .al105_link_format import LinkFormat
from .al106_title_format import TitleFormat
from .al107_authors_format import AuthorsFormat
from .al202_date_ordinal import DateOrdinal

BUILTIN_RULES: tuple[type[Rule], ...] = (
    EntryShape,
    LineBreakStyle,
    Whitespace,
    LinkLabel,
    LinkFormat,
    TitleFormat,
    AuthorsFormat,
    DateOrdinal,
)
