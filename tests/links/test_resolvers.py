"""arXiv, DOI and GitHub links, checked through (doubles of) the services' APIs."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from aiohttp import web
from yarl import URL

from awesome_lint.links import Verdict, check_links_async
from awesome_lint.links.github import github_repo, graphql_url
from awesome_lint.links.resolvers import arxiv_id, doi_of
from awesome_lint.links.safety import StaticResolver
from awesome_lint.links.status import GITHUB_LIMIT_REACHED
from awesome_lint.links.titles import titles_match

from ..internet import certificate
from .conftest import ServerFactory, Tls, fast_options, never
from .docs import links_doc, make_doc
from .doubles import arxiv_api, doi_api, github_api, github_graphql


def test_arxiv_ids() -> None:
    assert arxiv_id("https://arxiv.org/abs/2111.08005") == "2111.08005"
    assert arxiv_id("http://arxiv.org/abs/2111.08005v1") == "2111.08005"
    assert arxiv_id("https://arxiv.org/pdf/2206.13295.pdf") == "2206.13295"
    assert arxiv_id("https://arxiv.org/pdf/2206.13295v3") == "2206.13295"
    assert arxiv_id("https://export.arxiv.org/abs/hep-th/9901001") == "hep-th/9901001"
    assert arxiv_id("https://arxiv.org/abs/math.GT/0309136v2") == "math.GT/0309136"
    assert arxiv_id("https://arxiv.org/abs/2203.04306v1.pdf") is None  # odd: fetched as is
    assert arxiv_id("https://arxiv.org/list/cs.CV/recent") is None
    assert arxiv_id("https://example.org/abs/2111.08005") is None


def test_doi_and_github_patterns() -> None:
    assert doi_of("https://doi.org/10.1145/3292500.3330701") == "10.1145/3292500.3330701"
    assert doi_of("http://dx.doi.org/10.1002/%28SICI%291097") == "10.1002/(SICI)1097"
    assert doi_of("https://doi.org/") is None
    assert github_repo("https://github.com/octo/repo") == ("octo", "repo")
    assert github_repo("https://github.com/octo/repo.git/") == ("octo", "repo")
    assert github_repo("https://github.com/octo/repo/blob/main/x.py") is None
    assert github_repo("https://github.com/topics/nerf") is None
    assert github_repo("https://github.com/octo") is None


def test_titles_match() -> None:
    assert titles_match("MedSegDiff", "MedSegDiff: Medical Image Segmentation with Diffusion")
    assert not titles_match("CPM-1", "CPM: A Large-scale Generative Chinese Pre-trained Model")
    assert titles_match(
        "MedSegDiff: Medical Image Segmentation", "MedSegDiff - medical image segmentation."
    )
    assert titles_match(
        "**Diffusion Models** for Medical Imaging", "Diffusion models for medical imaging"
    )
    assert titles_match(
        "Denoising Difusion Probabilistic Models", "Denoising Diffusion Probabilistic Models"
    )
    assert not titles_match(
        "Three-Dimensional Medical Image Synthesis",
        "Diffusion Deformable Model for 4D Temporal Medical Image Generation",
    )


async def test_arxiv_links_checked_in_batches(serve: ServerFactory) -> None:
    papers = {f"2301.{i:05d}": f"Paper number {i}" for i in range(250)}
    requests: list[list[str]] = []
    api = await serve(arxiv_api(papers, requests))
    urls = [f"https://arxiv.org/abs/{i}" for i in papers]
    urls += [f"http://arxiv.org/pdf/{i}v1.pdf" for i in list(papers)[:20]]  # same papers
    urls += ["https://arxiv.org/abs/2301.99999"]  # no such paper
    options = fast_options(arxiv_api=api.url("/api/query"), arxiv_batch=100)
    report = await check_links_async([links_doc(*urls)], options)
    assert report.counts["ok"] == 270
    assert report.counts["dead"] == 1
    assert report.results["https://arxiv.org/abs/2301.99999"].detail == "no arXiv paper 2301.99999"
    # 251 distinct ids in three batches, and the missing one asked about once more.
    assert [len(r) for r in requests] == [100, 100, 51, 1]
    assert report.requests == 4
    assert api.recorder.max_in_flight == 1


async def test_arxiv_title_mismatch(serve: ServerFactory) -> None:
    # Three entries share one arXiv link (a copy-paste error in the corpus, 59825db L187-200).
    requests: list[list[str]] = []
    api = await serve(
        arxiv_api(
            {
                "2111.08005": "Solving Inverse Problems in Medical Imaging with "
                "Score-Based Generative Models"
            },
            requests,
        )
    )
    text = (
        "**Solving inverse problems in medical imaging with score-based generative models** \\\n"
        "[[Paper](https://arxiv.org/abs/2111.08005)]\n"
        "\n"
        "**Score-based diffusion models for accelerated MRI** \\\n"
        "[[Paper](https://arxiv.org/abs/2111.08005)]\n"
        "\n"
        "[plain link](https://arxiv.org/abs/2111.08005)\n"
        "\n"
        "**Another paper that reuses the code** \\\n"
        "[[Code](https://arxiv.org/abs/2111.08005)]\n"
    )
    doc = make_doc(text)
    report = await check_links_async([doc], fast_options(arxiv_api=api.url("/api/query")))
    assert [(d.code, d.span.line, d.span.column) for d in report.diagnostics] == [("AL904", 5, 10)]
    (diag,) = report.diagnostics
    assert diag.message == (
        'entry title "Score-based diffusion models for accelerated MRI" differs from the arXiv '
        'title "Solving Inverse Problems in Medical Imaging with Score-Based Generative Models"'
    )
    assert diag.data["verdict"] == "ok"
    assert requests == [["2111.08005"]]


async def test_arxiv_api_failure_is_unverified(serve: ServerFactory) -> None:
    async def down(request: web.Request) -> web.Response:
        return web.Response(status=503)

    api = await serve(lambda app: app.router.add_get("/api/query", down))
    report = await check_links_async(
        [links_doc("https://arxiv.org/abs/2111.08005")],
        fast_options(arxiv_api=api.url("/api/query"), retries=1),
    )
    result = report.results["https://arxiv.org/abs/2111.08005"]
    assert result.verdict is Verdict.UNVERIFIED
    assert result.detail == "arXiv API answered 503 Service Unavailable"
    assert api.recorder.total == 2


async def test_doi_links_use_the_handle_api(serve: ServerFactory) -> None:
    api = await serve(doi_api({"10.1145/3292500.3330701", "10.1007/978-3-031-16452-1_4"}))
    urls = [
        "https://doi.org/10.1145/3292500.3330701",
        "https://dx.doi.org/10.1007/978-3-031-16452-1_4",
        "https://doi.org/10.9999/no-such-doi",
    ]
    report = await check_links_async(
        [links_doc(*urls)], fast_options(doi_api=api.url("/api/handles/"))
    )
    assert [report.results[u].verdict for u in urls] == [Verdict.OK, Verdict.OK, Verdict.DEAD]
    assert report.results[urls[2]].detail == "DOI 10.9999/no-such-doi not found"
    assert api.recorder.total == 3


async def test_github_repositories_and_the_token_on_a_mirror_without_graphql(
    serve: ServerFactory, tls: Tls
) -> None:
    """An API that answers 404 to the GraphQL query (a mirror of the REST API only): every
    repository is asked of REST, the token sent to the API's own origin only."""

    def other_site(app: web.Application) -> None:
        async def anything(request: web.Request) -> web.Response:
            if request.path.startswith("/repositories/"):
                return web.json_response({"full_name": "octo/elsewhere"})
            return web.Response(text="ok")

        app.router.add_route("*", "/{tail:.*}", anything)

    other = await serve(other_site)
    repos = {
        "octo/exists": "octo/exists",
        "octo/case": "Octo/Case",
        "octo/old-name": ("moved", "/repositories/42"),
        "#42": "octo/new-name",
        "octo/elsewhere": ("moved", other.url("/repositories/7")),
    }
    api = await serve(github_api(repos), tls=tls.server)
    urls = [
        "https://github.com/octo/exists",
        "https://github.com/octo/case",
        "https://github.com/octo/missing",
        "https://github.com/octo/old-name",
        "https://github.com/octo/elsewhere",
        other.url("/page"),
    ]
    options = fast_options(github_api=api.url("/"), github_token="t0ken", ssl_context=tls.client)
    assert api.url("/").startswith("https://127.0.0.1:")
    report = await check_links_async([links_doc(*urls)], options)
    got = {u: (r.verdict, r.final_url) for u, r in report.results.items()}
    assert got == {
        urls[0]: (Verdict.OK, None),
        urls[1]: (Verdict.OK, None),
        urls[2]: (Verdict.DEAD, None),
        urls[3]: (Verdict.REDIRECTED, "https://github.com/octo/new-name"),
        urls[4]: (Verdict.OK, None),
        urls[5]: (Verdict.OK, None),
    }
    assert {h for _, h in api.recorder.authorization} == {"Bearer t0ken"}
    assert [p for p, _ in api.recorder.authorization][:1] == ["/graphql"]  # answered 404
    assert len(api.recorder.authorization) == 7  # then 6 REST requests (2 for the renames)
    assert other.recorder.count("/repositories/7") == 1
    assert {h for _, h in other.recorder.authorization} == {None}


