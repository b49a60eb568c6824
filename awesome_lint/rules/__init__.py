"""The built-in rules, listed explicitly: one module per rule."""

from __future__ import annotations

from ..rule import Rule
from .al102_line_break_style import LineBreakStyle
from .al202_date_ordinal import DateOrdinal
from .al301_duplicate_paper_link import DuplicatePaperLink
from .al302_duplicate_entry import DuplicateEntry
from .al303_url_style import UrlStyle
from .al304_invalid_url import InvalidUrl
from .al501_awesome_badge import AwesomeBadge
from .al502_license import License
from .al503_spelling import Spelling

BUILTIN_RULES: tuple[type[Rule], ...] = (
    LineBreakStyle,
    DateOrdinal,
    DuplicatePaperLink,
    DuplicateEntry,
    UrlStyle,
    InvalidUrl,
    AwesomeBadge,
    License,
    Spelling,
)
