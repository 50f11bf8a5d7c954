"""Exponential backoff with full jitter: a random wait in [0, min(cap, base * 2**n)].

Jitter spreads the retries of many tills that lost the network at the same moment, so
head office is not hit by all of them at once when it comes back.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base: float = 0.5
    cap: float = 60.0
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number `attempt` (1 = the first retry)."""
        return self.rng.uniform(0, min(self.cap, self.base * 2 ** max(0, attempt - 1)))