async def test_the_token_never_goes_over_plain_http(serve: ServerFactory) -> None:
    api = await serve(github_api({"octo/exists": "octo/exists"}))
    options = fast_options(github_api=api.url("/"), github_token="t0ken")
    report = await check_links_async([links_doc("https://github.com/octo/exists")], options)
    assert report.results["https://github.com/octo/exists"].verdict is Verdict.OK
    assert api.recorder.authorization == [("/repos/octo/exists", None)]


async def test_the_token_does_not_follow_a_redirect_to_another_origin(
    serve: ServerFactory, tls: Tls
) -> None:
    """Same host, another port: another origin. Over https both, and still no token there."""
    elsewhere = await serve(github_api({"octo/exists": "octo/exists"}), tls=tls.server)
    target = elsewhere.url("/repos/octo/exists")
    api = await serve(github_api({"octo/moved": ("moved", target)}), tls=tls.server)
    options = fast_options(github_api=api.url("/"), github_token="t0ken", ssl_context=tls.client)
    await check_links_async([links_doc("https://github.com/octo/moved")], options)
    # A REST-only API (the GraphQL query answered 404): the repository asked of REST.
    assert api.recorder.authorization == [
        ("/graphql", "Bearer t0ken"),
        ("/repos/octo/moved", "Bearer t0ken"),
    ]
    assert elsewhere.recorder.authorization == [("/repos/octo/exists", None)]


