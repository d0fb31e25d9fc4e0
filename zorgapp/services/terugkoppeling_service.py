"""Use cases of two duties towards partners: feedback to the melder of a signal and
the RIEC referral once a perpetrator is known (rules in ``domain.terugkoppeling``).

The feedback term is a setting of the region, kept in the vault (``meta``), so every
coordinator of the vault works with the same term; changing it is audited.
"""

from __future__ import annotations

from zorgapp.domain.dossier import Dossier
from zorgapp.domain.terugkoppeling import (
    TERUGKOPPELTERMIJN_SLEUTEL,
    RiecVerwijzing,
    Terugkoppeling,
    controleer_termijn,
    terugkoppeltermijn,
)
from zorgapp.errors import N_, ValidationError
from zorgapp.services.dossier_service import DossierService
from zorgapp.store import audit


class TerugkoppelingService(DossierService):
    # -- the region setting ------------------------------------------------------------

    def termijn(self) -> int:
        """Days between a signal and the feedback to its melder."""
        return terugkoppeltermijn(self.vault.meta(TERUGKOPPELTERMIJN_SLEUTEL))

    def zet_termijn(self, dagen: int) -> None:
        """A new term, for signals recorded from now on (earlier ones keep their date)."""
        controleer_termijn(dagen)
        with self.vault.transaction() as db:
            db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       (TERUGKOPPELTERMIJN_SLEUTEL, str(dagen)))
            self.vault.audit.record(audit.CHANGE, record_type="instelling",
                                    record_uuid=TERUGKOPPELTERMIJN_SLEUTEL,
                                    fields=[TERUGKOPPELTERMIJN_SLEUTEL], actor=self.actor)

    # -- one case ----------------------------------------------------------------------

    def terugkoppeling_vastleggen(self, uuid: str, melding_uuid: str,
                                  terugkoppeling: Terugkoppeling) -> Dossier:
        """Record that (and how) the melder heard what became of their signal."""
        dossier = self.laad(uuid)
        melding = next((m for m in dossier.meldingen if m.uuid == melding_uuid), None)
        if melding is None:
            raise ValidationError(N_("Deze melding hoort niet bij het dossier."))
        terugkoppeling.auteur = self.actor
        melding.koppel_terug(terugkoppeling, self.vandaag)
        self.opslaan(dossier)
        return dossier

    def riec_vastleggen(self, uuid: str, verwijzing: RiecVerwijzing) -> Dossier:
        """The answer to "was the case referred to the RIEC?" (yes with date and
        reference, or not yet)."""
        verwijzing.valideer(self.vandaag)
        verwijzing.auteur = self.actor
        dossier = self.laad(uuid)
        dossier.riec = verwijzing
        self.opslaan(dossier)
        return dossier
