"""The demo catalog's vocabulary, and how a product name is built from it.

A leaf category lists its specs (spec text, unit, retail price range in yuan), its product
lines (brand -> product nouns), optional flavours and the category's habits (tax rate,
shelf life, case sizes, stock levels, costing). Data lives in `catalog_drinks`,
`catalog_food` and `catalog_goods`; this module parses it and builds product names.

A product name has three or four space-separated words:

    brand  product[flavour]  spec[×case]  [series]
    可口可乐 零度可乐 330ml×24
    乐事 黄瓜味薯片 70g 臻选

Names are unique by construction: (brand, product) pairs are unique across the catalog,
specs are unique within a leaf and contain no "×", no word contains a space, and the
"round" (how many times a leaf's combinations have been used up) maps one-to-one onto the
(case size, series word) pair. Words never span spaces, so a name's pinyin initials are the
concatenation of its words' initials (see app.services.pinyin).
"""
from __future__ import annotations

from app.domain.money import parse_money

from dataclasses import dataclass

# Series words tried in order when a leaf runs out of plain combinations. No spaces, "×"
# or "·".
SERIES = ("臻选", "经典款", "新包装", "升级版", "家庭装", "量贩装", "特惠装", "限定版", "尝鲜装",
          "便携装", "加量装", "礼盒装", "分享装", "精选", "优选", "典藏版", "小包装", "大包装",
          "促销装", "国潮版", "联名款", "春节限定", "夏日限定", "会员专享", "定制款", "清爽型",
          "浓郁型", "轻享版", "加强型", "迷你装")
CASE_MARK = "×"
SERIES_JOIN = "·"


@dataclass(frozen=True)
class Spec:
    text: str
    unit: str
    lo_fen: int
    hi_fen: int


@dataclass(frozen=True)
class Line:
    """A brand (or, for fresh produce, an origin) and the products it makes."""

    brand: str
    factor: float
    nouns: tuple[tuple[str, float], ...]  # empty: the leaf's generic nouns


@dataclass(frozen=True)
class LeafDef:
    name: str
    weight: float                 # popularity: picked in proportion to weight x combinations
    specs: tuple[Spec, ...]
    lines: tuple[Line, ...]
    nouns: tuple[tuple[str, float], ...]
    flavours: tuple[str, ...]     # fill "{}" in a noun; nouns without "{}" take none
    shelf: tuple[int, ...] | None  # shelf-life choices in days; None: not dated
    tax_bp: int
    cases: tuple[int, ...]        # case sizes offered as "spec×n"
    stock: tuple[int, ...]        # minimum stock choices, in units
    costing: str
    branded: bool                 # False: the line name is an origin, not a brand
    margin: tuple[float, float]   # purchase price as a share of retail
    discount: bool                # member and wholesale prices below retail

    @property
    def weighed(self) -> bool:
        return all(s.unit in ("kg", "斤") for s in self.specs)


@dataclass(frozen=True)
class Group:
    name: str
    supplier_kinds: tuple[str, ...]  # words for supplier names: 食品, 饮料, 酒业 ...
    leaves: tuple[LeafDef, ...]


def _factored(word: str) -> tuple[str, float]:
    """'可乐*1.2' -> ('可乐', 1.2): a multiplier for the random price draw, which
    `pricing.shelf_price` then snaps to whole fen; never a stored amount."""
    name, _, factor = word.partition("*")
    return name, float(factor) if factor else 1.0


def _yuan_fen(text: str) -> int:
    return parse_money(text)


def parse_specs(text: str) -> tuple[Spec, ...]:
    """'330ml 罐 2.5-3.5; 500ml 瓶 3-3.5' -> specs with retail ranges in fen."""
    specs = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        spec, unit, prices = part.split()
        lo, _, hi = prices.partition("-")
        specs.append(Spec(spec, unit, _yuan_fen(lo), _yuan_fen(hi or lo)))
    return tuple(specs)


