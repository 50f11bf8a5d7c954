"""Custom field definitions published by head office (kind `field`): checked there with
the store's rules, applied at each store as its administrator would define them, and set
aside with the reason where a store cannot take one, without stopping the feed."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from app.cli import cli, register_commands
from app.domain.custom_fields import MAX_FIELDS_PER_ENTITY, BadCustomValue, FieldDef
from app.services import custom_fields
from app.services.records import Actor
from app.sync import settings
from headoffice.errors import PublishRefused
from headoffice.feed_fields import field_records
from headoffice.publish import list_changes, publish

ADMIN = Actor(None, "admin", "admin")
ORIGIN = {"entity": "product", "key": "origin", "label_zh": "产地", "label_en": "Origin",
          "kind": "choice", "choices": ["国产", "进口"]}
EN = {"JXC_LANG": "en"}


@pytest.fixture
def till(hq, tills):
    made = tills()
    settings.save(made.store, {"changes_cursor": str(list_changes(hq.engine, limit=1)["last_id"])})
    return made


def sync_audit(till) -> dict:
    (detail,), = till.query("SELECT detail FROM audit_log WHERE action = 'sync.changes' "
                            "ORDER BY id DESC LIMIT 1")
    return json.loads(detail)


def test_a_field_from_head_office_reaches_the_store_and_takes_values(hq, till):
    channel = {"entity": "document", "key": "channel", "zh": "渠道", "en": "Channel",
               "type": "choice", "choices": "门店，美团", "required": True}
    publish(hq.engine, "field", field_records([ORIGIN, channel]), till.code)
    report = till.downlink().pull()
    assert (report.applied, report.skipped) == (2, [])
    (fd,) = custom_fields.definitions(till.store, "product")
    assert (fd.key, fd.label_zh, fd.kind, fd.choices) == ("origin", "产地", "choice", ("国产", "进口"))
    assert till.query("SELECT origin FROM custom_fields ORDER BY id") == [("hq",), ("hq",)]
    audit = sync_audit(till)
    assert audit["by"] == "head-office" and audit["applied"] == {"field": 2}
    assert audit["custom_fields"] == ["product.origin", "document.channel"]

    assert custom_fields.set_values(till.store, ADMIN, "product", "COLA", {"origin": "进口"}) == {
        "origin": "进口"}
    with pytest.raises(BadCustomValue, match="required"):  # required at this store now
        till.sell(custom={"channel": ""})
    till.sell()  # a sale that brings no values is never stopped for it (nowhere to fill it)
    till.sell(custom={"channel": "美团"})
    assert till.query("SELECT value FROM document_custom_values") == [("美团",)]

    publish(hq.engine, "field", field_records([{**ORIGIN, "active": False}]), till.code)
    assert till.downlink().pull().applied == 1
    assert custom_fields.definitions(till.store, "product") == []
    assert sync_audit(till)["custom_fields"] == ["product.origin (hidden)"]
    assert custom_fields.values(till.store, "product", ["COLA"]) == {"COLA": {"origin": "进口"}}


@pytest.mark.parametrize("item, words", [
    ({**ORIGIN, "choices": []}, "1 to 100 different choices"),
    ({**ORIGIN, "entity": "warehouse"}, "record kind must be one of"),
    ({**ORIGIN, "key": "产地"}, "lower-case letter"),
    ({**ORIGIN, "kind": "text"}, "only a choice field has choices"),
    ({**ORIGIN, "requird": True}, "unknown item requird"),
    ({**ORIGIN, "required": "yes"}, "true or false"),
    ({**ORIGIN, "kind": "number", "choices": [], "minimum": "9", "maximum": "1"},
     "minimum is above the maximum"),
])
def test_a_bad_definition_is_refused_at_head_office(hq, item, words):
    before = list_changes(hq.engine, limit=1)["last_id"]
    with pytest.raises(PublishRefused) as refused:
        publish(hq.engine, "field", field_records([item]))
    assert words in refused.value.message("en")
    assert refused.value.message("zh_CN") != refused.value.message("en")
    assert list_changes(hq.engine, limit=1)["last_id"] == before


def test_publish_a_field_from_the_command_line(hq, till, tmp_path):
    register_commands()
    runner = CliRunner()

    def hq_cli(*args):
        return runner.invoke(cli, ["hq", "publish", *args], env={"JXC_HQ_DB": hq.url, **EN})

    done = hq_cli("field", "product", "origin", "--label", "产地", "--en", "Origin",
                  "--type", "choice", "--choices", "国产,进口", "--store", till.code)
    assert done.exit_code == 0, done.output
    assert "Published 1 field record(s)" in done.output
    bad = hq_cli("field", "product", "origin", "--zh", "产地", "--en", "Origin",
                 "--kind", "choice", "--store", till.code)
    assert bad.exit_code == 1 and "a choice list needs 1 to 100 different choices" in bad.output
    listed = tmp_path / "fields.json"
    listed.write_text(json.dumps([{"entity": "supplier", "key": "rating", "zh": "评级",
                                   "en": "Rating", "kind": "number", "min": 1, "max": 5}]),
                      encoding="utf-8")
    assert hq_cli("fields", str(listed), "--store", till.code).exit_code == 0
    assert till.downlink().pull().applied == 2
    (rating,) = custom_fields.definitions(till.store, "supplier")
    assert (rating.minimum, rating.maximum) == (1, 5)
    assert [f.choices for f in custom_fields.definitions(till.store, "product")] == [("国产", "进口")]


def test_what_a_store_cannot_take_is_set_aside_and_the_feed_goes_on(hq, till):
    for n in range(MAX_FIELDS_PER_ENTITY - 1):
        custom_fields.define(till.store, ADMIN, FieldDef("product", f"f{n}", f"字段{n}",
                                                         f"Field {n}", "text"))
    custom_fields.define(till.store, ADMIN, FieldDef("product", "shelf", "货架", "Shelf", "text"))
    custom_fields.set_values(till.store, ADMIN, "product", "COLA", {"shelf": "A3"})
    level = {"entity": "customer", "key": "level", "label_zh": "等级", "label_en": "Level",
             "kind": "text"}
    shelf = {"entity": "product", "key": "shelf", "label_zh": "货架", "label_en": "Shelf",
             "kind": "number"}
    first = publish(hq.engine, "field", field_records([ORIGIN, shelf, level]), till.code)
    report = till.downlink().pull()
    reasons = {s["key"]: s["reason_en"] for s in report.skipped}
    assert set(reasons) == {"product.origin", "product.shelf"}
    assert f"at most {MAX_FIELDS_PER_ENTITY} custom fields per kind" in reasons["product.origin"]
    assert "kind cannot change" in reasons["product.shelf"]
    assert report.applied == 1 and till.downlink().cursor() == first["last_id"]
    assert [f.key for f in custom_fields.definitions(till.store, "customer")] == ["level"]
    audit = sync_audit(till)
    assert audit["skipped_count"] == 2 and audit["custom_fields"] == ["customer.level"]
    assert {s["key"] for s in audit["skipped"]} == {"product.origin", "product.shelf"}
    assert custom_fields.values(till.store, "product", ["COLA"]) == {"COLA": {"shelf": "A3"}}
    assert "product.origin" in [c["key"] for c in list_changes(hq.engine, till.code)["changes"]]
