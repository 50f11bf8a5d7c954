"""A network ESC/POS receipt printer that runs on this PC: for tests and the training mode.

`PrinterEmulator` listens on 127.0.0.1 (like a printer's port 9100), decodes every byte it
receives (`escpos_in.Decoder`) and answers status queries the way a printer does. It can play
the failures a shop meets: `paper_out`, `offline` (cover open), `near_end`, `mute` (answers
no status query), `disconnect` (closes the connection in the middle of a job, after
`disconnect_after` bytes), and paper running out during a job (`paper_out_after` bytes).
`paper()` shows what came out, aligned to the paper width; `receipts()` splits it at cuts.
`jxc printer-emulator --port N` runs one in the foreground and prints what it receives.
"""
from __future__ import annotations

import socket
import struct
import sys
import threading
import time
from typing import Callable

from app.devices.errors import EmulatorPortBusy
from app.devices.escpos_in import Decoder, Event
from app.devices.status import PrinterState
from app.domain import text_columns as tc
from app.domain.receipt import COLUMNS

SCENARIOS = ("ok", "paper_out", "near_end", "offline", "mute", "disconnect")


class PrinterEmulator:
    def __init__(self, port: int = 0, *, width_mm: int = 80, host: str = "127.0.0.1",
                 on_event: Callable[[Event], None] | None = None) -> None:
        self.width_mm, self.on_event = width_mm, on_event
        self.state = PrinterState()
        self.decoder = Decoder(self.state)
        self.disconnect_after: int | None = None
        self.paper_out_after: int | None = None
        self.connections = 0
        self.received = bytearray()
        self._reported = 0
        self._stop = threading.Event()
        try:
            self._server = socket.create_server((host, port))
        except OSError as exc:
            raise EmulatorPortBusy(url=f"tcp://{host}:{port}", reason=exc.strerror or exc) from None
        self._server.settimeout(0.1)
        self.host, self.port = self._server.getsockname()[:2]
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    def play(self, scenario: str, *, after: int = 0) -> None:
        """Switch to one of SCENARIOS; `after` is the byte count for "disconnect"."""
        if scenario not in SCENARIOS:
            raise ValueError(f"scenario must be one of {SCENARIOS}")
        self.state.paper_out = scenario == "paper_out"
        self.state.paper_near_end = scenario == "near_end"
        self.state.cover_open = scenario == "offline"
        self.decoder.answers_status = scenario != "mute"
        self.disconnect_after = after if scenario == "disconnect" else None

    def start(self) -> "PrinterEmulator":
        thread = threading.Thread(target=self._accept, name="escpos-emulator", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=2)
        self._server.close()

    def __enter__(self) -> "PrinterEmulator":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except (socket.timeout, OSError):
                continue
            self.connections += 1
            worker = threading.Thread(target=self._serve, args=(conn,), daemon=True,
                                      name=f"escpos-emulator-{self.connections}")
            worker.start()
            self._threads.append(worker)

    def _serve(self, conn: socket.socket) -> None:
        job_bytes = 0
        with conn:
            conn.settimeout(0.1)
            while not self._stop.is_set():
                try:
                    data = conn.recv(4096)
                except socket.timeout:
                    continue
                except OSError:
                    return
                if not data:
                    return
                limit = self.disconnect_after
                if limit is not None and job_bytes + len(data) >= limit:
                    self._take(data[:max(limit - job_bytes, 0)])
                    linger = struct.pack("HH" if sys.platform == "win32" else "ii", 1, 0)
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                    return  # closes with a reset, as a printer losing power mid-job
                job_bytes += len(data)
                reply = self._take(data)
                if reply:
                    try:
                        conn.sendall(reply)
                    except OSError:
                        return

    def _take(self, data: bytes) -> bytes:
        with self.decoder.lock:
            reply = b""
            limit = self.paper_out_after
            room = None if limit is None else max(limit - len(self.received), 0)
            if room is not None and not self.state.paper_out and len(data) > room:
                head, data = data[:room], data[room:]
                self.received += head
                reply += self.decoder.feed(head)
                self.state.paper_out = True  # the roll ends here: nothing after it prints
            self.received += data
            reply += self.decoder.feed(data)
            new = self.decoder.events[self._reported:]
            self._reported = len(self.decoder.events)
        for event in new:
            if self.on_event:
                self.on_event(event)
        return reply

    # what came out
    def events(self, kind: str | None = None, *, printed: bool = True) -> list[Event]:
        with self.decoder.lock:
            return [e for e in self.decoder.events
                    if (kind is None or e.kind == kind) and (e.printed or not printed)]

    def paper(self) -> list[str]:
        return render(self.events(), self.width_mm)

    def receipts(self) -> list[str]:
        """Each piece of paper cut off so far, as text."""
        text = "\n".join(self.paper())
        return [part.strip("\n") for part in text.split(CUT_LINE * COLUMNS[self.width_mm])[:-1]]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.01)
        return predicate()


CUT_LINE = "~"


def render(events: list[Event], width_mm: int) -> list[str]:
    """Printed events as lines of paper, each at most the paper's columns wide: text aligned
    as printed, double-width text letter-spaced so it takes the columns it takes on paper,
    codes and images as [tags], a cut as a line of ~."""
    cols = COLUMNS[width_mm]
    out: list[str] = []
    for e in events:
        if e.kind == "text":
            text = "".join(ch + " " * tc.char_width(ch) for ch in e.text) if e.double else e.text
            pad = {"center": (cols - tc.width(text.rstrip())) // 2,
                   "right": cols - tc.width(text.rstrip())}.get(e.align, 0)
            out.append((" " * max(pad, 0) + text).rstrip())
        elif e.kind in ("barcode", "qr"):
            out.append(tc.center(f"[{'QR' if e.kind == 'qr' else 'BARCODE'} {e.text}]", cols))
        elif e.kind == "image":
            out.append(tc.center(f"[IMAGE {e.detail['width']}x{e.detail['height']}]", cols))
        elif e.kind == "feed":
            out += [""] * e.detail["lines"]
        elif e.kind == "cut":
            out.append(CUT_LINE * cols)
        elif e.kind == "drawer":
            out.append(f"[DRAWER pin {e.detail['pin']}]")
    return out
