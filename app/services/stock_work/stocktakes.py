"""Stocktakes (盘点): a snapshot at the start, blind counting, then a stocktake document
submitted through the approval lifecycle.

A stocktake in progress is one row of `jxc_meta` (key `stocktake:<id>`, as held sales are
kept): warehouse, scope (the whole warehouse, one category with its subcategories, or
the products whose shelf location starts with a prefix: "A-03" takes A-03-1, a-03-2 ...),
the snapshot time and the counts so far. A body written before locations existed has no
"location" key and reads as one without. The snapshot needs no copy of the stock: the
ledger is append-only, so the stock at the snapshot is the sum of the moves up to it.

Counting is blind: `count_item`, `counted_lines` and `import_counts` return counted
quantities only. `stocktake_variance` (managers and accountants) sets counts against the
snapshot with their value (盘盈/盘亏). `submit_stocktake` writes the document: each
product's count is carried forward by what moved since the snapshot (goods sold while
the shelves were counted are not a loss), and products of the scope that nobody counted
count as zero when asked; `lifecycle.save_draft` + `lifecycle.submit` then post it or
hold it for approval, and the stocktake leaves the open list.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.domain.doc_request import MAX_LINES
from app.domain.errors import DomainError
from app.domain.locations import in_location, location_problem
from app.domain.money import format_quantity
from app.domain.permissions import check
from app.persistence.ledger import db_time, run
from app.persistence.schema import Meta
from app.persistence.store import LocalStore
from app.persistence.uow import UnitOfWork
from app.services.inventory import lifecycle
from app.services.inventory.posting import PostResult
from app.services.records import Actor, Clock, utc_now, write_audit

from .common import (Item, UnknownCode, any_at_location, category_subtree, find_item,
                     warehouse_id)

PREFIX = "stocktake:"
SCOPES = ("full", "category", "location")


class NoSuchStocktake(DomainError):
    code = "no_such_stocktake"
    zh = "没有进行中的盘点“{ref}”（可能已提交）。"
    en = "There is no stocktake in progress called '{ref}' (it may have been submitted)."


class BadStocktake(DomainError):
    code = "bad_stocktake"
    zh = "{what_zh}"
    en = "{what_en}"


@dataclass(frozen=True)
class StocktakeInfo:
    id: str
    warehouse: str
    scope: str
    category: str
    snapshot_at: str   # local time, "2026-12-05 09:30"
    started_by: str
    counted: int       # products counted so far
    location: str = ""  # the location prefix of scope "location"


@dataclass(frozen=True)
class Counted:
    sku: str
    name: str
    unit: str
    counted_milli: int


def start_stocktake(store: LocalStore, actor: Actor, warehouse: str = "MAIN", scope: str = "full",
                    category: str = "", location: str = "", *,
                    clock: Clock = utc_now) -> StocktakeInfo:
    """Open a stocktake of `warehouse`; the snapshot is now. Scope "location" counts the
    products whose shelf location starts with `location` (case-insensitive)."""
    check(actor.role, "stock_work.stocktakes.start_stocktake")
    if scope not in SCOPES:
        raise BadStocktake(what_zh=f"盘点范围应为 {'、'.join(SCOPES)}",
                           what_en=f"the scope must be one of {', '.join(SCOPES)}")
    prefix = _prefix(location) if scope == "location" else ""
    now = clock()
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        if warehouse_id(s, warehouse) is None:
            raise BadStocktake(what_zh=f"没有仓库“{warehouse}”", what_en=f"there is no warehouse '{warehouse}'")
        if scope == "category" and not category_subtree(s, category):
            raise BadStocktake(what_zh=f"没有分类“{category}”", what_en=f"there is no category '{category}'")
        if prefix and not any_at_location(s, prefix):
            raise BadStocktake(
                what_zh=f"没有货位以“{prefix}”开头的商品，请检查货位，或先在商品资料中填写货位",
                what_en=f"no product has a shelf location starting with '{prefix}'; check it, "
                "or give products their location first")
        ref = f"pd-{now:%Y%m%d}-{uuid.uuid4().hex[:8]}"
        body = {"id": ref, "warehouse": warehouse.upper(), "scope": scope,
                "category": category if scope == "category" else "", "location": prefix,
                "snapshot_at": db_time(now), "started_by": actor.username, "counts": {}}
        s.add(Meta(key=PREFIX + ref, value=_dump(body)))
        write_audit(s, store, actor, now, "stocktake.start", ref,
                    {k: body[k] for k in ("warehouse", "scope", "category", "location",
                                          "snapshot_at")})
        uow.commit()
    return _info(body)


def open_stocktakes(store: LocalStore, actor: Actor) -> list[StocktakeInfo]:
    check(actor.role, "stock_work.stocktakes.open_stocktakes")
    with UnitOfWork(store.engine, write=False) as uow:
        rows = uow.session.execute(select(Meta.value).where(
            Meta.key >= PREFIX, Meta.key < PREFIX + "\uffff")).scalars().all()
    return sorted((_info(json.loads(v)) for v in rows), key=lambda i: i.snapshot_at)


def count_item(store: LocalStore, actor: Actor, ref: str, code: str, qty_milli: int = 1000,
               *, replace: bool = False) -> Counted:
    """Add `qty_milli` of the product a scanner read (or set it, `replace`); returns the
    product and its counted quantity, never the system's."""
    check(actor.role, "stock_work.stocktakes.count_item")
    if qty_milli < 0 or (qty_milli == 0 and not replace):
        raise BadStocktake(what_zh="数量必须大于 0", what_en="the quantity must be above 0")
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        row, body = load_session(s, ref)
        item = _in_scope(s, body, code)
        counts = body["counts"]
        counts[item.sku] = qty_milli if replace else counts.get(item.sku, 0) + qty_milli
        row.value = _dump(body)
        uow.commit()
    return Counted(item.sku, item.name, item.unit, counts[item.sku])


