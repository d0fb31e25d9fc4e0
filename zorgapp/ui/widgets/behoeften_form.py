"""The "Opvang en veiligheid" tab: what a shelter needs to know, as one form.

Children, safety agreements, care needs and the CoMensha reference are edited here and
saved together; the placement letter prints them (DOMAIN.md §7). Yes/no questions
have a third answer, "onbekend", because "not asked yet" is not "no".
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from zorgapp.domain.opvangbehoeften import (
    Kind,
    Opvangbehoeften,
    Veiligheid,
    Zorgbehoeften,
)
from zorgapp.i18n import _
from zorgapp.ui.models.dossier_tab_models import KindTableModel
from zorgapp.ui.widgets.forms import OptionalDate


class JaNeeOnbekend(QComboBox):
    """Onbekend / Ja / Nee, mapping to ``None`` / ``True`` / ``False``."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.addItem(_("Onbekend"), None)
        self.addItem(_("Ja"), True)
        self.addItem(_("Nee"), False)

    def value(self) -> bool | None:
        return [None, True, False][self.currentIndex()]

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex({None: 0, True: 1, False: 2}[value])


def _tekstvak(name: str, placeholder: str = "") -> QPlainTextEdit:
    veld = QPlainTextEdit()
    veld.setAccessibleName(name)
    veld.setPlaceholderText(placeholder)
    veld.setTabChangesFocus(True)
    veld.setFixedHeight(veld.fontMetrics().lineSpacing() * 3 + 12)
    return veld


def _rij(form: QFormLayout, label: str, *velden: QWidget) -> None:
    """One form row of several widgets, the label's shortcut going to the first one."""
    houder = QWidget()
    rij = QHBoxLayout(houder)
    rij.setContentsMargins(0, 0, 0, 0)
    for veld in velden:
        rij.addWidget(veld, 1 if isinstance(veld, QLineEdit | OptionalDate) else 0)
    rij.addStretch(0 if any(isinstance(v, QLineEdit) for v in velden) else 1)
    tekst = QLabel(label)
    tekst.setBuddy(velden[0])
    form.addRow(tekst, houder)


