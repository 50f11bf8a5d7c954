"""Head office measures each terminal's clock at every upload (headoffice/clock.py): from
`sent_at`, or from the audit head's `observed_at` of a terminal that does not send it;
a skew beyond the threshold is flagged once, a recovery recorded once."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import httpx
import pytest
from click.testing import CliRunner

from app.cli import cli, register_commands
from headoffice import admin, clock, db, ingest, queries
from headoffice.schemas import Batch
from test_hq_api import enrolled, event, upload

NOW = datetime(2026, 11, 22, 8, 0)


def head(at: str) -> dict:
    return {"chain": "", "head_seq": 0, "head_hash": "", "observed_at": at, "links": []}


def caller(hq, token):
    return db.read(hq.engine, lambda s: admin.authenticate(s, token))


def history(hq, code) -> list[tuple[str, int]]:
    return [(e["kind"], e["offset_seconds"])
            for e in queries.audit_flags(hq.engine, code)["clock_events"]]


def test_an_older_terminal_is_measured_by_its_audit_head(hq):
    code, token = enrolled(hq)
    bare = upload(hq, token, code, [event()])
    assert bare.status_code == 200 and bare.json()["clock"] is None  # nothing to go by
    late = (datetime.now(timezone.utc) - timedelta(hours=2)).isoformat()
    answer = upload(hq, token, code, [], audit=head(late)).json()["clock"]
    assert answer["skewed"] and -7300 < answer["offset_seconds"] < -7190
    assert answer["checked_at"].endswith("Z") and answer["threshold_seconds"] == 300
    again = upload(hq, token, code, [event(2)]).json()["clock"]  # no reading: the last view
    assert again["skewed"] and again["offset_seconds"] == answer["offset_seconds"]
    assert [k for k, _ in history(hq, code)] == ["skewed"]


def test_the_threshold_is_configurable_and_each_change_is_recorded_once(hq):
    code, token = enrolled(hq)
    who = caller(hq, token)

    def send(offset_s: int, at: datetime, threshold: int):
        batch = Batch(store_code=code, sent_at=(at + timedelta(seconds=offset_s)).isoformat())
        return ingest.ingest(hq.engine, who, batch, at, threshold).clock

    assert not send(120, NOW, 300).skewed
    flagged = send(120, NOW + timedelta(minutes=1), 60)
    assert flagged.skewed and flagged.skewed_since.replace(tzinfo=None) == NOW + timedelta(minutes=1)
    assert send(-90, NOW + timedelta(minutes=2), 60).skewed_since == flagged.skewed_since
    stale = send(0, NOW, 60)  # an older request that finished late changes nothing
    assert stale.skewed and stale.offset_seconds == -90
    assert not send(30, NOW + timedelta(minutes=3), 60).skewed
    assert history(hq, code) == [("skewed", 120), ("recovered", 30)]
    shown = queries.audit_flags(hq.engine, code)["clock"]
    assert [(c["terminal"], c["clock_skewed"], c["clock_offset_seconds"]) for c in shown] == [
        ("till-1", False, 30)]


@pytest.mark.parametrize("sent_at, status", [
    ("0001-01-01T00:00:00Z", 200),  # a dead RTC battery is a skew, not an error
    ("9999-12-31T23:59:59Z", 200),
    ("0001-01-01T00:00:00+01:00", 422),  # before year 1 in UTC
    ("9999-12-31T23:59:59-01:00", 422),
    (1700000000, 422),  # a Unix time is not the documented text
    ("yesterday", 422),
])
def test_any_clock_reading_is_an_answer_never_a_failure(hq, sent_at, status):
    code, token = enrolled(hq)
    answer = httpx.post(f"{hq.base_url}/api/v1/events", json={"store_code": code,
                                                               "sent_at": sent_at},
                        headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert answer.status_code == status, answer.text
    if status == 200:
        assert answer.json()["clock"]["skewed"]


def test_numbers_and_times_are_read_only_as_the_schema_says(hq):
    code, token = enrolled(hq)
    for bad in ({"seq": "1"}, {"seq": True}, {"seq": 1.5}, {"created_at": 1700000000}):
        answer = upload(hq, token, code, [event() | bad])
        assert answer.status_code == 422, (bad, answer.text)
    assert upload(hq, token, code, [event() | {"seq": 7.0}]).json()["results"][0][
        "status"] == "applied"  # JSON Schema counts 7.0 as an integer


def test_a_bad_threshold_is_refused_before_serving(hq, monkeypatch):
    register_commands()
    runner = CliRunner()
    refused = runner.invoke(cli, ["hq", "serve", "--max-clock-skew", "0"],
                            env={"JXC_HQ_DB": hq.url, "JXC_LANG": "en"})
    assert refused.exit_code == 1 and "give 1 to 86400 seconds" in refused.output
    monkeypatch.setenv(clock.ENV_MAX_SKEW, "five minutes")
    with pytest.raises(clock.BadSkewSetting):
        clock.threshold_from_env()
    monkeypatch.setenv(clock.ENV_MAX_SKEW, "120")
    assert clock.threshold_from_env() == 120
