"""The client the checker runs with: the transport (one session, limits, retries) and the
check of one link (its redirects followed, its final answer judged)."""

from __future__ import annotations

from yarl import URL

from .collect import canonical_url
from .ratelimit import HOST_RATE_LIMIT, HOST_TIMEOUT_LIMIT, HostGate, LinkBudget, retry_after
from .redirects import follow
from .status import Result, Verdict, classify, describe
from .transport import Response, Transport, judge_exception

# Callers (``add``, tests, benches) import the client's parts from here.
__all__ = [
    "HOST_RATE_LIMIT",
    "HOST_TIMEOUT_LIMIT",
    "Client",
    "HostGate",
    "LinkBudget",
    "Response",
    "judge_exception",
    "retry_after",
]


class Client(Transport):
    """The transport, and the check of a link. Use as an async context manager."""

    async def check(self, url_text: str) -> Result:
        """Follow ``url_text`` (at most ``max_redirects`` redirects) and judge it."""
        try:
            url = canonical_url(URL(url_text, encoded=True))
        except ValueError:
            return Result(url_text, Verdict.DEAD, detail="invalid URL")
        own = url.origin()
        # One GET per hop, body unread: HEAD would need a GET after it wherever it is refused
        # or answered wrongly (405, 403, 404 on HEAD only), two requests for one link.
        chain = await follow(
            self,
            url,
            url_text,
            budget=self.budget(),
            max_redirects=self.options.max_redirects,
            headers_for=lambda hop: self._headers_for(hop, own),
        )
        if chain.response is None:
            assert chain.failure is not None
            failure = chain.failure
            return Result(url_text, failure.verdict, chain.status, chain.final_url, failure.detail)
        status = chain.response.status
        verdict = classify(status, self.options.accept)
        if verdict is Verdict.OK and chain.permanent is not None:
            moved = str(chain.permanent.with_fragment(None))
            if moved != url_text:
                return Result(url_text, Verdict.REDIRECTED, status, moved, describe(status))
        return Result(url_text, verdict, status, chain.final_url, describe(status))

    def _headers_for(self, url: URL, own: URL) -> dict[str, str] | None:
        """``--header`` values, for the link's own origin only (scheme, host and port): not
        for a redirect elsewhere."""
        if not self.options.headers or url.origin() != own:
            return None
        return dict(self.options.headers)
