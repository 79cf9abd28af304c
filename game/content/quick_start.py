"""Start `validate` quickly: no asyncio or importlib.metadata imported for nothing, no plugin search,
SHA-256 without OpenSSL, no cyclic garbage collection while it runs.

`modules_left_out()`: two standard-library packages are imported on the way to validating a pack
although nothing uses them, together a sixth of the command on Rotherham:
- asyncio (~40 ms with the ssl, socket, subprocess, logging and concurrent.futures it brings):
  `typing_extensions.deprecated`, applied at import time to helpers in pydantic-core's schema module
  and in pydantic (`BaseModel.dict`, `parse_obj`, …), runs `import asyncio.coroutines` only to ask
  whether each is a coroutine function (none is);
- importlib.metadata (~25 ms with email, csv and zipfile): pydantic's plugin loader imports it at the
  top, to list installed distributions' entry points, which `pydantic_plugins_off()` tells it not to do.
Within the context a stand-in module is in the module table for each. The asyncio one answers
`asyncio.coroutines.iscoroutinefunction` with `inspect.iscoroutinefunction` (the same answer for plain
functions). Anything else asked of a stand-in, now or later, comes from the real module, which is
imported then and put back in the module table: code that keeps a stand-in (pydantic's plugin loader
keeps its importlib.metadata) works as with the real one. On leaving, the stand-ins still in the table
are removed, so the next `import asyncio` loads the real package as usual. A stand-in is not a package:
importing a submodule of it within the context fails loudly rather than loading that submodule twice.
Nothing is stood in for when its module is imported already or another thread is running (it could
import the module meanwhile).

`pydantic_plugins_off()` sets pydantic's own switch, `PYDANTIC_DISABLE_PLUGINS`, for a while (unless the
user set it): the first validator pydantic builds otherwise reads the entry points of every installed
distribution looking for pydantic plugins (~10 ms here, more with more packages installed). `validate`
only needs the answers, which plugins (observers of validation) do not change.

`cyclic_gc_paused()`: a short command that is mostly imports makes hundreds of thousands of objects
that live to its end, and the cyclic collector would walk them again and again for nothing.
Reference counting still frees everything else at once.
"""

from __future__ import annotations

import gc
import os
import sys
import types
from contextlib import contextmanager
from typing import Any, Iterator

try:  # SHA-256 without importing hashlib, which loads OpenSSL (~5 ms) for what CPython has built in
    from _sha256 import sha256  # CPython up to 3.11
except ImportError:  # pragma: no cover - other Pythons
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,no-redef]  # CPython 3.12 and later
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment]


class StandIn(types.ModuleType):
    """A module not imported yet. What it was given it answers itself; anything else comes from the
    real module, imported on that first need (see the module's docstring)."""

    def __getattr__(self, name: str) -> Any:
        if name == "__path__":  # not a package while standing in: see the module's docstring
            raise AttributeError(name)
        return getattr(real_module(self.__name__), name)


def real_module(name: str) -> types.ModuleType:
    """The real module `name`, imported now if need be, with every stand-in in its package removed first."""
    from importlib import import_module

    top = name.partition(".")[0]
    for key, module in list(sys.modules.items()):
        if isinstance(module, StandIn) and (key == top or key.startswith(top + ".")):
            del sys.modules[key]
    return import_module(name)


def _stand_ins() -> list[list[StandIn]]:
    """The stand-ins, by package: each group is placed whole or not at all."""
    import inspect

    asyncio = StandIn("asyncio", "stands in for asyncio while validate runs (game.content.quick_start)")
    coroutines = StandIn("asyncio.coroutines", asyncio.__doc__)
    coroutines.iscoroutinefunction = inspect.iscoroutinefunction  # type: ignore[attr-defined]
    coroutines._is_coroutine = object()  # type: ignore[attr-defined]
    asyncio.coroutines = coroutines  # type: ignore[attr-defined]
    metadata = StandIn("importlib.metadata", "stands in for importlib.metadata while validate runs "
                                             "(game.content.quick_start)")
    return [[asyncio, coroutines], [metadata]]


@contextmanager
def modules_left_out() -> Iterator[None]:
    """Within: asyncio and importlib.metadata are stand-ins until something really uses them (see above)."""
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        yield
        return
    placed: list[StandIn] = []
    for group in _stand_ins():
        if any(stand_in.__name__ in sys.modules for stand_in in group):
            continue  # imported already: nothing to save
        for stand_in in group:
            sys.modules[stand_in.__name__] = stand_in
            parent, _, child = stand_in.__name__.rpartition(".")
            if parent in sys.modules and not isinstance(sys.modules[parent], StandIn):
                setattr(sys.modules[parent], child, stand_in)  # as importing it would (importlib.metadata)
            placed.append(stand_in)
    try:
        yield
    finally:
        for stand_in in placed:
            if sys.modules.get(stand_in.__name__) is stand_in:
                del sys.modules[stand_in.__name__]
            parent, _, child = stand_in.__name__.rpartition(".")
            if getattr(sys.modules.get(parent), child, None) is stand_in:
                delattr(sys.modules[parent], child)


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
