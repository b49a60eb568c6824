"""GitHub repository links checked through the GitHub API; the token goes to that API only.

Without a token: the REST API, one request per repository (60 an hour). With one: the GraphQL
API, a hundred repositories per query, one point each (5,000 points an hour), the queries sent
one at a time as GitHub asks of API clients; a repository it does not find is then asked of
REST, which follows every move. Both give the same verdicts: a repository GitHub does not know
is dead, a renamed or moved one redirected, and anything else (a failed request, an answer that
says neither) leaves the link to be checked like any other. The rate limit is
never overrun: once it is spent (or GitHub says so: 403, 429, ``RATE_LIMITED``), the remaining
repository links are unverified, not fetched as pages (github.com answers a burst of page
requests with 429s too).
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from yarl import URL

from .options import LinkOptions
from .redirects import follow
from .status import GITHUB_LIMIT_REACHED, Failure, Result, Verdict

if TYPE_CHECKING:
    from .client import Client, Response

MAX_API_BODY = 8 << 20
# Repositories per GraphQL query. A query of repository fields and no connection costs one
# point, whatever the number of its fields; its nodes (one each) are far below GitHub's limit.
GRAPHQL_BATCH = 100
# Answers of a server that has no GraphQL endpoint (a mirror of the REST API only).
NO_GRAPHQL = frozenset({404, 405, 501})

GITHUB_HOSTS = frozenset({"github.com", "www.github.com"})
_NOT_OWNERS = frozenset(
    {
        *("about", "apps", "collections", "contact", "customer-stories", "enterprise"),
        *("events", "explore", "features", "issues", "join", "login", "marketplace", "new"),
        *("notifications", "orgs", "organizations", "pricing", "pulls", "readme", "search"),
        *("security", "settings", "site", "sponsors", "team", "topics", "trending", "users"),
    }
)
_REPO_PATH = re.compile(r"/(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]*))/(?P<repo>[\w.-]+?)(?:\.git)?/?")

Outcome = Result | Failure | None  # None: check the link like any other


def github_repo(url: str) -> tuple[str, str] | None:
    """``(owner, repo)`` of a repository's home page link, else None."""
    if "github.com/" not in url.lower():
        return None
    u = URL(url)
    if (u.raw_host or "").lower() not in GITHUB_HOSTS or u.query_string:
        return None
    m = _REPO_PATH.fullmatch(u.path)
    if not m or m["owner"].lower() in _NOT_OWNERS or m["repo"] in (".", ".."):
        return None
    return m["owner"], m["repo"]


def graphql_url(api: URL) -> URL:
    """The GraphQL endpoint beside a REST API: ``https://api.github.com/graphql``, and on
    GitHub Enterprise Server ``https://HOST/api/graphql`` for ``https://HOST/api/v3``."""
    path = api.path.rstrip("/")
    return api.with_path(path.removesuffix("/v3") + "/graphql")


def repository_verdict(owner: str, repo: str, full_name: str | None) -> Result:
    """The verdict of ``owner/repo`` when GitHub names it ``full_name`` (None: not found)."""
    if full_name is None:
        return Result("", Verdict.DEAD, 404, detail="GitHub repository not found")
    if full_name.lower() != f"{owner}/{repo}".lower():
        return Result(
            "",
            Verdict.REDIRECTED,
            301,
            f"https://github.com/{full_name}",
            detail=f"repository renamed to {full_name}",
        )
    return Result("", Verdict.OK, 200, detail="GitHub repository exists")


def limit_reached() -> Failure:
    return Failure(Verdict.UNVERIFIED, GITHUB_LIMIT_REACHED)


def remaining_after(resp: Response, known: int | None) -> int | None:
    """What the API says it still allows (``X-RateLimit-Remaining``), at most ``known``."""
    value = resp.headers.get("X-RateLimit-Remaining", "")
    if not value.isdigit():
        return known
    return int(value) if known is None else min(known, int(value))


