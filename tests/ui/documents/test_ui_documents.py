"""The Documents section: filtered lazy list, the full view with costs by role, PDF,
reversal through the counter-document, and the approvals inbox with its badge."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from app.domain.documents import DocType
from app.services import settings
from app.services.inventory import approval_rules, queries
from app.services.inventory.posting import post_document
from app.services.records import Actor
from app.ui.documents.page import DocumentsPage
from back_office_shop import wait_idle

ADMIN = Actor(None, "a", "admin")


def sale(shop, n: int, qty: str = "2") -> str:
    return post_document(shop, ADMIN, {
        "type": "sale", "id": f"sale-{n}", "customer": "M001",
        "lines": [{"sku": "COLA", "qty": qty}],
        "payments": [{"method": "cash", "amount": "100.00"}]}).number


@pytest.fixture
def make_page(qtbot, ops):
    def make(shop, username: str) -> DocumentsPage:
        page = DocumentsPage(shop, ops, shop.users[username])
        qtbot.addWidget(page)
        page.resize(1280, 760)
        page.show()
        wait_idle(qtbot, ops)
        return page
    return make


def test_list_pages_lazily_and_filters(en_ui, qtbot, ops, shop, make_page, monkeypatch):
    monkeypatch.setattr("app.ui.documents.list_model.PAGE", 5)
    for n in range(12):
        sale(shop, n, "1")
    page = make_page(shop, "boss")
    page.table.setFixedHeight(110)  # room for fewer rows than a page: no need for more
    page.filters.apply()
    wait_idle(qtbot, ops)
    model = page.model
    assert model.rowCount() == 5 and not model.done  # one page, not the whole list
    assert "scroll for more" in page.count.text()
    while model.canFetchMore():
        model.fetchMore()
        wait_idle(qtbot, ops)
    assert model.rowCount() == 13 and model.done  # 12 sales and the receipt
    page.filters.kind.setCurrentIndex(page.filters.kind.findData("purchase_receipt"))
    page.filters.apply()
    wait_idle(qtbot, ops)
    assert [r.id for r in model.rows] == ["stock-1"]
    assert model.data(model.index(0, 1)) == "Purchase receipt"
    page.filters.kind.setCurrentIndex(0)
    page.filters.party.setText("张三")
    page.filters.apply()
    wait_idle(qtbot, ops)
    assert model.rowCount() == 5 and model.rows[0].party == "张三"


def test_detail_shows_moves_and_costs_only_to_cost_viewers(en_ui, qtbot, ops, shop, make_page):
    number = sale(shop, 1)
    page = make_page(shop, "boss")
    page.filters.number.setText(number)
    page.filters.apply()
    wait_idle(qtbot, ops)
    detail = page.detail
    assert detail.doc["number"] == number
    headers = [detail.lines.horizontalHeaderItem(c).text() for c in range(detail.lines.columnCount())]
    assert "COGS" in headers
    assert detail.moves.item(0, 4).text() == "-2" and detail.moves.item(0, 5).text() == "-3.00"
    assert detail.tabs.isTabVisible(detail.tabs.indexOf(detail.voucher))
    assert detail.voucher.rowCount() >= 4
    assert detail.reverse_button.isEnabled()
    page.grab().save("/tmp/jxc_documents.png")
    lead = make_page(shop, "lead")
    lead.filters.number.setText(number)
    lead.filters.apply()
    wait_idle(qtbot, ops)
    shown = lead.detail
    headers = [shown.lines.horizontalHeaderItem(c).text() for c in range(shown.lines.columnCount())]
    assert "COGS" not in headers and "Price" in headers
    assert not shown.tabs.isTabVisible(shown.tabs.indexOf(shown.voucher))
    assert shown.moves.item(0, 5).text() == ""


def test_print_pdf_writes_the_document_in_the_stores_language(en_ui, qtbot, ops, shop,
                                                               make_page, tmp_path):
    """The screen is in English; the PDF is for the supplier, so in the store's language."""
    page = make_page(shop, "boss")
    page.show_document("stock-1")
    wait_idle(qtbot, ops)
    texts = []
    for language in ("zh_CN", "en"):
        settings.change(shop, ADMIN, "store.language", language)
        target = tmp_path / f"rk-{language}.pdf"
        page.detail.pdf_path = lambda suggested, target=target: str(target)
        page.detail.print_pdf()
        wait_idle(qtbot, ops)
        assert "Saved" in page.detail.message.text()
        texts.append(pdfium.PdfDocument(target.read_bytes())[0].get_textpage().get_text_range())
    chinese, english = texts
    assert "采购入库单" in chinese and "Purchase receipt" not in chinese and "RK-S001" in chinese
    assert "Purchase receipt" in english and "采购入库单" not in english


