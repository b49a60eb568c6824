"""The built-in rules, listed explicitly: one module per rule (``TOOL_RULES``: the engine's own
findings, never run as checks)."""

from __future__ import annotations

from ..rule import Rule
from .al0_tool import TOOL_RULES
from .al101_entry_shape import EntryShape
from .al102_line_break_style import LineBreakStyle
from .al103_whitespace import Whitespace
from .al104_link_label import LinkLabel
from .al105_link_format import LinkFormat
from .al106_title_format import TitleFormat
from .al107_authors_format import AuthorsFormat
from .al108_entries_not_understood import EntriesNotUnderstood
from .al109_table_cells import TableCells
from .al110_misnested_html import MisnestedHtml
from .al111_broken_link_syntax import BrokenLinkSyntax
from .al112_entry_shown_as_code import EntryShownAsCode
from .al113_list_numbering import ListNumbering
from .al201_date_format import DateFormat
from .al202_date_ordinal import DateOrdinal
from .al203_month_style import MonthStyle
from .al204_date_order import DateOrder
from .al205_future_date import FutureDate
from .al206_arxiv_date_mismatch import ArxivDateMismatch
from .al207_venue_format import VenueFormat
from .al301_duplicate_paper_link import DuplicatePaperLink
from .al302_duplicate_entry import DuplicateEntry
from .al303_url_style import UrlStyle
from .al304_invalid_url import InvalidUrl
from .al305_empty_link import EmptyLink
from .al306_duplicate_link_in_entry import DuplicateLinkInEntry
from .al307_shared_code_link import SharedCodeLink
from .al401_toc_mismatch import TocMismatch
from .al402_toc_order import TocOrder
from .al403_broken_anchor import BrokenAnchor
from .al404_empty_section import EmptySection
from .al405_heading_increment import HeadingIncrement
from .al406_section_order import SectionOrder
from .al407_entry_outside_section import EntryOutsideSection
from .al408_heading_format import HeadingFormat
from .al501_awesome_badge import AwesomeBadge
from .al502_license import License
from .al503_spelling import Spelling

BUILTIN_RULES: tuple[type[Rule], ...] = (
    EntryShape,
    LineBreakStyle,
    Whitespace,
    LinkLabel,
    LinkFormat,
    TitleFormat,
    AuthorsFormat,
    EntriesNotUnderstood,
    TableCells,
    MisnestedHtml,
    BrokenLinkSyntax,
    EntryShownAsCode,
    ListNumbering,
    DateFormat,
    DateOrdinal,
    MonthStyle,
    DateOrder,
    FutureDate,
    ArxivDateMismatch,
    VenueFormat,
    DuplicatePaperLink,
    DuplicateEntry,
    UrlStyle,
    InvalidUrl,
    EmptyLink,
    DuplicateLinkInEntry,
    SharedCodeLink,
    TocMismatch,
    TocOrder,
    BrokenAnchor,
    EmptySection,
    HeadingIncrement,
    SectionOrder,
    EntryOutsideSection,
    HeadingFormat,
    AwesomeBadge,
    License,
    Spelling,
)

__all__ = ["BUILTIN_RULES", "TOOL_RULES"]
