"""The systemd units in deploy/systemd/, read as systemd reads them: who may write what on a server, and that
every command they start is one the dashboard has."""

from __future__ import annotations

import re
import shlex

import pytest

from mande import cli
from tests.conftest import REPO

UNITS = REPO / "deploy" / "systemd"


def unit(name: str) -> dict[str, list[str]]:
    """Every `key=value` of a unit file, a key's values in order (systemd allows a key more than once)."""
    text = re.sub(r"\\\n\s*", " ", (UNITS / name).read_text())  # a line ending in \ goes on on the next
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


SECRETARIAT, PUBLIC, ASSETS = (unit(n) for n in
                               ("mande-secretariat.service", "mande-public@.service", "mande-web-assets.service"))


def test_each_process_writes_only_its_own_folder():
    assert SECRETARIAT["ReadWritePaths"] == ["/srv/mande-data"]
    assert "ReadWritePaths" not in PUBLIC  # a replica writes nothing
    assert ASSETS["ReadWritePaths"] == ["/srv/mande-static"]
    for service in (SECRETARIAT, PUBLIC, ASSETS):
        assert service["ProtectSystem"] == ["strict"] and service["NoNewPrivileges"] == ["yes"]
    # The files Caddy gives every visitor belong to a user of their own: the processes that face the internet
    # (the Secretariat's takes uploads) can read them, not change them.
    assert SECRETARIAT["User"] == PUBLIC["User"] == ["mande"] and ASSETS["User"] == ["mande-assets"]


def test_caddy_serves_the_folder_the_static_files_are_prepared_in():
    caddy = unit("caddy-mande.conf")
    assert '"MANDE_STATIC=/srv/mande-static"' in caddy["Environment"]
    (command,) = ASSETS["ExecStart"]
    assert command.endswith("mande web-assets --out /srv/mande-static")
    assert ASSETS["Type"] == ["oneshot"] and ASSETS["TimeoutStartSec"] == ["15min"]  # not systemd's 90 s


@pytest.mark.parametrize("command", [c for service in (SECRETARIAT, ASSETS)
                                     for c in service.get("ExecStartPre", []) + service["ExecStart"]
                                     if "/mande " in c])
def test_every_mande_command_a_unit_starts_is_one_the_dashboard_has(command):
    arguments = shlex.split(command.lstrip("-"))[1:]
    with pytest.raises(SystemExit) as said:
        cli.main([*arguments, "--help"])
    assert said.value.code == 0, command
