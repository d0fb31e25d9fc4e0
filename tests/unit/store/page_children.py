"""Stand-ins for ``page_apart._read``, run in the page check's child processes.

A child imports the module of its target by name, so this one imports nothing but the
standard library: not the tests, not pytest."""

from __future__ import annotations

import os
import sys
import time
from typing import Any


def dies(pipe: Any, path: str, first: int, last: int) -> None:
    """A child that ends without an answer (as a crash or the OOM killer would)."""
    os._exit(3)


def sleeps(pipe: Any, path: str, first: int, last: int) -> None:
    """A child that takes the key and then takes its time: only a kill ends it."""
    pipe.recv_bytes()
    time.sleep(600)


def light(pipe: Any, path: str, first: int, last: int) -> None:
    """Says "whole" only when the child has loaded neither Qt nor the application."""
    pipe.recv_bytes()
    heavy = {"PySide6", "sqlcipher3", "pytest", "zorgapp.store.vault"} & set(sys.modules)
    pipe.send_bytes(b"doubt" if heavy else b"whole")
