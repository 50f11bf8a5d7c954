"""TLS: the terminal verifies head office's certificate, with a private CA bundle when one
is set; a wrong CA, an expired certificate and a wrong host name are refused."""
from __future__ import annotations

import threading
import time

import pytest
import uvicorn

from app.sync.credentials import KeyringTokenStore
from app.sync.enroll import enroll
from app.sync.errors import TlsFailed
from headoffice import admin
from headoffice.api import create_app
from hqtest import HqServer, free_port, hq_counts, new_till
from hqtest_fixtures import start_hq
from tlscerts import PrivateCA


class TlsServer:
    """uvicorn in a thread over the session's head-office database, with one certificate."""

    def __init__(self, db_url: str, cert: tuple[str, str]) -> None:
        self.port = free_port()
        config = uvicorn.Config(create_app(db_url), host="127.0.0.1", port=self.port,
                                ssl_certfile=cert[0], ssl_keyfile=cert[1], log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)

    def url(self, host: str = "127.0.0.1") -> str:
        return f"https://{host}:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def hq():
    return start_hq("sqlite")  # TLS is transport only: one database backend is enough


@pytest.fixture(scope="module")
def pki(tmp_path_factory, hq):
    folder = tmp_path_factory.mktemp("pki")
    ca, other = PrivateCA(folder, "JXC Test CA"), PrivateCA(folder, "Someone Else CA")
    good = HqServer(hq.url, folder, tls=ca.server_cert("good", ["127.0.0.1", "localhost"]))
    servers = {"good": good.start(),  # `jxc hq serve --tls-cert F --tls-key F`
               "expired": TlsServer(hq.url, ca.server_cert("old", ["127.0.0.1"], expired=True)),
               "elsewhere": TlsServer(hq.url, ca.server_cert("x", ["hq.example.com"]))}
    yield ca, other, servers
    for server in servers.values():
        server.stop()


def test_a_private_ca_bundle_is_trusted_and_used_for_sync(hq, pki, tmp_path):
    ca, _, servers = pki
    till = new_till(hq.engine, hq.base_url, tmp_path, enroll=False)
    try:
        enroll(till.store, KeyringTokenStore(), servers["good"].url("localhost"),
               till.enrollment_code, ca_bundle=str(ca.bundle))
        till.sell()
        assert till.uplink().sync_now().applied == 2
        assert hq_counts(hq.engine, till.code)["events"] == 2
    finally:
        till.store.close()


@pytest.mark.parametrize("case", ["system trust only", "wrong CA", "expired", "wrong host"])
def test_untrusted_certificates_are_refused(hq, pki, tmp_path, case):
    ca, other, servers = pki
    server, bundle, host = {
        "system trust only": (servers["good"], None, "127.0.0.1"),
        "wrong CA": (servers["good"], str(other.bundle), "127.0.0.1"),
        "expired": (servers["expired"], str(ca.bundle), "127.0.0.1"),
        "wrong host": (servers["elsewhere"], str(ca.bundle), "127.0.0.1")}[case]
    till = new_till(hq.engine, hq.base_url, tmp_path, enroll=False)
    try:
        with pytest.raises(TlsFailed) as err:
            enroll(till.store, KeyringTokenStore(), server.url(host), till.enrollment_code,
                   ca_bundle=bundle)
        assert "certificate" in err.value.message("en") and "Nothing was sent" in err.value.message("en")
        assert till.status()["state"] == "not_enrolled"
        codes = admin.list_terminals(hq.engine, till.code)
        assert codes == [{"name": "till-1", "uuid": codes[0]["uuid"], "enrolled": False,
                          "revoked": False, "last_seen_at": None, "clock_offset_seconds": None,
                          "clock_skewed": False, "clock_skewed_since": None,
                          "clock_checked_at": None}]
    finally:
        till.store.close()
