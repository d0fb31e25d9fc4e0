"""Starting spawned child processes from anywhere in the app (issue 15).

``multiprocessing``'s spawn imports the parent's main module again in every child: the
console script, a test runner, a frozen build's entry point, or a user's script without
the ``__main__`` guard, which would then run once more (or start children for ever).
The children of the page check (``store.page_apart``) and of the demo
(``services.demo_parallel``) need nothing of it, so they are started without it.
"""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Iterator
from contextlib import contextmanager

_SWAP = threading.Lock()  # two interleaved swaps could leave the placeholder behind


@contextmanager
def without_main() -> Iterator[None]:
    """Within this block ``sys.modules["__main__"]`` is an empty module, so that
    children spawned here do not import the caller's main module; one swap at a time."""
    with _SWAP:
        main = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            sys.modules["__main__"] = main
