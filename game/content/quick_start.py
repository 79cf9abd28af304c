"""Start `validate` quickly: pydantic without asyncio, no plugin search, SHA-256 without OpenSSL, no
cyclic garbage collection while it runs.

Import pydantic without the ~40 ms of asyncio that typing_extensions pulls in for nothing.

`typing_extensions.deprecated`, applied at import time to functions and methods in pydantic-core's
schema module and in pydantic (`BaseModel.dict`, `parse_obj`, …), runs `import asyncio.coroutines`
only to ask whether each is a coroutine function (none is). Importing the asyncio package brings
ssl, socket, subprocess, logging and concurrent.futures with it: on Rotherham a tenth of the whole
`validate` command, which needs none of them.

`asyncio_left_out()` is a context in which a placeholder `asyncio` whose `coroutines.iscoroutinefunction`
is `inspect.iscoroutinefunction` (the same answer for plain functions) stands in the module table. Use
it around imports only, of code known not to use asyncio; the placeholder is removed on leaving, so the
first real `import asyncio` afterwards (the room, a plugin) loads the real package as usual. Nothing keeps
a reference to it: typing_extensions imports it into a local name. It does nothing when asyncio is
already imported or another thread is running (which could import asyncio meanwhile).

`pydantic_plugins_off()` sets pydantic's own switch, `PYDANTIC_DISABLE_PLUGINS`, for a while (unless the
user set it): the first validator pydantic builds otherwise reads the entry points of every installed
distribution looking for pydantic plugins (~10 ms here, more with more packages installed). `validate`
only needs the answers, which plugins (observers of validation) do not change.

`cyclic_gc_paused()`: a short command that is mostly imports makes hundreds of thousands of objects
that live to its end, and the cyclic collector would walk them again and again for nothing (~3% of the
command). Reference counting still frees everything else at once.
"""

from __future__ import annotations

import gc
import os
import sys
import types
from contextlib import contextmanager
from typing import Iterator


try:  # SHA-256 without importing hashlib, which loads OpenSSL (~5 ms) for what CPython has built in
    from _sha256 import sha256  # CPython up to 3.11
except ImportError:  # pragma: no cover - other Pythons
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,no-redef]  # CPython 3.12 and later
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment]


@contextmanager
def asyncio_left_out() -> Iterator[None]:
    """Within: `import asyncio.coroutines` gives a placeholder, not the real package (see above)."""
    threading = sys.modules.get("threading")
    if ("asyncio" in sys.modules or "asyncio.coroutines" in sys.modules
            or (threading is not None and threading.active_count() > 1)):
        yield
        return
    import inspect

    package = types.ModuleType("asyncio", "a placeholder while pydantic is imported (game.content.quick_start)")
    coroutines = types.ModuleType("asyncio.coroutines", package.__doc__)
    coroutines.iscoroutinefunction = inspect.iscoroutinefunction  # type: ignore[attr-defined]
    coroutines._is_coroutine = object()  # type: ignore[attr-defined]
    package.coroutines = coroutines  # type: ignore[attr-defined]
    sys.modules["asyncio"], sys.modules["asyncio.coroutines"] = package, coroutines
    try:
        yield
    finally:
        for name, placeholder in (("asyncio.coroutines", coroutines), ("asyncio", package)):
            if sys.modules.get(name) is placeholder:
                del sys.modules[name]


@contextmanager
def pydantic_plugins_off() -> Iterator[None]:
    """Within: pydantic looks for no plugins (the documented PYDANTIC_DISABLE_PLUGINS), unless the user set it."""
    if "PYDANTIC_DISABLE_PLUGINS" in os.environ:
        yield
        return
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
    try:
        yield
    finally:
        os.environ.pop("PYDANTIC_DISABLE_PLUGINS", None)


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Within: no cyclic garbage collection (see above); as it was on leaving."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
