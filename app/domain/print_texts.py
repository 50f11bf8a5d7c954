"""The fixed texts of what a store prints, in Chinese and English: receipts, document PDFs,
report files and shelf labels.

The language is the store's (`store.language`: zh_CN or en), read once per print job by the
service that makes the output and passed down; never the language of whoever sits at the
screen, since a receipt is for the customer and a PDF for the supplier. Only fixed labels
are here: data (product names, the store's name, a header or footer the store typed, a
template title) prints as entered. Money and dates look the same in both languages (12.50,
2026-12-05). Standard library only.
"""
from __future__ import annotations

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

TEXTS: dict[str, tuple[str, str]] = {
    # receipts (app/domain/receipt.py)
    "receipt.sale": ("销售小票", "Sales receipt"),
    "receipt.customer_return": ("退货小票", "Return receipt"),
    "receipt.footer": ("谢谢惠顾，欢迎再次光临", "Thank you, please come again"),
    "receipt.copy": ("重印/COPY", "COPY"),
    "receipt.number": ("单号", "No."), "receipt.time": ("时间", "Time"),
    "receipt.cashier": ("收银", "Cashier"), "receipt.member": ("会员", "Member"),
    "receipt.item": ("品名", "Item"), "receipt.qty": ("数量", "Qty"),
    "receipt.price": ("单价", "Price"), "receipt.amount": ("金额", "Amount"),
    "receipt.discount": ("折扣", "Discount"), "receipt.count": ("品项", "Items"),
    "receipt.subtotal": ("小计", "Subtotal"), "receipt.savings": ("优惠", "Savings"),
    "receipt.total": ("合计", "Total"), "receipt.reference": ("参考号", "Ref"),
    "receipt.change": ("找零", "Change"),
    # document PDFs (app/services/document_pdf.py)
    "doc.number": ("单号", "No."), "doc.date": ("日期", "Date"), "doc.status": ("状态", "Status"),
    "doc.warehouse": ("仓库", "Warehouse"), "doc.to_warehouse": ("调入仓库", "To warehouse"),
    "doc.supplier": ("供应商", "Supplier"), "doc.customer": ("客户", "Customer"),
    "doc.author": ("制单人", "Prepared by"), "doc.original": ("原单", "Original"),
    "doc.note": ("备注", "Note"), "doc.line": ("行", "#"), "doc.sku": ("编码", "SKU"),
    "doc.name": ("商品名称", "Product"), "doc.qty": ("数量", "Qty"),
    "doc.price": ("单价", "Price"), "doc.cost": ("成本单价", "Unit cost"),
    "doc.amount": ("金额", "Amount"), "doc.cogs": ("销售成本", "COGS"),
    "doc.batch": ("批次", "Batch"), "doc.expiry": ("有效期", "Expiry"),
    "doc.total": ("合计", "Total"), "doc.landed": ("运费及包装费", "Freight and packaging"),
    "doc.voucher": ("记账凭证", "Voucher"), "doc.account": ("科目", "Account"),
    "doc.debit": ("借方", "Debit"), "doc.credit": ("贷方", "Credit"),
    "doc.payments": ("收付款", "Payments"),
    "doc.sign": ("制单：__________　审核：__________　经手：__________",
                 "Prepared: __________  Checked: __________  Handled: __________"),
    "doc.printed": ("打印时间", "Printed"),
    # every PDF's footer, and report files (app/services/reports/pdf.py, pdf_chart.py)
    "page": ("第 {n} 页", "Page {n}"),
    "report.filters": ("筛选", "Filters"),
    "report.yuan": ("（元）", " (yuan)"), "report.top": ("，前 {n} 名", ", top {n}"),
    # labels (app/services/labels/render.py)
    "label.shelf": ("货架标签", "Shelf label"), "label.price_tag": ("价签", "Price tag"),
    "label.member": ("会员价", "Member"),
}

TENDERS: dict[str, tuple[str, str]] = {  # receipt lines
    "cash": ("现金", "Cash"), "card": ("银行卡", "Card"), "wechat": ("微信支付", "WeChat Pay"),
    "alipay": ("支付宝", "Alipay"), "stored_value": ("储值卡", "Stored value"),
    "credit": ("挂账", "On account"), "points": ("积分", "Points"),
}
PAYMENTS: dict[str, tuple[str, str]] = {  # a document PDF's payments line
    "cash": ("现金", "Cash"), "card": ("银行卡", "Card"), "wechat": ("微信", "WeChat"),
    "alipay": ("支付宝", "Alipay"), "stored_value": ("储值", "Stored value"),
    "credit": ("挂账", "On account"),
}
DOC_TYPES: dict[str, tuple[str, str]] = {  # a document PDF's title
    "purchase_order": ("采购订单", "Purchase order"),
    "purchase_receipt": ("采购入库单", "Purchase receipt"),
    "purchase_return": ("采购退货单", "Purchase return"), "sale": ("销售单", "Sale"),
    "customer_return": ("销售退货单", "Customer return"),
    "transfer_out": ("调拨出库单", "Transfer out"), "transfer_in": ("调拨入库单", "Transfer in"),
    "transfer_settle": ("调拨结算单", "Transfer delivered"),
    "write_off": ("报损单", "Write-off"), "stocktake": ("盘点单", "Stocktake"),
    "assembly": ("组装单", "Assembly"), "disassembly": ("拆卸单", "Disassembly"),
    "opening_stock": ("期初库存单", "Opening stock"),
}
STATUSES: dict[str, tuple[str, str]] = {
    "draft": ("草稿", "Draft"), "pending": ("待审批", "Pending approval"),
    "posted": ("已过账", "Posted"), "rejected": ("已驳回", "Rejected"),
}
ACCOUNTS_EN: dict[str, str] = {  # the chart's names (app/domain/vouchers.py) in English
    "1001": "Cash on hand", "1002": "Bank deposits", "1012": "Other monetary funds",
    "1122": "Accounts receivable", "1221": "Other receivables",
    "1402": "Goods in transit", "1405": "Merchandise inventory",
    "1901": "Unsettled property gains and losses", "2202": "Accounts payable",
    "2203": "Advances from customers", "2221.01": "Taxes payable - VAT (input)",
    "2221.02": "Taxes payable - VAT (output)", "3001": "Paid-in capital",
    "5001": "Revenue from main business", "5401": "Cost of main business",
    "5711": "Non-operating expenses",
}


def is_zh(lang: str) -> bool:
    """Chinese unless the language is English (an unknown value prints as before)."""
    return not str(lang).lower().startswith("en")


def text(key: str, lang: str, **fields: object) -> str:
    words = TEXTS[key][0 if is_zh(lang) else 1]
    return words.format(**fields) if fields else words


def pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    """`key`'s name in `table`, or the key itself when the table does not know it."""
    names = table.get(key)
    return key if names is None else names[0 if is_zh(lang) else 1]


def colon(lang: str) -> str:
    return "：" if is_zh(lang) else ": "
