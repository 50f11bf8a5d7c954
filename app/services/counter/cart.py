"""The till's cart: lines, member prices, discounts and totals. Pure (no database), so the
screen can change it instantly and a held sale is just its JSON.

Money is integer fen, quantities integer thousandths. A line costs `unit price x qty`
less, for a scale price label, the difference to the label's printed amount, less the
cashier's line discount. The order discount and the 抹零 rounding are shared out over the
lines when the sale is posted (`allocate`), because the document format carries discounts
per line only.
"""
from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field

from app.domain.money import MILLI, line_amount, percent_of
from app.services.counter.errors import BadDiscount, BadQuantity, NoLineSelected

MERGEABLE_SOURCES = ("retail", "member")


@dataclass(frozen=True)
class ProductInfo:
    product_id: int
    sku: str
    name: str
    spec: str
    unit: str
    weighed: bool
    retail_fen: int
    member_fen: int
    barcode: str = ""
    expiry: str = ""  # ISO date of the batch FEFO sells first ("" none known)
    batch_left_milli: int = 0  # what is left of that batch

    def price_for(self, member: bool) -> tuple[int, str]:
        """The member price when there is one and it is lower, else the retail price."""
        if member and 0 < self.member_fen < self.retail_fen:
            return self.member_fen, "member"
        return self.retail_fen, "retail"


@dataclass(frozen=True)
class Member:
    code: str
    name: str
    phone: str
    card_no: str
    level: str
    points: int
    stored_value_fen: int = 0  # 储值 balance when looked up


@dataclass
class CartLine:
    line_id: str
    product: ProductInfo
    qty_milli: int
    unit_price_fen: int
    price_source: str  # retail | member | override | label
    discount_fen: int = 0  # the cashier's line discount
    label_fen: int | None = None  # a scale price label: the line costs exactly this
    markdown_percent: int = 0  # near-expiry markdown (临期), automatic

    @property
    def markdown_fen(self) -> int:
        """The near-expiry markdown, on what the marked-down batch covers of the line."""
        if not self.markdown_percent:
            return 0
        covered = self.qty_milli if not self.product.batch_left_milli \
            else min(self.qty_milli, self.product.batch_left_milli)
        base = line_amount(self.unit_price_fen, covered)
        if self.label_fen is not None:
            base = min(base, self.label_fen)
        return percent_of(base, self.markdown_percent * 100)

    @property
    def shelf_fen(self) -> int:
        """The line before the cashier's discount: price x qty, label and markdown applied."""
        return self.gross_fen - self.label_adjust_fen - self.markdown_fen

    @property
    def gross_fen(self) -> int:
        return line_amount(self.unit_price_fen, self.qty_milli)

    @property
    def label_adjust_fen(self) -> int:
        return 0 if self.label_fen is None else self.gross_fen - self.label_fen

    @property
    def amount_fen(self) -> int:
        return self.shelf_fen - self.discount_fen


@dataclass(frozen=True)
class Totals:
    lines: int
    gross_fen: int  # before any discount
    subtotal_fen: int  # after line discounts and labels
    order_discount_fen: int
    rounding_fen: int  # 抹零
    due_fen: int

    @property
    def discount_fen(self) -> int:
        """Everything the customer saves against the shelf price x quantity."""
        return self.gross_fen - self.due_fen


