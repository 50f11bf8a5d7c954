"""The Products section on a real store with a generated catalog (500 products)."""
from __future__ import annotations

import pytest

from app.services.auth import SignedInUser
from app.services.demo import populate_demo
from app.ui.products.page import ProductsPage

ADMIN = SignedInUser(1, "admin", "管理员", "admin")


@pytest.fixture
def catalog(new_store):
    populate_demo(new_store, products=500, days=0, seed=3)
    return new_store


@pytest.fixture
def page_for(catalog, ops, qtbot):
    """page_for(user) -> a shown ProductsPage whose first page of products has arrived."""
    def make(user: SignedInUser = ADMIN) -> ProductsPage:
        page = ProductsPage(catalog, ops, user)
        qtbot.addWidget(page)
        page.resize(1200, 700)
        page.show()
        qtbot.waitUntil(lambda: page.products.model.rowCount() > 0
                        and page.products.choices is not None, timeout=5000)
        return page
    return make
