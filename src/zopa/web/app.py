"""The FastAPI application: pages for people, a JSON API under ``/api/`` for programs.

Pages render the report's templates (autoescaped: article text shows as text);
the what-if panel posts its changes and gets back the verdict, concessions and
frontier, computed by :func:`zopa.space.analyze` on the changed scenario and
cached. Errors map to HTTP statuses: an unknown name is 404, other input a
user can fix is 400 (413 for an upload over the size limit).
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import FastAPI, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from zopa import __version__
from zopa.errors import UnknownNameError, ZopaError
from zopa.evidence import DocumentMeta, Store
from zopa.evidence.extract import get_extractor
from zopa.evidence.ingest import MAX_BYTES, ingest
from zopa.model import Scenario, builtin_names, load_builtin, scenario_to_data
from zopa.report import ReportOptions, WhatIf, environment, plotly_js, report_content
from zopa.web.forecast import forecast_router
from zopa.web.limits import serve_script
from zopa.web.security import TokenMiddleware
from zopa.web.simulation import simulation_router
from zopa.web.state import AppState

__all__ = ["create_app"]

STANCES = ("demands", "proposes", "offers", "accepts", "rejects", "red_line")


class RedLineChange(BaseModel):
    party: str = Field(max_length=200)
    issue: str = Field(max_length=200)
    option: str = Field(max_length=200)


class WhatIfRequest(BaseModel):
    """Changes to try on a scenario; the response is its analysis after them."""

    drop_red_lines: list[RedLineChange] = Field(default_factory=list, max_length=200)
    drop_reservations: list[Annotated[str, Field(max_length=200)]] = Field(
        default_factory=list, max_length=50
    )
    weights: dict[str, dict[str, Annotated[float, Field(ge=0, le=1000)]]] = Field(
        default_factory=dict, max_length=50
    )
    pair: tuple[str, str] | None = None

    def change(self) -> WhatIf:
        return WhatIf(
            drop_red_lines=tuple((r.party, r.issue, r.option) for r in self.drop_red_lines),
            drop_reservations=tuple(self.drop_reservations),
            weights=self.weights,
        )


def _web_environment() -> jinja2.Environment:
    """The report's environment, with the app's own templates in front."""
    base = environment()
    env = base.overlay(
        loader=jinja2.ChoiceLoader(
            [jinja2.PackageLoader("zopa.web", "templates"), base.loader]  # type: ignore[list-item]
        )
    )
    return env


def create_app(
    store: Store,
    *,
    scenarios: dict[str, Scenario] | None = None,
    token: str | None = None,
    max_upload: int = MAX_BYTES,
) -> FastAPI:
    """The app over ``store``, serving ``scenarios`` (default: the built-ins).

    Parameters
    ----------
    store : Store
        The evidence store claims are read from and uploads go to.
    scenarios : dict, optional
        Scenarios by name.
    token : str, optional
        When given, every request must carry it (see :mod:`zopa.web.security`).
    max_upload : int
        Largest article accepted by the upload, in bytes.
    """
    scenarios = scenarios or {name: load_builtin(name) for name in builtin_names()}
    state = AppState(scenarios, store, max_upload)
    env = _web_environment()
    app = FastAPI(
        title="zopa",
        version=__version__,
        description="Agreement spaces of negotiations and the evidence behind them.",
    )
    if token:
        app.add_middleware(TokenMiddleware, token=token)
    app.state.zopa = state

    def page(name: str, **context: Any) -> HTMLResponse:
        html = env.get_template(name).render(scenario_names=sorted(state.scenarios), **context)
        return HTMLResponse(html)

    @app.exception_handler(ZopaError)
    async def _zopa_error(request: Request, error: ZopaError) -> Response:
        status = (
            404 if isinstance(error, UnknownNameError) else 400 if error.exit_code == 2 else 500
        )
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(error)}, status_code=status)
        return page_error(str(error), status)

    def page_error(message: str, status: int) -> HTMLResponse:
        response = page("error.html.j2", message=message, status=status)
        response.status_code = status
        return response

    app.include_router(simulation_router(page))  # /scenarios/NAME/simulate and its API
    app.include_router(forecast_router(page))  # /scenarios/NAME/forecast and its API

    # -- pages ------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, summary="The scenarios")
    def index() -> HTMLResponse:
        return page(
            "index.html.j2", scenarios=[state.scenarios[n] for n in sorted(state.scenarios)]
        )

    @app.get("/scenarios/{name}", response_class=HTMLResponse, summary="A scenario's analysis")
    def scenario_page(name: str) -> HTMLResponse:
        scenario = state.scenario(name)
        content = report_content(scenario, store, live=state.live(name))
        return page("scenario.html.j2", c=content, doc_url=_doc_url, model=scenario)

    @app.post(
        "/scenarios/{name}/whatif",
        response_class=HTMLResponse,
        summary="The verdict, concessions and frontier after a what-if, as HTML",
    )
    def whatif_fragment(name: str, request: WhatIfRequest) -> HTMLResponse:
        content = state.live(name, request.change(), _pair(state, name, request.pair))
        html = env.get_template("_whatif_result.html.j2").render(c=content)
        return HTMLResponse(html)

    @app.get("/claims", response_class=HTMLResponse, summary="Claims, searched and filtered")
    def claims_page(
        q: Annotated[str | None, Query(max_length=200)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        issue: Annotated[str | None, Query(max_length=200)] = None,
        stance: Annotated[str | None, Query(max_length=40)] = None,
        since: Annotated[str | None, Query(max_length=10)] = None,
    ) -> HTMLResponse:
        claims = _claims(store, q, actor, issue, stance, since)
        filters = {"q": q, "actor": actor, "issue": issue, "stance": stance, "since": since}
        return page(
            "claims.html.j2",
            claims=[c.to_dict() for c in claims],
            filters=filters,
            query=urlencode({k: v for k, v in filters.items() if v}),
            actors=store.actors(),
            issues=store.issues(),
            stances=STANCES,
            doc_url=_doc_url,
        )

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, summary="An article")
    def document_page(
        doc_id: str, claim: Annotated[str | None, Query(max_length=100)] = None
    ) -> HTMLResponse:
        document = store.document(doc_id)
        claims = store.claims(document_id=document.id)
        chosen = next((c for c in claims if c.id == claim), None)
        if claim is not None and chosen is None:
            raise UnknownNameError(f"no claim {claim!r} in document {document.id[:12]}")
        text = document.text
        parts = (
            (text[: chosen.start], text[chosen.start : chosen.end], text[chosen.end :])
            if chosen
            else (text, "", "")
        )
        return page(
            "document.html.j2", document=document, claims=claims, chosen=chosen, parts=parts
        )

    @app.get("/upload", response_class=HTMLResponse, summary="The upload form")
    def upload_form() -> HTMLResponse:
        return page("upload.html.j2", result=None, limit=state.max_upload)

    @app.post("/upload", response_class=HTMLResponse, summary="Upload an article (form)")
    def upload_page(
        file: Annotated[UploadFile, File()],
        scenario: Annotated[str, Form(max_length=200)] = "ukraine-2026",
    ) -> HTMLResponse:
        result, status = _upload(state, file, scenario)
        response = page("upload.html.j2", result=result, limit=state.max_upload)
        response.status_code = status
        return response

    @app.get("/static/plotly.min.js", summary="plotly.js, served from the plotly package")
    def plotly() -> Response:
        return Response(
            plotly_js(),
            media_type="application/javascript",
            headers={"Cache-Control": "max-age=86400"},
        )

    serve_script(app, "app.js", "The what-if panel's script")

    # -- JSON API ---------------------------------------------------------------

    @app.get("/api/scenarios", summary="The scenarios served")
    def api_scenarios() -> dict[str, Any]:
        return {
            "scenarios": [
                {
                    "name": s.name,
                    "title": s.title or s.name,
                    "parties": list(s.party_names),
                    "issues": [i.name for i in s.issues],
                }
                for _n, s in sorted(state.scenarios.items())
            ]
        }

    @app.get("/api/scenarios/{name}", summary="A scenario as data (the file format)")
    def api_scenario(name: str) -> dict[str, Any]:
        return scenario_to_data(state.scenario(name))

    @app.get("/api/scenarios/{name}/analysis", summary="The report's content as JSON")
    def api_analysis(name: str) -> dict[str, Any]:
        scenario = state.scenario(name)
        return report_content(scenario, store, ReportOptions(), live=state.live(name))

    @app.post("/api/scenarios/{name}/whatif", summary="The analysis after a what-if")
    def api_whatif(name: str, request: WhatIfRequest) -> dict[str, Any]:
        return state.live(name, request.change(), _pair(state, name, request.pair))

    @app.get("/api/scenarios/{name}/concessions.csv", summary="Concession sets as CSV")
    def api_concessions_csv(name: str) -> Response:
        rows = []
        for s in state.live(name)["concessions"]:
            nash = s["nash"] or {"package": [], "utilities": {}}
            rows.append(
                {
                    "rank": s["rank"],
                    "concessions": "; ".join(r["text"] for r in s["relax"]),
                    "opens": s["opens"],
                    "opens_exact": s["opens_exact"],
                    "nash_package": "; ".join(
                        f"{r['issue']}={r['option']}" for r in nash["package"]
                    ),
                    **{f"nash_{p}": u for p, u in nash["utilities"].items()},
                }
            )
        return _csv(rows, f"{name}-concessions.csv")

    @app.get("/api/claims", summary="Stored claims, searched and filtered")
    def api_claims(
        q: Annotated[str | None, Query(max_length=200)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        issue: Annotated[str | None, Query(max_length=200)] = None,
        stance: Annotated[str | None, Query(max_length=40)] = None,
        since: Annotated[str | None, Query(max_length=10)] = None,
    ) -> dict[str, Any]:
        claims = _claims(store, q, actor, issue, stance, since)
        return {"claims": [c.to_dict() for c in claims]}

    @app.get("/api/claims.csv", summary="Stored claims as CSV")
    def api_claims_csv(
        q: Annotated[str | None, Query(max_length=200)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        issue: Annotated[str | None, Query(max_length=200)] = None,
        stance: Annotated[str | None, Query(max_length=40)] = None,
        since: Annotated[str | None, Query(max_length=10)] = None,
    ) -> Response:
        claims = _claims(store, q, actor, issue, stance, since)
        return _csv([c.to_dict() for c in claims], "claims.csv")

    @app.get("/api/documents", summary="Stored documents")
    def api_documents() -> dict[str, Any]:
        return {"documents": [_document_summary(d) for d in store.documents()]}

    @app.get("/api/documents/{doc_id}", summary="A stored document with its text and claims")
    def api_document(doc_id: str) -> dict[str, Any]:
        document = store.document(doc_id)
        claims = store.claims(document_id=document.id)
        return {
            **_document_summary(document),
            "text": document.text,
            "claims": [c.to_dict() for c in claims],
        }

    @app.post("/api/documents", summary="Upload an article: the same ingestion as zopa ingest")
    def api_upload(
        file: Annotated[UploadFile, File()],
        scenario: Annotated[str, Form(max_length=200)] = "ukraine-2026",
    ) -> JSONResponse:
        result, status = _upload(state, file, scenario)
        return JSONResponse(result, status_code=status)

    return app


def _doc_url(claim: dict[str, Any]) -> str:
    return f"/documents/{claim['document_id']}?claim={claim['id']}#quote"


def _pair(state: AppState, name: str, pair: tuple[str, str] | None) -> tuple[str, str] | None:
    if pair is None:
        return None
    scenario = state.scenario(name)
    return (scenario.party(pair[0]).name, scenario.party(pair[1]).name)


def _claims(
    store: Store,
    q: str | None,
    actor: str | None,
    issue: str | None,
    stance: str | None,
    since: str | None,
) -> list[Any]:
    claims = store.claims(actor=actor or None, issue=issue or None, since=since or None)
    if stance:
        claims = [c for c in claims if c.stance == stance]
    if q:
        words = q.casefold().split()
        claims = [
            c
            for c in claims
            if all(w in f"{c.quote} {c.position} {c.actor} {c.issue}".casefold() for w in words)
        ]
    return claims


def _document_summary(document: Any) -> dict[str, Any]:
    return {
        "id": document.id,
        "title": document.meta.title,
        "outlet": document.meta.outlet,
        "published": document.meta.published,
        "url": document.meta.url,
        "claims": document.n_claims,
    }


def _csv(rows: list[dict[str, Any]], filename: str) -> Response:
    out = io.StringIO()
    fields = list(dict.fromkeys(k for row in rows for k in row))
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _safe_name(name: str | None) -> str:
    base = Path(name or "upload.txt").name
    return re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "upload.txt"


def _upload(state: AppState, file: UploadFile, scenario_name: str) -> tuple[dict[str, Any], int]:
    """Ingest one uploaded file as ``zopa ingest`` would; a result and an HTTP status."""
    scenario = state.scenario(scenario_name)
    name = _safe_name(file.filename)
    data = file.file.read(state.max_upload + 1)
    if len(data) > state.max_upload:
        limit = state.max_upload / 2**20
        message = (
            f"{name}: too large (over {limit:g} MiB, the limit for one article); "
            "split it or ingest it from the command line"
        )
        return {"error": message}, 413
    with tempfile.TemporaryDirectory(prefix="zopa-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        report = ingest(
            state.store,
            [path],
            scenario=scenario,
            extractor=get_extractor("rules"),
            overrides=DocumentMeta(path=f"upload:{name}"),
        )
    if report.failed:
        return {"error": f"{name}: {report.failed[0].reason}"}, 400
    done = (report.added or report.duplicates)[0]
    return {
        "document_id": done.document_id,
        "title": done.title,
        "published": done.published,
        "added": bool(report.added),
        "claims": done.n_claims,
        "message": (
            f"{name}: stored with {done.n_claims} claims"
            if report.added
            else f"{name}: already stored, nothing added"
        ),
    }, 200 if not report.added else 201
