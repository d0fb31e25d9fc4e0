"""Export from A to B's card, import in B: the cases are the same in both vaults."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.exchange.conftest import Pair
from zorgapp.domain.codes import ToestemmingDoel
from zorgapp.domain.dossier import JournaalRegel, Partner, Toestemming
from zorgapp.domain.partners import PartnerRol
from zorgapp.exchange import importer
from zorgapp.exchange.format import UnknownSenderError
from zorgapp.services.dossier_service import DossierService
from zorgapp.store.dossiers import DossierRepository


def audit_actions(vault) -> list[tuple[str, str]]:
    with vault.read() as db:
        return [(r[0], r[1]) for r in db.execute("SELECT action, record_uuid FROM audit ORDER BY seq")]


def test_round_trip_gives_identical_cases_and_history(pair: Pair) -> None:
    bundle = pair.sa.exporteer(pair.uuids, pair.tmp / "overdracht", [pair.sb.kaart().age_recipient])
    assert bundle.pad.name == "overdracht.zorgbundle"
    assert bundle.pad.stat().st_mode & 0o077 == 0
    voorbeeld = pair.sb.bekijk(bundle.pad)
    assert voorbeeld.afzender_bekend and voorbeeld.afzender_geverifieerd
    assert voorbeeld.afzender.name == "Anna de Vries"
    assert [d.status for d in voorbeeld.dossiers] == [importer.NIEUW] * 3
    assert pair.count(pair.b) == 0  # a preview changes nothing

    result = pair.sb.importeer(voorbeeld)
    assert sorted(result.nieuw) == sorted(pair.uuids)
    assert pair.documents(pair.a) == pair.documents(pair.b)
    parts = pair.parts(pair.a)
    assert any(p["plaatsingen"] for p in parts.values()), "demo data should include a placement"
    assert parts == pair.parts(pair.b)
    with pair.b.read() as db:  # the shelter travels without its secret address
        assert db.execute("SELECT count(*) FROM opvang_locatie WHERE adres != '' OR actief = 1").fetchone()[0] == 0

    # history on both sides, and the audit trail
    sent = pair.sa.overdrachten(pair.uuids[0])
    assert [(h.richting, h.tegenpartij) for h in sent] == [("export", "Bob Jansen (Gemeente Leiden)")]
    got = pair.sb.overdrachten(pair.uuids[0])
    assert [(h.richting, h.tegenpartij) for h in got] == [("import", "Anna de Vries (Veilig Thuis IJsselland)")]
    assert ("export", pair.uuids[0]) in audit_actions(pair.a)
    assert ("import", pair.uuids[0]) in audit_actions(pair.b)
    assert pair.b.check() == []


def test_importing_the_same_bundle_again_changes_nothing(pair: Pair) -> None:
    bundle = pair.sa.exporteer(pair.uuids, pair.tmp / "x", [pair.sb.kaart().age_recipient])
    pair.sb.importeer(pair.sb.bekijk(bundle.pad))
    before = pair.documents(pair.b)
    audit_before = audit_actions(pair.b)
    again = pair.sb.bekijk(bundle.pad)
    assert again.al_ontvangen
    assert {d.status for d in again.dossiers} == {importer.GELIJK}
    result = pair.sb.importeer(again, dict.fromkeys(pair.uuids, importer.BOTH))
    assert result.al_ontvangen and result.gewijzigd == 0
    assert pair.documents(pair.b) == before
    assert audit_actions(pair.b) == audit_before
    assert len(pair.sb.overdrachten(pair.uuids[0])) == 1


def _change_in_b(pair: Pair, uuid: str) -> None:
    service = DossierService(pair.b)
    dossier = service.laad(uuid)
    dossier.journaal.append(JournaalRegel(datum=date(2025, 3, 1), tekst="Gesprek met advocaat"))
    service.opslaan(dossier)


@pytest.mark.parametrize("keuze", [importer.MINE, importer.THEIRS, importer.BOTH])
def test_conflict_choices(pair: Pair, keuze: str) -> None:
    uuid = pair.uuids[0]
    first = pair.sa.exporteer([uuid], pair.tmp / "1", [pair.sb.kaart().age_recipient])
    pair.sb.importeer(pair.sb.bekijk(first.pad))
    _change_in_b(pair, uuid)
    mine = pair.documents(pair.b)[uuid]
    second = pair.sa.exporteer([uuid], pair.tmp / "2", [pair.sb.kaart().age_recipient])
    voorbeeld = pair.sb.bekijk(second.pad)
    item = voorbeeld.dossiers[0]
    assert item.status == importer.ANDERS
    assert any(v.pad.startswith("journaal") and "advocaat" in v.mijn for v in item.verschillen)
    result = pair.sb.importeer(voorbeeld, {uuid: keuze})
    docs = pair.documents(pair.b)
    theirs = pair.documents(pair.a)[uuid]
    if keuze == importer.MINE:
        assert docs == {uuid: mine} and result.gewijzigd == 0
    elif keuze == importer.THEIRS:
        assert docs == {uuid: theirs} and result.vervangen == [uuid]
    else:
        assert len(docs) == 2 and docs[uuid] == mine
        (bron, new_uuid, nummer), = result.kopie
        assert bron == uuid and new_uuid != uuid and nummer != mine["dossiernummer"]
        copy = docs[new_uuid]
        assert copy["dossiernummer"] == nummer
        assert {k: v for k, v in copy.items() if k not in ("uuid", "dossiernummer")} == \
            {k: v for k, v in theirs.items() if k not in ("uuid", "dossiernummer")}
        assert pair.sb.overdrachten(new_uuid)[0].bron_uuid == uuid


def test_new_case_whose_number_is_taken_here_is_renumbered(pair: Pair) -> None:
    # B already has its own, different case with the same number as A's first case
    from zorgapp.services.demo import fill_demo

    fill_demo(pair.b, 1, seed=99)
    with pair.b.read() as db:
        (b_uuid,) = DossierRepository(db).all_uuids()
        b_nummer = DossierRepository(db).document(b_uuid)["dossiernummer"]
    target = next(u for u, d in pair.documents(pair.a).items() if d["dossiernummer"] == b_nummer)
    bundle = pair.sa.exporteer([target], pair.tmp / "x", [pair.sb.kaart().age_recipient])
    voorbeeld = pair.sb.bekijk(bundle.pad)
    assert voorbeeld.dossiers[0].nummer_bezet
    result = pair.sb.importeer(voorbeeld)
    ((uuid, nummer),) = result.hernummerd
    assert uuid == target and nummer != b_nummer
    assert pair.documents(pair.b)[b_uuid]["dossiernummer"] == b_nummer


def test_unknown_sender_needs_explicit_permission(tmp_path) -> None:
    from tests.unit.exchange.conftest import make_pair

    p = make_pair(tmp_path, b_knows_a=False)
    bundle = p.sa.exporteer(p.uuids, p.tmp / "x", [p.sb.kaart().age_recipient])
    voorbeeld = p.sb.bekijk(bundle.pad)
    assert not voorbeeld.afzender_bekend
    with pytest.raises(UnknownSenderError) as info:
        p.sb.importeer(voorbeeld)
    assert voorbeeld.afzender.fingerprint in info.value.user_message()
    assert p.count(p.b) == 0
    p.sb.importeer(voorbeeld, allow_unknown_sender=True)
    assert p.count(p.b) == 3
    p.a.lock()
    p.b.lock()


def test_consent_warning_lists_cases_without_consent_for_sharing(pair: Pair) -> None:
    service = DossierService(pair.a)
    uuid = pair.uuids[0]
    dossier = service.laad(uuid)
    dossier.toestemmingen = [t for t in dossier.toestemmingen if t.doel is not ToestemmingDoel.DELEN_PARTNER]
    service.opslaan(dossier)
    nummer = dossier.dossiernummer
    assert nummer in pair.sa.zonder_toestemming([uuid])
    partner = Partner(naam="Gemeente Leiden", rol=PartnerRol.ANDERS,
                      toelichting="zorgcoördinatie")
    dossier.partners.append(partner)
    dossier.toestemmingen.append(Toestemming(doel=ToestemmingDoel.DELEN_PARTNER, datum=date(2024, 1, 5),
                                             partner=partner.uuid, gegeven_door="Voogd"))
    service.opslaan(dossier)
    result = pair.sa.exporteer([uuid], pair.tmp / "x", [pair.sb.kaart().age_recipient])
    assert nummer not in result.zonder_toestemming


def test_passphrase_bundle_round_trip_and_wrong_passphrase(pair: Pair) -> None:
    from zorgapp.exchange.format import BundlePassphraseError

    zin = "een lange gedeelde wachtwoordzin"
    bundle = pair.sa.exporteer(pair.uuids[:1], pair.tmp / "pw", wachtwoordzin=zin)
    with pytest.raises(BundlePassphraseError) as info:
        pair.sb.bekijk(bundle.pad, "verkeerde wachtwoordzin hier")
    assert info.value.exit_code == 2
    with pytest.raises(BundlePassphraseError):
        pair.sb.bekijk(bundle.pad)
    assert pair.count(pair.b) == 0
    pair.sb.importeer(pair.sb.bekijk(bundle.pad, zin))
    assert pair.documents(pair.b)[pair.uuids[0]] == pair.documents(pair.a)[pair.uuids[0]]


@pytest.mark.parametrize(("dag", "opnieuw"), [(0, 0), (1, 3)])
def test_import_checks_the_documents_again_only_on_another_day(
        pair: Pair, monkeypatch: pytest.MonkeyPatch, dag: int, opnieuw: int) -> None:
    """The domain's check of a document depends on the day, not on the vault: the import
    reuses what its preview checked that day, and checks again on any other."""
    from datetime import timedelta

    bundle = pair.sa.exporteer(pair.uuids, pair.tmp / "overdracht", [pair.sb.kaart().age_recipient])
    vandaag = date.today()
    voorbeeld = pair.sb.bekijk(bundle.pad)
    assert voorbeeld.vandaag == vandaag
    checked: list[str] = []
    original = importer._normalise

    def counting(doc: dict, day: date) -> dict:
        checked.append(doc["uuid"])
        return original(doc, day)

    monkeypatch.setattr(importer, "_normalise", counting)
    with pair.b.transaction() as db:
        result = importer.apply(db, voorbeeld, {}, prefix="HM", deadline_for=lambda _db, _d: [],
                                actor="bob", vandaag=vandaag + timedelta(days=dag))
    assert len(checked) == opnieuw
    assert sorted(result.nieuw) == sorted(pair.uuids)
