"""The web app through its HTTP interface (Starlette's test client, no browser)."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.report.hostile import MARKUP, hostile_store
from tests.report.htmlcheck import active_markup, parse
from zopa.cli.app import app as cli
from zopa.errors import ZopaError
from zopa.model import load_builtin
from zopa.report import WhatIf, apply_whatif
from zopa.space import count_feasible
from zopa.web import check_bind, create_app

FREEZE = {"party": "Russia", "issue": "donetsk_control", "option": "freeze_on_line"}


@pytest.fixture
def hostile(tmp_path):
    store, doc_id = hostile_store(f"sqlite:///{tmp_path}/web.sqlite3")
    yield store, doc_id
    store.close()


@pytest.fixture
def client(hostile):
    return TestClient(create_app(hostile[0], max_upload=4096))


def test_pages_answer(client):
    for path in ("/", "/scenarios/ukraine-2026", "/scenarios/tiny", "/claims", "/upload", "/docs"):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "ukraine-2026" in client.get("/").text
    missing = client.get("/scenarios/atlantis")
    assert missing.status_code == 404 and "unknown scenario" in missing.text


def test_whatif_changes_the_verdict_to_what_the_engine_counts(client):
    before = client.post("/api/scenarios/ukraine-2026/whatif", json={}).json()
    assert not before["deal_possible"]
    after = client.post(
        "/api/scenarios/ukraine-2026/whatif", json={"drop_red_lines": [FREEZE]}
    ).json()
    changed = apply_whatif(
        load_builtin("ukraine-2026"),
        WhatIf(drop_red_lines=(("Russia", "donetsk_control", "freeze_on_line"),)),
    )
    assert after["deal_possible"]
    assert after["counts"]["feasible"] == count_feasible(changed).count
    assert after["verdict"].startswith("A deal is possible")
    fragment = client.post("/scenarios/ukraine-2026/whatif", json={"drop_red_lines": [FREEZE]})
    assert after["verdict"] in parse(fragment.text).text


def test_whatif_weights_and_pair(client):
    body = {"weights": {"North": {"fishing": 0}}, "pair": ["South", "North"]}
    result = client.post("/api/scenarios/tiny/whatif", json=body).json()
    changed = apply_whatif(load_builtin("tiny"), WhatIf(weights={"North": {"fishing": 0}}))
    assert result["counts"]["feasible"] == count_feasible(changed).count
    layout = result["figures"][0]["figure"]["layout"]
    assert layout["xaxis"]["title"]["text"] == "South utility"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"drop_red_lines": [{**FREEZE, "party": "Atlantis"}]}, 404),
        ({"drop_red_lines": [{**FREEZE, "option": "ukraine_withdraws"}]}, 404),
        ({"weights": {"Russia": {"donetsk_control": -1}}}, 422),
        ({"pair": ["Russia", "Atlantis"]}, 404),
    ],
)
def test_whatif_rejects_bad_changes_with_a_message(client, body, status):
    response = client.post("/api/scenarios/ukraine-2026/whatif", json=body)
    assert response.status_code == status
    assert "Atlantis" in response.text or "red line" in response.text or status == 422


def test_claims_search_filters_and_exports(client, hostile):
    store = hostile[0]
    everything = client.get("/api/claims").json()["claims"]
    assert len(everything) == len(store.claims()) == 2
    found = client.get("/api/claims", params={"q": "OUTRIGHT officials"}).json()["claims"]
    assert [c["actor"] for c in found] == ["South"]
    by_actor = client.get("/api/claims", params={"actor": "North"}).json()["claims"]
    assert [c["id"] for c in by_actor] == [c.id for c in store.claims(actor="North")]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/claims.csv").text)))
    assert [r["quote"] for r in rows] == [c["quote"] for c in everything]
    assert client.get("/api/claims", params={"since": "soon"}).status_code == 400


def test_concessions_export_as_csv(client):
    rows = list(
        csv.DictReader(io.StringIO(client.get("/api/scenarios/ukraine-2026/concessions.csv").text))
    )
    live = client.post("/api/scenarios/ukraine-2026/whatif", json={}).json()["concessions"]
    assert [int(r["opens"]) for r in rows] == [c["opens"] for c in live]


def test_article_markup_stays_text_on_every_page(client, hostile):
    store, doc_id = hostile
    claim = store.claims(actor="North")[0]
    pages = [
        client.get(f"/documents/{doc_id}", params={"claim": claim.id}),
        client.get("/claims"),
        client.get("/claims", params={"q": "<script>"}),
        client.get("/scenarios/tiny"),
    ]
    for response in pages:
        assert response.status_code == 200
        page = parse(response.text)
        scripts = [a.get("src") for t, a in page.tags if t == "script" and a.get("src")]
        assert set(scripts) <= {"/static/plotly.min.js", "/static/app.js"}
        assert [
            m for m in active_markup(page) if not m.startswith("script {'src': '/static/")
        ] == []
        for markup in MARKUP:
            assert markup in page.text, response.url
    article = pages[0].text
    highlighted = article.split('<mark id="quote">', 1)[1].split("</mark>", 1)[0]
    assert parse(highlighted).text == claim.quote


def test_upload_goes_through_ingestion_with_a_size_limit(client, hostile):
    text = b"North insists on the south bank, its envoy said on 3 May 2025.\n"
    first = client.post(
        "/api/documents", files={"file": ("note.txt", text)}, data={"scenario": "tiny"}
    )
    assert first.status_code == 201, first.text
    stored = hostile[0].document(first.json()["document_id"])
    assert stored.text.startswith("North insists")
    again = client.post(
        "/api/documents", files={"file": ("again.txt", text)}, data={"scenario": "tiny"}
    )
    assert again.status_code == 200 and not again.json()["added"]
    big = client.post("/api/documents", files={"file": ("big.txt", b"word " * 2000)})
    assert big.status_code == 413 and "too large" in big.json()["error"]
    binary = client.post("/upload", files={"file": ("x.txt", b"\x00\x01" * 10)})
    assert binary.status_code == 400 and "upload-result" in binary.text
    assert len(hostile[0].documents()) == 2  # nothing else stored


def test_token_is_checked_on_every_request(hostile):
    client = TestClient(create_app(hostile[0], token="s3cret"), follow_redirects=False)
    assert client.get("/api/scenarios").status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    visit = client.get("/claims", params={"token": "s3cret", "actor": "North"})
    assert visit.status_code == 303 and "token" not in visit.headers["location"]
    assert "actor=North" in visit.headers["location"]
    assert client.get("/api/claims").status_code == 200  # the cookie now set


def test_serving_beyond_localhost_needs_a_token(monkeypatch):
    check_bind("127.0.0.1", None)
    check_bind("::1", None)
    check_bind("0.0.0.0", "t")
    with pytest.raises(ZopaError, match="needs a token"):
        check_bind("0.0.0.0", None)
    monkeypatch.delenv("ZOPA_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--db", "sqlite://"])
    assert result.exit_code == 2
    assert result.stderr.startswith("zopa: error: --host 0.0.0.0: listening beyond localhost")
