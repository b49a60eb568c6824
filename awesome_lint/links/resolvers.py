"""Paper-aware resolvers: arXiv, DOI and GitHub links checked through the services' APIs
(GitHub's in ``github.py``).

Publishers and arXiv answer robots with 403s and 429s; their APIs answer the question we
actually ask (does this paper, DOI or repository exist?) reliably and cheaply. A failure of
an API is never a dead link: it makes the link ``unverified`` (GitHub: the link is then
checked like any other, unless the API's rate limit is spent: then it is unverified).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import quote

from yarl import URL

from ..urls import arxiv_link, doi_as_written
from .github import MAX_API_BODY
from .options import LinkOptions
from .status import Failure, Result, Verdict, describe

if TYPE_CHECKING:  # the URL tests serve without aiohttp (a cached run)
    from .client import Client

# -- arXiv ----------------------------------------------------------------------------------

_ATOM = "{http://www.w3.org/2005/Atom}"


def arxiv_id(url: str) -> str | None:
    """The arXiv identifier (without version) of an abstract or PDF link, else None (read by
    the project's one arXiv parser, :func:`awesome_lint.urls.arxiv_link`). An abstract page
    written with ``.pdf`` is odd: it is fetched as it is."""
    link = arxiv_link(url)
    if (
        link is None
        or link.shape not in ("abs", "pdf")
        or (link.shape == "abs" and link.pdf_suffix)
    ):
        return None
    return link.id


def parse_arxiv_feed(body: bytes) -> dict[str, str]:
    """``{id (no version): title}`` of the entries of an export-API Atom feed; ValueError
    when it is not XML."""
    import xml.etree.ElementTree as ET  # not on the way to the first request

    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise ValueError(str(exc)) from None
    papers: dict[str, str] = {}
    for entry in root.iter(f"{_ATOM}entry"):
        ident = (entry.findtext(f"{_ATOM}id") or "").strip()
        title = " ".join((entry.findtext(f"{_ATOM}title") or "").split())
        found = arxiv_id(ident)
        if found and title and "/api/errors" not in ident:
            papers[found] = title
    return papers


class ArxivResolver:
    """Checks arXiv ids through the export API: ``arxiv_batch`` ids per request, one request
    at a time, ``arxiv_interval`` seconds apart (arXiv asks API clients for 3 s)."""

    def __init__(self, client: Client, options: LinkOptions) -> None:
        self.client = client
        self.options = options
        api = URL(options.arxiv_api)
        self.api = api
        self.gate = client.gate(api, key="arxiv-api", limit=1, interval=options.arxiv_interval)

    async def lookup(self, ids: Sequence[str]) -> dict[str, str]:
        """Titles of the ids that exist. Raises :class:`Failure` when the API fails."""
        url = self.api.update_query(id_list=",".join(ids), max_results=str(len(ids)))
        try:
            resp = await self.client.with_retries("GET", url, gate=self.gate, max_body=MAX_API_BODY)
        except Failure as failure:
            raise Failure(Verdict.UNVERIFIED, f"arXiv API: {failure.detail}") from None
        if resp.status != 200 or not resp.complete:
            raise Failure(Verdict.UNVERIFIED, f"arXiv API answered {describe(resp.status)}")
        try:
            return parse_arxiv_feed(resp.body)
        except ValueError:
            raise Failure(Verdict.UNVERIFIED, "arXiv API sent an unreadable feed") from None

    async def check(self, ids: Iterable[str]) -> dict[str, Result | Failure]:
        """Keyed by id: a Result without url (filled by the caller) or the API's Failure."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, str] = {}
        failed: dict[str, Failure] = {}
        batch = max(1, self.options.arxiv_batch)
        for i in range(0, len(wanted), batch):
            chunk = wanted[i : i + batch]
            try:
                found.update(await self.lookup(chunk))
            except Failure as failure:
                failed.update(dict.fromkeys(chunk, failure))
        missing = [i for i in wanted if i not in found and i not in failed]
        # A paper missing from a batch answer is asked about once more before it is called
        # dead: a partial answer from a busy API must not fail anyone's CI.
        for i in range(0, len(missing), batch):
            chunk = missing[i : i + batch]
            try:
                found.update(await self.lookup(chunk))
            except Failure as failure:
                failed.update(dict.fromkeys(chunk, failure))
        out: dict[str, Result | Failure] = {}
        for ident in wanted:
            if ident in found:
                out[ident] = Result(
                    "", Verdict.OK, detail="found by the arXiv API", title=found[ident]
                )
            elif ident in failed:
                out[ident] = failed[ident]
            else:
                out[ident] = Result("", Verdict.DEAD, detail=f"no arXiv paper {ident}")
        return out


# -- DOI ------------------------------------------------------------------------------------


def doi_of(url: str) -> str | None:
    """The DOI of a ``doi.org`` link as written (percent-decoded), else None."""
    return doi_as_written(url) if "://" in url else None


async def check_doi(client: Client, options: LinkOptions, doi: str) -> Result | Failure:
    """Asks the DOI handle API whether ``doi`` is registered (not the publisher's page)."""
    url = URL(options.doi_api.rstrip("/") + "/" + quote(doi, safe="/"), encoded=True)
    try:
        resp = await client.with_retries("GET", url, max_body=1 << 20)
    except Failure as failure:
        return Failure(Verdict.UNVERIFIED, f"DOI API: {failure.detail}")
    code = None
    with contextlib.suppress(ValueError, AttributeError):
        code = json.loads(resp.body).get("responseCode")
    if resp.status == 200 and code in (1, 200):
        return Result("", Verdict.OK, detail="DOI registered")
    if resp.status == 404 or code == 100:
        return Result("", Verdict.DEAD, resp.status, detail=f"DOI {doi} not found")
    return Failure(Verdict.UNVERIFIED, f"DOI API answered {describe(resp.status)}")
