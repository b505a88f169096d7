"""The catalogues: one folder per part of the application under translations/, merged at run time.

Each part (translations/<part>/<language>/LC_MESSAGES/messages.po) is kept by whoever works on
that part, so that two pieces of work never edit one file. The compiled .mo files are not kept
in git: they are written next to their .po when missing or older, atomically, so that several
workers starting at once never read half a file.
"""

import os
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def directories(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def catalogue_files(root: Path) -> list[Path]:
    return sorted(root.glob("*/*/LC_MESSAGES/messages.po"))


def compile_stale(root: Path) -> int:
    """Compile every .po whose .mo is missing or older; the number compiled."""
    done = 0
    for po in catalogue_files(root):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parts[-3])
        fd, tmp = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
        with os.fdopen(fd, "wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        os.replace(tmp, mo)
        done += 1
    return done
