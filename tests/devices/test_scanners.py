"""Scanners: keyboard-wedge bursts against typing, and serial framing over a pty and loop://."""
from __future__ import annotations

import os
import sys
import threading
import time
import tty

import pytest
import serial
from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices.errors import ScannerError
from app.devices.scanner_frames import Code, Dropped, FrameParser, Rejected
from app.devices.serial_scanner import SerialScanner
from app.domain.wedge import Key, Rejected as WedgeRejected, Scan, Typed, WedgeConfig, WedgeDetector

EAN = "6901234567892"
BAD_EAN = "6901234567893"
NOISE = [b for b in range(256) if not 0x20 <= b <= 0x7E and b not in (0x0A, 0x0D)]  # line noise


def keys(text: str, start: float, gap: float) -> list[Key]:
    return [Key(ch, start + i * gap) for i, ch in enumerate(text)]


def run(detector: WedgeDetector, events: list[Key]) -> list:
    out = []
    for key in events:
        out += detector.feed(key)
    return out + detector.flush(events[-1].t_ms + 1000)


# ---- keyboard wedge -----------------------------------------------------------------------
def test_a_scanner_burst_is_a_scan_and_its_enter_is_swallowed():
    assert run(WedgeDetector(), keys(EAN + "\r", 0, 8)) == [Scan(EAN)]


def test_a_person_typing_the_same_digits_is_typing():
    out = run(WedgeDetector(), keys(EAN + "\r", 0, 120))
    assert all(isinstance(o, Typed) for o in out)
    assert "".join(o.text for o in out) == EAN + "\r"  # every key replayed, in order


def test_a_scan_with_a_wrong_check_digit_is_rejected_with_the_reason():
    (out,) = run(WedgeDetector(), keys(BAD_EAN + "\r", 0, 5))
    assert isinstance(out, WedgeRejected) and "应为 2" in out.error.message("zh")


def test_typing_then_a_scan_then_typing():
    events = (keys("ab", 0, 150) + keys(EAN + "\t", 400, 6) + keys("x", 800, 0)
              + [Key("", 900, "F2")])
    out = run(WedgeDetector(), events)
    assert [type(o).__name__ for o in out] == ["Typed", "Typed", "Scan", "Typed", "Typed"]
    assert out[2] == Scan(EAN) and out[-1].keys[0].name == "F2"


def test_short_bursts_and_bursts_without_terminator():
    assert all(isinstance(o, Typed) for o in run(WedgeDetector(), keys("12\r", 0, 5)))
    assert all(isinstance(o, Typed) for o in run(WedgeDetector(), keys(EAN, 0, 5)))
    loose = WedgeDetector(WedgeConfig(require_terminator=False, validate=False))
    assert run(loose, keys("ABC123", 0, 5)) == [Scan("ABC123")]


def test_flush_waits_for_the_gap():
    detector = WedgeDetector()
    assert detector.feed(Key("a", 0)) == [] and detector.pending
    assert detector.flush(30) == []
    assert detector.flush(100) == [Typed((Key("a", 0),))] and not detector.pending


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text("0123456789abcXYZ \r\t", min_size=1, max_size=1),
                          st.floats(45, 400)), min_size=1, max_size=40))
def test_human_speed_never_scans_and_loses_no_key(typed):
    t, events = 0.0, []
    for ch, gap in typed:
        t += gap
        events.append(Key(ch, t))
    out = run(WedgeDetector(), events)
    assert all(isinstance(o, Typed) for o in out)
    assert "".join(o.text for o in out) == "".join(ch for ch, _ in typed)


@settings(max_examples=200, deadline=None)
@given(st.text("0123456789ABCDEFGH-", min_size=4, max_size=30), st.floats(0.5, 39.0),
       st.sampled_from(["\r", "\n", "\t"]))
def test_machine_speed_bursts_always_scan(code, gap, terminator):
    out = run(WedgeDetector(WedgeConfig(validate=False)), keys(code + terminator, 1000, gap))
    assert out == [Scan(code)]


# ---- framing, pure ------------------------------------------------------------------------
def feed_all(parser: FrameParser, chunks: list[bytes], gap: float = 0.01) -> list:
    out, now = [], 0.0
    for chunk in chunks:
        now += gap
        out += parser.feed(chunk, now)
    return out + parser.expire(now + 10)


def test_line_framings():
    assert feed_all(FrameParser(), [EAN.encode() + b"\r\n", b"ABC123\r", b"XYZ789\n"]) == [
        Code(EAN), Code("ABC123"), Code("XYZ789")]
    assert feed_all(FrameParser("lf"), [EAN.encode() + b"\r\n"]) == [Code(EAN)]
    assert feed_all(FrameParser("cr"), [EAN.encode() + b"\r\n"]) == [Code(EAN)]


