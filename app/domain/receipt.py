"""The receipt as layout operations: what a sale's receipt says, line by line, on 58 or 80 mm.

`layout(data, width_mm)` turns a `ReceiptData` (built by the printing service from a posted
sale) into a list of operations: `Text` lines (bold and/or double size), `Code` (the receipt
number as CODE128 or QR, so a return can scan it), `Logo`, `Feed` and `Cut`. The device
layer encodes them to ESC/POS; the layout itself is pure, so it is tested without a printer.

Columns are counted the way the printer counts them (`text_columns`): a Chinese character is
two. A double-size line has half the columns. Money is integer fen shown as "12.50". A
reprint carries the mark 重印/COPY at the top and the bottom. The fixed labels (合计, 找零…)
are in the store's language, `ReceiptData.language` (`print_texts`); the data prints as it
is. Standard library only.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.domain import text_columns as tc
from app.domain.errors import DomainError
from app.domain.money import format_money, format_quantity
from app.domain.print_texts import TENDERS, pick, text
from app.domain.receipt_template import DEFAULT_TEMPLATE, ReceiptTemplate

COLUMNS = {58: 32, 80: 48}
COPY_MARK = text("receipt.copy", "zh_CN")
TENDER_LABELS = {method: names[0] for method, names in TENDERS.items()}  # Chinese


class ReceiptMismatch(DomainError):
    code = "receipt_mismatch"
    zh = "小票 {number} 的金额对不上：{what_zh} {figure} 与合计 {total} 不符。小票没有打印，请检查单据。"
    en = ("Receipt {number} does not add up: {what_en} {figure} differ from the total {total}. "
          "Nothing was printed; check the document.")


class UnknownPaperWidth(DomainError):
    code = "unknown_paper_width"
    zh = "不支持 {width} mm 的纸宽，只能是 58 或 80。"
    en = "Paper width {width} mm is not supported; use 58 or 80."


@dataclass(frozen=True)
class Text:
    text: str
    align: str = "left"  # left, center, right
    bold: bool = False
    double: bool = False  # double width and height: half the columns


@dataclass(frozen=True)
class Code:
    data: str
    kind: str  # "code128" or "qr"


@dataclass(frozen=True)
class Logo:
    """The store's logo as a raster image, if the printer setup has one."""


@dataclass(frozen=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True)
class Cut:
    partial: bool = True


Op = Text | Code | Logo | Feed | Cut


@dataclass(frozen=True)
class ReceiptItem:
    name: str
    qty_milli: int
    unit_price_fen: int
    amount_fen: int  # after the line discount
    discount_fen: int = 0
    unit: str = ""


@dataclass(frozen=True)
class Tender:
    method: str  # cash, card, wechat, alipay, stored_value, credit, or a label
    amount_fen: int
    reference: str = ""


@dataclass(frozen=True)
class ReceiptData:
    store_name: str
    number: str
    issued_at: str  # local time, already formatted: "2026-11-22 10:31"
    items: tuple[ReceiptItem, ...]
    total_fen: int
    tenders: tuple[Tender, ...] = ()
    change_fen: int = 0
    order_discount_fen: int = 0
    cashier: str = ""
    member: str = ""
    title: str = ""  # empty: 销售小票 in the receipt's language
    header_lines: tuple[str, ...] = ()
    footer_lines: tuple[str, ...] = ()
    reprint: bool = False
    logo: bool = False
    code_kind: str = "auto"  # auto: as the template says; code128, qr, none override it
    store_code: str = ""
    language: str = "zh_CN"  # of the fixed labels: the store's `store.language`


def layout(data: ReceiptData, width_mm: int,
           template: ReceiptTemplate = DEFAULT_TEMPLATE) -> list[Op]:
    """The whole receipt, top to bottom as the store's template says, ending with a cut."""
    if width_mm not in COLUMNS:
        raise UnknownPaperWidth(width=width_mm)
    _check_totals(data)
    cols = COLUMNS[width_mm]
    ops: list[Op] = []
    for block in template.blocks:
        ops += _BLOCKS[block](data, template, cols, width_mm)
        if block == "title":
            ops += _copy_mark(data)
        if block in ("info", "items", "totals"):
            ops.append(Text("-" * cols))
    ops += _copy_mark(data)
    return ops + [Feed(3), Cut()]


