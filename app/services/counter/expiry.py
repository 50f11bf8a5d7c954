"""Near-expiry markdowns and expired stock at the till.

`counter.expiry_markdowns` lists rules "days:percent", e.g. "3:30,1:50": a batch that
expires within 3 days (today counts as 0 days left) sells at 30% off, within 1 day at 50%
off; the rule with the fewest days that still covers the batch wins. The till marks a line
down by the batch that FEFO will sell first (the earliest unexpired batch with stock), so
the markdown matches the goods that leave the shelf. Pure (no database).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Markdown:
    days: int  # the batch expires within this many days
    percent: int  # whole percent off


def parse_markdowns(text: str) -> tuple[Markdown, ...]:
    """"3:30,1:50" -> rules, most days first; ValueError(zh, en) on nonsense."""
    rules = {}
    for part in (p.strip() for p in (text or "").split(",")):
        if not part:
            continue
        days, sep, percent = part.partition(":")
        if not (sep and days.strip().isdigit() and percent.strip().rstrip("%").isdigit()):
            raise ValueError(f"“{part}”应写成 天数:折扣百分比，例如 3:30。",
                             f"'{part}' should be days:percent, e.g. 3:30.")
        d, p = int(days), int(percent.strip().rstrip("%"))
        if not (0 <= d <= 3650 and 1 <= p <= 100):
            raise ValueError(f"“{part}”：天数 0-3650，百分比 1-100。",
                             f"'{part}': days from 0 to 3650, percent from 1 to 100.")
        rules[d] = p
    return tuple(Markdown(d, p) for d, p in sorted(rules.items(), reverse=True))


def markdown_for(rules: tuple[Markdown, ...], expiry: date | None, today: date) -> Markdown | None:
    """The rule for a batch expiring on `expiry` (None: no expiry, no markdown)."""
    if expiry is None or not rules:
        return None
    left = (expiry - today).days
    if left < 0:
        return None  # expired: not sold at all
    found = None
    for rule in rules:  # most days first: the last that covers it is the closest
        if left <= rule.days:
            found = rule
    return found

