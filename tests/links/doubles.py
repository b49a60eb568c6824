"""Local doubles of the arXiv export API, the DOI handle API and the GitHub API."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from xml.sax.saxutils import escape

from aiohttp import web


def arxiv_api(papers: Mapping[str, str], requests: list[list[str]]):
    """Serves ``/api/query?id_list=…`` as Atom; records each request's ids."""

    async def query(request: web.Request) -> web.Response:
        ids = [i for i in request.query.get("id_list", "").split(",") if i]
        requests.append(ids)
        assert int(request.query["max_results"]) >= len(ids)
        entries = "".join(
            f"<entry><id>http://arxiv.org/abs/{i}v2</id>"
            f"<title>{escape(papers[i])}</title><summary>…</summary></entry>"
            for i in ids
            if i in papers
        )
        if any(i.startswith("bad") for i in ids):
            entries += (
                "<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_bad</id>"
                "<title>Error</title></entry>"
            )
        feed = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>arXiv Query</title>{entries}</feed>"
        )
        return web.Response(text=feed, content_type="application/atom+xml")

    def setup(app: web.Application) -> None:
        app.router.add_get("/api/query", query)

    return setup


def doi_api(known: set[str]):
    async def handle(request: web.Request) -> web.Response:
        doi = request.match_info["doi"]
        if doi in known:
            body = {"responseCode": 1, "handle": doi, "values": []}
            return web.json_response(body)
        return web.json_response({"responseCode": 100, "handle": doi}, status=404)

    def setup(app: web.Application) -> None:
        app.router.add_get("/api/handles/{doi:.+}", handle)

    return setup


def github_api(repos: Mapping[str, object]):
    """``repos``: "owner/name" → full name (200), None (404), ("moved", location) (301),
    or an int status (answered with that status and a rate-limit header)."""

    async def repo(request: web.Request) -> web.Response:
        key = f"{request.match_info['owner']}/{request.match_info['repo']}"
        answer = repos.get(key.lower())
        if answer is None:
            return web.json_response({"message": "Not Found"}, status=404)
        if isinstance(answer, int):
            return web.json_response(
                {"message": "rate limited"},
                status=answer,
                headers={"X-RateLimit-Remaining": "0"},
            )
        if isinstance(answer, tuple):
            return web.json_response({}, status=301, headers={"Location": answer[1]})
        return web.json_response({"full_name": answer})

    async def by_id(request: web.Request) -> web.Response:
        return web.json_response({"full_name": repos[f"#{request.match_info['id']}"]})

    def setup(app: web.Application) -> None:
        app.router.add_get("/repos/{owner}/{repo}", repo)
        app.router.add_get("/repositories/{id}", by_id)

    return setup


_STRING = r'"(?:[^"\\]|\\.)*"'
GRAPHQL_REPOSITORY = re.compile(
    rf"(\w+)\s*:\s*repository\(\s*owner\s*:\s*({_STRING})\s*,\s*name\s*:\s*({_STRING})\s*\)"
)


def github_graphql(
    repos: Mapping[str, object],
    queries: list[list[str]],
    *,
    points: int = 5000,
    secondary_after: int | None = None,
    secondary_status: int = 403,
):
    """``POST /graphql`` as GitHub answers ``alias: repository(owner: "o", name: "n")``
    fields; records each query's "owner/name"s in ``queries``. ``repos``: "owner/name" →
    its current full name, or ("error", TYPE) for a null with an error of that type; any
    other is NOT_FOUND. A token is required (401). Each query costs 1 of ``points`` (past
    them: 200 with a RATE_LIMITED error); past ``secondary_after`` queries,
    ``secondary_status`` (403 or 429) with Retry-After (a secondary rate limit)."""

    async def graphql(request: web.Request) -> web.Response:
        if "Authorization" not in request.headers:
            return web.json_response({"message": "Requires authentication"}, status=401)
        if secondary_after is not None and len(queries) >= secondary_after:
            message = "You have exceeded a secondary rate limit."
            return web.json_response(
                {"message": message}, status=secondary_status, headers={"Retry-After": "60"}
            )
        used = min(len(queries) + 1, points)
        headers = {"x-ratelimit-remaining": str(points - used), "x-ratelimit-resource": "graphql"}
        if len(queries) >= points:
            error = {"type": "RATE_LIMITED", "message": "API rate limit exceeded"}
            return web.json_response({"errors": [error]}, headers=headers)
        fields = GRAPHQL_REPOSITORY.findall((await request.json())["query"])
        queries.append([f"{json.loads(o)}/{json.loads(n)}" for _, o, n in fields])
        data: dict[str, object] = {}
        errors = []
        for alias, owner, name in fields:
            answer = repos.get(f"{json.loads(owner)}/{json.loads(name)}".lower())
            data[alias] = {"nameWithOwner": answer} if isinstance(answer, str) else None
            if not isinstance(answer, str):
                kind = answer[1] if isinstance(answer, tuple) else "NOT_FOUND"
                errors.append({"type": kind, "path": [alias], "message": kind})
        body = {"data": data, **({"errors": errors} if errors else {})}
        return web.json_response(body, headers=headers)

    return lambda app: app.router.add_post("/graphql", graphql)


def pausing_hops(retry_after: int) -> Callable[[web.Request], Awaitable[web.Response]]:
    """A handler for ``…/{n}``: each address first answers 429 (``Retry-After``), then
    redirects to ``…/{n + 1}``, a redirect chain whose every hop asks for a pause."""
    seen: Counter[str] = Counter()

    async def hop(request: web.Request) -> web.Response:
        seen[request.path] += 1
        if seen[request.path] == 1:
            return web.Response(status=429, headers={"Retry-After": str(retry_after)})
        prefix, _, n = request.path.rpartition("/")
        return web.Response(status=302, headers={"Location": f"{prefix}/{int(n) + 1}"})

    return hop
