"""Accessibility applied in one place (WCAG 2.1 AA / EN 301 549), so that pages and
dialogs added later get it too.

``install(app)`` runs once after the QApplication exists and:

- lets Tab leave every item view (2.1.2: arrow keys move inside a table, Tab moves on);
- names every unnamed input after its buddy label (4.1.2, 2.5.3), and an editable
  combo box's inner text field after its combo box;
- gives non-editable combo boxes an accessible interface whose name is their purpose
  (Qt on Linux names a combo box by its current text, whatever ``accessibleName`` says);
- raises palette colours that miss the contrast minimum (1.4.3, 1.4.11), light or dark;
- draws a focus frame on item views and text areas (2.4.7; ``focus_frame``).

``problems(root)`` lists what a screen reader would miss; the tests walk every page
with it.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface, QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAccessibleWidget,
    QApplication,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from zorgapp.ui.focus_frame import FRAMED, MARK, frame_focused, show_frame
from zorgapp.ui.scaling import fit_dialog, scrolling

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QComboBox

# PySide6 makes a Qt class's Python type (and its enums) when first named (``Qt``: 40 ms):
# what the lock screen does not use is named where used (issue 15). So too ``copy.copy``
# and ``QColor.fromRgb``: QColor's and QPalette's constructors take a ``Qt.GlobalColor``.

TEXT_RATIO = 4.5
GRAPHIC_RATIO = 3.0



def interactive() -> tuple[type[QWidget], ...]:
    """The widget classes a user operates (each needs an accessible name)."""
    w = QtWidgets
    return (w.QAbstractButton, w.QAbstractItemView, w.QAbstractSlider, w.QAbstractSpinBox,
            w.QComboBox, w.QLineEdit, w.QPlainTextEdit, w.QTextEdit, w.QTabBar)


# -- contrast -----------------------------------------------------------------------

def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""
    return (0.2126 * _linear(colour.redF()) + 0.7152 * _linear(colour.greenF())
            + 0.0722 * _linear(colour.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def readable(fg: QColor, bg: QColor, ratio: float = TEXT_RATIO) -> QColor:
    """``fg``, moved towards black or white (away from ``bg``) until it reaches ``ratio``."""
    if contrast_ratio(fg, bg) >= ratio:
        return copy.copy(fg)
    target = 0 if luminance(bg) > 0.18 else 255
    for step in range(1, 101):
        k = step / 100
        c = QColor.fromRgb(round(fg.red() + (target - fg.red()) * k),
                   round(fg.green() + (target - fg.green()) * k),
                   round(fg.blue() + (target - fg.blue()) * k))
        if contrast_ratio(c, bg) >= ratio:
            return c
    return QColor.fromRgb(target, target, target)


def _away_from(bg: QColor, fg: QColor, ratio: float) -> QColor:
    """``bg`` moved away from ``fg`` (darker under light text) until they reach ``ratio``."""
    target = 0 if luminance(fg) > 0.18 else 255
    for step in range(101):
        k = step / 100
        c = QColor.fromRgb(round(bg.red() + (target - bg.red()) * k),
                   round(bg.green() + (target - bg.green()) * k),
                   round(bg.blue() + (target - bg.blue()) * k))
        if contrast_ratio(c, fg) >= ratio:
            return c
    return QColor.fromRgb(target, target, target)


def text_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    black, white = QColor.fromRgb(0, 0, 0), QColor.fromRgb(255, 255, 255)
    return black if contrast_ratio(black, background) >= contrast_ratio(white, background) else white


R = QPalette.ColorRole
#: (text role, background role) pairs that must reach 4.5:1.
TEXT_PAIRS: tuple[tuple[QPalette.ColorRole, QPalette.ColorRole], ...] = (
    (R.WindowText, R.Window), (R.Text, R.Base), (R.Text, R.AlternateBase),
    (R.ButtonText, R.Button), (R.ToolTipText, R.ToolTipBase), (R.PlaceholderText, R.Base),
    (R.Link, R.Base), (R.LinkVisited, R.Base), (R.HighlightedText, R.Highlight),
)
#: (graphic role, background role) pairs that must reach 3:1: selection and focus frame.
GRAPHIC_PAIRS = ((R.Highlight, R.Base), (R.Highlight, R.Window))
GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)  # disabled is exempt


def accessible_palette(palette: QPalette) -> QPalette:
    """``palette`` with every text pair at 4.5:1 and the selection at 3:1 (light or dark)."""
    pal = copy.copy(palette)
    for group in GROUPS:
        # The selection colour is both a background for text and a focus/selection mark.
        hl, hl_text = pal.color(group, R.Highlight), pal.color(group, R.HighlightedText)
        for bg_role in (R.Base, R.Window):
            hl = readable(hl, pal.color(group, bg_role), GRAPHIC_RATIO)
        if contrast_ratio(hl_text, hl) < TEXT_RATIO:  # darken/lighten the selection first
            darker = _away_from(hl, hl_text, TEXT_RATIO)
            if all(contrast_ratio(darker, pal.color(group, role)) >= GRAPHIC_RATIO
                   for role in (R.Base, R.Window)):
                hl = darker
            else:
                hl_text = text_on(hl)
        pal.setColor(group, R.Highlight, hl)
        pal.setColor(group, R.HighlightedText, hl_text)
        for fg_role, bg_role in TEXT_PAIRS:
            fg = readable(pal.color(group, fg_role), pal.color(group, bg_role))
            pal.setColor(group, fg_role, fg)
    return pal


def apply_theme(app: QApplication) -> None:
    """Contrast-safe palette and the focus frame in its colours (``focus_frame``: on the
    focused widget only, no application style sheet); call again after the system theme
    changes."""
    app.setPalette(accessible_palette(app.palette()))
    sheet = app.styleSheet()  # the application-wide frame of before issue 15, if set
    if MARK in sheet:
        app.setStyleSheet(sheet[:sheet.index(MARK)])
    frame_focused()


_COLOUR = re.compile(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}\b|white|black)")


def adapt_style(widget: QWidget) -> None:
    """A widget's own text colour (an error in red, a success in green) kept readable on
    the window colour it is drawn on, also in a dark theme; sheets with their own
    background are left as they are (their pair is fixed and tested)."""
    sheet = widget.styleSheet()
    if not sheet or "background" in sheet:
        return
    match = _COLOUR.search(sheet)
    if match is None:
        return
    fg = QColor(match.group(1))
    fixed = readable(fg, widget.palette().color(QPalette.ColorGroup.Active, R.Window))
    if fixed.name() != fg.name():
        widget.setStyleSheet(sheet[:match.start(1)] + fixed.name() + sheet[match.end(1):])


# -- names --------------------------------------------------------------------------

def clean_label(text: str) -> str:
    """A label's text as a name: no access-key ampersand, no trailing colon, no ellipsis,
    arrow or shortcut hint in brackets."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    text = re.sub(r"\s*\((Ctrl|Alt|Shift|F\d)[^)]*\)", "", text)
    return text.strip(" \t\n:…←→.").strip()


