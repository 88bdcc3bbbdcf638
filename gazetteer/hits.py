"""The NameHit value object: a gazetteer name found in a text."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from gazetteer.disambiguate import Candidate

__all__ = ["NameHit"]


@dataclass(frozen=True)
class NameHit:
    """A gazetteer name found in a text.

    ``start``/``end`` are character offsets into the original text
    (``text[start:end] == surface``); ``key`` the name key of the surface;
    ``candidates`` the places it may be (context-free scores, best first);
    ``kind_hint`` the kind named by a feature word ("hilltop" -> hill).
    """

    start: int
    end: int
    surface: str
    key: str
    candidates: tuple[Candidate, ...] = ()
    kind_hint: Optional[str] = None
    #: admin1 code of the governorate when the hit is part of a governorate
    #: phrase ("Daraa province", "eastern Aleppo"; see gazetteer.regions)
    region: Optional[str] = None
    #: admin1 code of the governorate phrase the hit is attached to ("Kafr Nabl
    #: in Idlib province", "Kafr Nabl, Idlib province"): its place lies there
    bound_region: Optional[str] = None

    @property
    def best(self) -> Optional[Candidate]:
        """The top context-free candidate (None when there is none)."""
        return self.candidates[0] if self.candidates else None
