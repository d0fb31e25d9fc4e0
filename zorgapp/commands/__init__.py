"""Sub-commands of the command line, one module per feature.

Each module defines ``register(sub)`` that adds its parsers to the ``zorgapp``
sub-parser set and sets ``func`` on them; ``zorgapp.cli`` finds them all here, so a
feature adds its commands without editing the central parser.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def modules() -> list[ModuleType]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        found.append(importlib.import_module(f"{__name__}.{info.name}"))
    return found
