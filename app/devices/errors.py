"""What can go wrong with a printer or scanner, said so that a cashier knows what to do.

Every error names the device (`url`) and carries zh and en messages; the print queue stores
`code` and both messages with a failed job so the status bar can show it later.
"""
from __future__ import annotations

from app.domain.errors import JxcError


class DeviceError(JxcError):
    code = "device"
    zh = "设备 {url} 出错：{detail}"
    en = "Device {url} failed: {detail}"


class BadDeviceUrl(DeviceError):
    code = "bad_device_url"
    zh = ("设备地址“{url}”无效：{reason_zh}。例如 tcp://192.168.1.50:9100、"
          "serial:///dev/ttyUSB0?baudrate=9600、usb://04b8:0202、win32://收银打印机、"
          "file:///tmp/receipt.bin。")
    en = ("Device address '{url}' is not valid: {reason_en}. Examples: tcp://192.168.1.50:9100, "
          "serial:///dev/ttyUSB0?baudrate=9600, usb://04b8:0202, win32://Receipt, "
          "file:///tmp/receipt.bin.")


class PrinterPaperOut(DeviceError):
    code = "printer_paper_out"
    zh = "打印机缺纸（{url}）：请装入新纸卷，合上盖子后重试。"
    en = "The printer is out of paper ({url}): load a new roll, close the cover and try again."


class PrinterOffline(DeviceError):
    code = "printer_offline"
    zh = "打印机离线（{url}）：{reason_zh}。"
    en = "The printer is offline ({url}): {reason_en}."


class PrinterConnectionRefused(DeviceError):
    code = "printer_connection_refused"
    zh = "连接被拒绝：{url} 上没有打印机在监听。请检查打印机电源、网线、IP 地址和端口（通常是 9100）。"
    en = ("Connection refused: no printer is listening at {url}. Check the printer's power, "
          "cable, IP address and port (usually 9100).")


class PrinterUnreachable(DeviceError):
    code = "printer_unreachable"
    zh = "无法连接打印机 {url}：{reason}。请检查网络和打印机地址。"
    en = "Cannot reach the printer at {url}: {reason}. Check the network and the address."


class PrinterTimeout(DeviceError):
    code = "printer_timeout"
    zh = "打印机 {url} 在 {seconds} 秒内没有响应（{stage_zh}）。请检查打印机是否开机、是否卡纸。"
    en = ("The printer at {url} did not respond within {seconds} s ({stage_en}). Check that it "
          "is on and not jammed.")


class PrinterDisconnected(DeviceError):
    code = "printer_disconnected"
    zh = "打印机 {url} 在打印过程中断开了连接，这张小票可能不完整，请检查后重打。"
    en = ("The printer at {url} disconnected during the job; the receipt may be incomplete. "
          "Check it and print again.")


class PrinterNotFound(DeviceError):
    code = "printer_not_found"
    zh = "找不到打印机 {url}：{reason_zh}。"
    en = "Printer {url} was not found: {reason_en}."


class PrinterAccessDenied(DeviceError):
    code = "printer_access_denied"
    zh = "没有权限使用打印机 {url}：{reason_zh}。"
    en = "No permission to use the printer {url}: {reason_en}."


class PlatformUnsupported(DeviceError):
    code = "platform_unsupported"
    zh = "{url}：Windows 打印队列只能在 Windows 上使用{reason_zh}。请改用 usb://、tcp:// 或 serial:// 地址。"
    en = ("{url}: the Windows print spooler is only available on Windows{reason_en}. Use a "
          "usb://, tcp:// or serial:// address instead.")


class ScannerError(DeviceError):
    code = "scanner_failed"
    zh = "扫描枪 {url} 出错：{reason_zh}。请检查连接线和串口设置（波特率）。"
    en = "Scanner {url} failed: {reason_en}. Check the cable and the port settings (baud rate)."


class EmulatorPortBusy(DeviceError):
    code = "emulator_port_busy"
    zh = "打印机模拟器无法监听 {url}：{reason}。请换一个端口（--port）。"
    en = "The printer emulator cannot listen on {url}: {reason}. Choose another port (--port)."
