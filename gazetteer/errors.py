"""Exceptions of the gazetteer package.

Every exception derives from :class:`GazetteerError`; the subclasses also
inherit a built-in so callers can catch ``LookupError`` or ``ValueError``.
Messages show the bad value with ``!r`` and say how to fix it.
"""
from __future__ import annotations


class GazetteerError(Exception):
    """Root of every error raised by :mod:`gazetteer`."""


class PlaceNotFound(GazetteerError, LookupError):
    """A name or id is not in any loaded gazetteer."""


class ImportFormatError(GazetteerError, ValueError):
    """A file given to an importer is not in the expected format."""


class SpatialExpressionError(GazetteerError, ValueError):
    """A relative location phrase could not be parsed or placed."""


class GeocoderError(GazetteerError, RuntimeError):
    """The optional online geocoder failed or is not enabled."""