async def test_service_apis_get_the_address_guard(serve: ServerFactory) -> None:
    """A service address on loopback is refused like any link unless its network is allowed:
    no request reaches it, and the link falls back to (or stays) unverified, never dead."""
    arxiv_papers: list[list[str]] = []
    arxiv = await serve(arxiv_api({"2111.08005": "A"}, arxiv_papers))
    github = await serve(github_api({"octo/exists": "octo/exists"}))
    doi = await serve(doi_api({"10.1000/x"}))
    options = fast_options(
        allow_private=False,
        arxiv_api=arxiv.url("/api/query"),
        github_api=github.url("/"),
        doi_api=doi.url("/api/handles/"),
        dns_resolver=StaticResolver({}),
    )
    urls = ["https://arxiv.org/abs/2111.08005", "https://doi.org/10.1000/x"]
    report = await check_links_async([links_doc(*urls, "https://github.com/octo/exists")], options)
    assert arxiv.recorder.total + github.recorder.total + doi.recorder.total == 0
    assert report.counts["dead"] == 0
    assert "private or reserved" in report.results[urls[0]].detail
    allowed = replace(options, allow_networks=("127.0.0.0/8",))
    report = await check_links_async([links_doc(*urls)], allowed)
    assert [report.results[u].verdict for u in urls] == [Verdict.OK, Verdict.OK]


