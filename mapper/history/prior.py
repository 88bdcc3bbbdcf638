"""An optional control prior: the 2017 control marks of the regional gazetteer.

gazetteer/data/syria_places.tsv carries, per place, who held it at one
undated revision (about March–August 2017) of Wikipedia's Syrian civil war
map module (column ``control_2017``, ``Place.control``). :func:`prior_from_gazetteer`
turns those marks into :class:`mapper.history.control.ControlState` values observed on
``as_of``; :class:`mapper.history.control.ControlTimeline` applies them as one more
observation on that day, which events before and after it update. It is a
prior only, off by default (``frontline build --prior syria-2017``), never
truth for other dates.

Marks (``control_2017``) and what they become:

- ``government``, ``islamic_state``, ``opposition``, ``sdf``,
  ``jabhat_al_nusra``, ``turkey`` -> held by that side;
- ``a+b`` (joint, e.g. ``opposition+jabhat_al_nusra``) -> held, side "a+b"
  (fronts are never drawn between labels sharing a side);
- ``contested:a+b`` -> contested, parties (a, b);
- empty -> no prior for that place (counted in ``Prior.skipped``).

Place ids are the gazetteer's own (``gazetteer.regional.load_regional_pack``:
"syria:<slug>", "~2", "~3" for repeated labels).

>>> prior = prior_from_gazetteer(as_of=date(2017, 6, 1))
>>> prior["syria:palmyra"].side, prior["syria:al-sukhnah"].side
('government', 'islamic_state')
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Union

from gazetteer.model import Place
from mapper.history.control import STATUS_CONTESTED, STATUS_HELD, ControlState
from mapper.errors import ConfigError

__all__ = ["Prior", "prior_from_gazetteer", "load_prior", "parse_control_mark", "PRIORS",
           "SYRIA_2017_AS_OF", "SYRIA_2017_LATEST", "KNOWN_SIDES"]

#: Nominal day of the syria_places.tsv revision (the marks fit March–August 2017).
SYRIA_2017_AS_OF = date(2017, 6, 1)
#: The latest the revision can be.
SYRIA_2017_LATEST = date(2017, 8, 31)
#: Sides used by the control marks.
KNOWN_SIDES = ("government", "islamic_state", "opposition", "sdf", "jabhat_al_nusra", "turkey")
#: Named priors (the CLI's ``--prior`` choices).
PRIORS = ("syria-2017",)


class Prior(dict):
    """place id -> ControlState, plus where it came from.

    ``places``: place id -> Place of every place with a prior (coordinates for
    maps); ``as_of``: the day the states are observed; ``name``;
    ``skipped``: {"place_id", "mark", "reason"} for marks that gave no state.
    """

    def __init__(self, states: Mapping[str, ControlState], places: Mapping[str, Place],
                 as_of: date, name: str, skipped: list[dict[str, Any]]) -> None:
        super().__init__(states)
        self.places = dict(places)
        self.as_of = as_of
        self.name = name
        self.skipped = list(skipped)


def parse_control_mark(mark: Optional[str]) -> Optional[tuple[Optional[str], str, tuple[str, ...]]]:
    """(side, status, parties) for a control_2017 mark, None for an empty mark.

    >>> parse_control_mark("contested:sdf+islamic_state")
    (None, 'contested', ('islamic_state', 'sdf'))
    >>> parse_control_mark("government+sdf")
    ('government+sdf', 'held', ('government', 'sdf'))

    Raises ConfigError for a side not in :data:`KNOWN_SIDES`.
    """
    m = (mark or "").strip()
    if not m:
        return None
    contested = m.startswith("contested:")
    body = m.split(":", 1)[1] if contested else m
    parts = [p.strip() for p in body.split("+") if p.strip()]
    bad = [p for p in parts if p not in KNOWN_SIDES]
    if bad or not parts:
        raise ConfigError(f"control mark {mark!r} names unknown side(s) {bad!r}; "
                          f"expected {'/'.join(KNOWN_SIDES)}, 'a+b' or 'contested:a+b'")
    parties = tuple(sorted(parts))
    if contested:
        return None, STATUS_CONTESTED, parties
    return "+".join(parts), STATUS_HELD, parties


def prior_from_gazetteer(source: Union[None, str, Path, Iterable[Place], Mapping[str, Place]] = None,
                         as_of: date = SYRIA_2017_AS_OF, *, latest: Optional[date] = None,
                         name: str = "syria-2017") -> Prior:
    """Control states from the gazetteer's control marks, observed on ``as_of``.

    ``source``: None for the packaged syria_places.tsv, a path to a file with
    the same columns, or Places (an iterable or an id -> Place mapping; their
    ``control`` attribute is the mark). ``latest``: the last day the marks can
    describe (kept as ``since_latest``; default: 2017-08-31 for the packaged
    file, else ``as_of``).
    """
    if source is None or isinstance(source, (str, Path)):
        from gazetteer.regional import load_regional_pack

        places: list[Place] = list(load_regional_pack(str(source) if source else None).places.values())
        if latest is None and source is None:
            latest = SYRIA_2017_LATEST
    elif isinstance(source, Mapping):
        places = list(source.values())
    else:
        places = list(source)
    states: dict[str, ControlState] = {}
    kept: dict[str, Place] = {}
    skipped: list[dict[str, Any]] = []
    for p in places:
        try:
            parsed = parse_control_mark(p.control)
        except ConfigError as exc:
            skipped.append({"place_id": p.id, "mark": p.control, "reason": str(exc)})
            continue
        if parsed is None:
            skipped.append({"place_id": p.id, "mark": p.control, "reason": "no control mark"})
            continue
        side, status, parties = parsed
        states[p.id] = ControlState(side=side, status=status, since=as_of, precision="unknown",
                                    parties=parties, since_latest=latest or as_of,
                                    last_evidence=as_of, notes=(f"prior: {name} control mark",),
                                    source="prior")
        kept[p.id] = p
    return Prior(dict(sorted(states.items())), kept, as_of, name, skipped)


def load_prior(name: str, gazetteer: Any = None, as_of: Optional[date] = None) -> Prior:
    """A named prior (the CLI's ``--prior``): only "syria-2017" for now.

    ``gazetteer`` is accepted for symmetry with the pipeline and unused: the
    marks come from the packaged regional pack, whose ids the default
    Gazetteer uses too.
    """
    if name != "syria-2017":
        raise ConfigError(f"unknown prior {name!r}; choose one of {', '.join(PRIORS)}")
    return prior_from_gazetteer(None, as_of or SYRIA_2017_AS_OF, name=name)
