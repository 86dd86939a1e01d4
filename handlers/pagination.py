"""Splitting a long reply into pages that each platform can show with buttons."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True)
class Page(Generic[Item]):
    items: list[Item]
    number: int  # 1-based
    count: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def page_of(items: Sequence[Item], number: int, per_page: int) -> Page[Item]:
    """Page `number` (clamped into range) of `items`, `per_page` at a time."""
    count = max(1, -(-len(items) // per_page))
    number = min(max(1, number), count)
    start = (number - 1) * per_page
    return Page(items=list(items[start:start + per_page]), number=number, count=count)
