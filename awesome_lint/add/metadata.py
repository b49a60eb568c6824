"""A paper's metadata from the services the link checker already talks to: arXiv's export API
(title, authors, first-version date, a venue named in the comment) and doi.org's content
negotiation (CSL-JSON: title, authors, issued date, container)."""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .refs import PaperRef

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
CSL_JSON = "application/vnd.citationstyles.csl+json"

# "Accepted at MICCAI 2022", "to appear in CVPR'23", "Published in TMLR": the venue is the
# acronym (two capitals or more) that follows, with its year when given.
_ACRONYM = r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*"
_VENUE_IN_COMMENT = re.compile(
    r"(?i:\b(?:accepted|published|appears?|appearing|presented)\b[^.;]{0,40}?\b(?:at|in|to|by))"
    rf"\s+(?i:the\s+)?(?P<venue>{_ACRONYM}(?:\s+{_ACRONYM})*(?:\s+Workshops?)?)"
    r"(?:\s*'?(?P<year>(?:19|20)?\d{2})\b)?"
)


class MetadataError(Exception):
    """A paper's metadata could not be had (offline, a service failed, an unknown id)."""


@dataclass(frozen=True)
class Paper:
    ref: PaperRef
    title: str
    authors: tuple[str, ...]  # "Given Family", in order
    year: int | None
    month: int | None = None
    day: int | None = None
    venue: str | None = None  # the venue's name without its year ("MICCAI")
    venue_year: int | None = None

    @property
    def date(self) -> datetime.date | None:
        if self.year is None:
            return None
        return datetime.date(self.year, self.month or 1, self.day or 1)


def _squash(text: str | None) -> str:
    return " ".join((text or "").split())


def papers_from_arxiv_feed(body: bytes) -> dict[str, Paper]:
    """``{arXiv id (no version): Paper}`` of an export-API Atom feed."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        raise MetadataError("the arXiv API sent an unreadable feed") from None
    papers: dict[str, Paper] = {}
    for entry in root.iter(f"{ATOM}entry"):
        ident = _squash(entry.findtext(f"{ATOM}id"))
        m = re.search(r"/abs/(.+?)(?:v\d+)?$", ident)
        title = _squash(entry.findtext(f"{ATOM}title"))
        if not m or not title or "/api/errors" in ident:
            continue
        published = _squash(entry.findtext(f"{ATOM}published"))
        when = _iso_date(published[:10])
        venue, venue_year = venue_in_comment(
            _squash(entry.findtext(f"{ARXIV}comment"))
            or _squash(entry.findtext(f"{ARXIV}journal_ref"))
        )
        papers[m.group(1)] = Paper(
            PaperRef("arxiv", m.group(1)),
            title,
            tuple(_squash(a.findtext(f"{ATOM}name")) for a in entry.iter(f"{ATOM}author")),
            *(when or (None, None, None)),
            venue=venue,
            venue_year=venue_year,
        )
    return papers


def _iso_date(text: str) -> tuple[int, int, int] | None:
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return day.year, day.month, day.day


def venue_in_comment(comment: str) -> tuple[str | None, int | None]:
    """The venue an arXiv comment names (``Accepted at MICCAI 2022``), with its year."""
    m = _VENUE_IN_COMMENT.search(comment)
    if m is None:
        return None, None
    year = m.group("year")
    if year is not None and len(year) == 2:
        year = "20" + year
    return m.group("venue"), int(year) if year else None


def paper_from_csl(ref: PaperRef, record: Mapping[str, Any]) -> Paper:
    """A Paper from the CSL-JSON record doi.org returns by content negotiation."""
    title = _first(record.get("title"))
    if not title:
        raise MetadataError(f"doi.org gave no title for {ref.id}")
    authors = tuple(
        _squash(a.get("literal") or f"{a.get('given', '')} {a.get('family', '')}")
        for a in record.get("author", [])
        if isinstance(a, Mapping)
    )
    parts = _date_parts(record.get("issued")) or _date_parts(record.get("published"))
    venue = _first(record.get("container-title-short")) or _first(record.get("container-title"))
    year, month, day = (*parts, None, None, None)[:3] if parts else (None, None, None)
    return Paper(ref, _squash(title), authors, year, month, day, venue or None, year)


def _first(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return _squash(value) if isinstance(value, str) else ""


def _date_parts(value: object) -> tuple[int, ...] | None:
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if not (isinstance(parts, list) and parts and isinstance(parts[0], list)):
        return None
    numbers = tuple(int(p) for p in parts[0][:3] if isinstance(p, int | str) and str(p).isdigit())
    return numbers or None


async def fetch_papers(
    refs: Sequence[PaperRef], options: Any, doi_resolver: str
) -> dict[PaperRef, Paper]:
    """Every paper's metadata, or MetadataError naming the first that could not be had."""
    from yarl import URL

    from ..links.client import Client
    from ..links.status import Failure

    found: dict[PaperRef, Paper] = {}
    async with Client(options) as client:
        arxiv = [ref for ref in refs if ref.kind == "arxiv"]
        try:
            if arxiv:
                found.update(await _arxiv(client, options, arxiv))
            for ref in refs:
                if ref.kind == "doi":
                    url = URL(doi_resolver.rstrip("/") + "/" + ref.id)
                    found[ref] = paper_from_csl(ref, await _csl(client, url, ref))
        except Failure as failure:
            raise MetadataError(f"cannot fetch the metadata: {failure.detail}") from None
    missing = [ref.id for ref in refs if ref not in found]
    if missing:
        raise MetadataError(f"no such paper: {', '.join(missing)}")
    return found