class GithubResolver:
    """Checks repository links through the GitHub API: GraphQL when the token can be sent to
    it, REST otherwise (no token, a plain-http API, ``--insecure``, a mirror without GraphQL).

    The API says how much it still allows (``X-RateLimit-Remaining``): no more is sent than
    that, so that the limit is never overrun (no 403 or 429 drawn).
    """

    def __init__(self, client: Client, options: LinkOptions) -> None:
        self.client = client
        self.options = options
        self.api = URL(options.github_api.rstrip("/"))
        self.remaining: int | None = None  # unknown until the first answer
        self.in_flight = 0
        self.first_answer = asyncio.Event()
        self.spent = False
        endpoint = graphql_url(self.api)
        self.graphql = GraphqlBatches(self, endpoint) if self.sends_token(endpoint) else None

    def sends_token(self, url: URL) -> bool:
        return "Authorization" in self.headers(url)

    def headers(self, url: URL) -> dict[str, str]:
        headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
        token = self.options.github_token
        # Over TLS only, and to the configured API's own scheme, host and port: never a
        # redirect target elsewhere, never in clear text.
        verified = not self.options.insecure
        if token and verified and url.scheme == "https" and url.origin() == self.api.origin():
            headers["Authorization"] = f"Bearer {token}"
        return headers

    async def check(self, owner: str, repo: str) -> Outcome:
        """The repository's verdict, or None to check the link like any other."""
        graphql = self.graphql
        if graphql is not None:
            outcome = await graphql.check(owner, repo)
            if graphql.missing:
                self.graphql = None  # a mirror of the REST API only: asked repository by repository
            elif not (isinstance(outcome, Result) and outcome.verdict is Verdict.DEAD):
                return outcome
            # GraphQL's NOT_FOUND is confirmed over REST, which follows every move of a
            # repository (renamed, transferred, its owner renamed): no link is dead on
            # GraphQL's word alone. Few links are, so this costs few requests.
        return await self.check_rest(owner, repo)

    # -- REST: one request per repository ------------------------------------------------

    async def check_rest(self, owner: str, repo: str) -> Outcome:
        if self.remaining is None and self.in_flight:
            await self.first_answer.wait()  # learn the limit from one answer before the rest
        if self.spent or (self.remaining is not None and self.in_flight >= self.remaining):
            self.spent = True
            return limit_reached()
        self.in_flight += 1
        try:
            resp = await self._ask(owner, repo)
        finally:
            self.in_flight -= 1
            self.first_answer.set()
        if resp is None:
            return None
        if resp.status in (403, 429):
            self.spent = True
            return limit_reached()
        return self._verdict(owner, repo, resp)

    async def _ask(self, owner: str, repo: str) -> Response | None:
        """The API's answer about the repository (renames followed), None when it gave none."""
        url = self.api.with_path(f"{self.api.path.rstrip('/')}/repos/{owner}/{repo}")
        # The API redirects renamed repositories to /repositories/<id>.
        chain = await follow(
            self.client,
            url,
            str(url),
            budget=self.client.budget(),
            max_redirects=4,
            headers_for=self.headers,
            max_body=MAX_API_BODY,
        )
        for answer in chain.answers:
            self.remaining = remaining_after(answer, self.remaining)
        return chain.response

    @staticmethod
    def _verdict(owner: str, repo: str, resp: Response) -> Result | None:
        if resp.status == 404:
            return repository_verdict(owner, repo, None)
        if resp.status == 200 and resp.complete:
            try:
                full_name = str(json.loads(resp.body)["full_name"])
            except (ValueError, KeyError, TypeError):
                return None
            return repository_verdict(owner, repo, full_name)
        return None