def counted_lines(store: LocalStore, actor: Actor, ref: str) -> list[Counted]:
    """What has been counted, in the order first counted (blind: no system quantities)."""
    check(actor.role, "stock_work.stocktakes.counted_lines")
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        _, body = load_session(s, ref)
        names = _names(s, list(body["counts"]))
    return [Counted(sku, *names.get(sku, ("", "")), qty) for sku, qty in body["counts"].items()]


def add_counts(s: Session, ref: str, counts: dict[str, int]) -> None:
    """Add counts by SKU inside the caller's transaction (the handheld file import)."""
    row, body = load_session(s, ref)
    for sku, qty in counts.items():
        body["counts"][sku] = body["counts"].get(sku, 0) + qty
    row.value = _dump(body)


def resolve_in_scope(s: Session, ref: str, code: str) -> Item:
    """The product of `code` if the stocktake's scope includes it (inside a transaction)."""
    _, body = load_session(s, ref)
    return _in_scope(s, body, code)


def discard_stocktake(store: LocalStore, actor: Actor, ref: str, *, clock: Clock = utc_now) -> None:
    """Drop a stocktake in progress and its counts (audited); nothing was posted."""
    check(actor.role, "stock_work.stocktakes.discard_stocktake")
    with UnitOfWork(store.engine) as uow:
        s = uow.session
        _, body = load_session(s, ref)
        s.execute(delete(Meta).where(Meta.key == PREFIX + ref))
        write_audit(s, store, actor, clock(), "stocktake.discard", ref,
                    {"counted": len(body["counts"])})
        uow.commit()


