"""A Windows printer queue used raw: `win32://NAME` (the name as shown in Windows).

The job goes through the spooler as a RAW document, so the driver passes the ESC/POS bytes
through untouched. The spooler is one-way (no DLE EOT answers), so instead of status bytes
the queue's own flags are checked before the job: paper out, offline, error. Needs pywin32
(`win32print`), which exists on Windows only; elsewhere opening fails with a clear message.
"""
from __future__ import annotations

import sys

from app.devices.errors import PlatformUnsupported, PrinterNotFound, PrinterOffline, PrinterPaperOut
from app.devices.transports import DEFAULT_TIMEOUT, Transport

# PRINTER_STATUS_* flags of GetPrinter level 2
PAUSED, ERROR, PAPER_JAM, PAPER_OUT, OFFLINE, DOOR_OPEN = 0x1, 0x2, 0x8, 0x10, 0x80, 0x400000


class Win32Transport(Transport):
    reads_status = False  # the spooler cannot carry DLE EOT; queue flags are checked instead

    def __init__(self, url: str, name: str, timeout: float = DEFAULT_TIMEOUT,
                 win32print=None) -> None:
        super().__init__(url, timeout)
        self.name, self.api, self.handle, self.buffer = name, win32print, None, bytearray()

    def open(self) -> None:
        api = self.api or _load(self.url)
        self.api = api
        try:
            self.handle = api.OpenPrinter(self.name)
        except Exception as exc:  # pywintypes.error: the queue does not exist
            raise PrinterNotFound(url=self.url, reason_zh=f"Windows 中没有名为“{self.name}”的打印机",
                                  reason_en=f"Windows has no printer named '{self.name}' "
                                            f"({exc})") from None
        self._check_queue(api.GetPrinter(self.handle, 2).get("Status", 0))
        self.buffer.clear()

    def _check_queue(self, flags: int) -> None:
        if flags & PAPER_OUT:
            self.close()
            raise PrinterPaperOut(url=self.url)
        reasons = [(OFFLINE, "打印机脱机", "the printer is offline"),
                   (DOOR_OPEN, "纸仓盖没有合上", "the cover is open"),
                   (PAPER_JAM, "卡纸", "paper jam"), (PAUSED, "打印队列已暂停", "the queue is paused"),
                   (ERROR, "打印机报告错误", "the printer reports an error")]
        for flag, zh, en in reasons:
            if flags & flag:
                self.close()
                raise PrinterOffline(url=self.url, reason_zh=zh, reason_en=en)

    def write(self, data: bytes) -> None:
        self.buffer += data  # one spooler document per job, sent at close

    def read(self, size: int, timeout: float) -> bytes:
        return b""

    def close(self) -> None:
        if self.handle is None:
            return
        api, handle, self.handle = self.api, self.handle, None
        data, self.buffer = bytes(self.buffer), bytearray()
        try:
            if data:
                api.StartDocPrinter(handle, 1, ("JXC receipt", None, "RAW"))
                try:
                    api.StartPagePrinter(handle)
                    api.WritePrinter(handle, data)
                    api.EndPagePrinter(handle)
                finally:
                    api.EndDocPrinter(handle)
        except Exception as exc:  # pywintypes.error from the spooler
            raise PrinterOffline(url=self.url, reason_zh=f"Windows 打印队列拒收：{exc}",
                                 reason_en=f"the Windows spooler refused the job: {exc}") from None
        finally:
            api.ClosePrinter(handle)


def _load(url: str):
    if sys.platform != "win32":
        raise PlatformUnsupported(url=url, reason_zh=f"（这台电脑是 {sys.platform}）",
                                  reason_en=f" (this computer runs {sys.platform})")
    try:
        import win32print
    except ImportError:
        raise PlatformUnsupported(url=url, reason_zh="，且需要安装 pywin32",
                                  reason_en=", and it needs pywin32 installed") from None
    return win32print
