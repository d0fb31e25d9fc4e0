"""The dossier view's privacy menu and restriction banner (issue 14 parts 3 and 5).

"Privacy ▾" offers: inzage / gegevens meegeven (PDF and JSON into a chosen folder),
who opened this case, record a correction (art. 16), restrict or lift the restriction
(art. 18). The banner says plainly when the case is restricted. Everything runs on the
view's worker through the services, which audit it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QLabel, QMenu, QMessageBox, QToolButton

from zorgapp.i18n import _
from zorgapp.services.inzage_service import InzageService
from zorgapp.services.logboek_service import LogboekService, LogRegel
from zorgapp.services.privacy_service import PrivacyService
from zorgapp.ui.dialogs.privacy_dialogs import IngezienDialog, RedenDialog
from zorgapp.ui.tasks import message_for

if TYPE_CHECKING:
    from zorgapp.ui.dossier.view import DossierView

BANNER_STYLE = ("background: #fdecea; color: #8a1010; border: 1px solid #a61b1b; "
                "padding: 6px; font-weight: bold;")


class PrivacyActies:
    """The menu button and the banner; ``toon(beperkt)`` after every load."""

    def __init__(self, view: DossierView) -> None:
        self.view = view
        self.beperkt = False
        self.button = QToolButton()
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.button.setMenu(self.menu)
        self.inzage_action = self.menu.addAction("", self.inzage)
        self.ingezien_action = self.menu.addAction("", self.ingezien)
        self.menu.addSeparator()
        self.correctie_action = self.menu.addAction("", self.correctie)
        self.beperk_action = self.menu.addAction("", self.beperk_of_hef_op)
        self.balk = QLabel()
        self.balk.setWordWrap(True)
        self.balk.setStyleSheet(BANNER_STYLE)
        self.balk.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(_("Privacy"))
        self.button.setAccessibleName(_("Privacy: inzage, logboek, correctie, beperking"))
        self.inzage_action.setText(_("Inzage / gegevens meegeven…"))
        self.ingezien_action.setText(_("Wie heeft dit dossier ingezien…"))
        self.correctie_action.setText(_("Correctie vastleggen (art. 16)…"))
        self.beperk_action.setText(_("Beperking opheffen…") if self.beperkt
                                   else _("Verwerking beperken (art. 18)…"))
        self.balk.setText(_("Verwerking beperkt (art. 18 AVG): dit dossier wordt bewaard, "
                            "maar niet gebruikt of gedeeld. Brieven en overdracht zijn "
                            "geblokkeerd."))
        self.balk.setAccessibleName(self.balk.text())

    def toon(self, beperkt: bool) -> None:
        self.beperkt = beperkt
        self.balk.setVisible(beperkt)
        self.retranslate()

    def clear(self) -> None:
        self.toon(False)

    # -- actions -----------------------------------------------------------------------

    def _klaar(self) -> bool:
        return self.view.dossier is not None and self.view.service is not None

    def inzage(self) -> None:
        if not self._klaar():
            return
        view, dossier = self.view, self.view.dossier
        assert dossier is not None and view.service is not None
        folder = QFileDialog.getExistingDirectory(
            view, _("Map voor de inzage van dossier {nummer}").format(nummer=dossier.dossiernummer))
        if not folder:
            return
        antwoord = QMessageBox.question(
            view, _("Bijlagen meegeven?"),
            _("Ook de bijlagen zelf als losse bestanden in deze map zetten? Zonder dat staat "
              "alleen de lijst van bijlagen (naam, soort, grootte) in de inzage."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        bijlagen = antwoord == QMessageBox.StandardButton.Yes
        service = InzageService(view.service.vault, actor=view.service.actor)
        nummer = dossier.dossiernummer
        view.tasks.run(lambda: service.schrijf(nummer, Path(folder), bijlagen=bijlagen),
                       on_done=lambda paden: view._show_message(
                           _("Inzage opgeslagen: {pdf} en {json}").format(
                               pdf=paden[0].name, json=paden[1].name), ok=True),
                       on_error=lambda exc: view._show_message(message_for(exc), ok=False),
                       owner=view)

    def ingezien(self) -> None:
        if not self._klaar():
            return
        view, dossier = self.view, self.view.dossier
        assert dossier is not None and view.service is not None
        service = LogboekService(view.service.vault, actor=view.service.actor)
        uuid, nummer = dossier.uuid, dossier.dossiernummer

        def toon(regels: list[LogRegel]) -> None:
            dialog = IngezienDialog(nummer, regels, view)
            dialog.finished.connect(dialog.deleteLater)
            dialog.open()
            self.dialog = dialog

        view.tasks.run(lambda: service.voor_dossier(uuid), on_done=toon,
                       on_error=lambda exc: view._show_message(message_for(exc), ok=False),
                       owner=view)

    def correctie(self) -> None:
        dialog = RedenDialog(_("Correctie vastleggen"), _(
            "Leg vast welke gegevens op verzoek van de cliënt zijn verbeterd (art. 16 AVG). "
            "Verbeter de gegevens zelf in het dossier zoals altijd."), velden=True,
            parent=self.view)
        if dialog.exec() == RedenDialog.DialogCode.Accepted:
            velden, reden = dialog.veldnamen(), dialog.reden.text()
            self._vastleggen(lambda s, u: s.correctie(u, velden, reden),
                             _("Correctie vastgelegd."))

    def beperk_of_hef_op(self) -> None:
        if self.beperkt:
            titel, uitleg, klaar = _("Beperking opheffen"), _(
                "Waarom mag dit dossier weer gebruikt en gedeeld worden?"), _("Beperking opgeheven.")
        else:
            titel, uitleg, klaar = _("Verwerking beperken"), _(
                "Het dossier blijft bewaard, maar wordt niet gebruikt of gedeeld (art. 18 "
                "AVG): geen brieven en geen overdracht tot de beperking is opgeheven."), _(
                "Verwerking beperkt.")
        dialog = RedenDialog(titel, uitleg, parent=self.view)
        if dialog.exec() != RedenDialog.DialogCode.Accepted:
            return
        reden, aan = dialog.reden.text(), not self.beperkt
        self._vastleggen(lambda s, u: s.beperk(u, reden) if aan else s.hef_op(u, reden), klaar)

    def _vastleggen(self, doe: Callable[[PrivacyService, str], object], klaar: str) -> None:
        if not self._klaar():
            return
        view, dossier = self.view, self.view.dossier
        assert dossier is not None and view.service is not None
        service = PrivacyService(view.service.vault, actor=view.service.actor)
        uuid = dossier.uuid
        view.tasks.run(lambda: doe(service, uuid), on_done=lambda _e: view._applied(klaar),
                       on_error=lambda exc: view._show_message(message_for(exc), ok=False),
                       owner=view)
