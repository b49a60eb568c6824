"""A new entry written the way its group writes entries: modelled on a neighbour.

Rather than a template per layout, the new entry is a copy of the group's most typical entry
with each field's characters replaced: its line breaks, brackets, emphasis, link labels and
separators, date layout and month style are the house's by construction, in any layout the
parser reads.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..dates import ABBREVIATIONS, MONTHS, DateParts, ordinal_suffix, read_date
from ..diagnostics import Edit
from ..facts import is_paper_link, link_extent
from ..model import Document, Field, Group, Link, PaperEntry, Span
from ..style import AP_FULL, MONTH_STYLES, HouseStyle, infer_style, month_fits
from ..urls import CODE_HOSTS, arxiv_link, host_of
from .metadata import Paper

_YEAR = re.compile(r"(?:19|20)\d{2}")
_ET_AL = re.compile(r"[,;]?\s*(?:et\.?\s*al\.?|and others)\s*$", re.I)
_LINK_SEPARATORS = " \t|/,;·"


@dataclass(frozen=True)
class Overrides:
    """What the user gives on the command line, over what the services said."""

    title: str | None = None
    venue: str | None = None
    code: str | None = None


def template_of(doc: Document, group: Group) -> PaperEntry:
    """The group's most typical entry: of its commonest layout and set of fields, the one
    with the most links (up to three)."""
    entries = doc.group_entries(group)
    shape = Counter(_shape(e) for e in entries).most_common(1)[0][0]
    typical = [e for e in entries if _shape(e) == shape]
    return max(typical, key=lambda e: min(len(e.links), 3))


def _shape(entry: PaperEntry) -> tuple[object, ...]:
    fields = (entry.title, entry.authors, entry.date, entry.venue)
    return (entry.layout, *(f is not None for f in fields))


def compose(doc: Document, group: Group, paper: Paper, overrides: Overrides) -> str:
    """The new entry's text (from the start of the template entry's span to its end)."""
    template = template_of(doc, group)
    house = infer_style(doc).of(template)
    edits: list[Edit] = []
    title = overrides.title or paper.title
    if template.title is not None:
        edits.append(_replace(template.title.span, _inline_safe(title, template.family)))
    if template.authors is not None:
        edits.append(_replace(template.authors.span, render_authors(template.authors.text, paper)))
    if template.date is not None and paper.year is not None:
        edits.append(_replace(template.date.span, render_date(template.date.text, paper, house)))
    if template.venue is not None:
        venue = overrides.venue or paper.venue or _default_venue(paper)
        year = paper.venue_year or paper.year
        edits.append(_replace(template.venue.span, render_venue(template.venue.text, venue, year)))
    alias = template.alias
    if alias is not None and not any(_inside(alias, link) for link in template.links):
        edits.append(_drop_alias(doc.text, alias))  # the neighbour's short name, not the paper's
    edits += _link_edits(doc.text, template, paper, overrides.code)
    edits += [_drop_comment(doc.text, c.span.start, c.span.end) for c in _comments(doc, template)]
    if template.family == "row":
        edits += _blank_other_cells(doc.text, template)
    # The last line's break is optional: blanks left there would only be a finding.
    return _apply(doc.text, template.span.start, template.span.end, edits).rstrip(" \t")


def _inside(field: Field, link: Link) -> bool:
    """The field is part of the link's text (``[[Alias] Title](url)``): it stays, for the
    entry to keep the group's shape (the diff shows it; ``--title`` can say otherwise)."""
    return link.span.start <= field.span.start < link.span.end


def _drop_alias(text: str, alias: Field) -> Edit:
    """The alias with its wrapping (``**ABC**``, ``[ABC]``, ``<u>ABC</u>``) and what follows
    it up to the title (``: ``, a space)."""
    start, end = alias.span.start, alias.span.end
    while start > 0 and text[start - 1] in "*_[<u>":
        start -= 1
    while end < len(text) and text[end] in "*_]</u>: \t":
        end += 1
    return Edit(start, end, "")


def _blank_other_cells(text: str, row: PaperEntry) -> list[Edit]:
    """A table row's cells that hold none of the entry's fields or links (the neighbour's
    model name, organisation …) are left empty for the maintainer to fill."""
    taken = [f.span.start for f in (row.title, row.authors, row.date, row.venue) if f]
    taken += [link.span.start for link in row.links]
    pipes = [
        i for i in range(row.span.start, row.span.end) if text[i] == "|" and text[i - 1] != "\\"
    ]
    edits = []
    for start, end in pairwise(pipes):
        content = text[start + 1 : end]
        if content.strip() and not any(start < offset < end for offset in taken):
            edits.append(Edit(start + 1, end, " " * len(content)))
    return edits


