"""The one redirect follower: a URL's redirects followed by hand, hop by hop, each hop a
request of its own through the address guard (so a redirect cannot lead the checker to a
private address), with headers chosen per hop (a token or ``--header`` stays on its origin).
Link checks and the GitHub resolver both follow redirects here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from yarl import URL

from .collect import canonical_url
from .status import PERMANENT_REDIRECTS, REDIRECTS, Failure, Verdict

if TYPE_CHECKING:
    from .ratelimit import LinkBudget
    from .transport import Response, Transport

HeadersFor = Callable[[URL], Mapping[str, str] | None]


@dataclass(slots=True)
class Chain:
    """Where following a URL's redirects ended."""

    response: Response | None = None  # the final answer (not a redirect); None: broken
    failure: Failure | None = None  # why the chain broke
    status: int | None = None  # the last status seen
    final_url: str | None = None  # where it ended, when not where it started
    permanent: URL | None = None  # where the leading permanent redirects lead
    answers: list[Response] = field(default_factory=list)  # every hop's answer


def _final(url: URL, original: str) -> str | None:
    final = str(url.with_fragment(None))
    return None if final == original else final


async def follow(
    transport: Transport,
    url: URL,
    original: str,
    *,
    budget: LinkBudget,
    max_redirects: int,
    headers_for: HeadersFor = lambda url: None,
    max_body: int = 0,
) -> Chain:
    """GET ``url`` (named ``original`` by the caller) and each redirect target after it, at
    most ``max_redirects``; a target visited again with the same cookies is a loop (with new
    ones it is progress: a consent or session check)."""
    chain = Chain()
    seen = {_visit(transport, url)}
    only_permanent = True
    for _hop in range(max_redirects + 1):
        try:
            resp = await transport.with_retries(
                "GET", url, budget=budget, headers=headers_for(url), max_body=max_body
            )
        except Failure as failure:
            chain.failure, chain.final_url = failure, _final(url, original)
            return chain
        chain.answers.append(resp)
        chain.status = resp.status
        location = resp.headers.get("Location")
        if resp.status not in REDIRECTS or not location:
            chain.response, chain.final_url = resp, _final(url, original)
            return chain
        try:
            target = canonical_url(url.join(URL(location)))
        except ValueError:
            chain.failure = Failure(Verdict.UNVERIFIED, "bad redirect")
            return chain
        if only_permanent and resp.status in PERMANENT_REDIRECTS:
            chain.permanent = target
        else:
            only_permanent = False
        visit = _visit(transport, target)
        if visit in seen:
            chain.failure, chain.final_url = Failure(Verdict.DEAD, "redirect loop"), str(target)
            return chain
        seen.add(visit)
        url = target
    chain.failure = Failure(Verdict.DEAD, f"more than {max_redirects} redirects")
    chain.final_url = _final(url, original)
    return chain


def _visit(transport: Transport, url: URL) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A redirect target with the cookies it would be sent."""
    return str(url.with_fragment(None)), transport.cookies_for(url)