class KindDialog(QDialog):
    """Add a child: name, birth date if known, whether it comes along."""

    def __init__(self, vandaag: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Kind toevoegen"))
        self.setAccessibleName(_("Kind toevoegen"))
        form = QFormLayout(self)
        self.naam_edit = QLineEdit()
        self.naam_edit.setAccessibleName(_("Naam van het kind"))
        form.addRow(_("&Naam:"), self.naam_edit)
        self.geboortedatum = OptionalDate(_("Bekend"), date(vandaag.year - 5, 1, 1), vandaag)
        self.geboortedatum.edit.setAccessibleName(_("Geboortedatum van het kind"))
        form.addRow(_("&Geboortedatum:"), self.geboortedatum)
        self.mee_check = QCheckBox(_("Komt mee naar de opvang"))
        self.mee_check.setChecked(True)
        form.addRow("", self.mee_check)
        self.bijzonderheden_edit = QLineEdit()
        self.bijzonderheden_edit.setAccessibleName(_("Bijzonderheden"))
        form.addRow(_("&Bijzonderheden:"), self.bijzonderheden_edit)
        knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        knoppen.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        knoppen.accepted.connect(self.accept)
        knoppen.rejected.connect(self.reject)
        form.addRow(knoppen)

    def kind(self) -> Kind:
        return Kind(naam=self.naam_edit.text().strip(),
                    geboortedatum=self.geboortedatum.value(),
                    gaat_mee=self.mee_check.isChecked(),
                    bijzonderheden=self.bijzonderheden_edit.text().strip())


class BehoeftenForm(QWidget):
    """Edits an ``Opvangbehoeften``; ``behoeften()`` gives the new value to save."""

    def __init__(self, vandaag: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vandaag = vandaag or date.today()
        self._kinderen: list[Kind] = []
        layout = QVBoxLayout(self)
        algemeen = QFormLayout()
        self.comensha_edit = QLineEdit()
        self.comensha_edit.setAccessibleName(_("Kenmerk CoMensha"))
        self.comensha_edit.setPlaceholderText(_("Kenmerk van de aanmelding bij CoMensha"))
        algemeen.addRow(_("Kenmerk Co&Mensha:"), self.comensha_edit)
        layout.addLayout(algemeen)
        layout.addWidget(self._build_kinderen())
        layout.addWidget(self._build_veiligheid())
        layout.addWidget(self._build_zorg())
        layout.addStretch(1)

    def _build_kinderen(self) -> QGroupBox:
        kinderen = QGroupBox(_("Kinderen"))
        kinderen_layout = QVBoxLayout(kinderen)
        self.kinderen_model = KindTableModel(self)
        self.kinderen_view = QTreeView()
        self.kinderen_view.setModel(self.kinderen_model)
        self.kinderen_view.setAccessibleName(_("Kinderen"))
        self.kinderen_view.setRootIsDecorated(False)
        self.kinderen_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.kinderen_view.setMaximumHeight(110)
        kinderen_layout.addWidget(self.kinderen_view)
        rij = QHBoxLayout()
        self.kind_toevoegen_button = QPushButton(_("&Kind toevoegen…"))
        self.kind_toevoegen_button.clicked.connect(self.kind_toevoegen)
        self.kind_verwijderen_button = QPushButton(_("Kind &verwijderen"))
        self.kind_verwijderen_button.clicked.connect(self.kind_verwijderen)
        rij.addWidget(self.kind_toevoegen_button)
        rij.addWidget(self.kind_verwijderen_button)
        rij.addStretch(1)
        kinderen_layout.addLayout(rij)
        return kinderen

    def _build_veiligheid(self) -> QGroupBox:
        veiligheid = QGroupBox(_("Veiligheid"))
        vform = QFormLayout(veiligheid)
        self.daders_combo = JaNeeOnbekend(_("Daders mogelijk in de buurt"))
        self.daders_edit = QLineEdit()
        self.daders_edit.setAccessibleName(_("Toelichting daders"))
        self.daders_edit.setPlaceholderText(_("Bijv. waar de uitbuiter woont"))
        _rij(vform, _("&Daders in de buurt:"), self.daders_combo, self.daders_edit)
        self.geheim_combo = JaNeeOnbekend(_("Geheim adres nodig"))
        _rij(vform, _("Geheim &adres nodig:"), self.geheim_combo)
        self.telefoon_edit = _tekstvak(_("Afspraken telefoon en sociale media"))
        vform.addRow(_("Afspraken &telefoon en sociale media:"), self.telefoon_edit)
        self.vertrek_edit = _tekstvak(_("Afspraak bij vertrek of vermissing"),
                                      _("Wie de opvang belt als de cliënt vertrekt"))
        vform.addRow(_("Afspraak bij &vertrek of vermissing:"), self.vertrek_edit)
        return veiligheid

    def _build_zorg(self) -> QGroupBox:
        zorg = QGroupBox(_("Zorgbehoeften"))
        zform = QFormLayout(zorg)
        self.medisch_edit = _tekstvak(_("Medisch"))
        zform.addRow(_("&Medisch:"), self.medisch_edit)
        self.ggz_edit = _tekstvak(_("GGZ"))
        zform.addRow(_("&GGZ:"), self.ggz_edit)
        self.medicatie_edit = _tekstvak(_("Medicatie"))
        zform.addRow(_("Medi&catie:"), self.medicatie_edit)
        self.zwanger_combo = JaNeeOnbekend(_("Zwanger"))
        self.uitgerekend = OptionalDate(_("Uitgerekend op"), self._vandaag)
        _rij(zform, _("&Zwanger:"), self.zwanger_combo, self.uitgerekend)
        return zorg

    # -- children ------------------------------------------------------------------

    def kind_dialog(self) -> KindDialog:
        return KindDialog(self._vandaag, self)

    def kind_toevoegen(self) -> None:
        dialog = self.kind_dialog()
        if dialog.exec():
            self._kinderen.append(dialog.kind())
            self._toon_kinderen()

    def kind_verwijderen(self) -> None:
        rij = self.kinderen_view.currentIndex().row()  # -1: none chosen
        if 0 <= rij < len(self._kinderen):
            del self._kinderen[rij]
            self._toon_kinderen()

    def _toon_kinderen(self) -> None:
        self.kinderen_model.set_rows(self._kinderen)

    # -- value ---------------------------------------------------------------------

    def behoeften(self) -> Opvangbehoeften:
        """The edited value; the domain refuses impossible combinations on saving."""
        return Opvangbehoeften(
            comensha_kenmerk=self.comensha_edit.text().strip(),
            kinderen=list(self._kinderen),
            veiligheid=Veiligheid(
                daders_in_de_buurt=self.daders_combo.value(),
                daders_toelichting=self.daders_edit.text().strip(),
                geheim_adres_nodig=self.geheim_combo.value(),
                telefoon_afspraken=self.telefoon_edit.toPlainText().strip(),
                bij_vertrek=self.vertrek_edit.toPlainText().strip(),
            ),
            zorg=Zorgbehoeften(
                medisch=self.medisch_edit.toPlainText().strip(),
                ggz=self.ggz_edit.toPlainText().strip(),
                medicatie=self.medicatie_edit.toPlainText().strip(),
                zwanger=self.zwanger_combo.value(),
                uitgerekend_op=self.uitgerekend.value(),
            ),
        )

    def set_behoeften(self, b: Opvangbehoeften, vandaag: date | None = None) -> None:
        if vandaag is not None:
            self._vandaag = vandaag
        self.comensha_edit.setText(b.comensha_kenmerk)
        self._kinderen = list(b.kinderen)
        self._toon_kinderen()
        self.daders_combo.set_value(b.veiligheid.daders_in_de_buurt)
        self.daders_edit.setText(b.veiligheid.daders_toelichting)
        self.geheim_combo.set_value(b.veiligheid.geheim_adres_nodig)
        self.telefoon_edit.setPlainText(b.veiligheid.telefoon_afspraken)
        self.vertrek_edit.setPlainText(b.veiligheid.bij_vertrek)
        self.medisch_edit.setPlainText(b.zorg.medisch)
        self.ggz_edit.setPlainText(b.zorg.ggz)
        self.medicatie_edit.setPlainText(b.zorg.medicatie)
        self.zwanger_combo.set_value(b.zorg.zwanger)
        self.uitgerekend.set_value(b.zorg.uitgerekend_op)