def _comments(doc: Document, entry: PaperEntry) -> list[Field]:
    """HTML comments inside the entry: notes about the neighbour, not about the new paper."""
    return [c for c in doc.comments if entry.span.start <= c.span.start < entry.span.end]


def _drop_comment(text: str, start: int, end: int) -> Edit:
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return Edit(start, end, "")


def _replace(span: Span, replacement: str) -> Edit:
    return Edit(span.start, span.end, replacement)


def _apply(text: str, start: int, end: int, edits: Sequence[Edit]) -> str:
    out, pos = [], start
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            continue  # inside an edit already made (a title that is its link's label)
        out += [text[pos : edit.start], edit.replacement]
        pos = edit.end
    out.append(text[pos:end])
    return "".join(out)


def _inline_safe(value: str, family: str) -> str:
    """Text that stays itself inside the entry: no stray emphasis or, in a row, cell break."""
    value = re.sub(r"([*_`\[\]])", r"\\\1", value)
    return value.replace("|", "\\|") if family == "row" else value


def _default_venue(paper: Paper) -> str:
    return "arXiv" if paper.ref.kind == "arxiv" else ""


# -- fields ----------------------------------------------------------------------------------


def render_authors(template: str, paper: Paper) -> str:
    """The authors joined as the template joins its own: separator, "and", "et al." habit."""
    separator = "; " if ";" in template else ", "
    et_al = _ET_AL.search(template)
    written = re.split(r"\s*[,;]\s*|\s+and\s+", template[: et_al.start() if et_al else None])
    surnames_only = all(len(name.split()) == 1 for name in written if name.strip())
    names = [name.split()[-1] if surnames_only else name for name in paper.authors if name]
    if et_al is not None:
        shown = max(1, len(written))
        if len(names) > shown:
            return separator.join(names[:shown]) + et_al.group(0)
    final = "." if template.rstrip().endswith(".") and et_al is None else ""
    if len(names) > 1 and re.search(r"\sand\s+[^,;]+$", template):
        serial = "," if re.search(r",\s+and\s", template) else ""
        return separator.join(names[:-1]) + f"{serial} and " + names[-1] + final
    return separator.join(names) + final


def render_date(template: str, paper: Paper, house: HouseStyle) -> str:
    """The paper's date in the template's layout, the group's month style and ordinals."""
    parts = read_date(template)
    assert paper.year is not None
    if parts is None or parts.layout == "y" or paper.month is None:
        return str(paper.year)
    month_width = len(parts.month_text)
    if parts.layout == "iso":
        day = f"-{paper.day:0{len(parts.day_text) or 2}d}" if parts.day and paper.day else ""
        return f"{paper.year}-{paper.month:0{month_width}d}{day}"
    if parts.layout == "ym":
        return f"{paper.year}/{paper.month:0{month_width}d}"
    return _written_date(template, parts, paper, house)


def _written_date(template: str, parts: DateParts, paper: Paper, house: HouseStyle) -> str:
    """``25th Jul., 2022`` and ``Jul 2022``: each part replaced where the template has it, the
    month in the group's style (abbreviated, with a period, spelled out, or AP style)."""
    assert paper.month is not None
    word, dotted = _month_word(
        paper.month, house.month_style or _template_month_style(parts), house.may_dot
    )
    punct = ("." if dotted else "") + parts.month_punct.lstrip(".")
    replacements = [
        (
            parts.month_start,
            parts.month_start + len(parts.month_text) + len(parts.month_punct),
            word + punct,
        ),
    ]
    if parts.year_start >= 0:
        replacements.append(
            (parts.year_start, parts.year_start + len(parts.year_text), str(paper.year))
        )
    if parts.day_start >= 0:
        # No clear habit in the group: no leading zero ("07th" is a finding of its own).
        day = _day(template, parts, paper.day or 1, bool(house.date_zero_pad))
        replacements.append((parts.day_start, parts.suffix_end, day))
    out = template
    for start, end, value in sorted(replacements, reverse=True):
        out = out[:start] + value + out[end:]
    return out