class GraphqlBatches:
    """Repositories asked of the GraphQL API a hundred per query, one query at a time.

    The first repository of a batch waits for its turn to send; the others asked meanwhile
    join its batch (up to :data:`GRAPHQL_BATCH`), and each gets its own answer from it.
    """

    def __init__(self, resolver: GithubResolver, url: URL) -> None:
        self.resolver = resolver
        self.url = url
        self.gate = resolver.client.gate(url, key="github-graphql", limit=1)
        # One query at a time, as GitHub asks of API clients; while one is out, the next
        # batch fills. (The gate spaces the queries and keeps their rate-limit pauses.)
        self.turn = asyncio.Lock()
        self.open: list[tuple[str, str]] = []  # the batch still taking repositories
        self.answers: dict[str, asyncio.Future[Outcome]] = {}  # by _answer_key
        self.missing = False  # the API has no GraphQL endpoint
        self.remaining: int | None = None  # points left (REST has a limit of its own)
        self.spent = False

    async def check(self, owner: str, repo: str) -> Outcome:
        key = _answer_key(owner, repo)
        if key not in self.answers:
            self.answers[key] = asyncio.get_running_loop().create_future()
            batch = self.open
            batch.append((owner, repo))
            if len(batch) == GRAPHQL_BATCH:
                self.open = []
            if len(batch) == 1:  # the batch's first: it sends the batch
                await self._send(batch)
        # Shielded: one link cut off (--max-time) must not cancel the answer of the others.
        return await asyncio.shield(self.answers[key])

    async def _send(self, batch: list[tuple[str, str]]) -> None:
        """``batch`` sent at its turn, with the repositories asked until then, and each of
        them answered (an error of the query: raised to each)."""
        try:
            async with self.turn:
                await asyncio.sleep(0)  # the links started with the first one join it
                if self.open is batch:
                    self.open = []
                outcomes = await self._query(batch)
            for (owner, repo), outcome in zip(batch, outcomes, strict=True):
                self.answers[_answer_key(owner, repo)].set_result(outcome)
        except BaseException as exc:
            if self.open is batch:
                self.open = []
            for owner, repo in batch:
                future = self.answers[_answer_key(owner, repo)]
                if future.done():
                    continue
                if isinstance(exc, Exception):
                    future.set_exception(exc)
                else:
                    future.cancel()
            raise

    async def _query(self, batch: Sequence[tuple[str, str]]) -> list[Outcome]:
        resolver = self.resolver
        if self.missing:
            return [None] * len(batch)
        if self.spent or self.remaining == 0:
            return self._limit_reached(batch)
        query = " ".join(
            f"r{i}: repository(owner: {json.dumps(owner)}, name: {json.dumps(repo)})"
            " { nameWithOwner }"
            for i, (owner, repo) in enumerate(batch)
        )
        headers = {**resolver.headers(self.url), "Content-Type": "application/json"}
        try:
            resp = await resolver.client.with_retries(
                "POST",
                self.url,
                gate=self.gate,
                headers=headers,
                data=json.dumps({"query": f"query {{ {query} }}"}).encode(),
                max_body=MAX_API_BODY,
            )
        except Failure:
            if self.gate.rate_limited:  # 429s not waited out within the budget
                return self._limit_reached(batch)
            return [None] * len(batch)  # no answer: the links are checked as pages
        self.remaining = remaining_after(resp, self.remaining)
        if resp.status in NO_GRAPHQL:
            self.missing = True
            return [None] * len(batch)
        if resp.status in (403, 429):  # a secondary rate limit
            return self._limit_reached(batch)
        return self._read(batch, resp)

    def _limit_reached(self, batch: Sequence[tuple[str, str]]) -> list[Outcome]:
        """The points are spent (or GitHub says so): this batch and every later one unverified."""
        self.spent = True
        return [limit_reached()] * len(batch)

    def _read(self, batch: Sequence[tuple[str, str]], resp: Response) -> list[Outcome]:
        """Each repository's outcome from a GraphQL answer: found (its name as GitHub has it
        now), NOT_FOUND (dead), or neither (the link is checked like any other)."""
        try:
            body = json.loads(resp.body) if resp.status == 200 and resp.complete else None
        except ValueError:
            body = None
        if not isinstance(body, dict):
            return [None] * len(batch)
        errors = [e for e in body.get("errors") or () if isinstance(e, dict)]
        if any(e.get("type") == "RATE_LIMITED" for e in errors):
            return self._limit_reached(batch)
        not_found = {
            path[0]
            for e in errors
            if e.get("type") == "NOT_FOUND"
            and isinstance(path := e.get("path"), list)
            and len(path) == 1
            and isinstance(path[0], str)
        }  # the aliases GitHub says it does not know (an error's path: [alias])
        data = body.get("data") if isinstance(body.get("data"), dict) else {}
        outcomes: list[Outcome] = []
        for i, (owner, repo) in enumerate(batch):
            node = data.get(f"r{i}")
            name = node.get("nameWithOwner") if isinstance(node, dict) else None
            if isinstance(name, str):
                outcomes.append(repository_verdict(owner, repo, name))
            elif node is None and f"r{i}" in not_found:
                outcomes.append(repository_verdict(owner, repo, None))
            else:
                outcomes.append(None)
        return outcomes


def _answer_key(owner: str, repo: str) -> str:
    """GitHub's names are case-blind: one answer for every spelling of a repository."""
    return f"{owner}/{repo}".lower()
