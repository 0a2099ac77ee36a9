"""Named errors. Each input error names the input and the reason; the run goes on."""
from __future__ import annotations

# Process exit codes of the command line.
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


def error_body(code: str, reason: str, input: str | None = None) -> dict[str, dict[str, str | None]]:
    """The one JSON shape of an error (the HTTP API's every error): its code, the input it
    names (a parameter, a path, a document), and the reason in words."""
    return {"error": {"code": code, "input": input, "reason": reason}}


class DepecheError(Exception):
    """Base of every error depeche raises on purpose."""

    code = "error"


class ConfigError(DepecheError):
    code = "bad-config"


class InputError(DepecheError):
    """An input that cannot become a Document. ``source`` names it."""

    code = "bad-input"

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self):
        # Rebuilt from (source, reason), so errors cross process boundaries (ingest workers).
        return (type(self), (self.source, self.reason))

    def as_dict(self) -> dict[str, str]:
        return {"source": self.source, "error": self.code, "reason": self.reason}


class EmptyInput(InputError):
    code = "empty"


class BinaryInput(InputError):
    code = "binary"


class UndecodableInput(InputError):
    code = "encoding"


class BadHeader(InputError):
    code = "bad-header"


class TooLarge(InputError):
    code = "too-large"


class NoMainText(InputError):
    code = "no-main-text"


class BadRecord(InputError):
    code = "bad-record"


class NotFrench(InputError):
    code = "not-french"


class UnreadablePath(InputError):
    code = "unreadable"
