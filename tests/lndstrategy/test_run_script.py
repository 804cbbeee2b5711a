"""`make run`: links in emails follow the address served, and the PDF's needs are named."""

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_env(*args: str, **env: str) -> str:
    environment = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    result = subprocess.run(
        ["bash", "scripts/run-env.sh", *args],
        cwd=ROOT,
        env=environment | env,
        capture_output=True,
        text=True,
        check=True,
    )
    return subprocess.run(
        ["bash", "-c", result.stdout + 'printf %s "$SITE_URL"'],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_links_follow_the_port_being_served():
    assert run_env("127.0.0.1", "8101") == "http://127.0.0.1:8101"
    assert run_env("localhost", "8000") == "http://localhost:8000"


def test_serving_every_interface_links_to_this_machine():
    assert run_env("0.0.0.0", "9000") == "http://127.0.0.1:9000"
    assert run_env("::1", "8000") == "http://[::1]:8000"


def test_an_explicit_site_url_wins_over_the_address_served():
    assert run_env("127.0.0.1", "8101", SITE_URL="https://strategy.example.org") == (
        "https://strategy.example.org"
    )


def test_the_run_script_serves_with_that_environment_and_installs_the_pdf_needs():
    script = (ROOT / "scripts" / "run.sh").read_text()
    assert 'eval "$(bash scripts/run-env.sh "$host" "$port")"' in script
    assert "bash scripts/services.sh install-pdf" in script


def test_without_a_way_to_install_the_missing_packages_are_named_and_the_run_goes_on(tmp_path):
    bin_dir = tmp_path / "bin"  # a PATH without apt-get or sudo
    bin_dir.mkdir()
    for tool in ("bash", "cat", "id", "grep"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    result = subprocess.run(
        [str(bin_dir / "bash"), "scripts/services.sh", "install-pdf"],
        cwd=ROOT,
        env={"PATH": str(bin_dir), "REPORTS_CHROMIUM_PATH": "/nowhere/chromium"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0
    assert "PDF reports cannot be built yet: missing chromium." in result.stderr
    assert "sudo apt-get install chromium" in result.stderr


def test_with_everything_installed_the_pdf_step_says_nothing():
    result = subprocess.run(
        ["bash", "scripts/services.sh", "install-pdf"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr == ""
    assert result.stdout == ""
