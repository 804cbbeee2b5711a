"""Every message of the policy and actions apps has a Dutch translation."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def untranslated(po: Path) -> list[str]:
    missing = []
    for block in po.read_text(encoding="utf-8").split("\n\n")[1:]:  # skip the header
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        if "#, fuzzy" in block:
            missing.append(block)
            continue
        for index, line in enumerate(lines):
            if line.startswith("msgstr") and line.endswith('""'):
                following = lines[index + 1] if index + 1 < len(lines) else ""
                if not following.startswith('"'):
                    missing.append(block)
    return missing


@pytest.mark.parametrize("app", ["policy", "actions"])
def test_every_message_has_a_dutch_translation(app):
    po = ROOT / app / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    assert po.exists()
    assert (po.parent / "django.mo").exists()
    assert untranslated(po) == []
