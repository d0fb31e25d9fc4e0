"""Work-arounds for bugs in the Qt binding we ship, each with how to see it.

PySide6 6.12.0 on CPython 3.11: every call that returns nothing (``QLabel.setText``,
``QWidget.setVisible``, ``QStandardItem.setData``, ``QModelRoleData.setData``, …) and
every *invalid* QVariant handed from C++ to Python (``QComboBox.currentData()`` /
``itemData()`` of an item without data or with None, ``QModelIndex().data()``,
``QObject.property()`` of an unknown name) drops one reference to ``None`` that it never
took (measured: one per call; 6.11.3 drops none, but PySide6-Pdf exists for 6.12.0
only). ``None`` is not immortal before Python 3.12, so after some tens of thousands of
such calls the interpreter aborts with "Fatal Python error: none_dealloc". See
tests/gui/test_qtcompat.py for the reproduction.

Two defences: code should not store None as item data (use "" or a sentinel), and
``guard_none_refcount()`` gives None the effectively immortal reference count that
Python 3.12 gives it anyway. Remove this module when the binding is fixed or we
require Python 3.12.
"""

from __future__ import annotations

import ctypes
import sys

_BALLAST = 1 << 40


def guard_none_refcount() -> None:
    """Make ``None``, ``True`` and ``False`` effectively immortal on Python < 3.12 (idempotent enough)."""
    if sys.version_info >= (3, 12):
        return
    # The same binding bug drops references to True and False ("bool_dealloc").
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < _BALLAST:
            refcount.value += _BALLAST