async def test_github_rate_limit_makes_links_unverified_not_fetched(serve: ServerFactory) -> None:
    api = await serve(github_api({"octo/limited": 403}))
    # github.com resolves to nothing here: a fallback to the page would make the links dead.
    options = fast_options(github_api=api.url("/"), dns_resolver=StaticResolver({}))
    urls = ["https://github.com/octo/limited", "https://github.com/octo/other"]
    report = await check_links_async([links_doc(*urls)], options)
    assert [report.results[u].verdict for u in urls] == [Verdict.UNVERIFIED] * 2
    assert api.recorder.total == 1  # the second link was not asked once the limit was spent
    assert report.notes == [
        "2 GitHub repository links are unverified: without a token the GitHub API answers 60 "
        "requests an hour; set GITHUB_TOKEN (5,000 an hour) to check them"
    ]


def limited_github_api(anonymous: int):
    """GitHub's primary rate limit: ``anonymous`` requests without a token, 5,000 with one;
    every answer says what is left (``X-RateLimit-Remaining``), one past the limit is 403."""
    used: Counter[bool] = Counter()

    async def repo(request: web.Request) -> web.Response:
        token = request.headers.get("Authorization") is not None
        limit = 5000 if token else anonymous
        used[token] += 1
        left = limit - used[token]
        if left < 0:
            headers = {"X-RateLimit-Remaining": "0"}
            return web.json_response({"message": "API rate limit exceeded"}, 403, headers=headers)
        name = f"{request.match_info['owner']}/{request.match_info['repo']}"
        return web.json_response({"full_name": name}, headers={"X-RateLimit-Remaining": str(left)})

    return lambda app: app.router.add_get("/repos/{owner}/{repo}", repo)


async def test_github_api_limit_is_never_overrun(serve: ServerFactory, tls: Tls) -> None:
    urls = [f"https://github.com/octo/r{i}" for i in range(8)]
    api = await serve(limited_github_api(anonymous=3), tls=tls.server)
    options = fast_options(
        github_api=api.url("/"), ssl_context=tls.client, dns_resolver=StaticResolver({})
    )
    report = await check_links_async([links_doc(*urls)], options)
    assert (
        sorted(r.verdict.value for r in report.results.values()) == ["ok"] * 3 + ["unverified"] * 5
    )
    assert api.recorder.total == 3  # no request past the limit: no 403 drawn
    assert "set GITHUB_TOKEN" in report.notes[0]

    with_token = replace(options, github_token="t0ken")
    report = await check_links_async([links_doc(*urls)], with_token)
    assert report.counts["ok"] == 8 and report.notes == []


def test_the_graphql_endpoint_is_beside_the_rest_api() -> None:
    assert str(graphql_url(URL("https://api.github.com"))) == "https://api.github.com/graphql"
    enterprise = URL("https://git.example.org/api/v3")
    assert str(graphql_url(enterprise)) == "https://git.example.org/api/graphql"


def both_apis(rest: dict[str, object], graphql: dict[str, object], queries: list[list[str]]):
    def setup(app: web.Application) -> None:
        github_api(rest)(app)
        github_graphql(graphql, queries)(app)

    return setup


