"""Audit anchoring at head office: gaps, forks and regressions of a terminal's chain."""
from __future__ import annotations

import hashlib

import httpx

from app.domain.audit import GENESIS
from headoffice import queries
from test_hq_api import enrolled


def h(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()


def chain(labels: str, start: int = 1, prev: str = GENESIS) -> list[dict]:
    links = []
    for n, label in enumerate(labels, start):
        links.append({"seq": n, "prev_hash": prev, "hash": h(label)})
        prev = h(label)
    return links


def anchor(hq, token, store, links, head_seq=None, head_hash=None, at="2026-03-01T08:00:00"):
    head = links[-1] if links else None
    audit = {"chain": "", "head_seq": head_seq if head_seq is not None else head["seq"],
             "head_hash": head_hash if head_hash is not None else head["hash"],
             "observed_at": at, "links": links}
    answer = httpx.post(f"{hq.base_url}/api/v1/events", json={"store_code": store, "audit": audit},
                        headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text
    return answer.json()["audit"]


def kinds(flags) -> list[tuple[str, int]]:
    return [(f["kind"], f["seq"]) for f in flags]


def test_an_intact_chain_is_anchored_in_pieces(hq):
    code, token = enrolled(hq)
    links = chain("abcde")
    first = anchor(hq, token, code, links[:3])
    assert (first["acked_seq"], first["flags"]) == (3, [])
    rest = anchor(hq, token, code, links[3:], at="2026-03-01T09:00:00")
    assert (rest["acked_seq"], rest["flags"]) == (5, [])
    assert anchor(hq, token, code, links[2:], at="2026-03-01T10:00:00")["flags"] == []  # resent
    assert queries.audit_flags(hq.engine, code)["flags"] == []


def test_gaps_and_forks_are_flagged(hq):
    code, token = enrolled(hq)
    links = chain("abcdefg")
    anchor(hq, token, code, links[:3])
    gap = anchor(hq, token, code, links[4:5], at="2026-03-01T09:00:00")  # 4 never sent
    assert kinds(gap["flags"]) == [("gap", 5)]
    rewritten = chain("X", start=2, prev=h("a"))  # entry 2 rewritten after it was anchored
    flags = kinds(anchor(hq, token, code, rewritten, at="2026-03-01T10:00:00")["flags"])
    assert flags == [("fork", 2), ("regression", 2)]  # and its head is now behind 5
    stray = [{"seq": 6, "prev_hash": h("nope"), "hash": h("f")}]  # does not follow 5
    assert kinds(anchor(hq, token, code, stray, at="2026-03-01T11:00:00")["flags"]) == [("fork", 6)]
    shown = queries.audit_flags(hq.engine, code)["flags"]
    assert {(f["kind"], f["seq"]) for f in shown} >= {("gap", 5), ("fork", 2), ("fork", 6)}
    assert all(f["terminal"] == "till-1" for f in shown)


def test_a_regression_is_flagged_but_a_late_copy_of_an_old_request_is_not(hq):
    code, token = enrolled(hq)
    links = chain("abcd")
    anchor(hq, token, code, links[:2], at="2026-03-01T08:00:00")
    anchor(hq, token, code, links[2:], at="2026-03-01T09:00:00")
    late = anchor(hq, token, code, links[:2], at="2026-03-01T08:00:00")  # delivered late
    assert late["flags"] == []
    restored = anchor(hq, token, code, [], head_seq=2, head_hash=h("b"), at="2026-03-02T08:00:00")
    assert kinds(restored["flags"]) == [("regression", 2)]
    assert "from 4 to 2" in restored["flags"][0]["detail"]