def buddy_label(widget: QWidget) -> QLabel | None:
    """The label linked to ``widget``: by ``setBuddy`` or as its row in a form layout."""
    parent = widget.parentWidget()
    if parent is not None:
        for form in parent.findChildren(QFormLayout):
            label = form.labelForField(widget)
            if isinstance(label, QLabel) and label.text():
                return label
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and label.text():
            return label
    return None


def purpose_name(widget: QWidget) -> str:
    """The accessible name if set, else the buddy label's text."""
    if widget.accessibleName():
        return widget.accessibleName()
    label = buddy_label(widget)
    return clean_label(label.text()) if label is not None else ""


def name_from_label(widget: QWidget) -> None:
    """Give an unnamed input its buddy label's text; an editable combo box's field its name."""
    if (isinstance(widget, interactive()) and not isinstance(widget, QAbstractButton)
            and not widget.accessibleName()):
        name = purpose_name(widget)
        if name:
            widget.setAccessibleName(name)
    combo = isinstance(widget, QtWidgets.QComboBox) and widget.isEditable()
    edit = widget.lineEdit() if combo else None  # type: ignore[attr-defined]
    if edit is not None and not edit.accessibleName():
        edit.setAccessibleName(purpose_name(widget))


def name_shows_label(button: QAbstractButton) -> None:
    """2.5.3: a button's name contains its visible text; a longer explanation that does
    not becomes its description."""
    visible = clean_label(button.text())
    name = button.accessibleName()
    if visible and name and visible.lower() not in name.lower():
        if not button.accessibleDescription():
            button.setAccessibleDescription(name)
        button.setAccessibleName(visible)


