"""Local doubles of the arXiv export API, the DOI handle API and the GitHub API."""

from __future__ import annotations

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