async def test_with_a_token_repositories_are_asked_of_graphql_a_hundred_a_query(
    serve: ServerFactory, tls: Tls
) -> None:
    # r0, r25 … missing; r1, r26 … renamed; the others exist. r2 is written twice.
    names = [f"octo/r{i}" for i in range(250)]
    repos: dict[str, object] = {n: n for i, n in enumerate(names) if i % 25 > 1}
    repos.update({n: n + "-new" for i, n in enumerate(names) if i % 25 == 1})
    queries: list[list[str]] = []
    api = await serve(both_apis({}, repos, queries), tls=tls.server)
    urls = [f"https://github.com/{n}" for n in names] + ["https://github.com/OCTO/r2.git"]
    options = fast_options(
        github_api=api.url("/"),
        github_token="t0ken",
        ssl_context=tls.client,
        dns_resolver=StaticResolver({}),  # a page fetched instead would be dead (no DNS)
    )
    report = await check_links_async([links_doc(*urls)], options)
    assert [len(q) for q in queries] == [100, 100, 50]  # 250 repositories, one alias each
    assert api.recorder.count("/graphql") == 3
    # Only the 10 repositories GraphQL does not know are asked of REST (to confirm them).
    rest = sorted(p for (_, p), n in api.recorder.hits.items() if p.startswith("/repos/"))
    assert rest == sorted(f"/repos/octo/r{i}" for i in range(0, 250, 25))
    assert report.requests == api.recorder.total == 13
    assert {h for _, h in api.recorder.authorization} == {"Bearer t0ken"}
    assert (report.counts["ok"], report.counts["redirected"], report.counts["dead"]) == (
        231,
        10,
        10,
    )
    renamed = report.results["https://github.com/octo/r26"]
    assert (renamed.verdict, renamed.final_url) == (
        Verdict.REDIRECTED,
        "https://github.com/octo/r26-new",
    )
    assert report.results["https://github.com/octo/r25"].detail == "GitHub repository not found"
    assert report.results["https://github.com/OCTO/r2.git"].verdict is Verdict.OK


async def test_graphql_and_rest_give_the_same_verdicts(serve: ServerFactory, tls: Tls) -> None:
    rest = {
        "octo/exists": "octo/exists",
        "octo/case": "Octo/Case",
        "octo/old-name": ("moved", "/repositories/42"),
        "#42": "octo/new-name",
    }
    graphql = {
        "octo/exists": "octo/exists",
        "octo/case": "Octo/Case",
        "octo/old-name": "octo/new-name",
    }
    urls = [f"https://github.com/octo/{n}" for n in ("exists", "case", "missing", "old-name")]
    queries: list[list[str]] = []
    verdicts = []
    for setup in (both_apis(rest, graphql, queries), github_api(rest)):
        api = await serve(setup, tls=tls.server)
        options = fast_options(
            github_api=api.url("/"),
            github_token="t0ken",
            ssl_context=tls.client,
            dns_resolver=StaticResolver({}),
        )
        report = await check_links_async([links_doc(*urls)], options)
        verdicts.append(
            {
                u: (r.verdict, r.http_status, r.final_url, r.detail)
                for u, r in report.results.items()
            }
        )
    assert queries == [["octo/exists", "octo/case", "octo/missing", "octo/old-name"]]
    assert verdicts[0] == verdicts[1]
    assert [verdicts[0][u][0] for u in urls] == [
        Verdict.OK, Verdict.OK, Verdict.DEAD, Verdict.REDIRECTED
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("points", "secondary", "asked", "answered"),
    [
        (1, None, 1, 100),  # the answer says no point is left: the next query is not sent
        (0, None, 1, 0),  # a RATE_LIMITED error in a 200 answer
        (5000, 403, 2, 100),  # a secondary rate limit: 403 with Retry-After
        # 429 with Retry-After: waited (capped by max_retry_after) and retried as any 429
        # is, twice (retries=2), then the limit is taken as reached.
        (5000, 429, 4, 100),
    ],
)
async def test_graphql_rate_limits_make_links_unverified_never_dead(
    serve: ServerFactory,
    tls: Tls,
    points: int,
    secondary: int | None,
    asked: int,
    answered: int,
) -> None:
    names = [f"octo/r{i}" for i in range(250)]
    queries: list[list[str]] = []
    api = await serve(
        github_graphql(
            {n: n for n in names},
            queries,
            points=points,
            secondary_after=None if secondary is None else 1,
            secondary_status=secondary or 403,
        ),
        tls=tls.server,
    )
    options = fast_options(
        github_api=api.url("/"),
        github_token="t0ken",
        ssl_context=tls.client,
        dns_resolver=StaticResolver({}),
    )
    report = await check_links_async(
        [links_doc(*[f"https://github.com/{n}" for n in names])], options
    )
    assert api.recorder.count("/graphql") == asked  # no query after the limit showed
    assert report.counts["ok"] == answered
    assert report.counts["unverified"] == 250 - answered and report.counts["dead"] == 0
    unverified = {r.detail for r in report.results.values() if r.verdict is Verdict.UNVERIFIED}
    assert unverified == {GITHUB_LIMIT_REACHED}


