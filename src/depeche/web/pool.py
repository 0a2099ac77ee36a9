"""A few read-only stores that the server's threads take turns on, each query under a time limit."""
from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..record import Store


class StorePool:
    """Up to ``size`` read-only stores of one record; ``with pool.store() as s`` lends one to a request.

    One store is opened at once (so that a missing or foreign database fails before serving),
    the others when requests need them. A request waits for a free store; each request's
    queries run under ``seconds`` (``Store.time_limit``). Streamed exports open a store of
    their own (``open``), so that a long export never keeps a store from the pages. ``close``
    closes every store; the pool opens new ones if asked again (a server started anew).
    """

    def __init__(self, location: str, size: int, seconds: float | None):
        self.location = location
        self.size = max(1, size)
        self.seconds = seconds
        self._lock = threading.Lock()
        self._all: list[Store] = []
        self._free: queue.LifoQueue[Store] = queue.LifoQueue()
        self._free.put(self._add())

    def open(self) -> Store:
        """A new read-only store of the record (the caller closes it)."""
        return Store(self.location, readonly=True)

    def _add(self) -> Store:
        store = self.open()
        with self._lock:
            self._all.append(store)
        return store

    def _take(self) -> Store:
        try:
            return self._free.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            room = len(self._all) < self.size
        return self._add() if room else self._free.get()

    @contextmanager
    def store(self) -> Iterator[Store]:
        s = self._take()
        try:
            with s.time_limit(self.seconds):
                yield s
        finally:
            self._free.put(s)

    def close(self) -> None:
        with self._lock:
            stores, self._all = self._all, []
        while not self._free.empty():
            self._free.get_nowait()
        for s in stores:
            s.close()