def _guarded(client: Any, url: Any) -> Any:
    """The service address, unless the link checker's address guard refuses it."""
    refused = client.refused(url)
    if refused is not None:
        raise MetadataError(f"{url.host}: {refused.detail} (--allow-private allows it)")
    return url


async def _arxiv(client: Any, options: Any, refs: Sequence[PaperRef]) -> dict[PaperRef, Paper]:
    """One export-API request per batch, as politely spaced as the link checker's."""
    from yarl import URL

    api = _guarded(client, URL(options.arxiv_api))
    gate = client.gate(api, key="arxiv-api", limit=1, interval=options.arxiv_interval)
    papers: dict[str, Paper] = {}
    for i in range(0, len(refs), options.arxiv_batch):
        ids = [ref.id for ref in refs[i : i + options.arxiv_batch]]
        url = api.update_query(id_list=",".join(ids), max_results=str(len(ids)))
        resp = await client.with_retries("GET", url, gate=gate, max_body=8 << 20)
        if resp.status != 200 or not resp.complete:
            raise MetadataError(f"the arXiv API answered HTTP {resp.status}")
        papers.update(papers_from_arxiv_feed(resp.body))
    return {ref: papers[ref.id] for ref in refs if ref.id in papers}


async def _csl(client: Any, url: Any, ref: PaperRef) -> Mapping[str, Any]:
    """doi.org answers with a redirect to the registration agency: followed (five at most),
    each hop through the client's address guard."""
    headers = {"Accept": CSL_JSON}
    for _ in range(5):
        resp = await client.with_retries(
            "GET", _guarded(client, url), headers=headers, max_body=4 << 20
        )
        location = resp.headers.get("Location")
        if resp.status in (301, 302, 303, 307, 308) and location:
            url = url.join(type(url)(location))
            continue
        if resp.status == 404:
            raise MetadataError(f"no such DOI: {ref.id}")
        if resp.status != 200:
            raise MetadataError(f"doi.org answered HTTP {resp.status} for {ref.id}")
        try:
            record = json.loads(resp.body)
        except ValueError:
            raise MetadataError(f"doi.org sent no CSL-JSON for {ref.id}") from None
        if not isinstance(record, Mapping):
            raise MetadataError(f"doi.org sent no CSL-JSON for {ref.id}")
        return record
    raise MetadataError(f"too many redirects for {ref.id}")
