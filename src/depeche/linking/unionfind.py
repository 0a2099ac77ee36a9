"""Union-find over hashable keys (path halving, union by size): groups that only ever merge."""
from __future__ import annotations

from collections.abc import Hashable, Iterable


class UnionFind:
    def __init__(self, items: Iterable[Hashable] = ()):
        self.parent: dict[Hashable, Hashable] = {}
        self.size: dict[Hashable, int] = {}
        for item in items:
            self.add(item)

    def add(self, item: Hashable) -> None:
        if item not in self.parent:
            self.parent[item] = item
            self.size[item] = 1

    def find(self, item: Hashable) -> Hashable:
        self.add(item)
        parent = self.parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: Hashable, b: Hashable) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return True

    def components(self) -> list[list[Hashable]]:
        """Every group's members, each group sorted, groups in order of their smallest member."""
        groups: dict[Hashable, list[Hashable]] = {}
        for item in self.parent:
            groups.setdefault(self.find(item), []).append(item)
        return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
