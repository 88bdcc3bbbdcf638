"""gazetteer: offline place names -> places; spatial expressions -> geometry."""
from gazetteer.errors import (GazetteerError, GeocoderError, ImportFormatError,
                              PlaceNotFound, SpatialExpressionError)
from gazetteer.model import Location, Place

__all__ = ["GazetteerError", "GeocoderError", "ImportFormatError", "PlaceNotFound",
           "SpatialExpressionError", "Location", "Place"]
