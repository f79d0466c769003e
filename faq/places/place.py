"""What the resolver finds: a place (a prefecture, a centre's area, a municipality), a name's match in a
message, and a resolution (one place, or the choices to ask about)."""

from __future__ import annotations

from dataclasses import dataclass, field

from faq.places.gazetteer import Municipality

PREFECTURE, FULL, STEM = 3, 2, 1  # a prefecture's name outranks a town's bare name (福島 → 福島県)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a centre is chosen: a prefecture, and for Hokkaido the centre's area when it is known (and the
    振興局 when only that was named)."""

    prefecture: str
    hokkaido_area: str | None = None
    municipality: Municipality | None = None
    bureau: str | None = None

    @property
    def centre_key(self) -> tuple[str, str | None]:
        return (self.prefecture, self.hokkaido_area)

    @property
    def label(self) -> str:
        if self.municipality:
            return self.municipality.label
        return self.prefecture + (self.bureau or "")


@dataclass(frozen=True, slots=True)
class Match:
    """A name found at ``text[start:end]``. ``loose``: a name below the municipality (町域, station, 倉敷),
    a place only where its context says so (``cued``) or a town next to it binds it (``bound``: it lies in
    the town or prefecture named right before it; ``town``: it is a municipality's own name without
    市・区・町・村, 倉敷 for 倉敷市, not a name below one); ``outer``: a name that another one right after it
    narrows (倉敷 in 倉敷の真備町, 飛騨 in 飛騨高山), so that one decides."""

    start: int
    end: int
    rank: int
    places: tuple[Place, ...]
    lives: bool = False
    loose: bool = False
    cued: bool = False
    outer: bool = False
    bound: bool = False
    town: bool = False
    weak: bool = False  # a bare kana name that is an ordinary word too (みなみ, かわら): asked, not given
    # of ``places``, those added only because the bare name says them as much (湯沢: 湯沢町 beside 湯沢市)
    elsewhere: tuple[Place, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """``place`` when the text settles one centre; ``choices`` (one per centre) when it must be asked.
    ``confirm``: the choices come only from names below the municipality (真備町, 博多駅) that no town
    or prefecture named with them settles, so even one choice is asked
    (「倉敷市（岡山県）の真備町のことですか？」), never given as the resident's centre: a 町域 or station
    shares its name with places nobody meant."""

    place: Place | None = None
    choices: tuple[Place, ...] = ()
    spans: tuple[tuple[int, int], ...] = field(default=())
    confirm: bool = False

    @property
    def prefecture(self) -> str | None:
        return self.place.prefecture if self.place else None

    @property
    def needs_choice(self) -> bool:
        return bool(self.choices)


def place_of(m: Municipality) -> Place:
    return Place(m.prefecture, m.hokkaido_area, m)


def one_per_centre(places: list[Place] | tuple[Place, ...]) -> dict[tuple[str, str | None], Place]:
    """The places by centre; several municipalities of one centre (新宿駅: 新宿区 and 渋谷区) say only the
    centre, never one of them picked at random."""
    by_centre: dict[tuple[str, str | None], Place] = {}
    for place in places:
        old = by_centre.get(place.centre_key)
        if old is not None and old != place and old.municipality != place.municipality:
            place = Place(place.prefecture, place.hokkaido_area)
        by_centre[place.centre_key] = place
    return by_centre


def hokkaido_bureaus(municipalities: tuple[Municipality, ...]) -> dict[str, tuple[Place, ...]]:
    """振興局 → its centre's place. A 振興局 whose towns several centres serve (後志: 小樽市 and the rest)
    names only 北海道: the resident is asked for the town, never given one centre for all."""
    areas: dict[tuple[str, str], set[str | None]] = {}
    for m in municipalities:
        if m.subprefecture:
            areas.setdefault((m.prefecture, m.subprefecture), set()).add(m.hokkaido_area)
    bureaus: dict[str, tuple[Place, ...]] = {}
    for (prefecture, bureau), found in areas.items():
        area = next(iter(found)) if len(found) == 1 else None
        bureaus[bureau] = (Place(prefecture, area, bureau=bureau if area else None),)
    return bureaus
