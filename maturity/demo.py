from .framework_files import FRAMEWORKS_DIR, load_framework
from .services import framework_import


def seed_demo() -> None:
    """Import the default framework and the example one (no-ops when already stored)."""
    for path in [
        FRAMEWORKS_DIR / "ld-strategy.yaml",
        *sorted(FRAMEWORKS_DIR.glob("examples/*.yaml")),
    ]:
        framework_import(load_framework(path))