def _logo(data: ReceiptData, t: ReceiptTemplate, cols: int, width_mm: int) -> list[Op]:
    return [Logo()] if data.logo else []


def _lines(texts: tuple[str, ...], cols: int) -> list[Op]:
    return [Text(line, "center") for text in texts for line in tc.wrap(text, cols)]


def _info(data: ReceiptData, t: ReceiptTemplate, cols: int, width_mm: int) -> list[Op]:
    values = {"number": data.number, "time": data.issued_at, "cashier": data.cashier,
              "member": data.member}
    return [Text(tc.truncate(f"{text('receipt.' + key, data.language)}: {values[key]}", cols))
            for key in t.info if values[key]]


def _code(data: ReceiptData, t: ReceiptTemplate, cols: int, width_mm: int) -> list[Op]:
    kind = _code_kind(t.code_kind if data.code_kind == "auto" else data.code_kind, width_mm)
    if not kind:
        return []
    content = data.number if kind == "code128" else t.code_text(
        data.number, data.store_code, format_money(data.total_fen), data.issued_at[:10])
    return [Code(content, kind)]


_BLOCKS = {
    "logo": _logo,
    "header": lambda d, t, cols, w: _lines(d.header_lines, cols),
    "store": lambda d, t, cols, w: _store_name(d.store_name, cols),
    "title": lambda d, t, cols, w: [
        Text(t.title or d.title or text("receipt.sale", d.language), "center")],
    "info": _info,
    "items": lambda d, t, cols, w: _items(d.items, cols, t, d.language),
    "totals": lambda d, t, cols, w: _totals(d, cols, t),
    "footer": lambda d, t, cols, w: _lines(d.footer_lines, cols),
    "code": _code,
}


def _store_name(name: str, cols: int) -> list[Op]:
    """Double size when it fits on one line; a longer name in bold at normal size, which
    keeps words such as 中山路 from being split across two giant lines."""
    if tc.width(tc.clean(name)) <= cols // 2:
        return [Text(tc.clean(name), "center", bold=True, double=True)]
    return [Text(line, "center", bold=True) for line in tc.wrap(name, cols)]


def _copy_mark(data: ReceiptData) -> list[Op]:
    mark = text("receipt.copy", data.language)
    return [Text(f"** {mark} **", "center", bold=True, double=True)] if data.reprint else []


def _code_kind(kind: str, width_mm: int) -> str | None:
    if kind == "auto":
        return "qr" if width_mm == 58 else "code128"
    return None if kind == "none" else kind


def _items(items: tuple[ReceiptItem, ...], cols: int,
           t: ReceiptTemplate = DEFAULT_TEMPLATE, lang: str = "zh_CN") -> list[Op]:
    """80 mm: name, qty, price and amount on one row (a long name continues below);
    58 mm: the name on its own line(s), then qty, price and amount under it."""
    wide = cols >= 48
    widths = (7, 9, 10) if wide else (12, 10, 10)
    titles = "".join(tc.rjust(text(f"receipt.{key}", lang), w)
                     for key, w in zip(("qty", "price", "amount"), widths))
    name = text("receipt.item", lang)
    ops: list[Op] = ([Text(tc.ljust(name, cols - 26) + titles)] if wide
                     else [Text(name), Text(titles)])
    for item in items:
        figures = (format_quantity(item.qty_milli) + item.unit, format_money(item.unit_price_fen),
                   format_money(item.amount_fen + item.discount_fen))
        numbers = "".join(tc.rjust(f, w) for f, w in zip(figures, widths))
        if wide and tc.width(numbers) <= sum(widths):
            first, *rest = tc.wrap(item.name, cols - sum(widths) - 1)
            ops.append(Text(tc.ljust(first, cols - sum(widths)) + numbers))
            ops += [Text(line) for line in rest]
        else:
            ops += [Text(line) for line in tc.wrap(item.name, cols)]
            ops += [Text(row) for row in _figure_rows(figures, numbers, sum(widths), cols)]
        if item.discount_fen and t.item_discounts:
            ops.append(Text(tc.spread("  " + text("receipt.discount", lang),
                                      format_money(-item.discount_fen), cols)))
    return ops


