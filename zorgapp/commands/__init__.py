"""The commands of the command line, one module per command.

A command module defines ``register(sub)``, which adds its parser (and its actions)
to the ``zorgapp`` sub-parser set and sets ``func`` on each; ``zorgapp.cli`` calls
``register`` of every module found here, in the order of their names, so a feature
adds a command without editing a central list. Helper modules (``common``,
``parsing``) have no ``register`` and are skipped. ``build.spec`` collects this
package's modules for the frozen app, so discovery works there too.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def module(name: str) -> ModuleType | None:
    """The module of the command ``name`` alone (None when there is no such command):
    a command run from the line needs its own parser, not every other command's imports."""
    import pkgutil

    if not name.isidentifier() or name.startswith("_"):
        return None
    if not any(info.name == name for info in pkgutil.iter_modules(__path__)):
        return None
    found = importlib.import_module(f"{__name__}.{name}")
    return found if callable(getattr(found, "register", None)) else None


def modules() -> list[ModuleType]:
    """Every command module, sorted by name (which is its command's name)."""
    import pkgutil  # here: a window start imports this package (parsing) but not pkgutil

    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if callable(getattr(module, "register", None)):
            found.append(module)
    return found
