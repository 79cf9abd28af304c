"""Keep pydantic's generated validators between runs, so `validate` does not rebuild them every time.

Generating the core schemas of the pack-file models is most of what the first `load_pack` in a
process costs (~60 ms on Rotherham, more than the rest of it), yet the result depends only on our model code and the
versions of Python and pydantic. `ready(models)` therefore gives each model the validator,
serializer and core schema that pydantic would build, taken from a pickle in the user's cache
folder (`$XDG_CACHE_HOME/common-ground`, else `~/.cache/common-ground`) when one was written for
exactly this code, and otherwise lets pydantic build them as usual and writes the pickle for the
next run. pydantic-core's `SchemaValidator` and `SchemaSerializer` pickle as their core schema and
config and are rebuilt from them on loading (a few milliseconds), so what validates is what pydantic
builds from the same schema: the same results and the same messages.

Only our code's derived data is kept, never a pack's contents or validation results: an edited pack
is checked from scratch. The cache is an optimisation and never a reason to fail: an unreadable,
corrupt, stale or foreign file is ignored (and replaced); an unwritable folder means building every
time, silently. A file is trusted only if the current user owns it and no one else may write it
(a pickle can run code when loaded; on POSIX systems, where that can be told). The validators kept are
pydantic-core's own, as pydantic builds them when no pydantic plugin is installed: a plugin does not see
pack files validated with them. `COMMON_GROUND_NO_CACHE=1` turns the cache off.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Iterable

import pydantic_core
from pydantic import BaseModel
from pydantic.version import VERSION as PYDANTIC_VERSION

from .quick_start import sha256

CACHE_FORMAT = 1
"""Bump when what is stored changes shape (this file's own source is part of the key as well)."""
KEEP = 8
"""How many cache files (one per version of the model code) to keep; older ones are removed on writing."""
PREFIX = "validators-"


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is turned off or there is no home to put it in."""
    if os.environ.get("COMMON_GROUND_NO_CACHE", "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is invalid and is ignored
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "common-ground"


def cache_key(models: Iterable[type[BaseModel]]) -> str:
    """A hash of everything the generated schemas depend on: the source of the modules defining the
    models (and of this one), the models asked for, and the Python, pydantic and pydantic-core versions."""
    models = list(models)
    digest = sha256(f"{CACHE_FORMAT}\0{sys.version}\0{sys.implementation.cache_tag}\0"
                    f"{PYDANTIC_VERSION}\0{pydantic_core.__version__}\0".encode())
    for name in sorted({m.__module__ for m in models} | {__name__}):
        digest.update(name.encode() + b"\0" + Path(sys.modules[name].__file__ or "").read_bytes())
    digest.update("\0".join(f"{m.__module__}.{m.__qualname__}" for m in models).encode())
    return digest.hexdigest()[:40]


def ready(models: Iterable[type[BaseModel]]) -> bool:
    """Make every model in `models` complete (validator, serializer and core schema built), from the cache
    when it holds them for this code, else by pydantic (then written to the cache). True if the cache served."""
    models = list(models)
    if all(m.__pydantic_complete__ for m in models):
        return False
    try:
        folder = cache_dir()
        file = folder / f"{PREFIX}{cache_key(models)}.pickle" if folder is not None else None
    except Exception:  # a model module without a readable source file, say: just build
        file = None
    if file is not None and _install(file, models):
        return True
    for model in models:
        if not model.__pydantic_complete__:
            model.model_rebuild()
    if file is not None:
        _write(file, models)
    return False


def _install(file: Path, models: list[type[BaseModel]]) -> bool:
    """Give the models their validators from `file`; False (and no model touched) if it cannot serve."""
    try:
        with open(file, "rb") as handle:
            info = os.fstat(handle.fileno())
            if os.name == "posix" and (info.st_mode & 0o022 or info.st_uid != os.getuid()):
                return False  # someone else could have written it: do not unpickle it
            stored = pickle.loads(handle.read())
        built = {m: stored[f"{m.__module__}.{m.__qualname__}"] for m in models if not m.__pydantic_complete__}
        for schema, validator, serializer in built.values():
            if not (isinstance(schema, dict) and isinstance(validator, pydantic_core.SchemaValidator)
                    and isinstance(serializer, pydantic_core.SchemaSerializer)):
                return False
    except Exception:  # missing, unreadable, truncated, from other code: build as usual
        return False
    try:
        for model, (schema, validator, serializer) in built.items():
            _complete(model, schema, validator, serializer)
    except Exception:  # pydantic's internals are not as _complete expects: let pydantic build them all
        for model in built:
            model.model_rebuild(force=True)
        return False
    return True


def _complete(model: type[BaseModel], schema: dict, validator: pydantic_core.SchemaValidator,
              serializer: pydantic_core.SchemaSerializer) -> None:
    """What pydantic's `complete_model_class` sets on a model once its schema is generated (pydantic 2.13),
    with the schema, validator and serializer it generated on an earlier run."""
    from functools import partial

    from pydantic._internal._config import ConfigWrapper
    from pydantic._internal._model_construction import set_deprecated_descriptors
    from pydantic._internal._signature import generate_pydantic_signature
    from pydantic._internal._utils import LazyClassAttribute

    config = ConfigWrapper(model.model_config, check=False)
    model.__pydantic_computed_fields__ = {k: v.info for k, v in model.__pydantic_decorators__.computed_fields.items()}
    set_deprecated_descriptors(model)
    model.__pydantic_core_schema__ = schema  # type: ignore[assignment]
    model.__pydantic_validator__ = validator  # type: ignore[assignment]
    model.__pydantic_serializer__ = serializer  # type: ignore[assignment]
    model.__signature__ = LazyClassAttribute(  # type: ignore[assignment]
        "__signature__",
        partial(generate_pydantic_signature, init=model.__init__, fields=model.__pydantic_fields__,
                validate_by_name=config.validate_by_name, extra=config.extra),
    )
    model.__pydantic_complete__ = True
    model.__pydantic_on_complete__()


def _write(file: Path, models: list[type[BaseModel]]) -> None:
    """Store the models' generated schemas, validators and serializers; any failure leaves no file behind."""
    temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        stored = {f"{m.__module__}.{m.__qualname__}": (m.__pydantic_core_schema__, m.__pydantic_validator__,
                                                       m.__pydantic_serializer__) for m in models}
        if not all(type(v) is pydantic_core.SchemaValidator for _, v, _ in stored.values()):
            return  # a pydantic plugin wraps the validators: leave those to pydantic
        data = pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL)
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
            handle.write(data)
        os.replace(temporary, file)
    except Exception:
        try:
            temporary.unlink()
        except OSError:
            pass
        return
    try:
        older = sorted(file.parent.glob(f"{PREFIX}*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[KEEP:]:
            stale.unlink()
    except OSError:
        pass
