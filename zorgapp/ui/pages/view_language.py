"""The Dossiers page after a language switch: its dossier view is rebuilt.

Every label, tab title, form and list of a ``DossierView`` was written in the language
of the moment it was built, and retranslating each of them by hand would miss some
(the open dossier stayed Dutch after switching to English). A fresh view in the new
language takes the old one's place and shows the same dossier again.
"""

from __future__ import annotations

from typing import Any


def rebuild_view(page: Any) -> None:
    """Swap ``page.view`` for a new one (``page._make_view()``), showing the same dossier."""
    old, showing = page.view, page.stack.currentWidget() is page.view
    uuid = old.dossier.uuid if old.dossier is not None else None
    old.cancel_loading()
    page.view = page._make_view()
    page.view.set_service(page.service)
    page.stack.insertWidget(page.stack.indexOf(old), page.view)
    if showing:
        page.stack.setCurrentWidget(page.view)
    page.stack.removeWidget(old)
    old.clear()
    old.deleteLater()
    if uuid is not None and page.service is not None:
        if showing:
            page._opening = uuid  # _dossier_opened shows it when it has arrived
        page.view.open(uuid)
