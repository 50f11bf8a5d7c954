"""A small HTTP fault proxy between a terminal and head office, for the sync tests.

One request per client connection. For each request a seeded choice decides its fate:
- pass: forwarded, the answer relayed;
- reset_before: the connection is reset before anything reaches head office;
- reset_after: forwarded, head office commits and answers, then the terminal's connection
  is reset instead of relaying the answer (the classic lost acknowledgement);
- delay: forwarded, the answer held back past the client's timeout;
- duplicate: forwarded twice at the same moment (two concurrent deliveries), one answer
  relayed.
`stats` counts the faults injected, so a test can prove each one actually happened.
"""
from __future__ import annotations

import random
import socket
import socketserver
import struct
import threading
import time
from collections import Counter

FAULTS = ("pass", "reset_before", "reset_after", "delay", "duplicate")


def _read_request(sock: socket.socket) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        body += chunk
    lines = [l for l in head.split(b"\r\n") if not l.lower().startswith(b"connection:")]
    return b"\r\n".join(lines + [b"Connection: close"]) + b"\r\n\r\n" + body


def _forward(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as up:
        up.sendall(request)
        chunks = []
        while True:
            chunk = up.recv(65536)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


def _reset(sock: socket.socket) -> None:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


class FaultProxy:
    def __init__(self, upstream_port: int, seed: int, weights: dict[str, int] | None = None,
                 delay: float = 1.0) -> None:
        self.upstream_port, self.delay = upstream_port, delay
        self.weights = weights or {f: 1 for f in FAULTS}
        self.rng = random.Random(seed)
        self.stats: Counter = Counter()
        self._lock = threading.Lock()
        proxy = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                proxy._handle(self.request)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def set_weights(self, **weights: int) -> None:
        with self._lock:
            self.weights = weights

    def _choose(self) -> str:
        with self._lock:
            names = list(self.weights)
            fault = self.rng.choices(names, [self.weights[n] for n in names])[0]
            self.stats[fault] += 1
            return fault

    def _handle(self, sock: socket.socket) -> None:
        request = _read_request(sock)
        if request is None:
            return
        fault = self._choose()
        if fault == "reset_before":
            return _reset(sock)
        if fault == "duplicate":
            twin = threading.Thread(target=_forward, args=(self.upstream_port, request))
            twin.start()
            answer = _forward(self.upstream_port, request)
            twin.join()
        else:
            answer = _forward(self.upstream_port, request)
        if fault == "reset_after":
            return _reset(sock)
        if fault == "delay":
            time.sleep(self.delay)
        try:
            sock.sendall(answer)
        except OSError:
            pass  # the client gave up (delay): exactly the case under test

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
