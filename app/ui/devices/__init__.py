"""The devices screen: the till's printer, cash drawer and scanner, each with a test."""
from app.ui.devices.devices_dialog import DevicesDialog

__all__ = ["DevicesDialog"]
