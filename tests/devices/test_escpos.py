"""ESC/POS out and back in: GB18030 text, styles, codes, logo, cut, drawer pulse."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from app.devices.escpos_in import Decoder
from app.devices.escpos_out import (code128_data, code128_modules, code128_text, drawer_kick,
                                    encode, status_query)
from app.domain.receipt import Code, Logo, Text, layout
from device_receipts import sale


def decode(data: bytes, chunk: int | None = None) -> Decoder:
    decoder = Decoder()
    step = chunk or len(data) or 1
    for i in range(0, len(data), step):
        decoder.feed(data[i:i + step])
    return decoder


def test_a_job_starts_with_init_and_chinese_mode_and_sends_gb18030():
    data = encode(layout(sale(), 80), 80)
    assert data.startswith(b"\x1b@\x1c&")
    assert "可口可乐 500ml".encode("gb18030") in data and b"?" not in data
    assert "五常大米".encode("gb18030") in data
    assert b"\x1dVB\x00" in data  # partial cut
    assert b"\x1bp" not in data  # a receipt layout never opens the drawer


@pytest.mark.parametrize("width_mm", [58, 80])
def test_every_text_line_comes_back_with_its_style(width_mm):
    ops = layout(sale(reprint=True), width_mm)
    events = [e for e in decode(encode(ops, width_mm)).events if e.kind == "text"]
    sent = [op for op in ops if isinstance(op, Text)]
    got = [e for e in events if e.text or e.align != "center"]  # drop the blank after the code
    assert [(e.text, e.align, e.bold, e.double) for e in got] == \
        [(op.text, op.align, op.bold, op.double) for op in sent]


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 64))
def test_bytes_split_anywhere_decode_the_same(chunk):
    data = encode(layout(sale(logo=True), 58), 58, logo=Image.new("1", (500, 60), 0))
    whole = decode(data).events
    pieces = decode(data, chunk).events
    def seen(events):
        return [(e.kind, e.text, e.detail) for e in events]
    assert seen(pieces) == seen(whole)


def test_receipt_number_as_code128_on_80mm():
    symbol = code128_data("XS-S001-20261122-0001")
    assert symbol == b"{BXS-S001-{C\x14\x1a\x0b\x16{B-{C\x00\x01"  # digits two per byte
    assert code128_modules(symbol) * 2 <= 576
    codes = [e for e in decode(encode([Code("XS-S001-20261122-0001", "code128")], 80)).events
             if e.kind == "barcode"]
    assert [(c.text, c.detail["system"]) for c in codes] == [("XS-S001-20261122-0001", 73)]


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126, exclude_characters="{"),
               min_size=1, max_size=40))
def test_code128_round_trips(text):
    assert code128_text(code128_data(text)) == text


def test_code128_too_wide_for_58mm_becomes_a_qr_code():
    long_number = "XS-S001-20261122-0001-ABCDEFGH"
    events = decode(encode([Code(long_number, "code128")], 58)).events
    assert [e.text for e in events if e.kind == "qr"] == [long_number]
    assert not [e for e in events if e.kind == "barcode"]


def test_qr_code_is_sent_natively():
    data = encode([Code("XS-S001-20261122-0001", "qr")], 58)
    assert b"\x1d(k" in data
    assert [e.text for e in decode(data).events if e.kind == "qr"] == ["XS-S001-20261122-0001"]


@pytest.mark.parametrize("width_mm,dots", [(58, 384), (80, 576)])
def test_logo_is_a_raster_no_wider_than_the_paper(width_mm, dots, tmp_path):
    path = tmp_path / "logo.png"
    Image.new("RGB", (1000, 200), "white").save(path)
    data = encode([Logo(), Text("x")], width_mm, logo=path)
    assert b"\x1dv0" in data
    images = [e for e in decode(data).events if e.kind == "image"]
    assert len(images) == 1 and images[0].detail["width"] == dots
    assert images[0].detail["height"] == round(200 * dots / 1000)
    assert not [e for e in decode(encode([Logo()], 80)).events if e.kind == "image"]  # no logo set


def test_drawer_pulse_on_pin_2_or_5():
    assert drawer_kick(2) == b"\x1bp\x00\x32\xfa"  # ESC p 0 t1=100ms t2=500ms
    assert drawer_kick(5)[:3] == b"\x1bp\x01"
    pulses = [e.detail for e in decode(drawer_kick(5, 60, 240)).events if e.kind == "drawer"]
    assert pulses == [{"pin": 5, "on_ms": 60, "off_ms": 240}]
    with pytest.raises(ValueError):
        drawer_kick(3)


def test_status_queries_are_answered_and_cuts_recorded():
    decoder = Decoder()
    answer = decoder.feed(status_query(1) + b"\x1bd\x03" + status_query(4) + b"\x1dVA\x05")
    assert answer == b"\x12\x12"
    assert [e.kind for e in decoder.events] == ["status", "feed", "status", "cut"]
    assert decoder.events[-1].detail == {"partial": False}


def test_a_product_name_cannot_inject_a_drawer_pulse():
    item = sale().items[0].__class__("可乐\x1bp\x00\x19\xfa", 1000, 350, 350)
    data = sale(items=(item,), total_fen=350, tenders=(), change_fen=0)
    events = decode(encode(layout(data, 58), 58)).events
    assert not [e for e in events if e.kind == "drawer"]
    assert "可乐pú" in [e.text for e in events if e.kind == "text"]  # controls dropped, text kept


def test_text_outside_chinese_mode_uses_the_code_page():
    decoder = decode(b"\x1c.caf\x82\n\x1c&" + "咖啡".encode("gb18030") + b"\n")
    assert [e.text for e in decoder.events if e.kind == "text"] == ["café", "咖啡"]
