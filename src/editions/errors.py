"""Errors a user can act on. Each carries one sentence that the CLI prints as it is."""


class EditionsError(Exception):
    """Base of every error Editions raises on purpose; anything else is a bug."""


class InputError(EditionsError):
    """The input cannot be read as an edition (empty, binary, too large, unknown format, a directory …)."""


class UnsupportedFormatError(InputError):
    """The format was recognised but no reader for it is installed or written yet."""


class InputWarning(UserWarning):
    """The input was read, but not exactly as written (invalid UTF-8 replaced, pages skipped …).

    Issued with `warnings.warn`, so a library user can filter it and the CLI prints it on stderr."""
