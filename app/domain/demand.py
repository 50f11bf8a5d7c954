"""Forecast what the menu will sell and what the kitchen will need (recipe demand plan).

Forecast per menu item: the level is the mean daily sale over the last `weeks` whole weeks;
each weekday has a seasonal index, its own mean over those weeks divided by the level (a
Saturday that sells twice the average has index 2). The forecast of a day is level x
index of its weekday. Quantities are integer thousandths, rounded half-up.

Ingredient needs: each forecast item is exploded through its recipe (quantity per yield),
and components that have recipes of their own are exploded in turn (semi-finished goods),
at most MAX_DEPTH levels; a recipe that contains itself is refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.errors import DomainError

MAX_DEPTH = 10


class RecipeCycle(DomainError):
    code = "recipe_cycle"
    zh = "配方循环引用：{path}。请修改配方。"
    en = "Recipes refer to each other in a loop: {path}. Fix the recipes."


def _div(a: int, b: int) -> int:
    """a / b rounded half-up, for non-negative a and positive b."""
    return (2 * a + b) // (2 * b)


def forecast(daily: dict[date, int], today: date, days: int, weeks: int = 4) -> dict[date, int]:
    """Sales per day for `days` days after `today`, from the `weeks` whole weeks before it."""
    first = today - timedelta(days=7 * weeks - 1)
    window = [first + timedelta(days=i) for i in range(7 * weeks)]
    total = sum(max(0, daily.get(d, 0)) for d in window)
    by_weekday = [0] * 7
    for d in window:
        by_weekday[d.weekday()] += max(0, daily.get(d, 0))
    # level x index = (total / 7w) x (weekday sum / w) / (total / 7w) = weekday sum / w
    out = {}
    for i in range(1, days + 1):
        d = today + timedelta(days=i)
        out[d] = _div(by_weekday[d.weekday()], weeks) if total else 0
    return out


@dataclass(frozen=True)
class RecipeDef:
    yield_milli: int
    components: tuple[tuple[int, int], ...]  # (component product id, qty_milli per yield)


def explode(demand: dict[int, int], recipes: dict[int, RecipeDef]) -> dict[int, int]:
    """Ingredient quantities (leaf products) needed to make `demand` (product -> qty)."""
    needs: dict[int, int] = {}

    def walk(product: int, qty: int, path: tuple[int, ...]) -> None:
        if product in path:
            raise RecipeCycle(path=" -> ".join(map(str, (*path, product))))
        recipe = recipes.get(product)
        if recipe is None or len(path) >= MAX_DEPTH:
            needs[product] = needs.get(product, 0) + qty
            return
        for component, per_yield in recipe.components:
            walk(component, _div(qty * per_yield, recipe.yield_milli), (*path, product))

    for product, qty in demand.items():
        if qty > 0:
            if product not in recipes:
                continue  # sold as bought (a can of cola): not a kitchen ingredient
            walk(product, qty, ())
    return needs


def to_order(need: int, on_hand: int, on_order: int, minimum: int, step: int = 1000) -> int:
    """What to buy: enough to cover the need and keep the minimum, net of stock and open
    orders, rounded up to whole `step`s (whole units by default); never negative."""
    short = need + minimum - max(0, on_hand) - on_order
    return 0 if short <= 0 else -(-short // step) * step
