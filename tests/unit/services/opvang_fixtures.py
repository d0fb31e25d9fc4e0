"""Shared helpers for the opvang/allocation service tests: a dossier at a stage."""

from __future__ import annotations

from datetime import date

from zorgapp.domain.codes import Fase, MelderType, Uitbuitingsvorm
from zorgapp.domain.dossier import Melding
from zorgapp.domain.persoon import Persoon
from zorgapp.services.dossier_service import DossierService
from zorgapp.store.vault import Vault

VANDAAG = date(2026, 6, 30)


def dossier(vault: Vault, *, gemeente: str = "", melddatum: date = date(2026, 1, 2),
            fasen: tuple[tuple[Fase, date], ...] = ((Fase.INTAKE, date(2026, 1, 5)),),
            naam: str = "Ana Popescu") -> str:
    service = DossierService(vault, actor="test", vandaag=lambda: VANDAAG)
    d = service.nieuwe_melding(
        Persoon(naam=naam, gemeente_van_binding=gemeente),
        Melding(datum=melddatum, melder_type=MelderType.POLITIE,
                vormen=[Uitbuitingsvorm.ARBEID]))
    for fase, datum in fasen:
        service.overgang(d.uuid, fase, datum, "test")
    return d.uuid
