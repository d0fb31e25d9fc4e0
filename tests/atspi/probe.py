#!/usr/bin/python3
"""The screen reader side of the AT-SPI test, run with the system Python that has
pyatspi: prints the accessible tree of the application with process id ``argv[1]`` as
JSON, the way a screen reader reads it. With ``--tab`` it also puts the keyboard focus on
every table that shows and presses Tab, and reports whether the focus left it.

Not a pytest module: tests/atspi/test_atspi.py runs it in a subprocess.
"""

# AT-SPI calls over D-Bus fail in many ways when an object goes away while it is read;
# the reader skips such objects.
# ruff: noqa: BLE001

import json
import sys
import time

import pyatspi  # type: ignore[import-not-found]  # system package, not in the venv

SKIP_CHILDREN = {"table", "tree table", "tree", "list", "menu", "page tab list"}
INTERACTIVE = {"push button", "toggle button", "check box", "radio button", "combo box",
               "spin button", "table", "tree table", "tree", "slider", "page tab",
               "password text", "text", "entry", "list"}


def find_app(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for _ in range(100):
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                continue
        time.sleep(0.1)
    raise SystemExit(f"no accessible application with pid {pid}")


def value_of(obj, role):
    try:
        if role == "combo box":
            for child in obj:
                try:
                    sel = child.querySelection()
                    if sel.nSelectedChildren:
                        return sel.getSelectedChild(0).name
                except NotImplementedError:
                    pass
            return ""
        if role in ("text", "entry", "password text", "spin button"):
            text = obj.queryText()
            return text.getText(0, -1)
    except Exception:
        return ""
    return ""


def walk(obj, out, depth=0):
    if depth > 60:
        return
    try:
        role = obj.getRoleName()
        states = obj.getState()
    except Exception:
        return
    showing = states.contains(pyatspi.STATE_SHOWING)
    if not showing and depth > 2:
        return
    item = {"role": role, "name": obj.name or "", "description": obj.description or "",
            "showing": showing, "focusable": states.contains(pyatspi.STATE_FOCUSABLE),
            "focused": states.contains(pyatspi.STATE_FOCUSED),
            "editable": states.contains(pyatspi.STATE_EDITABLE)}
    item["value"] = value_of(obj, role)
    out.append(item)
    if role in SKIP_CHILDREN and role != "combo box":
        return
    for child in obj:
        if child is not None:
            walk(child, out, depth + 1)


def focus_inside(obj):
    """The table itself has the keyboard focus (its current cell says "focused" even when
    the table has not, so cells do not count)."""
    try:
        return obj.getState().contains(pyatspi.STATE_FOCUSED)
    except Exception:
        return False


def tab_check(app):
    """For every showing table: focus it, press Tab, is the focus outside it now?"""
    results = []
    tables = []

    def collect(obj, depth=0):
        try:
            role = obj.getRoleName()
            states = obj.getState()
        except Exception:
            return
        if depth > 2 and not states.contains(pyatspi.STATE_SHOWING):
            return
        if role in ("table", "tree table") and states.contains(pyatspi.STATE_SHOWING):
            tables.append(obj)
            return
        for child in obj:
            if child is not None:
                collect(child, depth + 1)

    collect(app)
    for table in tables:
        comp = table.queryComponent()
        comp.grabFocus()
        time.sleep(0.3)
        focused_before = focus_inside(table)
        pyatspi.Registry.generateKeyboardEvent(23, None, pyatspi.KEY_PRESSRELEASE)  # Tab
        time.sleep(0.4)
        results.append({"name": table.name, "focused_before": focused_before,
                        "left": not focus_inside(table)})
    return results


def main():
    pid = int(sys.argv[1])
    app = find_app(pid)
    out: list = []
    walk(app, out)
    result = {"objects": out}
    if "--tab" in sys.argv:
        result["tab"] = tab_check(app)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