def submit_stocktake(store: LocalStore, actor: Actor, ref: str, *, uncounted_as_zero: bool = True,
                     clock: Clock = utc_now) -> PostResult:
    """Write the stocktake document and submit it: posted now, or pending approval."""
    from .variance import final_counts

    check(actor.role, "stock_work.stocktakes.submit_stocktake")
    counted_at = clock()  # the counts below are carried forward to this moment
    with UnitOfWork(store.engine, write=False) as uow:
        s = uow.session
        _, body = load_session(s, ref)
        finals = final_counts(s, body, uncounted_as_zero)
    if not finals:
        raise BadStocktake(what_zh="还没有清点任何商品", what_en="nothing has been counted yet")
    if len(finals) > MAX_LINES:
        raise BadStocktake(what_zh=f"一张盘点单最多 {MAX_LINES} 种商品，请按分类或货位分开盘点",
                           what_en=f"a stocktake holds at most {MAX_LINES} products; count by "
                           "category or by location instead")
    location = body.get("location", "")  # none in a body started before locations
    raw = {"type": "stocktake", "id": ref, "warehouse": body["warehouse"],
           "note": f"盘点 stocktake {body['scope']} {location or body['category']}".strip(),
           "stocktake": {**{k: body[k] for k in ("scope", "category", "snapshot_at",
                                                   "started_by")},
                         **({"location": location} if location else {}),
                         "counted_at": db_time(counted_at)},
           "lines": [{"sku": sku, "counted": format_quantity(qty)} for sku, qty in finals]}
    lifecycle.save_draft(store, actor, raw, clock=clock)
    result = lifecycle.submit(store, actor, ref, clock=clock)
    with UnitOfWork(store.engine) as uow:
        uow.session.execute(delete(Meta).where(Meta.key == PREFIX + ref))
        uow.commit()
    return result


def categories(store: LocalStore, actor: Actor) -> list[tuple[str, str]]:
    """(code, name) of every category, for choosing a stocktake's scope."""
    check(actor.role, "stock_work.stocktakes.categories")
    with UnitOfWork(store.engine, write=False) as uow:
        return [tuple(r) for r in run(uow.session, "SELECT code, name FROM categories "
                                                   "ORDER BY code").all()]


# -- inside ------------------------------------------------------------------------------

def load_session(s: Session, ref: str) -> tuple[Meta, dict]:
    row = s.get(Meta, PREFIX + ref)
    if row is None:
        raise NoSuchStocktake(ref=ref)
    return row, json.loads(row.value)


def _in_scope(s: Session, body: dict, code: str) -> Item:
    item = find_item(s, code)
    if item is None:
        raise UnknownCode(code=code.strip()[:40])
    if body["scope"] == "category" and item.category_id not in category_subtree(s, body["category"]):
        raise BadStocktake(what_zh=f"{item.sku} {item.name} 不属于本次盘点的分类",
                           what_en=f"{item.sku} {item.name} is not in this stocktake's category")
    prefix = body.get("location", "")
    if body["scope"] == "location" and not in_location(item.location, prefix):
        where_zh, where_en = (item.location, item.location) if item.location else ("未填", "none")
        raise BadStocktake(what_zh=f"{item.sku} {item.name} 不在本次盘点的货位 {prefix}（它的货位：{where_zh}）",
                           what_en=f"{item.sku} {item.name} is not at this stocktake's location "
                           f"{prefix} (its location: {where_en})")
    return item


def _prefix(location: str) -> str:
    """The location prefix of a stocktake by location, as typed less outer spaces."""
    prefix = location.strip()
    if not prefix:
        raise BadStocktake(what_zh="请填写要盘点的货位（或其开头部分），例如 A-03",
                           what_en="give the shelf location to count (or its beginning), "
                           "e.g. A-03")
    problem = location_problem(prefix)
    if problem:
        raise BadStocktake(what_zh=problem[0], what_en=problem[1])
    return prefix


def _names(s: Session, skus: list[str]) -> dict[str, tuple[str, str]]:
    out = {}
    for start in range(0, len(skus), 900):
        part = skus[start:start + 900]
        for sku, name, unit in run(s, "SELECT p.sku, p.name, u.name FROM products p JOIN units u "
                                      f"ON u.id = p.unit_id WHERE p.sku IN ({', '.join('?' * len(part))})",
                                   tuple(part)).all():
            out[sku] = (name, unit)
    return out


def _dump(body: dict) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def _info(body: dict) -> StocktakeInfo:
    at = datetime.fromisoformat(body["snapshot_at"]).replace(tzinfo=timezone.utc).astimezone()
    return StocktakeInfo(body["id"], body["warehouse"], body["scope"], body["category"],
                         at.strftime("%Y-%m-%d %H:%M"), body["started_by"], len(body["counts"]),
                         body.get("location", ""))
