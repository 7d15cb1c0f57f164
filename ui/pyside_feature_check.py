"""A cheaper answer to the question PySide6 asks of every module imported after it.

Once PySide6 is loaded, each module named in an import statement is looked at
once (PYSIDE-2029), to learn whether it uses Qt and so may switch on one of
PySide6's ``__feature__`` options: ``shibokensupport.feature._mod_uses_pyside``
reads the module's whole source with ``inspect.getsource`` (through linecache,
decoded and split into lines) and looks for the text "PySide6". For the 130
modules the app imports after Qt, that was 25-30 ms of every start. The same
question answered on the file's raw bytes took 5-8 ms. The app selects no
``__feature__``, and the answer is the same either way: a module whose file
says "PySide6" uses it.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the feature check replaced here)

_FEATURE_MODULE = "shibokensupport.feature"


def _source_bytes(module: ModuleType) -> bytes | None:
    """The bytes of a module's own .py file, or None when it has none to open (built-in, compiled, zipped)."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return None
    try:
        with open(path, "rb") as source:
            return source.read()
    except OSError:
        return None


def lighten_feature_check() -> bool:
    """Answer PySide6's per-module check from raw bytes; False (nothing changed) if this PySide6 has none.

    A module without a .py file to open is still asked PySide6's own way.
    """
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "reads_bytes", False):  # installed already
        return True

    def uses_pyside(module: ModuleType) -> bool:
        source = _source_bytes(module)
        return bool(original(module)) if source is None else b"PySide6" in source

    uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
