"""Beheer, Logboek: the newest lines of the audit trail, and a check of its chain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from zorgapp.i18n import _
from zorgapp.services import audit_service, vault_service
from zorgapp.ui.context import UiContext
from zorgapp.ui.models.audit_model import AuditTableModel
from zorgapp.ui.pages.beheer.common import BeheerSection, set_status, status_label
from zorgapp.ui.tasks import message_for

if TYPE_CHECKING:
    from zorgapp.store.audit import AuditEntry

AUDIT_LIMIT = 200


class AuditSection(BeheerSection):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.audit_intro = QLabel()
        self.audit_intro.setWordWrap(True)
        row.addWidget(self.audit_intro, 1)
        self.audit_refresh_button = QPushButton()
        self.audit_refresh_button.clicked.connect(self.load_audit)
        self.verify_button = QPushButton()
        self.verify_button.clicked.connect(self.verify_audit)
        row.addWidget(self.audit_refresh_button)
        row.addWidget(self.verify_button)
        layout.addLayout(row)
        self.audit_status = status_label()
        layout.addWidget(self.audit_status)
        self.audit_model = AuditTableModel(self)
        self.audit_view = QTableView()
        self.audit_view.setModel(self.audit_model)
        self.audit_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.audit_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.audit_view.setAlternatingRowColors(True)
        self.audit_view.verticalHeader().hide()
        self.audit_view.verticalHeader().setDefaultSectionSize(
            self.audit_view.fontMetrics().height() + 8)
        header = self.audit_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.audit_view, 1)

    def retranslate(self) -> None:
        self.audit_intro.setText(_(
            "De laatste {aantal} regels van het logboek: wie wat wanneer deed. Waarden "
            "worden nooit vastgelegd, alleen namen van velden.").format(aantal=AUDIT_LIMIT))
        self.audit_intro.setAccessibleName(self.audit_intro.text())
        self.audit_refresh_button.setText(_("Vernieuwen"))
        self.audit_refresh_button.setAccessibleName(_("Logboek vernieuwen"))
        self.verify_button.setText(_("Logboek controleren"))
        self.verify_button.setAccessibleName(_("Logboek controleren"))
        self.audit_status.setAccessibleName(_("Uitkomst van de controle"))
        self.audit_view.setAccessibleName(_("Logboek"))
        self.audit_model.retranslate()

    def clear(self) -> None:
        self.audit_model.clear()
        self.audit_status.clear()
        super().clear()

    def activated(self) -> None:
        if self.vault is not None:
            self.load_audit()

    def update_buttons(self) -> None:
        self.verify_button.setEnabled(self.vault is not None)
        self.audit_refresh_button.setEnabled(self.vault is not None)

    def load_audit(self) -> None:
        vault = self.vault
        if vault is None:
            return
        self.ctx.tasks.run(owner=self, fn=lambda: audit_service.entries_with_numbers(vault, AUDIT_LIMIT),
                           on_done=lambda found: self._audit_loaded(*found),
                           on_error=lambda exc: set_status(self.audit_status, message_for(exc), False))

    def _audit_loaded(self, entries: list[AuditEntry], numbers: dict[str, str] | None = None) -> None:
        if self.vault is None:
            return
        self.audit_model.set_entries(entries, numbers)

    def verify_audit(self) -> None:
        vault = self.vault
        if vault is None:
            return
        self.verify_button.setEnabled(False)
        self.audit_status.clear()
        self.ctx.tasks.run(
            owner=self, fn=lambda: vault_service.verify_audit(vault),
            on_done=lambda count: set_status(
                self.audit_status,
                _("Het logboek is ongeschonden ({aantal} regels).").format(aantal=count), True),
            on_error=lambda exc: set_status(self.audit_status, message_for(exc), False),
            on_finally=self.update_buttons)
