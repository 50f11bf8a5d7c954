"""Who may do what: each command names its permission; deny by default.

Issue 6 extends this to every command and role; the rule stays the same: the service layer
enforces it whatever the screen shows.
"""
from __future__ import annotations

from app.domain.documents import DocType
from app.domain.errors import DomainError

# The roles of issue 6: cashier, shift lead, store manager, warehouse clerk, accountant,
# administrator, head office.
ROLES = frozenset({"cashier", "shift_lead", "store_manager", "warehouse_clerk", "accountant",
                   "admin", "head_office"})
COUNTER = {"cashier", "shift_lead", "store_manager", "admin"}
STOCK_ROOM = {"warehouse_clerk", "store_manager", "admin"}
MANAGERS = {"store_manager", "admin"}

POST_PERMISSION: dict[DocType, set[str]] = {
    DocType.SALE: COUNTER,
    DocType.CUSTOMER_RETURN: COUNTER,
    DocType.PURCHASE_ORDER: STOCK_ROOM,
    DocType.PURCHASE_RECEIPT: STOCK_ROOM,
    DocType.PURCHASE_RETURN: STOCK_ROOM,
    DocType.TRANSFER_OUT: STOCK_ROOM,
    DocType.TRANSFER_IN: STOCK_ROOM,
    DocType.WRITE_OFF: STOCK_ROOM,
    DocType.STOCKTAKE: STOCK_ROOM,
    DocType.ASSEMBLY: STOCK_ROOM,
    DocType.DISASSEMBLY: STOCK_ROOM,
    DocType.OPENING_STOCK: MANAGERS,
}
REPAIR_PROJECTION = {"admin"}
# Opening the cash drawer without a sale ("no sale"), and voiding or re-pricing a line at the
# counter: a cashier needs a shift lead's or a manager's PIN for these (audited).
NO_SALE = {"shift_lead", "store_manager", "admin"}
COUNTER_OVERRIDE = {"shift_lead", "store_manager", "admin"}
# The largest discount (basis points) each counter role gives without a manager's PIN;
# a store changes them with the settings counter.discount_limit.<role>.
DEFAULT_DISCOUNT_LIMIT_BP = {"cashier": 1000, "shift_lead": 2000, "store_manager": 10_000,
                             "admin": 10_000}


class PermissionDenied(DomainError):
    code = "permission_denied"
    zh = "当前用户（角色：{role}）无权执行“{action}”。请让有权限的人员操作，或由店长授权。"
    en = ("The current user (role: {role}) may not do '{action}'. Ask someone with the right, "
          "or a store manager, to do it.")


def require(role: str, allowed: set[str], action: str) -> None:
    if role not in allowed:
        raise PermissionDenied(role=role, action=action)