def test_labels_for_everything_a_receipt_brought_in(en_ui, qtbot, ops, shop, make_page,
                                                   tmp_path):
    from app.services.labels import LabelRequestInvalid, document_items

    page = make_page(shop, "boss")
    page.show_document("stock-1")
    wait_idle(qtbot, ops)
    assert page.detail.labels_button.isEnabled()
    page.detail.labels_button.click()
    wait_idle(qtbot, ops)
    dialog = page.detail.labels_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert [n for _, n in dialog.items()] == [24, 24]  # one label per piece received
    target = tmp_path / "labels.pdf"
    dialog.write(str(target))
    wait_idle(qtbot, ops)
    qtbot.waitUntil(target.exists)
    pdf = pdfium.PdfDocument(target.read_bytes())
    assert len(pdf) == 2  # 48 labels on A4 3x8 sheets
    dialog.reject()
    with pytest.raises(LabelRequestInvalid) as refused:  # a sale brought nothing in
        document_items(shop, "nope-404")
    assert "nope-404" in refused.value.message("en")


def test_reverse_a_sale_through_a_customer_return(en_ui, qtbot, ops, shop, make_page):
    number = sale(shop, 1, "3")
    page = make_page(shop, "boss")
    page.show_document(number)
    wait_idle(qtbot, ops)
    page.detail.reverse()
    wait_idle(qtbot, ops)
    dialog = page.detail.reversal
    assert dialog.isVisible() and dialog.table.item(0, 3).text() == "3"
    dialog.table.item(0, 4).setText("5")
    dialog.post()
    assert "at most 3" in dialog.message.text()
    dialog.table.item(0, 4).setText("1")
    dialog.grab().save("/tmp/jxc_reversal.png")
    dialog.post()
    wait_idle(qtbot, ops)
    assert "Customer return" in page.detail.message.text() and "posted" in page.detail.message.text()
    assert page.detail.doc["reversed_by"][0].startswith("XT-")
    assert queries.stock(shop, sku="COLA")[0]["on_hand"] == "22"  # 24 - 3 + 1


def test_approvals_inbox_badge_approve_and_reject(en_ui, qtbot, ops, shop, make_page):
    approval_rules.add_rule(shop, ADMIN, DocType.PURCHASE_ORDER, "store_manager", 1, None)
    clerk = shop.users["clerk"].actor
    for n in (1, 2):
        post_document(shop, clerk, {"type": "purchase_order", "id": f"po-{n}", "supplier": "S01",
                                    "lines": [{"sku": "COLA", "qty": "10", "unit_cost": "1.50"}]})
    page = make_page(shop, "boss")
    tab = page.approvals
    assert page.tabs.tabText(1) == "A&pprovals (2)"
    assert [p.id for p in tab.pending] == ["po-1", "po-2"]
    tab.inbox.selectRow(1)
    tab.decide(False)
    assert "Say why" in tab.message.text()
    tab.comment.setText("数量太多")
    tab.decide(False)
    wait_idle(qtbot, ops)
    assert "Rejected po-2" in tab.message.text()
    tab.inbox.selectRow(0)
    tab.comment.setText("好")
    tab.decide(True)
    wait_idle(qtbot, ops)
    assert "Approved and posted" in tab.message.text()
    assert page.tabs.tabText(1) == "A&pprovals"
    assert tab.history.rowCount() == 2
    assert [tab.history.item(r, 5).text() for r in range(2)] == ["Approved", "Rejected"]
    page.tabs.setCurrentWidget(tab)
    page.grab().save("/tmp/jxc_approvals.png")
    assert queries.document(shop, "po-1")["status"] == "posted"
    assert queries.document(shop, "po-2")["status"] == "rejected"
    clerk_page = make_page(shop, "clerk")
    assert clerk_page.approvals.pending == []