def expose_value(label: QLabel, name: str) -> None:
    """A label that shows a value: its accessible name says what it is and the value."""
    text = label.text().strip()
    if not text:
        label.setAccessibleName(name)
    elif name.lower() in text.lower():
        label.setAccessibleName(text)
    else:
        label.setAccessibleName(f"{name}: {text}")


class ComboBoxAccessible(QAccessibleWidget):
    """A combo box named by its purpose, its current text as value; children as in Qt's
    own interface (the popup list, and the text field of an editable one)."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo, QAccessible.Role.ComboBox)
        self._combo = combo

    def _children(self) -> list[QWidget]:
        edit = self._combo.lineEdit() if self._combo.isEditable() else None
        return [self._combo.view(), *([edit] if edit is not None else [])]

    def text(self, t: QAccessible.Text) -> str:
        if t == QAccessible.Text.Name:
            return purpose_name(self._combo)
        if t == QAccessible.Text.Value:
            return self._combo.currentText()
        return str(super().text(t))

    def childCount(self) -> int:
        return len(self._children())

    def child(self, index: int) -> QAccessibleInterface:
        children = self._children()  # Qt takes a null interface for a wrong index
        if 0 <= index < len(children):
            return QAccessible.queryAccessibleInterface(children[index])
        return None  # type: ignore[return-value]

    def indexOfChild(self, child: QAccessibleInterface | None) -> int:
        if child is None:
            return -1
        for index, widget in enumerate(self._children()):
            if child.object() is widget:
                return index
        return -1


class LabelAccessible(QAccessibleWidget):
    """A label named by its purpose *and* the value it shows: "Kluis: demo.zorg", also
    when a page set only the purpose as accessible name and fills the text in later."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.StaticText)
        self._label = label

    def text(self, t: QAccessible.Text) -> str:
        if t != QAccessible.Text.Name:
            return str(super().text(t))
        name = self._label.accessibleName().strip()
        shown = self._label.text() if self._label.textFormat() != QtCore.Qt.TextFormat.RichText else ""
        shown = clean_label(shown) if "<" not in shown else ""
        if not name:
            return shown
        if not shown or shown.lower() in name.lower():
            return name
        if name.lower() in shown.lower():
            return shown
        return f"{name}: {shown}"


def _factory(_key: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QtWidgets.QComboBox):  # Qt on Linux names a combo box by its value
        return ComboBoxAccessible(obj)
    if isinstance(obj, QLabel):
        return LabelAccessible(obj)
    return None


