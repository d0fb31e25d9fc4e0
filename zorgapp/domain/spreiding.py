"""Spreading cost items over a region's municipalities: on what ground, which part.

Each placement cost line or cost post becomes a ``Post``; ``Grondslagen`` knows the
region, the merger list and the recorded bindings, so it can say who pays an item by
binding and what each municipality's share of the inhabitants or fixed percentage is;
``spreid`` records every item's exact part per municipality and ground in a
``Bijdragen``. Rounding and the explanation are ``allocation.verdeel``'s later steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from zorgapp.domain.errors import N_, DomainError
from zorgapp.domain.kosten import Kostenpost
from zorgapp.domain.opvang import Kostenregel
from zorgapp.domain.regio import Gemeente, Regio, opvolger
from zorgapp.domain.verdeelsleutel import Sleutel, Verdeelsleutel
from zorgapp.domain.verdeling import Bron


@dataclass(frozen=True)
class Post:
    """A placement's cost line or a cost post, in the one shape the allocation reads."""

    dossier_uuid: str
    bron: Bron
    bron_uuid: str
    soort: str
    van: date
    tot: date | None
    nachten: int | None
    dagtarief: Decimal | None
    bedrag: Decimal

    @property
    def jeugdwet(self) -> bool:
        """A youth placement: the Jeugdwet municipality pays it whole."""
        return self.bron is Bron.PLAATSING and self.soort == "JEUGD"

    @property
    def orde(self) -> tuple[str, date, str, str]:
        return (self.dossier_uuid, self.van, self.bron.value, self.bron_uuid)


def uit_regel(regel: Kostenregel) -> Post:
    return Post(
        dossier_uuid=regel.dossier_uuid,
        bron=Bron.PLAATSING,
        bron_uuid=regel.plaatsing_uuid,
        soort=str(regel.type) if regel.type is not None else "",
        van=regel.van,
        tot=regel.tot,
        nachten=regel.nachten,
        dagtarief=regel.dagtarief,
        bedrag=regel.bedrag,
    )


def uit_post(post: Kostenpost) -> Post:
    return Post(
        dossier_uuid=post.dossier_uuid,
        bron=Bron.KOSTENPOST,
        bron_uuid=post.uuid,
        soort=str(post.soort),
        van=post.datum,
        tot=None,
        nachten=None,
        dagtarief=None,
        bedrag=post.bedrag,
    )


@dataclass
class Grondslagen:
    """The region's municipalities, the merger list and the recorded bindings."""

    regio: Regio
    actief: dict[str, Gemeente]
    fusies: dict[str, Gemeente]
    binding_van: dict[str, str | None]
    binding_bron: dict[str, str | None]
    _inwoner_delen: dict[str, Fraction] | None = None
    _vectoren: dict[Fraction, list[tuple[str, Fraction]]] = field(default_factory=dict)

    @classmethod
    def voor(
        cls,
        regio: Regio,
        alle_gemeenten: Mapping[str, Gemeente] | None,
        dossier_binding: Mapping[str, str | None] | None,
        bron_binding: Mapping[str, str | None] | None,
    ) -> Grondslagen:
        """Refused when the region has no municipality left to pay."""
        actief = {g.cbs_code: g for g in regio.actieve_gemeenten()}
        if not actief:
            raise DomainError(
                N_("Regio {regio} heeft geen gemeenten om over te verdelen."),
                regio=regio.naam,
            )
        fusies: dict[str, Gemeente] = dict(alle_gemeenten or {})
        fusies.update(regio.gemeenten)
        return cls(
            regio=regio,
            actief=actief,
            fusies=fusies,
            binding_van=dict(dossier_binding or {}),
            binding_bron={k: v for k, v in (bron_binding or {}).items() if v},
        )

    def naar_inwoners(self) -> dict[str, Fraction]:
        """Each municipality's share of the inhabitants; asked only when needed."""
        if self._inwoner_delen is None:
            for gemeente in self.actief.values():
                if gemeente.inwoners is None:
                    raise DomainError(
                        N_(
                            "Voor {gemeente} is geen aantal inwoners bekend; voer het in of "
                            "importeer de cijfers van CBS."
                        ),
                        gemeente=gemeente.naam,
                    )
            som_inwoners = sum(g.inwoners or 0 for g in self.actief.values())
            if som_inwoners == 0:
                raise DomainError(
                    N_(
                        "Alle gemeenten hebben nul inwoners; er is geen verhouding om naar te verdelen."
                    )
                )
            self._inwoner_delen = {
                c: Fraction(g.inwoners or 0, som_inwoners) for c, g in self.actief.items()
            }
        return self._inwoner_delen

    def inwoner_vector(self, deel_inwoners: Fraction) -> list[tuple[str, Fraction]]:
        """The inhabitant shares times ``deel_inwoners``, computed once per distinct part."""
        vector = self._vectoren.get(deel_inwoners)
        if vector is None:
            vector = [(c, deel_inwoners * d) for c, d in self.naar_inwoners().items()]
            self._vectoren[deel_inwoners] = vector
        return vector

    def binding_code(self, item: Post) -> tuple[str | None, str | None]:
        """(code as recorded, code that pays or None when it must go by inhabitants)."""
        vastgelegd = self.binding_bron.get(item.bron_uuid) or self.binding_van.get(
            item.dossier_uuid
        )
        return vastgelegd or None, self.betaler(vastgelegd)

    def betaler(self, vastgelegd: str | None) -> str | None:
        """The municipality that pays for a recorded binding, or None: by inhabitants."""
        if not vastgelegd:
            return None
        try:
            huidig = opvolger(self.fusies, vastgelegd)
        except DomainError:
            return None
        return huidig if huidig in self.actief else None

    def vaste_delen(self, sleutel: Verdeelsleutel) -> dict[str, Fraction]:
        """Fixed percentages as fractions per current municipality (after mergers)."""
        delen: dict[str, Fraction] = {}
        assert sleutel.vaste_percentages is not None
        for code, pct in sleutel.vaste_percentages.items():
            huidig = opvolger(self.fusies, code)
            if huidig not in self.actief:
                raise DomainError(
                    N_(
                        "Gemeente {code} heeft een percentage maar hoort niet bij regio {regio}."
                    ),
                    code=code,
                    regio=self.regio.naam,
                )
            delen[huidig] = delen.get(huidig, Fraction(0)) + Fraction(pct) / 100
        return delen


