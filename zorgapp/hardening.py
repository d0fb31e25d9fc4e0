"""Keep the vault's secrets out of core dumps and out of other processes' reach.

A core dump of Zorgapp with a vault open holds what the process holds: names from the
cases, the raw vault key, the passphrase as typed. A test with ``ulimit -c unlimited``
and SIGABRT found all three in a 137 MB core. So at start, before any secret exists:

* POSIX (Linux, macOS): the core file size limit goes to 0, soft and hard, so not
  even a child of the process can raise it again;
* Linux: ``prctl(PR_SET_DUMPABLE, 0)``. This also stops a ``core_pattern`` pipe
  (systemd-coredump, apport) that ignores the size limit, and other processes of the
  same user from attaching with ptrace (a debugger, ``gdb -p``) or reading
  ``/proc/PID/mem``;
* Windows: nothing can be switched off from inside a process; Windows Error Reporting
  is set by policy (docs/admin.md, "Core dumps and memory").

Failures are logged and ignored: a missing ``prctl`` must not keep a coordinator from
her cases. What was done is returned, for the log and the tests.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def _no_core_files() -> bool:
    try:
        import resource
    except ImportError:  # Windows
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (OSError, ValueError):
        log.warning("could not set the core file size limit to 0")
        return False
    return True


def _libc() -> ctypes.CDLL | None:
    """glibc by its usual name first: ``find_library`` runs ``ldconfig`` (tens of ms at
    every start); it is asked only when that name does not load (musl, others)."""
    for name in ("libc.so.6", None):
        try:
            if name is None:
                import ctypes.util as util  # with subprocess and shutil: not at every start

                name = util.find_library("c") or "libc.so.6"
            return ctypes.CDLL(name, use_errno=True)
        except OSError:
            continue
    return None


def _not_dumpable() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    libc = _libc()
    if libc is None or libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        log.warning("could not mark the process as not dumpable")
        return False
    return True


def dumpable() -> int | None:
    """``prctl(PR_GET_DUMPABLE)`` on Linux (0: no core dump, no ptrace), else None."""
    libc = _libc() if sys.platform.startswith("linux") else None
    return None if libc is None else int(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def harden_process() -> list[str]:
    """Do what this platform allows; the names of the steps that took effect."""
    done = []
    if _no_core_files():
        done.append("rlimit_core")
    if _not_dumpable():
        done.append("not_dumpable")
    return done
