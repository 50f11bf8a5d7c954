"""Local servers for the morning brief tests: aiosmtpd (plain, STARTTLS, SSL) with a
self-signed certificate made here, and an HTTP robot on 127.0.0.1 that records posts."""
from __future__ import annotations

import datetime as dt
import json
import socket
import ssl
import threading
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    import ipaddress

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(
                ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class Inbox:
    def __init__(self) -> None:
        self.messages: list = []
        self.logins: list[tuple[str, str]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd)
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content,
                                                                    policy=policy.default)))
        return "250 OK"

    def authenticator(self, server, session, envelope, mechanism, auth_data):
        login, password = auth_data.login.decode(), auth_data.password.decode()
        self.logins.append((login, password))
        ok = password == "smtp-pass-1"
        return AuthResult(success=ok, handled=ok)  # refused: the standard 535 answer


def smtp_server(mode: str, folder: Path) -> tuple[Controller, Inbox, ssl.SSLContext | None]:
    """mode: none | starttls | ssl. Returns the started controller, its inbox and the client
    context that trusts the server's certificate."""
    inbox, port = Inbox(), free_port()
    kwargs = dict(hostname="127.0.0.1", port=port, authenticator=inbox.authenticator,
                  auth_require_tls=mode == "starttls")  # ssl: TLS from the start
    client = None
    if mode != "none":
        cert, key = self_signed(folder)
        server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_ctx.load_cert_chain(cert, key)
        client = ssl.create_default_context(cafile=str(cert))
        if mode == "starttls":
            kwargs.update(tls_context=server_ctx, require_starttls=True)
        else:
            kwargs.update(ssl_context=server_ctx, server_hostname="127.0.0.1")
    controller = Controller(inbox, **kwargs)
    controller.start()
    return controller, inbox, client


class Robot:
    """An HTTP server that answers like a WeCom/DingTalk robot and keeps what it got."""

    def __init__(self, answer: dict | None = None) -> None:
        self.posts: list[tuple[str, dict]] = []
        self.answer = answer or {"errcode": 0, "errmsg": "ok"}
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                robot.posts.append((self.path, json.loads(body)))
                data = json.dumps(robot.answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/robot/send?access_token=tok-SECRET-42"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
