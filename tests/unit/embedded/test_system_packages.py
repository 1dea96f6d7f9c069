"""System packages: each need probed by its own file or command, on a fake machine root."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat import system_packages
from odoo_uat.system_packages import (
    EMBEDDED,
    NEEDS,
    BrowserSettingError,
    Need,
    missing_packages,
    needs_of,
    python_headers_need,
)

LDAP_AND_SASL = ("libldap2-dev", "libsasl2-dev")


def lay_out(root: Path, needs: tuple[Need, ...]) -> Path:
    """Give the fake root the files and commands that these needs are probed by."""
    for need in needs:
        for pattern in need.files:
            path = root / pattern.replace("*", "15")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("")
        for command in need.commands[:1]:
            (root / "usr" / "bin").mkdir(parents=True, exist_ok=True)
            (root / "usr" / "bin" / command).write_text("")
    return root


def without(*packages: str) -> tuple[Need, ...]:
    return tuple(need for need in EMBEDDED if need.package not in packages)


def test_the_bug_report_machine_gets_exactly_the_ldap_and_sasl_headers(tmp_path, monkeypatch):
    # PostgreSQL server and libpq-dev there, LDAP and SASL headers not: python-ldap failed to build.
    root = lay_out(tmp_path, without(*LDAP_AND_SASL))
    assert (root / "usr/lib/postgresql/15/bin/initdb").is_file()
    assert (root / "usr/include/postgresql/libpq-fe.h").is_file()
    monkeypatch.setenv(system_packages.ROOT_VARIABLE, str(root))
    assert missing_packages(["embedded"]) == list(LDAP_AND_SASL)


def test_a_bare_machine_gets_every_package(tmp_path):
    assert missing_packages(["embedded"], root=tmp_path) == [need.package for need in EMBEDDED]


def test_a_full_machine_gets_none(tmp_path):
    root = lay_out(tmp_path, tuple(need for purpose in NEEDS for need in needs_of(purpose)))
    assert missing_packages(NEEDS, root=root) == []


def test_pg_config_of_the_postgresql_server_does_not_stand_in_for_libpq_dev(tmp_path):
    # postgresql-common diverts /usr/bin/pg_config: it is there with the server alone.
    root = lay_out(tmp_path, without("libpq-dev"))
    (root / "usr" / "bin" / "pg_config").write_text("")
    assert missing_packages(["embedded"], root=root) == ["libpq-dev"]


def test_git_is_needed_for_the_clone(tmp_path):
    assert "git" in [need.package for need in EMBEDDED]
    assert missing_packages(["git"], root=lay_out(tmp_path, without("git"))) == ["git"]


def test_a_package_is_named_once_across_purposes(tmp_path):
    assert missing_packages(["embedded", "git"], root=tmp_path).count("git") == 1


def test_the_real_root_looks_commands_up_on_path(tmp_path):
    need = Need("git", "git", commands=("git",))
    assert system_packages.is_present(need, Path("/"), which=lambda name: f"/usr/bin/{name}")
    assert not system_packages.is_present(need, Path("/"), which=lambda name: None)


def test_a_debian_interpreter_needs_the_dev_package_of_its_own_version():
    need = python_headers_need("/usr/include/python3.11", (3, 11))
    assert need.package == "python3.11-dev"
    assert need.files == ("usr/include/python3.11/Python.h",)


@pytest.mark.parametrize(
    "include_dir", ["/root/.pyenv/versions/3.11.7/include/python3.11", "/usr/local/include/python3.12"]
)
def test_an_interpreter_outside_debian_brings_its_own_headers(include_dir):
    assert python_headers_need(include_dir, (3, 11)) is None


def test_the_command_line_prints_the_missing_packages(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(system_packages.ROOT_VARIABLE, str(lay_out(tmp_path, without(*LDAP_AND_SASL))))
    assert system_packages.main(["embedded"]) == 0
    assert capsys.readouterr().out.split() == list(LDAP_AND_SASL)


def test_the_command_line_names_an_unknown_purpose(capsys):
    assert system_packages.main(["embeded"]) == 2
    assert "unknown: embeded" in capsys.readouterr().err


def test_wkhtmltopdf_is_checked_on_its_own_by_the_command_it_provides(tmp_path):
    # Odoo's PDF reports: a machine with everything else still gets wkhtmltopdf.
    root = lay_out(tmp_path, without("wkhtmltopdf"))
    assert missing_packages(["embedded"], root=root) == ["wkhtmltopdf"]
    (root / "usr" / "bin" / "wkhtmltopdf").write_text("")
    assert missing_packages(["embedded"], root=root) == []


def test_wkhtmltopdf_is_looked_up_on_path_where_odoo_finds_it():
    need = next(need for need in EMBEDDED if need.package == "wkhtmltopdf")
    assert need.commands == ("wkhtmltopdf",) and not need.files
    assert system_packages.is_present(need, Path("/"), which={"wkhtmltopdf": "/usr/bin/wkhtmltopdf"}.get)
    assert not system_packages.is_present(need, Path("/"), which=lambda name: None)


def test_the_scenarios_browser_is_the_headless_shell_checked_by_its_own_binary(tmp_path, monkeypatch):
    # Debian's chromium does not stand in for chromium-headless-shell, nor the other way round.
    monkeypatch.delenv(system_packages.BROWSER_VARIABLE, raising=False)
    root = lay_out(tmp_path, needs_of("record"))  # the full chromium is there
    assert missing_packages(["browser"], root=root) == ["chromium-headless-shell"]
    assert missing_packages(["record"], root=root) == []
    root = lay_out(tmp_path / "shell", needs_of("browser"))
    assert missing_packages(["browser"], root=root) == []
    assert missing_packages(["record"], root=root) == ["chromium"]


def test_odoo_uat_browser_chromium_asks_for_the_full_browser(tmp_path, monkeypatch):
    monkeypatch.setenv(system_packages.BROWSER_VARIABLE, "Chromium")
    assert missing_packages(["browser"], root=tmp_path) == ["chromium"]


def test_an_unknown_browser_setting_names_the_variable_and_the_values(monkeypatch):
    monkeypatch.setenv(system_packages.BROWSER_VARIABLE, "firefox")
    with pytest.raises(BrowserSettingError, match="ODOO_UAT_BROWSER='firefox'.*'headless-shell' or 'chromium'"):
        system_packages.browser_choice()