def parse_lines(text: str) -> tuple[Line, ...]:
    """'品牌*系数: 产品A 产品B*系数' per line. No products, or the word "+" among them: the
    leaf's generic nouns (too)."""
    lines = []
    for row in filter(None, (r.strip() for r in text.splitlines())):
        head, _, tail = row.partition(":")
        brand, factor = _factored(head.strip())
        lines.append(Line(brand, factor, tuple(_factored(w) for w in tail.split())))
    return tuple(lines)


def leaf(name: str, specs: str, lines: str, *, weight: float = 1.0, nouns: str = "",
         flavours: str = "", shelf: tuple[int, ...] | None = (365,), tax: int = 1300,
         cases: tuple[int, ...] = (6, 12, 24), stock: tuple[int, ...] = (6, 12, 24),
         costing: str = "fifo", branded: bool = True, margin: tuple[float, float] = (0.6, 0.8),
         discount: bool = True) -> LeafDef:
    return LeafDef(name=name, weight=weight, specs=parse_specs(specs), lines=parse_lines(lines),
                   nouns=tuple(_factored(w) for w in nouns.split()),
                   flavours=tuple(flavours.split()), shelf=shelf, tax_bp=tax, cases=cases,
                   stock=stock, costing=costing, branded=branded, margin=margin,
                   discount=discount)


@dataclass(frozen=True)
class Item:
    """One product of a line before its spec: brand word, product word, price factor."""

    brand: str
    product: str
    factor: float


def leaf_items(leaf_def: LeafDef, seen: set[tuple[str, str]]) -> list[Item]:
    """Every (brand, product[flavour]) of a leaf not already used by an earlier leaf."""
    items = []
    for line in leaf_def.lines:
        nouns = []
        for noun in line.nouns or (("+", 1.0),):
            nouns += leaf_def.nouns if noun[0] == "+" else [noun]
        for noun, factor in nouns:
            words = ([noun.replace("{}", f) for f in leaf_def.flavours] if "{}" in noun
                     else [noun])
            for word in words:
                if (line.brand, word) not in seen:
                    seen.add((line.brand, word))
                    items.append(Item(line.brand, word, line.factor * factor))
    return items


def all_groups() -> tuple[Group, ...]:
    """The category tree, in shop order."""
    from app.services.demo import catalog_drinks as d, catalog_food as f, catalog_goods as g

    return (d.DRINKS, f.SNACKS, f.QUICK, f.STAPLES, d.DAIRY, d.ALCOHOL, g.TOBACCO, g.HOUSEHOLD,
            f.FROZEN, f.FRESH, g.SUNDRIES, g.SERVICES)


def round_words(round_no: int, cases: tuple[int, ...]) -> tuple[int, str]:
    """Round 0 is the plain product; later rounds add a case size and/or a series word.

    Returns (case size, 1 for none; series word, "" for none), one-to-one in round_no:
    each series word with each case size, then pairs of series words ("臻选·家庭装"), then
    generations ("(2代)") for as long as needed.
    """
    options = (1, *cases)
    series_no, case_no = divmod(round_no, len(options))
    return options[case_no], series_word(series_no)


def series_word(n: int) -> str:
    singles = len(SERIES)
    if n == 0:
        return ""
    if n <= singles:
        return SERIES[n - 1]
    n -= singles + 1
    if n < singles * (singles - 1):
        first, second = divmod(n, singles - 1)
        second += second >= first  # skip the pair of a word with itself
        return f"{SERIES[first]}{SERIES_JOIN}{SERIES[second]}"
    return f"({n - singles * (singles - 1) + 2}代)"


def compose_name(item: Item, spec: Spec, case: int, series: str) -> tuple[str, str]:
    """(name, spec column) of a product."""
    spec_text = spec.text if case == 1 else f"{spec.text}{CASE_MARK}{case}"
    words = [item.brand, item.product, spec_text]
    if series:
        words.append(series)
    return " ".join(words), spec_text
