"""The API fuzzed with Hypothesis beyond its schema (test_hq_schemathesis.py fuzzes it
from the schema): random JSON, mutated valid batches, gzip and other encodings, random
bytes, odd paths and queries, totals past 64 bits. Head office answers every one with a
2xx or a 4xx carrying JSON, never a 500."""
from __future__ import annotations

import gzip
import json
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hqtest import hq_counts
from test_hq_api import enrolled, event

FUZZ = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=list(HealthCheck))
scalars = st.none() | st.booleans() | st.integers(-2 ** 70, 2 ** 70) | st.floats() | st.text(
    max_size=80)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=12), inner, max_size=4), max_leaves=20)


@pytest.fixture
def client(hq):
    code, token = enrolled(hq)
    with httpx.Client(base_url=hq.base_url + "/api/v1", timeout=30,
                      headers={"Authorization": f"Bearer {token}"}) as http:
        yield http, code


def check(response: httpx.Response) -> None:
    assert response.status_code < 500, (response.status_code, response.text[:300])
    assert isinstance(response.json(), dict)


def mutate(batch: dict, path: list, value) -> dict:
    target = batch
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return batch


BAD_TEXT = ["\x00", "\ud800", "a\udfffb", "x" * 70]  # NUL, lone surrogates, too long
PATHS = [["store_code"], ["events"], ["events", 0], ["events", 0, "event_uuid"],
         ["events", 0, "seq"], ["events", 0, "created_at"], ["events", 0, "payload"],
         ["events", 0, "facts"], ["events", 0, "facts", "moves"],
         ["events", 0, "facts", "moves", 0, "qty_milli"], ["events", 0, "facts", "sales", 0, "day"],
         ["events", 0, "facts", "sales", 0, "sku"], ["audit"]]


def test_random_json_bodies(client):
    http, code = client

    @FUZZ
    @given(body=json_values)
    def run(body):
        raw = json.dumps(body).encode()  # NaN and Infinity included, as a sloppy client sends
        for path in ("/events", "/enroll"):
            check(http.post(path, content=raw, headers={"Content-Type": "application/json"}))

    run()


def test_mutated_valid_batches(client):
    http, code = client

    @FUZZ
    @given(path=st.sampled_from(PATHS), value=json_values | st.sampled_from(BAD_TEXT),
           gzipped=st.booleans())
    def run(path, value, gzipped):
        batch = mutate({"store_code": code, "events": [event()]}, path, value)
        raw = json.dumps(batch).encode()
        headers = {"Content-Type": "application/json"}
        if gzipped:
            raw, headers["Content-Encoding"] = gzip.compress(raw), "gzip"
        check(http.post("/events", content=raw, headers=headers))

    run()


def test_raw_bytes_paths_and_queries(client):
    http, code = client

    @FUZZ
    @given(raw=st.binary(max_size=300), encoding=st.sampled_from(["gzip", "identity", "x"]),
           segment=st.text(max_size=20), query=st.text(max_size=20))
    def run(raw, encoding, segment, query):
        check(http.post("/events", content=raw, headers={"Content-Encoding": encoding,
                                                         "Content-Type": "application/json"}))
        check(http.get(f"/stores/{quote(segment, safe='') or 'x'}/stock", params={"sku": query}))
        check(http.get(f"/stores/{code}/sales", params={"from": query, "to": "2026-01-01"}))

    run()


def test_totals_beyond_64_bits_are_refused_whole(client, hq):
    """Facts are bounded one by one (10^15), but a projection total could still leave a
    signed 64-bit integer: PostgreSQL would raise, SQLite silently turn it into a float.
    Head office refuses such a batch with a 422 and applies nothing of it."""
    http, code = client
    big = {"sku": "HUGE", "warehouse": "MAIN", "qty_milli": 10 ** 15, "value_fen": 1}

    def batch(seq: int, moves: int) -> dict:
        e = event(seq)
        e["facts"] = {"moves": [big] * moves, "sales": []}
        return {"store_code": code, "events": [e]}

    assert http.post("/events", json=batch(1, 9_000)).json()["results"][0]["status"] == "applied"
    before = hq_counts(hq.engine, code)
    for seq, moves in ((2, 300), (3, 9_300)):  # over the top across batches, or in one
        refused = http.post("/events", json=batch(seq, moves))
        assert refused.status_code == 422 and refused.json()["code"] == "value_out_of_range"
        assert "nothing of it was applied" in refused.json()["message_en"]
    assert hq_counts(hq.engine, code) == before
    assert before["stock"][("HUGE", "MAIN")] == (9 * 10 ** 18, 9_000)
