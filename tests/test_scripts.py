"""What the set-up scripts do on a user's machine."""

from __future__ import annotations

import re

from tests.conftest import ROOT

SCRIPTS = ROOT / "scripts"


def test_the_main_job_installs_no_browser_and_runs_no_apt() -> None:
    """Issue 22: scripts/main.sh, "the main job, offline", ran apt-get update and installed Chromium system-wide
    (hundreds of dpkg lines). The browser belongs to the tests (scripts/test.sh)."""
    main = (SCRIPTS / "main.sh").read_text(encoding="utf-8")
    assert "apt-get" not in main and "chromium" not in main.lower()
    extras = re.findall(r"scripts/setup\.sh\s+(\S+)", main)
    assert extras, "main.sh no longer installs through setup.sh: update this test"
    setup = (SCRIPTS / "setup.sh").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(setup):
        if "install_chromium" in line and not line.lstrip().startswith("#"):
            guard = " ".join(setup[max(0, number - 3) : number])
            assert '",dev,"' in guard, f"setup.sh installs Chromium outside the dev extra (line {number + 1})"
            assert all("dev" not in e.split(",") for e in extras), f"main.sh asks setup.sh for dev: {extras}"
