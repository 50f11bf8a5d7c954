"""How user roles are named on screen."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.auth import SignedInUser
from app.ui.translations import fill


def role_title(role: str) -> str:
    titles = {"admin": QCoreApplication.translate("Roles", "Administrator")}
    return titles.get(role, role)


def user_title(user: SignedInUser) -> str:
    """e.g. "管理员 (admin)"."""
    return fill(QCoreApplication.translate("Roles", "%1 (%2)"), user.display_name,
                user.username)
