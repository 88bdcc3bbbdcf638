"""Exceptions of the mapper package; all derive from :class:`FrontlineError`."""
from __future__ import annotations


class FrontlineError(Exception):
    """Root of every error raised by :mod:`mapper`."""


class InputError(FrontlineError, ValueError):
    """An input file or corpus cannot be read; the message names file and line."""


class ConfigError(FrontlineError, ValueError):
    """A side table, option or flag is invalid."""


class ExportError(FrontlineError, RuntimeError):
    """Writing an output file failed."""
