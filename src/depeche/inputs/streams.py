"""Bounded reads: never more than ``max_bytes`` of one input, never an endless wait.

A regular file is read up to ``max_bytes`` (plus one byte, to tell that it is longer). Standard
input, a FIFO, a character device (``/dev/zero``) or a socket is read as a stream: each read waits
at most ``read_timeout`` seconds for data, and more than ``max_bytes`` bytes is ``too-large``. JSON
Lines are read a line at a time, a line longer than ``max_bytes`` skipped to its end without being
kept (``Overlong``), so an input without a newline cannot fill the memory either.
"""
from __future__ import annotations

import os
import select
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import TooLarge, UnreadablePath

CHUNK = 1 << 16


@dataclass(frozen=True)
class Overlong:
    """A JSON line longer than ``max_bytes``: only its size is kept."""

    size: int


def is_stream(path: Path) -> bool:
    """Whether ``path`` is something other than a regular file (a FIFO, a device, a socket)."""
    mode = os.stat(path).st_mode
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def too_large(source: str, size: str | int, limit: int) -> TooLarge:
    return TooLarge(source, f"{size} bytes is over the maximum of {limit} (setting max_bytes)")


class Stream:
    """Bytes from a file descriptor that is not a regular file, each read waiting at most ``timeout``."""

    def __init__(self, fd: int, source: str, timeout: float):
        self.fd, self.source, self.timeout = fd, source, timeout

    def chunks(self) -> Iterator[bytes]:
        while True:
            if not select.select([self.fd], [], [], self.timeout)[0]:
                raise UnreadablePath(self.source, f"no data for {self.timeout:g} s (setting read_timeout)")
            try:
                chunk = os.read(self.fd, CHUNK)
            except BlockingIOError:
                continue
            if not chunk:
                return
            yield chunk

    def read(self, limit: int) -> bytes:
        """Everything up to the end, or ``TooLarge`` past ``limit`` bytes."""
        out, size = [], 0
        for chunk in self.chunks():
            size += len(chunk)
            if size > limit:
                raise too_large(self.source, f"more than {limit}", limit)
            out.append(chunk)
        return b"".join(out)

    def lines(self, limit: int) -> Iterator[bytes | Overlong]:
        return split_lines(self.chunks(), limit)


def split_lines(chunks: Iterator[bytes], limit: int) -> Iterator[bytes | Overlong]:
    """Lines of the chunks (newline kept); one longer than ``limit`` as ``Overlong``."""
    pending: list[bytes] = []
    size = 0
    for chunk in chunks:
        start = 0
        while True:
            nl = chunk.find(b"\n", start)
            piece = chunk[start:] if nl < 0 else chunk[start:nl + 1]
            size += len(piece)
            if size <= limit:
                pending.append(piece)
            elif pending:
                pending = []
            if nl < 0:
                break
            yield b"".join(pending) if size <= limit else Overlong(size)
            pending, size, start = [], 0, nl + 1
    if size:
        yield b"".join(pending) if size <= limit else Overlong(size)


def open_stream(path: Path, source: str, timeout: float) -> tuple[int, Stream]:
    """An open descriptor on a FIFO or device (opening a FIFO never waits for its writer)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    return fd, Stream(fd, source, timeout)


def read_bytes(path: Path, source: str, limit: int, timeout: float) -> bytes:
    """At most ``limit`` bytes of the file at ``path`` (``TooLarge`` past them)."""
    if is_stream(path):
        fd, stream = open_stream(path, source, timeout)
        try:
            return stream.read(limit)
        finally:
            os.close(fd)
    size = path.stat().st_size
    if size > limit:
        raise too_large(source, size, limit)
    with path.open("rb") as fh:
        data = fh.read(limit + 1)  # (a file that grew since)
    if len(data) > limit:
        raise too_large(source, f"more than {limit}", limit)
    return data


def file_lines(path: Path, source: str, limit: int, timeout: float) -> Iterator[bytes | Overlong]:
    """The lines of the file at ``path``, none held longer than ``limit`` bytes."""
    if is_stream(path):
        fd, stream = open_stream(path, source, timeout)
        try:
            yield from stream.lines(limit)
        finally:
            os.close(fd)
        return
    with path.open("rb") as fh:
        yield from split_lines(iter(lambda: fh.read(CHUNK), b""), limit)


def stdin_stream(source: str, timeout: float) -> tuple[Stream | None, object]:
    """Standard input: a ``Stream`` when it is a pipe, a terminal or a device; the binary file
    object when it is a regular file (``< file``)."""
    import sys

    stream = sys.stdin.buffer
    try:
        fd = stream.fileno()
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except (OSError, ValueError, AttributeError):  # (replaced by a test or an embedding program)
        return None, stream
    return (None, stream) if regular else (Stream(fd, source, timeout), stream)
