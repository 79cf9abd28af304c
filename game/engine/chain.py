"""An append-only, persistent log.

States are immutable from the outside, yet the causal trace, the ledger and the
action log grow every step. Copying a growing list each step would make a game
quadratic; a chain of frozen chunks shares its past with every older state, so
appending is O(1) and no earlier state ever sees a later entry.
"""

from __future__ import annotations

from typing import Generic, Iterator, Sequence, TypeVar

T = TypeVar("T")
_new = object.__new__


class Chain(Generic[T]):
    __slots__ = ("_parent", "_chunk", "_length")

    def __init__(self, parent: "Chain[T] | None" = None, chunk: tuple[T, ...] = ()) -> None:
        self._parent = parent
        self._chunk = chunk
        self._length = len(chunk) + (parent._length if parent is not None else 0)

    def extend(self, items: Sequence[T]) -> "Chain[T]":
        """A chain with `items` after this one's. Made slot by slot, without the class call: every step
        extends three or four chains."""
        if not items:
            return self
        chain = _new(Chain)
        chain._parent = self if self._length else None
        chain._chunk = chunk = tuple(items)
        chain._length = self._length + len(chunk)
        return chain

    def __len__(self) -> int:
        return self._length

    def chunks(self) -> list[tuple[T, ...]]:
        out: list[tuple[T, ...]] = []
        node: Chain[T] | None = self
        while node is not None:
            if node._chunk:
                out.append(node._chunk)
            node = node._parent
        out.reverse()
        return out

    def __iter__(self) -> Iterator[T]:
        for chunk in self.chunks():
            yield from chunk

    def newest_first(self) -> Iterator[T]:
        """Entries from the latest back, without walking the whole chain: a caller that wants only
        the recent ones (this quarter's actions) stops early."""
        node: Chain[T] | None = self
        while node is not None:
            yield from reversed(node._chunk)
            node = node._parent

    def to_list(self) -> list[T]:
        return list(self)

    @classmethod
    def of(cls, items: Sequence[T]) -> "Chain[T]":
        return cls(None, tuple(items))
