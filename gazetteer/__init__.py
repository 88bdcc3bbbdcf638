"""gazetteer: offline place names -> places; spatial expressions -> geometry."""
from gazetteer.errors import (GazetteerError, GeocoderError, ImportFormatError,
                              PlaceNotFound, SpatialExpressionError)
from gazetteer.model import Location, Place

__all__ = ["GazetteerError", "GeocoderError", "ImportFormatError", "PlaceNotFound",
           "SpatialExpressionError", "Location", "Place"]

# spatial expressions ("4km west of Palmyra" -> Location with an uncertainty area)
from gazetteer.spatial import (Disagreement, FoundExpression, Reconciled,  # noqa: E402
                               SpatialExpression, compare, find_expressions, locate, parse,
                               reconcile)
from gazetteer.spatial import resolve as resolve_spatial  # noqa: E402

__all__ += ["SpatialExpression", "FoundExpression", "Disagreement", "Reconciled", "parse",
            "find_expressions", "locate", "resolve_spatial", "compare", "reconcile"]

# offline gazetteer core (names -> places, text matcher, imports)
from gazetteer.disambiguate import Candidate, DocumentContext  # noqa: E402
from gazetteer.importers import (ImportStats, import_file, import_geonames,  # noqa: E402
                                 import_user_places)
from gazetteer.index import PlaceIndex, default_index_path  # noqa: E402
from gazetteer.matcher import NameHit, TextMatcher  # noqa: E402
from gazetteer.normalize import name_key, strip_feature_words  # noqa: E402
from gazetteer.store import Gazetteer  # noqa: E402

__all__ += ["Gazetteer", "Candidate", "DocumentContext", "NameHit", "TextMatcher", "PlaceIndex",
            "default_index_path", "ImportStats", "import_geonames", "import_user_places",
            "import_file", "name_key", "strip_feature_words"]
