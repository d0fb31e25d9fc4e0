"""A demo vault appears whole or not at all (issue 11, item 13: a killed ``zorgapp demo``
left an empty vault at the path, and the next demo there said "Er staat al een kluis")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE
from zorgapp.services import demo
from zorgapp.store.vault import Vault


def _cases(path: Path) -> int:
    vault = Vault.unlock(path, PASSPHRASE)
    try:
        with vault.read() as db:
            return int(db.execute("SELECT count(*) FROM dossier").fetchone()[0])
    finally:
        vault.lock()


def test_demo_vault_has_its_cases(tmp_path: Path) -> None:
    result = demo.make_demo_vault(tmp_path / "demo.zorg", 12, PASSPHRASE)
    assert result.passphrase == PASSPHRASE
    assert _cases(tmp_path / "demo.zorg") == 12


def test_demo_that_fails_while_filling_leaves_nothing(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real_fill = demo.fill_demo

    def fill_then_die(vault: Vault, n: int, **kwargs: object) -> int:
        real_fill(vault, n)  # the cases are in, the vault is not yet in place
        raise KeyboardInterrupt

    monkeypatch.setattr(demo, "fill_demo", fill_then_die)
    path = tmp_path / "demo.zorg"
    with pytest.raises(KeyboardInterrupt):
        demo.make_demo_vault(path, 5, PASSPHRASE)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    monkeypatch.setattr(demo, "fill_demo", real_fill)
    demo.make_demo_vault(path, 5, PASSPHRASE)  # not "Er staat al een kluis"
    assert _cases(path) == 5


def test_demo_names_and_languages_fit_the_nationality() -> None:
    from datetime import date

    from zorgapp.domain.codes import Geslacht
    from zorgapp.services import demo_names
    from zorgapp.services.demo import DemoGenerator

    generator = DemoGenerator(vandaag=date(2026, 11, 1))
    pools = generator.rules["names"]["pools"]
    for dossier in generator.dossiers(300):
        p = dossier.persoon
        land = p.nationaliteiten[0]
        pool = pools.get("CO_VE" if land in ("CO", "VE") else land) or demo_names.EXTRA_POOLS[land]
        voornaam = p.naam.split(" ", 1)[0]
        assert voornaam in pool["given_f"] + pool["given_m"], (land, p.naam)
        if land == "PL" and p.geslacht is Geslacht.VROUW:
            assert not p.naam.endswith("ski")
        assert p.talen == [demo_names.language(land)]


def test_nationally_paid_places_have_a_day_rate() -> None:
    import random
    from datetime import date

    from zorgapp.domain.opvang import LANDELIJK_GEFINANCIERD, OpvangType
    from zorgapp.services.demo import rules
    from zorgapp.services.demo_opvang import _locaties

    locaties = _locaties(random.Random(1), rules(), date(2026, 11, 1))
    for locatie in locaties:
        if locatie.type in (OpvangType.COSM, OpvangType.OMM):
            assert locatie.type in LANDELIJK_GEFINANCIERD  # shown, never allocated
            tarief = locatie.tarief_op(date(2026, 6, 1))
            assert tarief is not None and tarief.dagtarief > 0
