"""The dossier screen: ``DossierView`` (view.py) with one widget per tab, one file each.

This package sits between the pages and the dialogs: a tab may open a dialog (the
Traject tab its stage dialogs, the Opvang tab its placement dialogs), while the
building blocks in ui/widgets never do (import-linter keeps it so).
"""