def test_noise_bad_check_digits_and_partial_reads():
    out = feed_all(FrameParser(), [b"\x00\xff\x13" + EAN.encode() + b"\r", BAD_EAN.encode() + b"\r",
                                   b"6901\x8534567892\r", b"A" * 60 + b"\r"])
    assert out[0] == Code(EAN)
    assert isinstance(out[1], Rejected) and "should be 2" in out[1].reason_en
    assert isinstance(out[2], Rejected) and isinstance(out[3], Rejected)
    partial = FrameParser()
    assert partial.feed(b"690123456", 0.0) == []
    assert partial.feed(b"", 0.5) == [Dropped(b"690123456")]  # the timeout passed: thrown away


def test_a_partial_read_never_joins_the_next_code():
    parser = FrameParser()
    assert parser.feed(b"69012345", 0.0) == []
    out = parser.feed(b"67892\r", 0.5)  # arrives after the frame timeout
    assert out[0] == Dropped(b"69012345") and out[1] == Code("67892")
    assert Code(EAN) not in out


def test_stx_etx_framing():
    out = feed_all(FrameParser("stx_etx"), [
        b"noise\x02" + EAN.encode() + b"\x03\r\n", b"\x02ABC\x01123\x03", b"\x02690123",
        b"\x02XYZ789\x03"])
    assert out == [Code(EAN), Rejected("ABC123", "读取到干扰字符或长度异常",
                                       "noise or a wrong length in the read"),
                   Dropped(b"690123"), Code("XYZ789")]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([EAN, "96385074", "ABC1234", "036000291452"]), min_size=1,
                max_size=6),
       st.lists(st.lists(st.sampled_from(NOISE), max_size=4).map(bytes), min_size=6, max_size=6),
       st.integers(1, 9))
def test_noise_between_codes_and_any_chunking_change_nothing(codes, noise, chunk):
    stream = b"".join(n + c.encode() + b"\r\n" for n, c in zip(noise, codes))
    chunks = [stream[i:i + chunk] for i in range(0, len(stream), chunk)]
    assert feed_all(FrameParser(), chunks) == [Code(c) for c in codes]


# ---- serial, over a pty pair and loop:// ---------------------------------------------------
@pytest.fixture
def pty_pair():
    if sys.platform == "win32":
        pytest.skip("pseudo-terminals are POSIX only")
    master, slave = os.openpty()
    tty.setraw(slave)
    yield master, os.ttyname(slave)
    os.close(master)
    os.close(slave)


def test_serial_scanner_over_a_pty(pty_pair):
    master, path = pty_pair
    with SerialScanner.from_url(f"serial://{path}?baudrate=9600&frame_timeout=0.1") as scanner:
        os.write(master, b"\xff\x00" + EAN.encode() + b"\r\n" + BAD_EAN.encode() + b"\r\n")
        results = scanner.read(0.3)
        assert results[0] == Code(EAN) and isinstance(results[1], Rejected)
        os.write(master, b"690123")  # the cable is pulled mid-code, then plugged back
        assert scanner.read(0.3) == [Dropped(b"690123")]
        os.write(master, b"4567892\r")
        assert Code(EAN) not in scanner.read(0.3)  # the two halves never make a code


def test_serial_scanner_thread_delivers_codes(pty_pair):
    master, path = pty_pair
    codes, rejects, stop = [], [], threading.Event()
    with SerialScanner(path, framing="stx_etx") as scanner:
        thread = threading.Thread(target=scanner.run, args=(codes.append, stop, rejects.append))
        thread.start()
        os.write(master, b"\x02" + EAN.encode() + b"\x03\x02" + BAD_EAN.encode() + b"\x03")
        deadline = time.monotonic() + 3
        while (not codes or not rejects) and time.monotonic() < deadline:
            time.sleep(0.01)
        stop.set()
        thread.join(2)
    assert codes == [EAN] and len(rejects) == 1


def test_serial_scanner_over_loop_url():
    with SerialScanner("loop://", frame_timeout=0.1) as scanner:
        scanner.port.write(b"ABC123\r\n\x00" + EAN.encode() + b"\n")
        assert scanner.next_code(1.0) == "ABC123"
        assert scanner.next_code(1.0) == EAN
        assert scanner.next_code(0.2) is None


def test_a_missing_port_is_a_clear_error():
    with pytest.raises(ScannerError) as err:
        SerialScanner("/dev/jxc-no-scanner").open()
    assert "/dev/jxc-no-scanner" in err.value.message("zh") and "baud" in err.value.message("en")
    with pytest.raises(ScannerError):
        SerialScanner.from_url("serial:///dev/x?baudrate=fast")


def test_unplugged_while_reading_is_a_clear_error(monkeypatch):
    with SerialScanner("loop://") as scanner:
        def broken(*_):
            raise serial.SerialException("device reports readiness to read but returned no data")
        monkeypatch.setattr(scanner.port, "read", broken)
        with pytest.raises(ScannerError) as err:
            scanner.poll()
    assert "unplugged" in err.value.message("en")
