"""How user roles are named on screen."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.auth import SignedInUser
from app.ui.translations import fill


translate = QCoreApplication.translate  # lupdate extracts calls named `translate`


def role_title(role: str) -> str:
    titles = {
        "cashier": translate("Roles", "Cashier"),
        "shift_lead": translate("Roles", "Shift lead"),
        "store_manager": translate("Roles", "Store manager"),
        "warehouse_clerk": translate("Roles", "Warehouse clerk"),
        "accountant": translate("Roles", "Accountant"),
        "admin": translate("Roles", "Administrator"),
        "head_office": translate("Roles", "Head office"),
    }
    return titles.get(role, role)


def user_title(user: SignedInUser) -> str:
    """e.g. "管理员 (admin)"."""
    return fill(QCoreApplication.translate("Roles", "%1 (%2)"), user.display_name,
                user.username)
