"""The dossier list without search text is kept until something but the audit trail
is written (issue 15: clearing the search box re-read every id at 100,000)."""

from __future__ import annotations

from datetime import date

from zorgapp.services.demo import fill_demo
from zorgapp.services.dossier_service import DossierService
from zorgapp.store.dossiers import Filter


def test_the_list_is_kept_across_searches_and_follows_every_change(vault) -> None:
    fill_demo(vault, 5, seed=3, vandaag=date(2026, 11, 22))
    service = DossierService(vault)
    queries: list[str] = []
    vault.conn.set_trace_callback(lambda sql: queries.append(sql) if "SELECT id FROM" in sql
                                  else None)
    alle = service.zoek(Filter(), audit_search=False)
    assert len(alle) == 5
    assert service.zoek(Filter(zoek="a"), audit_search=True) is not None  # audited search
    service.noteer_zoekopdracht(3)
    kept = service.zoek(Filter(), audit_search=False)
    assert kept == alle and len(queries) == 2  # the text search only
    kept.clear()  # a copy: the caller's to change
    assert service.zoek(Filter(), audit_search=False) == alle
    assert service.zoek(Filter(), "naam", False, audit_search=False) != [] and len(queries) == 3
    laatste = service.zoek(Filter(), "naam", False, audit_search=False)[-1]
    with vault.transaction() as db:  # a change: read again
        db.execute("UPDATE dossier SET naam = 'Aaaa' WHERE id = ?", (laatste,))
    assert service.zoek(Filter(), "naam", False, audit_search=False)[0] == laatste
    assert len(queries) == 4
    vault.conn.set_trace_callback(None)
