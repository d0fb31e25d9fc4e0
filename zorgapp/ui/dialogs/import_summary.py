"""What an import did, in words: shown in the import dialog after Importeren, which
used to close without a word."""

from __future__ import annotations

from typing import Any

from zorgapp.i18n import _, ngettext


def sender_text(card: Any) -> str:
    """ "Anna de Vries — Veilig Thuis (IJsselland)" without empty parts (never "root —  ()")."""
    naam = " — ".join(x for x in (card.name, card.organisation) if (x or "").strip())
    if (card.region or "").strip():
        naam = f"{naam} ({card.region})" if naam else card.region
    return naam or card.fingerprint


def _nummers(uuids: list[str], nummers: dict[str, str]) -> str:
    shown = [nummers.get(u, u[:8]) for u in uuids[:8]]
    return ", ".join(shown) + (" …" if len(uuids) > 8 else "")


def import_summary(result: Any, nummers: dict[str, str]) -> str:
    """One line per kind of change, dossier numbers included; ``nummers`` maps uuid to
    the number shown in the preview."""
    if result.al_ontvangen:
        return _("Deze bundel was al eerder ingelezen; er is niets veranderd.")
    renumbered = dict(result.hernummerd)
    regels = [_("Ingelezen van {afzender}:").format(afzender=result.afzender)]
    if result.nieuw:
        n = len(result.nieuw)
        shown = {u: renumbered.get(u, nummers.get(u, u[:8])) for u in result.nieuw}
        regels.append(ngettext("{n} nieuw dossier: {nummers}", "{n} nieuwe dossiers: {nummers}", n).format(
            n=n, nummers=_nummers(result.nieuw, shown)))
    if result.vervangen:
        n = len(result.vervangen)
        regels.append(ngettext("{n} dossier bijgewerkt: {nummers}", "{n} dossiers bijgewerkt: {nummers}",
                               n).format(n=n, nummers=_nummers(result.vervangen, nummers)))
    if result.kopie:
        n = len(result.kopie)
        regels.append(ngettext("{n} dossier als kopie naast het eigen dossier: {nummers}",
                               "{n} dossiers als kopie naast de eigen dossiers: {nummers}", n).format(
            n=n, nummers=", ".join(nummer for _bron, _uuid, nummer in result.kopie[:8])))
    if result.hernummerd:
        n = len(result.hernummerd)
        regels.append(ngettext("{n} dossier kreeg een nieuw nummer (het nummer was hier al in gebruik).",
                               "{n} dossiers kregen een nieuw nummer (het nummer was hier al in gebruik).",
                               n).format(n=n))
    if result.ongewijzigd:
        n = len(result.ongewijzigd)
        regels.append(ngettext("{n} dossier ongewijzigd.", "{n} dossiers ongewijzigd.", n).format(n=n))
    if not result.gewijzigd:
        regels.append(_("Er is niets veranderd."))
    return "\n".join(regels)
