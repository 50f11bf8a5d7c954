"""USB receipt printers through pyusb: `usb://VID:PID` (hex, e.g. usb://04b8:0202).

The printer-class interface (class 7) is used if there is one, else the first interface
with a bulk OUT endpoint; its IN endpoint, when present, carries the status answers. On
Linux the kernel's usblp driver is detached first, and access needs a udev rule (see
docs/devices.md). `backend` is pyusb's backend: libusb by default, a fake in the tests.
"""
from __future__ import annotations

import errno

from app.devices.errors import (BadDeviceUrl, PrinterAccessDenied, PrinterDisconnected,
                                PrinterNotFound)
from app.devices.transports import DEFAULT_TIMEOUT, Transport

PRINTER_CLASS = 7


class UsbTransport(Transport):
    def __init__(self, url: str, vid: int, pid: int, timeout: float = DEFAULT_TIMEOUT,
                 backend=None) -> None:
        super().__init__(url, timeout)
        self.vid, self.pid, self.backend = vid, pid, backend
        self.dev = self.ep_out = self.ep_in = self.interface = None
        self._pending = bytearray()  # answer bytes read in one packet, not yet returned

    @classmethod
    def from_url(cls, url: str, netloc: str, query: dict, timeout: float, backend):
        vid, sep, pid = netloc.partition(":")
        try:
            if not sep:
                raise ValueError
            return cls(url, int(vid, 16), int(pid, 16), timeout, backend)
        except ValueError:
            raise BadDeviceUrl(url=url, reason_zh="应写成 usb://厂商ID:产品ID（十六进制）",
                               reason_en="write it as usb://VENDOR:PRODUCT in hex") from None

    def open(self) -> None:
        import usb.core
        import usb.util

        try:
            dev = usb.core.find(idVendor=self.vid, idProduct=self.pid, backend=self.backend)
        except usb.core.NoBackendError:
            raise PrinterNotFound(url=self.url, reason_zh="没有找到 libusb，请安装它",
                                  reason_en="libusb is not installed") from None
        if dev is None:
            raise PrinterNotFound(url=self.url, reason_zh="没有连接这个 USB 设备，请检查数据线和电源",
                                  reason_en="no such USB device is connected; check the cable "
                                            "and the power")
        try:
            self._claim(dev, usb)
        except usb.core.USBError as exc:
            raise self._usb_error(exc) from None
        self.dev = dev
        self.reads_status = self.reads_status and self.ep_in is not None

    def _claim(self, dev, usb) -> None:
        try:
            config = dev.get_active_configuration()
        except usb.core.USBError:  # "configuration not set"
            config = None
        if config is None:
            dev.set_configuration()
            config = dev.get_active_configuration()
        interfaces = sorted(config, key=lambda i: i.bInterfaceClass != PRINTER_CLASS)

        def out(e) -> bool:
            return (usb.util.endpoint_direction(e.bEndpointAddress) == usb.util.ENDPOINT_OUT
                    and usb.util.endpoint_type(e.bmAttributes) == usb.util.ENDPOINT_TYPE_BULK)

        def inward(e) -> bool:
            return usb.util.endpoint_direction(e.bEndpointAddress) == usb.util.ENDPOINT_IN

        for intf in interfaces:
            ep_out = usb.util.find_descriptor(intf, custom_match=out)
            if ep_out is not None:
                break
        else:
            raise PrinterNotFound(url=self.url, reason_zh="这个 USB 设备没有打印输出端点",
                                  reason_en="the USB device has no printer output endpoint")
        number = intf.bInterfaceNumber
        try:
            if dev.is_kernel_driver_active(number):
                dev.detach_kernel_driver(number)
        except NotImplementedError:  # Windows and macOS backends have no kernel driver
            pass
        usb.util.claim_interface(dev, number)
        self.interface, self.ep_out = number, ep_out
        self.ep_in = usb.util.find_descriptor(intf, custom_match=inward)

    def _usb_error(self, exc):
        code = getattr(exc, "errno", None) or getattr(exc, "backend_error_code", None)
        if code in (errno.EACCES, errno.EPERM, -3):
            return PrinterAccessDenied(url=self.url,
                                       reason_zh="没有 USB 设备权限（Linux 上请安装 udev 规则，"
                                                 "见 docs/devices.md）",
                                       reason_en="no permission for the USB device (on Linux, "
                                                 "install the udev rule in docs/devices.md)")
        if code in (errno.EBUSY, -6):
            return PrinterAccessDenied(url=self.url, reason_zh="设备被其他程序占用",
                                       reason_en="another program is using the device")
        return PrinterDisconnected(url=self.url)

    def write(self, data: bytes) -> None:
        import usb.core

        try:
            self.ep_out.write(data, int(self.timeout * 1000))
        except usb.core.USBTimeoutError:
            raise self.timed_out("发送数据", "sending") from None
        except usb.core.USBError as exc:
            raise self._usb_error(exc) from None

    def read(self, size: int, timeout: float) -> bytes:
        import usb.core

        if not self._pending:
            try:
                self._pending += bytes(self.ep_in.read(self.ep_in.wMaxPacketSize,
                                                       max(int(timeout * 1000), 1)))
            except usb.core.USBTimeoutError:
                return b""
            except usb.core.USBError as exc:
                raise self._usb_error(exc) from None
        data, self._pending = bytes(self._pending[:size]), self._pending[size:]
        return data

    def close(self) -> None:
        import usb.util

        if self.dev is not None:
            try:
                usb.util.release_interface(self.dev, self.interface)
            finally:
                usb.util.dispose_resources(self.dev)
                self.dev = None

