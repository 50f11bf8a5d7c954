"""A worked sale receipt and the sale behind it, shared by the device tests."""
from __future__ import annotations

from app.domain.receipt import ReceiptData, ReceiptItem, Tender
from app.services.records import Actor

ADMIN = Actor(None, "test-admin", "admin")
SALE_LINES = [{"sku": "COLA", "qty": "2", "unit_price": "3.50"},
              {"sku": "RICE", "qty": "2.5", "unit_price": "8.00", "discount": "1.00"},
              {"sku": "MILK", "qty": "1"}]

ITEMS = (ReceiptItem("可口可乐 500ml", 2000, 350, 700, 0, "瓶"),
         ReceiptItem("五常大米 散装 东北优质长粒香米 新米", 2500, 800, 1900, 100, "kg"),
         ReceiptItem("光明 纯牛奶 250ml", 1000, 450, 450, 0, "瓶"))


def sale(**overrides) -> ReceiptData:
    fields = dict(store_name="测试门店", number="XS-S001-20261122-0001",
                  issued_at="2026-11-22 10:31", cashier="admin", items=ITEMS, total_fen=3050,
                  tenders=(Tender("cash", 5000),), change_fen=1950,
                  header_lines=("欢迎光临",), footer_lines=("谢谢惠顾，欢迎再次光临",))
    fields.update(overrides)
    return ReceiptData(**fields)
