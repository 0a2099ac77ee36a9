"""Named errors. Each input error names the input and the reason; the run goes on."""
from __future__ import annotations

# Process exit codes of the command line.
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
# The database cannot be used: damaged, not depeche's, or refusing writes (a full disk).
EXIT_STORE = 3
# A failure depeche did not foresee: named on one line (DEPECHE_DEBUG=1 prints the traceback).
EXIT_INTERNAL = 70


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


class BadArchive(InputError):
    """A WARC file (or one of its records) that cannot be read."""

    code = "bad-archive"


class BadFeed(InputError):
    """A feed or sitemap that is not well-formed XML, or not a feed at all."""

    code = "bad-feed"


class FetchError(InputError):
    """A URL that could not be fetched; the source is retried at the next poll."""

    code = "fetch-failed"


class FetchTimeout(FetchError):
    code = "timeout"


class Unreachable(FetchError):
    """No connection: refused, reset, unknown host."""

    code = "unreachable"


class HttpStatus(FetchError):
    """An answer other than 200 (or 304 to a conditional request)."""

    code = "http-error"


class BadRedirect(FetchError):
    """A redirect loop, too many redirects, or a redirect out of http(s)."""

    code = "bad-redirect"


class RobotsDisallowed(FetchError):
    """The site's robots.txt forbids depeche this page."""

    code = "robots-disallowed"
