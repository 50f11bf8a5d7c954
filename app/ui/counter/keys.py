"""Every action of the sale screen and its key: one table, used both to bind the shortcuts
and to list them in the F1 help overlay, so the two can never disagree."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


@dataclass(frozen=True)
class KeyAction:
    name: str  # the controller's method is `action_<name>`
    keys: tuple[str, ...]  # QKeySequence strings; the first is shown in hints
    title: str
    hint: str = ""  # the short name in the hint bar; empty: not in the bar


def key_actions() -> list[KeyAction]:
    """In the order the help overlay lists them, titled in the current language."""
    return [
        KeyAction("help", ("F1",), translate("CounterKeys", "Show or hide this list of keys"),
                  translate("CounterKeys", "Keys")),
        KeyAction("quantity", ("F2",),
                  translate("CounterKeys", "Quantity or weight of the selected line"),
                  translate("CounterKeys", "Qty")),
        KeyAction("search", ("F3",),
                  translate("CounterKeys", "Search products (name, pinyin initials, SKU)"),
                  translate("CounterKeys", "Search")),
        KeyAction("member", ("F4",), translate("CounterKeys", "Member by phone or card number"),
                  translate("CounterKeys", "Member")),
        KeyAction("return_sale", ("F5",),
                  translate("CounterKeys", "Return goods: scan the receipt's barcode (退货)"),
                  translate("CounterKeys", "Return")),
        KeyAction("hold", ("F6",), translate("CounterKeys", "Hold this sale (挂单)"),
                  translate("CounterKeys", "Hold")),
        KeyAction("recall", ("F7",), translate("CounterKeys", "Recall a held sale (取单)"),
                  translate("CounterKeys", "Recall")),
        KeyAction("line_discount", ("F8",),
                  translate("CounterKeys", "Discount on the selected line"),
                  translate("CounterKeys", "Discount")),
        KeyAction("order_discount", ("Shift+F8",),
                  translate("CounterKeys", "Discount on the whole sale"),
                  translate("CounterKeys", "Sale discount")),
        KeyAction("price", ("F9",),
                  translate("CounterKeys", "Change the price of the selected line"),
                  translate("CounterKeys", "Price")),
        KeyAction("cash_in", ("F10",),
                  translate("CounterKeys", "Put cash into the drawer, with a reason (存入现金)"),
                  translate("CounterKeys", "Cash in")),
        KeyAction("cash_out", ("Shift+F10",),
                  translate("CounterKeys", "Take cash out of the drawer, with a reason (取出现金)"),
                  translate("CounterKeys", "Cash out")),
        KeyAction("x_report", ("F11",),
                  translate("CounterKeys", "Print an X report: the shift so far"),
                  translate("CounterKeys", "X report")),
        KeyAction("shift", ("Shift+F11",),
                  translate("CounterKeys", "Open the shift, or close it: count the cash, Z report"),
                  translate("CounterKeys", "Shift")),
        KeyAction("top_up", ("Ctrl+T",),
                  translate("CounterKeys", "Top up the member's stored value with cash (储值充值)")),
        KeyAction("devices", ("Ctrl+D",),
                  translate("CounterKeys", "Devices: printer, cash drawer, scanner, with tests")),
        KeyAction("set_pin", ("Ctrl+Shift+P",),
                  translate("CounterKeys", "Set my authorisation PIN")),
        KeyAction("pay", ("F12",),
                  translate("CounterKeys", "Pay (also Enter when the input is empty)"),
                  translate("CounterKeys", "Pay")),
    ]


def hint_bar() -> str:
    """"F1 Keys  F2 Qty ..." for the bottom of the screen."""
    void, cancel = translate("CounterKeys", "Void line"), translate("CounterKeys", "Cancel")
    parts = [(a.keys[0], a.hint) for a in key_actions() if a.hint]
    parts += [("Del", void), ("Esc", cancel)]
    # No-break spaces keep each key with its name when the bar wraps.
    return "    ".join(f"{key} {hint}".replace(" ", "\u00a0") for key, hint in parts)


def input_keys() -> list[tuple[str, str]]:
    """Keys handled by the scan field itself (shown in the help overlay, not bound)."""
    return [
        ("Enter",
         translate("CounterKeys", "Add the scanned or typed code, or the highlighted result")),
        (translate("CounterKeys", "3*code"),
         translate("CounterKeys", "Type a quantity and * before a code to add that many")),
        ("↑ ↓",
         translate("CounterKeys", "Move through the search results or the lines of the sale")),
        ("Del", translate("CounterKeys", "Void the selected line (when the input is empty)")),
        ("Esc", translate("CounterKeys", "Close the search or clear the input; twice on an "
                                         "empty input cancels the sale")),
    ]
