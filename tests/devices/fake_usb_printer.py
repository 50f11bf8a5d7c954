"""A pyusb backend that plays a USB receipt printer, so `usb.core.find(backend=...)` returns
a real `usb.core.Device` and every transfer goes through pyusb's own code.

Bulk OUT (0x01) bytes are recorded and fed to the ESC/POS decoder; bulk IN (0x81) returns
what the decoder answered (status bytes), or times out like libusb when there is nothing.
`fail_claim` and `write_timeout` play a permission problem and a stalled printer.
"""
from __future__ import annotations

import array
import errno
from types import SimpleNamespace

import usb.backend
import usb.core

from app.devices.escpos_in import Decoder

EXTRA = {"extra_descriptors": []}


class FakePrinterBackend(usb.backend.IBackend):
    def __init__(self, vid=0x0416, pid=0x5011, *, with_in_endpoint=True) -> None:
        self.vid, self.pid, self.with_in = vid, pid, with_in_endpoint
        self.decoder = Decoder()
        self.written = bytearray()
        self.answers = bytearray()
        self.configuration = 0  # unset until set_configuration, as on a fresh device
        self.kernel_driver = True
        self.claimed: set[int] = set()
        self.fail_claim: int | None = None  # an errno to raise from claim_interface
        self.write_timeout = False

    def enumerate_devices(self):
        return ["printer"]

    def get_device_descriptor(self, dev):
        return SimpleNamespace(
            bLength=18, bDescriptorType=1, bcdUSB=0x0200, bDeviceClass=0, bDeviceSubClass=0,
            bDeviceProtocol=0, bMaxPacketSize0=64, idVendor=self.vid, idProduct=self.pid,
            bcdDevice=0x0100, iManufacturer=0, iProduct=0, iSerialNumber=0,
            bNumConfigurations=1, bus=1, address=5, port_number=2, port_numbers=(2,), speed=3)

    def get_configuration_descriptor(self, dev, config):
        return SimpleNamespace(bLength=9, bDescriptorType=2, wTotalLength=32, bNumInterfaces=1,
                               bConfigurationValue=1, iConfiguration=0, bmAttributes=0xC0,
                               bMaxPower=50, **EXTRA)

    def get_interface_descriptor(self, dev, intf, alt, config):
        if intf != 0 or alt != 0:
            raise IndexError("one interface, one alternate setting")
        return SimpleNamespace(bLength=9, bDescriptorType=4, bInterfaceNumber=0,
                               bAlternateSetting=0, bNumEndpoints=2 if self.with_in else 1,
                               bInterfaceClass=7, bInterfaceSubClass=1, bInterfaceProtocol=2,
                               iInterface=0, **EXTRA)

    def get_endpoint_descriptor(self, dev, ep, intf, alt, config):
        if ep >= (2 if self.with_in else 1):
            raise IndexError("no such endpoint")
        address = (0x01, 0x81)[ep]
        return SimpleNamespace(bLength=7, bDescriptorType=5, bEndpointAddress=address,
                               bmAttributes=2, wMaxPacketSize=64, bInterval=0, bRefresh=0,
                               bSynchAddress=0, **EXTRA)

    def open_device(self, dev):
        return "handle"

    def close_device(self, dev_handle):
        pass

    def set_configuration(self, dev_handle, config_value):
        self.configuration = config_value

    def get_configuration(self, dev_handle):
        return self.configuration

    def is_kernel_driver_active(self, dev_handle, intf):
        return self.kernel_driver

    def detach_kernel_driver(self, dev_handle, intf):
        self.kernel_driver = False

    def claim_interface(self, dev_handle, intf):
        if self.fail_claim is not None:
            raise usb.core.USBError("claim failed", self.fail_claim, self.fail_claim)
        self.claimed.add(intf)

    def release_interface(self, dev_handle, intf):
        self.claimed.discard(intf)

    def bulk_write(self, dev_handle, ep, intf, data, timeout):
        assert ep == 0x01 and intf in self.claimed
        if self.write_timeout:
            raise usb.core.USBTimeoutError("timed out", -7, errno.ETIMEDOUT)
        self.written += bytes(data)
        self.answers += self.decoder.feed(bytes(data))
        return len(data)

    def bulk_read(self, dev_handle, ep, intf, buff, timeout):
        assert ep == 0x81 and intf in self.claimed
        if not self.answers:
            raise usb.core.USBTimeoutError("timed out", -7, errno.ETIMEDOUT)
        n = min(len(buff), len(self.answers))
        buff[:n] = array.array("B", self.answers[:n])
        del self.answers[:n]
        return n