@dataclass
class Cart:
    sale_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    lines: list[CartLine] = field(default_factory=list)
    member: Member | None = None
    order_discount_fen: int = 0

    # -- lines ----------------------------------------------------------------------------
    def add(self, product: ProductInfo, qty_milli: int = MILLI,
            label_fen: int | None = None, markdown_percent: int = 0) -> CartLine:
        """Add a product; a plain repeat scan adds to the existing line instead. A scale
        price label (`label_fen`) sets the amount, and the quantity follows from the price.
        `markdown_percent` is the near-expiry markdown of the batch sold first."""
        if label_fen is None:
            check_quantity(product, qty_milli)
        if label_fen is None and not product.weighed:
            for line in self.lines:
                if (line.product.product_id == product.product_id and not line.discount_fen
                        and line.price_source in MERGEABLE_SOURCES
                        and line.markdown_percent == markdown_percent):
                    line.qty_milli += qty_milli
                    return line
        price, source = product.price_for(self.member is not None)
        if label_fen is not None:  # the label fixes the amount; stock goes out by weight
            price, source = (product.retail_fen or label_fen), "label"
            qty_milli = -(-label_fen * MILLI // price) if product.retail_fen else MILLI
        line = CartLine(uuid.uuid4().hex[:12], product, qty_milli, price, source,
                        label_fen=label_fen, markdown_percent=markdown_percent)
        self.lines.append(line)
        return line

    def line(self, line_id: str | None) -> CartLine:
        for line in self.lines:
            if line.line_id == line_id:
                return line
        raise NoLineSelected()

    def set_quantity(self, line_id: str, qty_milli: int) -> CartLine:
        line = self.line(line_id)
        if line.label_fen is not None:
            raise BadQuantity(value=qty_milli / MILLI, why_zh="秤码商品的数量由标签决定，请重新称重。",
                              why_en="a scale label fixes this quantity; weigh it again.")
        check_quantity(line.product, qty_milli)
        line.qty_milli = qty_milli
        line.discount_fen = min(line.discount_fen, line.shelf_fen)
        return line

    def set_line_discount(self, line_id: str, discount_fen: int) -> CartLine:
        line = self.line(line_id)
        _check_discount(discount_fen, line.shelf_fen)
        line.discount_fen = discount_fen
        return line

    def override_price(self, line_id: str, price_fen: int) -> CartLine:
        line = self.line(line_id)
        if price_fen < 0:
            raise BadDiscount(value=price_fen, why_zh="价格不能为负数。", why_en="a price cannot be negative.")
        line.unit_price_fen, line.price_source, line.label_fen = price_fen, "override", None
        line.markdown_percent = 0  # the price the cashier typed is the price
        line.discount_fen = min(line.discount_fen, line.gross_fen)
        return line

    def void(self, line_id: str) -> CartLine:
        line = self.line(line_id)
        self.lines.remove(line)
        self.order_discount_fen = min(self.order_discount_fen, self.subtotal_fen)
        return line

    # -- order ----------------------------------------------------------------------------
    def set_member(self, member: Member | None) -> None:
        """Attach (or remove) a member: lines at list price move to the member price."""
        self.member = member
        for line in self.lines:
            if line.price_source in MERGEABLE_SOURCES:
                line.unit_price_fen, line.price_source = line.product.price_for(member is not None)
                line.discount_fen = min(line.discount_fen, max(line.shelf_fen, 0))

    def set_order_discount(self, discount_fen: int) -> None:
        _check_discount(discount_fen, self.subtotal_fen)
        self.order_discount_fen = discount_fen

    @property
    def subtotal_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)

    def totals(self, rounding_step_fen: int = 1) -> Totals:
        before = self.subtotal_fen - self.order_discount_fen
        rounding = before - round_down(before, rounding_step_fen)
        return Totals(len(self.lines), sum(l.gross_fen for l in self.lines), self.subtotal_fen,
                      self.order_discount_fen, rounding, before - rounding)

    # -- persistence (held sales) ---------------------------------------------------------
    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "Cart":
        member = Member(**data["member"]) if data.get("member") else None
        lines = [CartLine(**{**l, "product": ProductInfo(**l["product"])}) for l in data["lines"]]
        return cls(data["sale_id"], lines, member, data.get("order_discount_fen", 0))

    def copy(self) -> "Cart":
        return Cart.from_json(self.to_json())


def check_quantity(product: ProductInfo, qty_milli: int) -> None:
    if qty_milli <= 0:
        raise BadQuantity(value=qty_milli / MILLI, why_zh="数量必须大于 0。",
                          why_en="it must be greater than 0.")
    if not product.weighed and qty_milli % MILLI:
        raise BadQuantity(value=qty_milli / MILLI,
                          why_zh=f"“{product.name}”按{product.unit or '件'}卖，数量必须是整数。",
                          why_en=f"'{product.name}' is sold by the {product.unit or 'piece'}: "
                                 "use a whole number.")
    if qty_milli > 99_999 * MILLI:
        raise BadQuantity(value=qty_milli / MILLI, why_zh="数量过大，请检查。",
                          why_en="that is far too many; check it.")


def _check_discount(discount_fen: int, base_fen: int) -> None:
    if discount_fen < 0 or discount_fen > base_fen:
        raise BadDiscount(value=f"{discount_fen / 100:.2f}",
                          why_zh="折扣不能为负数，也不能超过金额。",
                          why_en="a discount cannot be negative or exceed the amount.")


def round_down(fen: int, step_fen: int) -> int:
    """抹零: drop what is below the step (10 = to the jiao, 100 = to the yuan)."""
    return fen if step_fen <= 1 or fen <= 0 else fen // step_fen * step_fen


def allocate(amounts: list[int], extra_fen: int) -> list[int]:
    """Share `extra_fen` over lines in proportion to their amounts (largest remainder), so
    the shares add up exactly and no line's share exceeds its amount."""
    total = sum(amounts)
    if extra_fen <= 0 or total <= 0:
        return [0] * len(amounts)
    extra_fen = min(extra_fen, total)
    shares = [extra_fen * a // total for a in amounts]
    remainders = sorted(range(len(amounts)), key=lambda i: (-(extra_fen * amounts[i] % total), i))
    for i in remainders[:extra_fen - sum(shares)]:
        shares[i] += 1
    return shares