async def test_a_repository_graphql_neither_finds_nor_misses_is_checked_as_a_page(
    serve: ServerFactory, tmp_path: Path
) -> None:
    """null with a FORBIDDEN error (not NOT_FOUND): not dead on GitHub's word; the page says.
    The API and the pages at their real names (api.github.com, github.com) on one server."""
    server_tls, client_tls = certificate(tmp_path, ["api.github.com", "github.com"])
    queries: list[list[str]] = []

    async def page(request: web.Request) -> web.Response:
        return web.Response(text="a repository")

    def setup(app: web.Application) -> None:
        repos = {"octo/open": "octo/open", "octo/secret": ("error", "FORBIDDEN")}
        github_graphql(repos, queries)(app)
        app.router.add_get("/octo/secret", page)

    server = await serve(setup, tls=server_tls)
    names = {"api.github.com": "127.0.0.1", "github.com": "127.0.0.1"}
    options = fast_options(
        github_api="https://api.github.com",
        github_token="t0ken",
        ssl_context=client_tls,
        dns_resolver=StaticResolver(names, ports={443: server.port}),
    )
    urls = ["https://github.com/octo/open", "https://github.com/octo/secret"]
    report = await check_links_async([links_doc(*urls)], options)
    assert [report.results[u].verdict for u in urls] == [Verdict.OK, Verdict.OK]
    assert report.results[urls[1]].detail == "200 OK"  # the page's answer
    assert server.recorder.count("/graphql") == 1 and server.recorder.count("/octo/secret") == 1
    assert server.recorder.authorization[-1] == ("/octo/secret", None)  # no token to the page


async def test_a_graphql_query_cut_off_by_max_time_leaves_its_links_unverified(
    serve: ServerFactory, tls: Tls
) -> None:
    api = await serve(lambda app: app.router.add_post("/graphql", never), tls=tls.server)
    options = fast_options(
        github_api=api.url("/"),
        github_token="t0ken",
        ssl_context=tls.client,
        timeout=30.0,
        max_time=0.5,
    )
    urls = [f"https://github.com/octo/r{i}" for i in range(150)]  # two batches
    report = await check_links_async([links_doc(*urls)], options)
    assert report.counts["unverified"] == 150
    assert {r.detail for r in report.results.values()} == {"not checked within --max-time 0.5 s"}
    assert api.recorder.count("/graphql") == 1  # the second batch waited its turn


async def test_a_repository_graphql_does_not_find_is_dead_only_if_rest_agrees(
    serve: ServerFactory, tls: Tls
) -> None:
    """GraphQL follows renames, but a NOT_FOUND is asked of REST before a link is called
    dead: REST redirects every move (here an owner renamed)."""
    rest = {"olduser/tool": ("moved", "/repositories/7"), "#7": "newuser/tool"}
    queries: list[list[str]] = []
    api = await serve(both_apis(rest, {}, queries), tls=tls.server)
    options = fast_options(
        github_api=api.url("/"),
        github_token="t0ken",
        ssl_context=tls.client,
        dns_resolver=StaticResolver({}),
    )
    urls = ["https://github.com/olduser/tool", "https://github.com/octo/gone"]
    report = await check_links_async([links_doc(*urls)], options)
    got = [(report.results[u].verdict, report.results[u].final_url) for u in urls]
    assert got == [(Verdict.REDIRECTED, "https://github.com/newuser/tool"), (Verdict.DEAD, None)]
    assert queries == [["olduser/tool", "octo/gone"]]
    paths = [p for p, _ in api.recorder.authorization]
    assert paths[0] == "/graphql"
    assert sorted(paths[1:]) == ["/repos/octo/gone", "/repos/olduser/tool", "/repositories/7"]
    assert {h for _, h in api.recorder.authorization} == {"Bearer t0ken"}
