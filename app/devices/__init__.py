"""Counter hardware: scanners, receipt printers, cash drawers, scales, customer displays.

One class per transport over a tiny raw-write interface, with a fake beside each real one.
Depends on app.domain only. (Arrives with the counter, issue 4.)
"""