class AccessibilityFilter(QObject):
    """Application-wide: fixes each widget as it is polished and shown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        kinds = QtCore.QEvent.Type
        self._style, self._polish, self._show = kinds.StyleChange, kinds.Polish, kinds.Show
        self._focus = {kinds.FocusIn: True, kinds.FocusOut: False}

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == self._style and isinstance(obj, QWidget) and obj.styleSheet():
            adapt_style(obj)
        elif kind == self._polish and isinstance(obj, QtWidgets.QAbstractItemView):
            obj.setTabKeyNavigation(False)
        elif kind == self._show and isinstance(obj, QWidget):
            self.shown(obj)
        elif kind in self._focus and isinstance(obj, FRAMED):
            show_frame(obj, self._focus[kind])
        return False

    @staticmethod
    def shown(obj: QWidget) -> None:
        """What a widget gets as it is shown."""
        if isinstance(obj, QtWidgets.QAbstractItemView):
            obj.setTabKeyNavigation(False)
        name_from_label(obj)
        if obj.styleSheet():
            adapt_style(obj)
        if isinstance(obj, QAbstractButton):
            name_shows_label(obj)
        if isinstance(obj, QDialog) and obj.isWindow():
            fit_dialog(obj)


_installed: dict[str, Any] = {}


def install(app: QApplication, filter_later: bool = False) -> None:
    """Once per application (after it exists: Qt's own factory must be in place first).

    ``filter_later``: the start leaves the application-wide filter to
    ``install_filter``, after the window's first paint. Every event before then would
    pass through Python (and make the Python type of each event class): a third of the
    time to the lock screen (issue 15)."""
    if _installed.get("app") is app:
        return
    _installed["app"] = app
    _installed["filter"] = None
    QAccessible.installFactory(_factory)
    apply_theme(app)
    if not filter_later:
        install_filter(app)


def install_filter(app: QApplication) -> None:
    """The application-wide filter, once; widgets shown (or styled) before it came get
    now what their Show, Polish and StyleChange events would have given them."""
    if _installed.get("app") is not app or _installed.get("filter") is not None:
        return
    filt = AccessibilityFilter(app)
    app.installEventFilter(filt)
    _installed["filter"] = filt
    frame_focused()
    for widget in app.allWidgets():
        if isinstance(widget, QtWidgets.QAbstractItemView):
            widget.setTabKeyNavigation(False)
        if widget.isVisible():
            filt.shown(widget)
        elif widget.styleSheet():
            adapt_style(widget)


# -- checks ---------------------------------------------------------------------------

def accessible_texts(widget: QWidget) -> tuple[str, str]:
    """(name, value) as the accessibility bridge reports them."""
    iface = QAccessible.queryAccessibleInterface(widget)
    if iface is None:
        return "", ""
    return iface.text(QAccessible.Text.Name) or "", iface.text(QAccessible.Text.Value) or ""


def _value_of(widget: QWidget, value: str) -> str:
    if isinstance(widget, QtWidgets.QComboBox):
        return widget.currentText()
    if isinstance(widget, (QLineEdit, QtWidgets.QAbstractSpinBox)):
        return widget.text()
    return value


def problems(root: QWidget, visible_only: bool = True) -> list[str]:
    """Interactive widgets under ``root`` without a name, named by their value, item views
    that trap Tab, and buttons whose name hides their visible label (2.5.3)."""
    found: list[str] = []
    wid = QtWidgets
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel) and (not visible_only or w.isVisibleTo(root)):
            found.extend(_hidden_value(w))
        if not isinstance(w, interactive()) or isinstance(w, (wid.QHeaderView, wid.QScrollBar)):
            continue  # headers are read with their table, scroll bars need no name
        if visible_only and not w.isVisibleTo(root):
            continue
        if isinstance(w, QLineEdit) and isinstance(w.parent(), (wid.QComboBox, wid.QAbstractSpinBox)):
            continue  # read through its combo box or spin box
        what = f"{type(w).__name__} {w.objectName() or ''}".strip()
        name, value = accessible_texts(w)
        value = _value_of(w, value)
        if isinstance(w, wid.QAbstractItemView) and w.tabKeyNavigation():
            found.append(f"{what} '{name}': Tab moves inside the view")
        if not name.strip():
            found.append(f"{what}: no accessible name")
        elif value.strip() and name.strip() == value.strip():
            found.append(f"{what} '{name}': named by its value")
        if isinstance(w, QAbstractButton) and w.text():
            visible = clean_label(w.text())
            if visible and visible.lower() not in name.lower():
                found.append(f"{what} '{name}': name lacks its visible label '{visible}'")
    return found


def _hidden_value(label: QLabel) -> list[str]:
    """A label whose accessible name leaves out the value its text shows (1.3.1)."""
    text = clean_label(label.text())
    if not text or label.textFormat() == QtCore.Qt.TextFormat.RichText or "<" in text:
        return []
    name, _value = accessible_texts(label)
    if text.lower() in name.lower() or text.lower() in label.accessibleDescription().lower():
        return []
    return [f"QLabel '{name}': hides its text '{text[:40]}'"]


__all__ = ["AccessibilityFilter", "accessible_palette", "apply_theme", "contrast_ratio",
           "expose_value", "fit_dialog", "install", "install_filter", "interactive", "problems",
           "readable", "scrolling", "text_on"]
