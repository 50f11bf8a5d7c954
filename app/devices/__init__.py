"""Counter hardware: receipt printers, cash drawers and barcode scanners (docs/devices.md).

Receipts: `escpos_out` encodes the domain's receipt layout to ESC/POS (GB18030), `transports`
opens a printer from a URL (tcp, serial, usb, win32, file), `printer.send_job` sends one job
with its status read before and after. `emulator` is a network printer on this PC that
decodes what it gets (`escpos_in`) for tests and the training mode. Scanners: keyboard
wedges are told apart in `app.domain.wedge`; serial scanners are read by `serial_scanner`
with the framing rules of `scanner_frames`. Depends on app.domain only.
"""
