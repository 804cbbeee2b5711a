"""The framework files shipped with the product: the default one and the examples.

Their codes are reserved for built-in frameworks: nobody may upload a framework of one of these
codes for an organisation or a practice (see ``selectors.framework_code_problem``). Each file is
parsed once per change of the file (it is frozen data).
"""

from __future__ import annotations

import functools
from pathlib import Path

from .framework_files import DEFAULT_FRAMEWORK_PATH, FRAMEWORKS_DIR, ParsedFramework, load_framework

EXAMPLES_DIR = FRAMEWORKS_DIR / "examples"
EXTENSIONS = (".yaml", ".yml", ".json")


def shipped_paths() -> list[Path]:
    """The default framework file first, then the examples by name."""
    examples = sorted(p for p in EXAMPLES_DIR.iterdir() if p.suffix.lower() in EXTENSIONS)
    return [DEFAULT_FRAMEWORK_PATH, *examples]


@functools.lru_cache(maxsize=16)
def _parse_file(path: str, modified_ns: int, size: int) -> ParsedFramework:
    return load_framework(path)


def shipped_framework(path: Path) -> ParsedFramework:
    stat = path.stat()
    return _parse_file(str(path), stat.st_mtime_ns, stat.st_size)


def shipped_default_framework() -> ParsedFramework:
    """The default framework file, parsed."""
    return shipped_framework(DEFAULT_FRAMEWORK_PATH)


def shipped_codes() -> frozenset[str]:
    """The codes of every shipped framework file."""
    return frozenset(shipped_framework(path).code for path in shipped_paths())
