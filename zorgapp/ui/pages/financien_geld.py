"""Financiën: the key dialog, issuing (vaststellen) a statement, and what the screen says
about a statement's status, corrections, settlement and handed-over history.

A mixin of ``FinancienPage`` (kept apart so the page stays small): it uses the page's
``vault``, ``ctx``, ``uitkomst``, ``periode_keuze``, ``bereken`` and ``_status``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from zorgapp.i18n import _, format_money
from zorgapp.services.allocation_service import AllocationService, Uitkomst
from zorgapp.ui.tasks import message_for

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


def _euro(centen: int) -> str:
    return format_money(Decimal(centen).scaleb(-2))


def vaststelling_tekst(u: Uitkomst) -> str:
    """One paragraph: issued or draft, corrections carried, settlement, history."""
    delen = [_("Vastgesteld (bevroren); latere wijzigingen komen als correctie in de "
               "volgende periode.") if u.vastgesteld else
             _("Concept: nog niet vastgesteld.")]
    if u.correcties:
        delen.append(_("Correcties op eerder vastgestelde perioden: {bedrag}.").format(
            bedrag=_euro(sum(c.centen for c in u.correcties))))
    if u.verrekening is not None:
        afwijkend = sum(1 for n in u.verrekening.values() if n)
        delen.append(_("Verrekening met de kwartalen: {aantal} gemeenten, samen {bedrag}.").format(
            aantal=afwijkend, bedrag=_euro(sum(u.verrekening.values()))))
    for wie, n in sorted(u.elders_betaald.items()):
        delen.append(_("Betaald door regio {regio} (vóór de overname, niet verdeeld): "
                       "{bedrag}.").format(regio=wie or "–", bedrag=_euro(n)))
    # a line spread over many municipalities appears in each share: count it once
    regels = {(r.bron_uuid, r.van): r.bedenktijd_nachten
              for a in u.verdeling.aandelen for r in a.regels}
    if nachten := sum(regels.values()):
        delen.append(_("Let op: {nachten} nachten van gemeentelijke plaatsingen vallen in "
                       "een bedenktijd.").format(nachten=nachten))
    return " ".join(delen)


class GeldActies:
    """Buttons "Verdeelsleutel…" and "Vaststellen…" and the status line under the summary."""

    vault: Vault | None
    ctx: Any
    uitkomst: Uitkomst | None
    _vandaag: Callable[[], date]
    #: Asks "issue this period?"; tests replace it. Returns True to go on.
    bevestig_vaststellen: Callable[[str], bool]

    def _build_geld(self, top: QHBoxLayout, outer: Any) -> None:
        self.sleutel_button = QPushButton()
        self.sleutel_button.clicked.connect(self.bewerk_sleutel)
        top.addWidget(self.sleutel_button)
        self.vaststel_button = QPushButton()
        self.vaststel_button.clicked.connect(self.stel_vast)
        top.addWidget(self.vaststel_button)
        self.vaststelling_label = QLabel()
        self.vaststelling_label.setWordWrap(True)
        outer.addWidget(self.vaststelling_label)
        self.bevestig_vaststellen = self._vraag_vaststellen

    def _retranslate_geld(self) -> None:
        self.sleutel_button.setText(_("&Verdeelsleutel…"))
        self.sleutel_button.setAccessibleName(_("Verdeelsleutel van de regio instellen"))
        self.vaststel_button.setText(_("Vast&stellen…"))
        self.vaststel_button.setAccessibleName(_("Kostenverdeling van deze periode vaststellen"))
        self.vaststelling_label.setAccessibleName(_("Status van de kostenverdeling"))

    def _update_geld(self, open_: bool) -> None:
        self.sleutel_button.setEnabled(open_)
        u = self.uitkomst
        self.vaststel_button.setEnabled(open_ and u is not None and not u.vastgesteld
                                        and u.tot <= self._vandaag())

    def _toon_vaststelling(self, u: Uitkomst | None) -> None:
        self.vaststelling_label.setText("" if u is None else vaststelling_tekst(u))

    def bewerk_sleutel(self) -> None:
        if self.vault is None:
            return
        from zorgapp.ui.dialogs.sleutel_dialog import SleutelDialog

        if SleutelDialog(self.vault, self._widget(), vandaag=self._vandaag).exec():
            self.bereken()  # type: ignore[attr-defined]

    def _widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def _vraag_vaststellen(self, periode: str) -> bool:
        antwoord = QMessageBox.question(
            self._widget(), _("Kostenverdeling vaststellen"),
            _("De kostenverdeling over {periode} vaststellen? Daarna verandert ze niet meer; "
              "latere wijzigingen komen als correctie in de volgende periode.").format(
                periode=periode))
        return antwoord == QMessageBox.StandardButton.Yes

    def stel_vast(self) -> None:
        u = self.uitkomst
        if self.vault is None or u is None:
            return
        jaar, kwartaal, maand = self.periode_keuze()  # type: ignore[attr-defined]
        from zorgapp.i18n import format_date

        periode = _("{van} t/m {tot}").format(van=format_date(u.van),
                                              tot=format_date(u.laatste_dag))
        if not self.bevestig_vaststellen(periode):
            return
        from zorgapp.services.allocation_statement import stel_vast

        service = AllocationService(self.vault, vandaag=self._vandaag)

        def klaar(_result: object) -> None:
            self._status(_("Kostenverdeling over {periode} vastgesteld.").format(  # type: ignore[attr-defined]
                periode=periode))
            self.bereken()  # type: ignore[attr-defined]

        self.ctx.tasks.run(lambda: stel_vast(service, jaar, kwartaal, maand, actor="gui"),
                           on_done=klaar,
                           on_error=lambda e: self._status(message_for(e), fout=True),  # type: ignore[attr-defined]
                           owner=self._widget())
