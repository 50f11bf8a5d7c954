"""`jxc field ...`: custom fields from the command line, then used by `jxc doc post`."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from app.cli import cli
from helpers import ADMIN_PASSWORD, add_catalog


@pytest.fixture(scope="module")
def registered():
    from app.cli import register_commands

    register_commands()
    return cli


@pytest.fixture
def jxc(registered, layout, keys, monkeypatch):
    from app.services.setup import initialize_store

    store = initialize_store(layout, keys, "S001", "字段测试店", ADMIN_PASSWORD)
    add_catalog(store)
    store.close()
    monkeypatch.setenv("JXC_LANG", "en")
    runner = CliRunner()

    def run(*args):
        return runner.invoke(registered, ["--data-dir", str(layout.root), *args])
    return run


def test_define_fill_in_list_and_hide(jxc):
    done = jxc("field", "add", "product", "origin", "--zh", "产地", "--en", "Origin",
               "--kind", "choice", "--choices", "广东,四川")
    assert done.exit_code == 0, done.output
    assert jxc("field", "add", "product", "shelf", "--zh", "货架", "--en", "Shelf",
               "--kind", "number", "--min", "1", "--max", "99").exit_code == 0
    done = jxc("field", "set", "product", "COLA", "origin=广东", "shelf=12")
    assert done.exit_code == 0 and json.loads(done.output) == {"origin": "广东", "shelf": "12"}
    listed = json.loads(jxc("field", "list", "product", "--format", "json").output)
    assert [(f["key"], f["kind"], f["choices"]) for f in listed] == [
        ("origin", "choice", ["广东", "四川"]), ("shelf", "number", [])]
    assert jxc("field", "hide", "product", "shelf").exit_code == 0
    assert "shelf" not in jxc("field", "list", "product").output
    assert "hidden" in jxc("field", "list", "product", "--all").output
    shown = json.loads(jxc("field", "values", "product", "COLA").output)
    assert shown == {"COLA": {"origin": "广东", "shelf": "12"}}  # hidden, not deleted


@pytest.mark.parametrize("args, words", [
    (["field", "set", "product", "COLA", "origin=火星"], "expected one of: 广东, 四川"),
    (["field", "set", "product", "NOPE", "origin=广东"], "no product 'NOPE'"),
    (["field", "set", "product", "COLA", "origin"], "expected KEY=VALUE"),
    (["field", "add", "product", "Bad Key", "--zh", "x", "--en", "x", "--kind", "text"],
     "lower-case"),
    (["field", "add", "product", "n", "--zh", "数", "--en", "N", "--kind", "number",
      "--min", "abc"], "not a number"),
])
def test_mistakes_get_one_clear_line_and_change_nothing(jxc, args, words):
    jxc("field", "add", "product", "origin", "--zh", "产地", "--en", "Origin",
        "--kind", "choice", "--choices", "广东,四川")
    before = jxc("field", "values", "product", "COLA").output
    done = jxc(*args)
    assert done.exit_code != 0
    assert words in done.output
    assert "Traceback" not in done.output
    assert jxc("field", "values", "product", "COLA").output == before


def test_documents_take_their_fields_from_the_json(jxc, tmp_path):
    assert jxc("field", "add", "document", "channel", "--zh", "渠道", "--en", "Channel",
               "--kind", "choice", "--choices", "门店,美团", "--required").exit_code == 0
    docs = tmp_path / "d.json"
    docs.write_text(json.dumps([
        {"type": "opening_stock", "id": "o1", "custom": {"channel": "门店"},
         "lines": [{"sku": "COLA", "qty": "5", "unit_cost": "1.00"}]},
        {"type": "sale", "id": "s1", "custom": {"channel": "美团"},
         "lines": [{"sku": "COLA", "qty": "1", "unit_price": "3.50"}],
         "payments": [{"method": "cash", "amount": "3.50"}]}], ensure_ascii=False))
    assert jxc("doc", "post", str(docs)).exit_code == 0
    shown = json.loads(jxc("doc", "show", "s1", "--format", "json").output)
    assert shown["custom"] == {"channel": "美团"}
    missing = tmp_path / "m.json"
    missing.write_text(json.dumps({"type": "purchase_receipt", "id": "r2", "supplier": "S01",
                                   "lines": [{"sku": "COLA", "qty": "1", "unit_cost": "1.00"}]}))
    done = jxc("doc", "post", str(missing))
    assert done.exit_code == 1 and "Channel" in done.output and "required" in done.output