@dataclass
class Bijdragen:
    """Each item's parts per municipality and ground, and the exact amounts so far.

    Amounts spread by one vector of shares (inhabitants, fixed percentages) are summed
    per ground first and multiplied once per municipality at the end
    (``exacte_centen``): the same exact fractions with far fewer operations.
    """

    bedragen: list[Fraction]
    exact: dict[str, Fraction]
    # (code, item index, ground) -> fraction of that item
    delen: dict[tuple[str, int, Sleutel], Fraction] = field(default_factory=dict)
    naar_vector: dict[Sleutel, Fraction] = field(
        default_factory=lambda: {Sleutel.VAST: Fraction(0), Sleutel.INWONERS: Fraction(0)}
    )

    def voeg_toe(self, code: str, index: int, grond: Sleutel, deel: Fraction) -> None:
        if deel:
            sleutel = (code, index, grond)
            eerder = self.delen.get(sleutel)
            self.delen[sleutel] = deel if eerder is None else eerder + deel

    def vast(self, index: int, vaste_delen: Mapping[str, Fraction]) -> None:
        """An item under fixed percentages."""
        for code, deel in vaste_delen.items():
            self.voeg_toe(code, index, Sleutel.VAST, deel)
        self.naar_vector[Sleutel.VAST] += self.bedragen[index]

    def naar_binding(
        self,
        index: int,
        deel_binding: Fraction,
        betaler: str | None,
        gronden: Grondslagen,
    ) -> None:
        """An item partly (or wholly) by binding; what is left, or all of it when no
        municipality of the region is bound, goes by inhabitants."""
        deel_inwoners = 1 - deel_binding
        if betaler is not None:
            self.voeg_toe(betaler, index, Sleutel.BINDING, deel_binding)
            self.exact[betaler] += self.bedragen[index] * deel_binding
        else:
            deel_inwoners = Fraction(1)
        if deel_inwoners:
            for code, deel in gronden.inwoner_vector(deel_inwoners):
                self.voeg_toe(code, index, Sleutel.INWONERS, deel)
            self.naar_vector[Sleutel.INWONERS] += self.bedragen[index] * deel_inwoners

    def direct(self, index: int, betaler: str | None, gronden: Grondslagen) -> None:
        """An item one municipality pays whole (Jeugdwet), whatever the key; by
        inhabitants while that municipality is unknown or outside the region."""
        self.naar_binding(index, Fraction(1), betaler, gronden)

    def exacte_centen(
        self, vaste_delen: Mapping[str, Fraction], gronden: Grondslagen
    ) -> dict[str, Fraction]:
        """Exact cents per municipality, the vector sums multiplied out."""
        if self.naar_vector[Sleutel.VAST]:
            for code, deel in vaste_delen.items():
                self.exact[code] += self.naar_vector[Sleutel.VAST] * deel
        if self.naar_vector[Sleutel.INWONERS]:
            for code, deel in gronden.naar_inwoners().items():
                self.exact[code] += self.naar_vector[Sleutel.INWONERS] * deel
        return {code: bedrag * 100 for code, bedrag in self.exact.items()}


def deel_voor_binding(sleutel: Verdeelsleutel) -> Fraction:
    """The part of an item paid by the municipality of binding under ``sleutel``."""
    if sleutel.soort is Sleutel.INWONERS:
        return Fraction(0)
    if sleutel.soort is Sleutel.BINDING:
        return Fraction(1)
    return 1 - Fraction(sleutel.mix_inwoners_pct or 0) / 100


def spreid(
    items: list[Post],
    bindingen: list[tuple[str | None, str | None]],
    sleutel: Verdeelsleutel,
    vaste_delen: Mapping[str, Fraction],
    gronden: Grondslagen,
) -> Bijdragen:
    """Every item with an amount spread by the key, in item order."""
    return spreid_bedragen(
        [Fraction(item.bedrag) for item in items],
        [betaler for _vastgelegd, betaler in bindingen],
        sleutel,
        vaste_delen,
        gronden,
        [item.jeugdwet for item in items],
    )


def spreid_bedragen(
    bedragen: list[Fraction],
    betalers: list[str | None],
    sleutel: Verdeelsleutel,
    vaste_delen: Mapping[str, Fraction],
    gronden: Grondslagen,
    direct: list[bool] | None = None,
) -> Bijdragen:
    """Amounts (euros, never negative) spread by the key, each with the municipality
    that pays it by binding (None: by inhabitants); ``direct`` items are paid wholly by
    that municipality (Jeugdwet), whatever the key."""
    bijdragen = Bijdragen(
        bedragen=bedragen,
        exact={code: Fraction(0) for code in gronden.actief},
    )
    deel_binding = deel_voor_binding(sleutel)
    for index, bedrag in enumerate(bedragen):
        if bedrag == 0:
            continue
        if direct is not None and direct[index]:
            bijdragen.direct(index, betalers[index], gronden)
        elif sleutel.soort is Sleutel.VAST:
            bijdragen.vast(index, vaste_delen)
        else:
            bijdragen.naar_binding(index, deel_binding, betalers[index], gronden)
    return bijdragen
