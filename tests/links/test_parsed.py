"""The link checker on documents from the real parser (a corpus excerpt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp import web

from awesome_lint.links import check_links_async, collect_urls, dump_links

from .conftest import ServerFactory, fast_options
from .doubles import arxiv_api, github_api

parse = pytest.importorskip("awesome_lint.parse")

# amirhossein-kz/Awesome-Diffusion-Models-in-Medical-Imaging @ 59825db, README.md L187-200
# (MIT): three different papers that all link arXiv 2111.08005, the copy-paste error that
# AL904 exists for.
EXCERPT = """\
**Solving Inverse Problems in Medical Imaging with Score-Based Generative Models**<br>
*Yang Song, Liyue Shen, Lei Xing, Stefano Ermon*<br>
[15th Nov., 2021] [NeurIPS Workshop, 2021] <br>
 [[Paper](https://arxiv.org/abs/2111.08005)] [[Github](https://github.com/yang-song/score_inverse_problems)]

**Score-based diffusion models for accelerated MRI** <br>
*Hyungjin Chung, Jong chul Ye*<br>
[8th Oct., 2021] [MIA, 2021]<br>
[[Paper](https://arxiv.org/abs/2111.08005)] [[Github](https://github.com/yang-song/score_inverse_problems)]

**Robust Compressed Sensing MRI with Deep Generative Priors** <br>
*Ajil Jalal, Marius Arvinte, Giannis Daras, Eric Price, Alexandros G. Dimakis, Jonathan I. Tamir*<br>
[3rd Aug., 2021] [NeurIPS, 2021]<br>
[[Paper](https://arxiv.org/abs/2111.08005)] [[Github](https://github.com/utcsilab/csgm-mri-langevin)]
"""

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


async def test_copy_pasted_arxiv_link_gives_al904(serve: ServerFactory) -> None:
    doc = parse.parse_document(EXCERPT, "README.md")
    assert dump_links([doc]) == (
        "https://arxiv.org/abs/2111.08005\tREADME.md:4:11 README.md:9:10 README.md:14:10\n"
        "https://github.com/yang-song/score_inverse_problems\tREADME.md:4:56 README.md:9:55\n"
        "https://github.com/utcsilab/csgm-mri-langevin\tREADME.md:14:55\n"
    )
    title = "Solving Inverse Problems in Medical Imaging with Score-Based Generative Models"
    requests: list[list[str]] = []
    arxiv = await serve(arxiv_api({"2111.08005": title}, requests))
    github = await serve(
        github_api(
            {
                "yang-song/score_inverse_problems": "yang-song/score_inverse_problems",
                "utcsilab/csgm-mri-langevin": "utcsilab/csgm-mri-langevin",
            }
        )
    )
    options = fast_options(arxiv_api=arxiv.url("/api/query"), github_api=github.url("/"))
    report = await check_links_async([doc], options)
    assert [(d.code, d.span.line, d.span.column) for d in report.diagnostics] == [
        ("AL904", 9, 10),
        ("AL904", 14, 10),
    ]
    assert report.counts["ok"] == 3 and report.requests == 3


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_collect_on_the_corpus() -> None:
    path = CORPUS / "amirhossein-kz__Awesome-Diffusion-Models-in-Medical-Imaging__59825db.md"
    doc = parse.parse_document(path.read_text(encoding="utf-8"), str(path))
    targets = collect_urls([doc])
    assert len({t.url for t in targets}) == len(targets)
    (shared,) = [t for t in targets if t.url == "https://arxiv.org/abs/2111.08005"]
    assert [loc.link.url_span.line for loc in shared.locations] == [190, 195, 200]
    assert [loc.entry_title for loc in shared.locations] == [
        "Solving Inverse Problems in Medical Imaging with Score-Based Generative Models",
        "Score-based diffusion models for accelerated MRI",
        "Robust Compressed Sensing MRI with Deep Generative Priors",
    ]


REFERENCES = """\
# Papers

- [A paper][paper] and [its code][code], [again][paper]

[paper]: {ok}
[code]:  <{gone}> "The code"
[^1]: A footnote, no link.

- A list item that defines one:

  [nested]:
    {ok}?nested
"""


async def test_reference_style_links_are_checked_where_they_are_defined(
    serve: ServerFactory,
) -> None:
    async def ok(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def gone(request: web.Request) -> web.Response:
        return web.Response(status=404)

    def setup(app: web.Application) -> None:
        app.router.add_route("*", "/ok", ok)
        app.router.add_route("*", "/gone", gone)

    server = await serve(setup)
    text = REFERENCES.format(ok=server.url("/ok"), gone=server.url("/gone"))
    doc = parse.parse_document(text, "README.md")
    assert dump_links([doc]) == (
        f"{server.url('/ok')}\tREADME.md:5:10\n"
        f"{server.url('/gone')}\tREADME.md:6:11\n"
        f"{server.url('/ok')}?nested\tREADME.md:12:5\n"
    )
    report = await check_links_async([doc], fast_options())
    assert [(d.code, d.span.line, d.span.column) for d in report.diagnostics] == [("AL901", 6, 11)]
    assert server.recorder.count("/ok") == 2 and report.counts["ok"] == 2