def _figure_rows(figures: tuple[str, str, str], numbers: str, room: int, cols: int) -> list[str]:
    """Qty, price and amount in their columns; a figure too large for its column gets
    "qty x price  amount", or two rows if even that is too wide."""
    if tc.width(numbers) <= room:
        return [tc.rjust(numbers, cols)]
    qty_price = f"  {figures[0]} x {figures[1]}"
    if tc.width(qty_price) + 2 + tc.width(figures[2]) <= cols:
        return [tc.spread(qty_price, figures[2], cols)]
    return [tc.truncate(qty_price, cols), tc.rjust(figures[2], cols)]


def _totals(data: ReceiptData, cols: int, t: ReceiptTemplate = DEFAULT_TEMPLATE) -> list[Op]:
    lang = data.language
    gross = sum(i.amount_fen + i.discount_fen for i in data.items)
    discount = sum(i.discount_fen for i in data.items) + data.order_discount_fen
    ops: list[Op] = [Text(tc.spread(f"{text('receipt.count', lang)}: {len(data.items)}",
                                    f"{text('receipt.subtotal', lang)}: {format_money(gross)}",
                                    cols))]
    if discount:
        ops.append(Text(tc.spread(text("receipt.savings", lang), format_money(-discount), cols)))
    label, figure = text("receipt.total", lang), format_money(data.total_fen)
    fits = tc.width(label) + 1 + tc.width(figure) <= cols // 2  # double size: half the columns
    ops.append(Text(tc.spread(label, figure, cols // 2), bold=True, double=True) if fits
               else Text(tc.spread(label, figure, cols), bold=True))
    for tender in data.tenders:
        ops.append(Text(tc.spread(pick(TENDERS, tender.method, lang),
                                  format_money(tender.amount_fen), cols)))
        if tender.reference and t.tender_references:
            ops.append(Text(tc.truncate(f"  {text('receipt.reference', lang)}: {tender.reference}",
                                        cols)))
    if data.change_fen:
        ops.append(Text(tc.spread(text("receipt.change", lang), format_money(data.change_fen),
                                  cols), bold=True))
    return ops


def _check_totals(data: ReceiptData) -> None:
    """Print nothing rather than a receipt whose figures contradict each other."""
    lines = sum(i.amount_fen for i in data.items) - data.order_discount_fen
    paid = sum(t.amount_fen for t in data.tenders) - data.change_fen
    for ok, zh, en, figure in ((lines == data.total_fen, "商品金额减优惠", "the lines less discounts",
                                lines),
                               (not data.tenders or paid == data.total_fen, "付款减找零",
                                "the payments less change", paid)):
        if not ok:
            raise ReceiptMismatch(number=data.number, what_zh=zh, what_en=en,
                                  figure=format_money(figure), total=format_money(data.total_fen))


def preview(ops: list[Op], width_mm: int) -> list[str]:
    """The receipt as plain text lines (a screen preview; double-size text shown once)."""
    cols = COLUMNS[width_mm]
    out: list[str] = []
    for op in ops:
        if isinstance(op, Text):
            span = cols // 2 if op.double else cols
            text = {"center": tc.center, "right": tc.rjust}.get(op.align, lambda t, _: t)(
                op.text, span)
            out.append(tc.center(text.strip(), cols) if op.double and op.align == "center"
                       else text)
        elif isinstance(op, Code):
            out.append(tc.center(f"[{op.kind.upper()} {op.data}]", cols))
        elif isinstance(op, Logo):
            out.append(tc.center("[LOGO]", cols))
        elif isinstance(op, Feed):
            out += [""] * op.lines
        elif isinstance(op, Cut):
            out.append("~" * cols)
    return out