def _day(template: str, parts: DateParts, day: int, zero_pad: bool) -> str:
    """The day as the group writes days: zero-padded or not; the template's suffix case, gap."""
    text = f"{day:02d}" if zero_pad else str(day)
    if not parts.suffix:
        return text
    gap = template[parts.suffix_start : parts.suffix_end - len(parts.suffix)]
    suffix = ordinal_suffix(day)
    return text + gap + (suffix.upper() if parts.suffix.isupper() else suffix)


def _template_month_style(parts: DateParts) -> str:
    """Where the group has no clear month style: the template's own (the simplest it fits)."""
    fits = month_fits(parts) or frozenset({"abbr"})
    return next(style for style in MONTH_STYLES if style in fits)


def _month_word(month: int, style: str, may_dot: bool = False) -> tuple[str, bool]:
    """The month in a month style, and whether a period follows it."""
    if style == "full" or (style == "ap" and month in AP_FULL):
        return MONTHS[month - 1].capitalize(), False
    if month == 5:
        return "May", style in ("abbr-dot", "ap") and may_dot
    if style == "ap" and month == 9:
        return "Sept", True
    return ABBREVIATIONS[month - 1], style in ("abbr-dot", "ap")


def render_venue(template: str, venue: str, year: int | None) -> str:
    """The venue in the template's shape: ``MICCAI Workshop, 2022`` → ``CVPR, 2023``."""
    m = _YEAR.search(template)
    if m is None or year is None:
        return venue or template
    name = template[: m.start()].rstrip(" ,-'")
    if not name:  # the year first: "2019-CVPR"
        return (
            template[: m.start()]
            + str(year)
            + template[m.end() :].replace(template[m.end() :].lstrip(" -,"), venue)
        )
    return venue + template[len(name) : m.start()] + str(year) + template[m.end() :]


# -- links -----------------------------------------------------------------------------------


def _link_edits(text: str, template: PaperEntry, paper: Paper, code: str | None) -> list[Edit]:
    """The paper link points to the new paper (in the house's arXiv shape); a code link to
    ``code`` when given; every other link of the template goes, with its separator."""
    edits: list[Edit] = []
    links = [link for link in template.links if link.kind in ("markdown", "autolink", "html")]
    title_link = next((link for link in links if _holds_title(link, template)), None)
    paper_link = title_link or next((ln for ln in links if is_paper_link(template, ln)), None)
    code_link = next((link for link in links if host_of(link.url) in CODE_HOSTS), None)
    if code is not None and code_link is None and paper_link is not None:
        edits.append(_added_code_link(text, paper_link, code))
    for link in links:
        if link is paper_link:
            edits.append(_replace(link.url_span, _paper_url(link.url, paper)))
        elif link is code_link and code is not None:
            edits.append(_replace(link.url_span, code))
        elif link is not title_link:
            edits.append(_drop(text, link))
    return edits


def _added_code_link(text: str, paper_link: Link, code: str) -> Edit:
    """A code link after the paper link, wrapped as the paper link is."""
    _, end, opened, closed = link_extent(text, paper_link)
    link = f"[Code]({code})"
    if opened and closed:
        link = f"[{link}]"
    return Edit(end, end, " " + link)


def _holds_title(link: Link, entry: PaperEntry) -> bool:
    """The link is the entry's title (``[Title](url)``): it links the paper itself."""
    return entry.title is not None and link.span.start <= entry.title.span.start < link.span.end


def _paper_url(house: str, paper: Paper) -> str:
    """The new paper's address, shaped like the house's (arXiv ``abs`` or ``pdf``)."""
    shape = arxiv_link(house)
    if paper.ref.kind != "arxiv" or shape is None:
        return paper.ref.url
    host = shape.host or "arxiv.org"
    suffix = ".pdf" if shape.pdf_suffix else ""
    return f"https://{host}/{shape.shape}/{paper.ref.id}{suffix}"


def _drop(text: str, link: Link) -> Edit:
    """A link with its wrapping brackets and the separator before it (after it, if first)."""
    start, end, _, _ = link_extent(text, link)
    before = start
    while before > 0 and text[before - 1] in _LINK_SEPARATORS:
        before -= 1
    if before < start and text[before - 1 : before] not in ("", "\n", "*", "_"):
        return Edit(before, end, "")
    after = end
    while after < len(text) and text[after] in _LINK_SEPARATORS:
        after += 1
    return Edit(start, after, "")
