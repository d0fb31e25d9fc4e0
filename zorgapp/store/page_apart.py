"""The pages' HMACs read by child processes, each a range of pages (issue 15).

A thread of ours reading the pages would fight the thread doing the real work (the
command's, or the window's GUI thread) for the GIL: ``hashlib`` lets go of it for every
page and must then wait for it back. A child process has a GIL of its own, so the
check takes the second core and nothing of this process's CPU but the wait.

The children are spawned, not forked (a fork of a process with threads may inherit a
lock held for ever), and import only this module, ``page_hmac`` and
``zorgapp.hardening``: not Qt, not the application. They are given the pages' HMAC key
over a pipe (never a file, the command line or the environment), which cannot decrypt
a page, and answer "whole" or "doubt" on the same pipe. A child that cannot start,
dies or says nothing counts as a doubt: SQLCipher's own check then decides
(``page_check``). ``stop()`` ends the children (SIGKILL) within ``_POLL`` seconds and
waits for them: no process is left behind. A frozen build starts them through its own
executable: ``app.main`` calls ``multiprocessing.freeze_support()`` first.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from zorgapp.spawn import without_main
from zorgapp.store.page_hmac import Stop, range_whole

log = logging.getLogger(__name__)

_WHOLE, _DOUBT = b"whole", b"doubt"
_POLL = 0.05  # seconds between looks at ``stop`` while the children read


def ranges_whole(path: Path, mac_key: bytes, bounds: Sequence[tuple[int, int]],
                 stop: Stop) -> bool:
    """True when a child for each ``(first, last)`` of ``bounds`` found its pages whole;
    False at the first doubt, failure or ``stop()``, the other children then ended."""
    context = multiprocessing.get_context("spawn")
    children: list[tuple[BaseProcess, Connection]] = []
    try:
        with without_main():
            for first, last in bounds:
                ours, theirs = context.Pipe()
                try:
                    child = context.Process(target=_read, args=(theirs, str(path), first, last),
                                            name="zorgapp-page-hmac", daemon=True)
                    child.start()
                except BaseException:
                    ours.close()
                    raise
                finally:
                    theirs.close()  # the child has its own: an end of it now means EOF
                children.append((child, ours))
        for _child, ours in children:
            ours.send_bytes(mac_key)
        return _answers([ours for _child, ours in children], stop)
    except Exception as exc:  # noqa: BLE001 - a doubt: SQLCipher decides
        log.info("page reader failed: %s", type(exc).__name__)
        return False
    finally:
        _end(children)


def _answers(pipes: list[Connection], stop: Stop) -> bool:
    """Every child's answer, looking at ``stop`` meanwhile; EOFError when one died."""
    while pipes:
        if stop():
            return False
        for ready in wait(pipes, _POLL):
            assert isinstance(ready, Connection)
            if ready.recv_bytes() != _WHOLE:
                return False
            pipes.remove(ready)
    return True


def _end(children: list[tuple[BaseProcess, Connection]]) -> None:
    """Kill whatever child is still running and wait for every one."""
    for child, ours in children:
        ours.close()
        if child.exitcode is None:
            child.kill()
        child.join()
        child.close()


def _read(pipe: Connection, path: str, first: int, last: int) -> None:
    """In the child: harden, take the key from the pipe, read the pages, answer. It
    stops when its parent is gone (it is then some other process's child)."""
    from zorgapp.hardening import harden_process

    harden_process()  # before the key: no ptrace, no /proc/PID/mem of this process
    parent = os.getppid()
    try:
        mac_key = pipe.recv_bytes()
        whole = range_whole(Path(path), mac_key, first, last, lambda: os.getppid() != parent)
        pipe.send_bytes(_WHOLE if whole else _DOUBT)
    except (EOFError, OSError):
        pass  # the parent gave up on us: nobody to answer
