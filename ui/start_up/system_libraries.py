"""Before the first window on Linux: find the system libraries Qt's xcb plugin lacks, and install them.

A fresh Debian lacks a few libraries that Qt's window-system plugin needs; Qt
then fails with a raw plugin error. ``make run`` calls this first: it lists
what ``ldd`` cannot find, installs the Debian packages with apt-get when it
runs as root, and otherwise prints the exact command to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# library file -> Debian package that ships it
DEBIAN_PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
}


def qt_plugin_files() -> list[Path]:
    import PySide6

    root = Path(PySide6.__file__).parent / "Qt"
    return [root / "plugins" / "platforms" / "libqxcb.so", root / "lib" / "libQt6XcbQpa.so.6"]


# Qt loads these with dlopen when the window system starts, so ldd does not list them
LOADED_AT_START = ("libxcb-cursor.so.0",)


def _loadable(library: str) -> bool:
    import ctypes

    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def missing_libraries() -> list[str]:
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return []
    missing: set[str] = {lib for lib in LOADED_AT_START if not _loadable(lib)}
    for file in qt_plugin_files():
        if not file.exists():
            continue
        output = subprocess.run(["ldd", str(file)], capture_output=True, text=True, check=False).stdout
        for line in output.splitlines():
            if "not found" in line:
                missing.add(line.split("=>")[0].strip())
    return sorted(missing)


def packages_for(libraries: list[str]) -> list[str]:
    return sorted({DEBIAN_PACKAGES.get(lib, lib) for lib in libraries})


def ensure() -> int:
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return 0
    missing = missing_libraries()
    if not missing:
        return 0
    packages = packages_for(missing)
    command = ["apt-get", "install", "-y", *packages]
    print(f"Qt needs system libraries that are missing: {', '.join(missing)}.", file=sys.stderr)
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"Installing them: {' '.join(command)}", file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if subprocess.run(command, check=False, env=env).returncode == 0 and not missing_libraries():
            return 0
        print("The installation did not finish; run the command above yourself.", file=sys.stderr)
        return 1
    print(f"Install them with:\n  sudo {' '.join(command)}\nthen run make run again.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(ensure())
