"""The Beheer page: one tab per section (see the package docstring).

Slow work (backup, passphrase change, reading and checking the log) runs on the task
runner inside the sections. Restoring needs the vault closed, so the page passes the
backups section's ``restore_requested`` on to the main window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from zorgapp.i18n import N_, _
from zorgapp.ui.context import UiContext
from zorgapp.ui.dialogs.overdracht_panel import OverdrachtPanel
from zorgapp.ui.pages.base import Page, heading
from zorgapp.ui.pages.beheer.audit import AuditSection
from zorgapp.ui.pages.beheer.backups import BackupsSection
from zorgapp.ui.pages.beheer.bewaren import BewarenSection
from zorgapp.ui.pages.beheer.common import BeheerSection
from zorgapp.ui.pages.beheer.passphrase import PassphraseSection
from zorgapp.ui.pages.beheer.settings import SettingsSection

if TYPE_CHECKING:
    from zorgapp.store.vault import Vault


class BeheerPage(Page):
    name = "beheer"
    title_msgid = N_("Beheer")

    restore_requested = Signal(object, str)  # backup path, its passphrase

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 12)
        self.title_label = heading()
        outer.addWidget(self.title_label)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        self.backups_tab = BackupsSection(ctx)
        self.passphrase_tab = PassphraseSection(ctx)
        self.settings_tab = SettingsSection(ctx)
        self.audit_tab = AuditSection(ctx)
        self.bewaren_tab = BewarenSection(ctx)
        self.sections: list[BeheerSection] = [self.backups_tab, self.passphrase_tab,
                                              self.settings_tab, self.audit_tab, self.bewaren_tab]
        self.overdracht = OverdrachtPanel(ctx, lambda: self.vault)
        for tab in (*self.sections, self.overdracht):
            self.tabs.addTab(tab, "")
        self.backups_tab.restore_requested.connect(self.restore_requested)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.tabs.setAccessibleName(_("Onderdelen van beheer"))
        self.overdracht.retranslate()
        for index, text in enumerate((_("Reservekopieën"), _("Wachtwoordzin"),
                                      _("Instellingen"), _("Logboek"), _("Bewaren"),
                                      _("Overdracht"))):
            self.tabs.setTabText(index, text)
            tab = self.tabs.widget(index)
            if tab is not None:
                tab.setAccessibleName(text)
        for section in self.sections:
            section.retranslate()

    # -- vault ---------------------------------------------------------------------

    def set_vault(self, vault: Vault) -> None:
        super().set_vault(vault)
        for section in self.sections:
            section.set_vault(vault)
        if self.isVisible() and self.tabs.currentWidget() is self.audit_tab:
            self.audit_tab.load_audit()

    def clear(self) -> None:
        super().clear()
        for section in self.sections:
            section.clear()

    def activated(self) -> None:
        self.backups_tab.fill_backups()
        if self.tabs.currentWidget() is self.audit_tab:
            self.audit_tab.activated()

    def _tab_changed(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, BeheerSection):
            tab.activated()
