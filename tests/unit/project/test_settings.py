"""Settings: command line over environment over pyproject.toml, and errors that say what to set."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.settings import MISSING_ODOO, SettingsError, load_settings


def project(tmp_path: Path, table: str = "") -> Path:
    (tmp_path / "pyproject.toml").write_text(f"[tool.odoo-uat]\n{table}\n")
    return tmp_path


def odoo_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "odoo-src"
    (tree / "odoo").mkdir(parents=True)
    (tree / "odoo-bin").write_text("")
    return tree


def no_odoo_command(_name: str) -> None:
    return None


def test_nothing_configured_names_every_way_to_configure_odoo(tmp_path):
    settings = load_settings(project(tmp_path), environ={}, which=no_odoo_command)
    assert settings.mode is None
    with pytest.raises(SettingsError) as error:
        settings.check()
    assert str(error.value) == MISSING_ODOO
    for name in ("ODOO_SRC", "ODOO_URL", "ODOO_DB", "ODOO_PASSWORD", "--odoo-src"):
        assert name in MISSING_ODOO


def test_command_line_wins_over_environment_which_wins_over_pyproject(tmp_path):
    root = project(tmp_path, 'url = "http://from-file"\ndb = "file_db"')
    environ = {"ODOO_URL": "http://from-env", "ODOO_DB": "env_db"}
    settings = load_settings(root, cli={"--odoo-url": "http://from-cli/"}, environ=environ, which=no_odoo_command)
    assert settings.url == "http://from-cli"
    assert settings.db == "env_db"
    assert load_settings(root, environ={}, which=no_odoo_command).db == "file_db"


def test_password_is_never_read_from_pyproject(tmp_path):
    root = project(tmp_path, 'url = "http://x"\ndb = "d"\npassword = "leaked"')
    settings = load_settings(root, environ={}, which=no_odoo_command)
    assert settings.password is None
    with pytest.raises(SettingsError, match="ODOO_PASSWORD"):
        settings.check()


def test_password_is_hidden_from_repr(tmp_path):
    settings = load_settings(project(tmp_path), environ={"ODOO_PASSWORD": "s3cret"}, which=no_odoo_command)
    assert "s3cret" not in repr(settings)


def test_source_tree_selects_the_embedded_mode(tmp_path):
    tree = odoo_tree(tmp_path)
    settings = load_settings(project(tmp_path), environ={"ODOO_SRC": str(tree)}, which=no_odoo_command)
    assert settings.mode == "embedded"
    settings.check()


def test_a_folder_that_is_not_odoo_is_refused_with_the_path(tmp_path):
    settings = load_settings(project(tmp_path), environ={"ODOO_SRC": str(tmp_path)}, which=no_odoo_command)
    with pytest.raises(SettingsError, match="is not an Odoo source tree"):
        settings.check()


def test_an_odoo_command_on_path_selects_the_embedded_mode(tmp_path):
    settings = load_settings(project(tmp_path), environ={}, which=lambda name: "/usr/bin/odoo")
    assert settings.mode == "embedded"
    assert settings.odoo_command == Path("/usr/bin/odoo")


def test_modules_and_addon_packages_come_from_pyproject_or_environment(tmp_path):
    root = project(tmp_path, 'modules = ["sale_stock"]\naddon_packages = ["odoo-addon-a"]')
    assert load_settings(root, environ={}, which=no_odoo_command).addon_packages == ("odoo-addon-a",)
    settings = load_settings(
        root, environ={"ODOO_UAT_ADDON_PACKAGES": "odoo-addon-b odoo-addon-c"}, which=no_odoo_command
    )
    assert settings.modules == ("sale_stock",)
    assert settings.addon_packages == ("odoo-addon-b", "odoo-addon-c")


def test_customisation_folders_and_modules_come_from_pyproject_as_lists(tmp_path):
    (tmp_path / "addons").mkdir()
    root = project(tmp_path, 'addons_paths = ["addons"]\ninstall = ["my_module", "other"]')
    settings = load_settings(root, environ={}, which=no_odoo_command)
    assert settings.addons_paths == ((tmp_path / "addons").resolve(),)
    assert settings.install == ("my_module", "other")


def test_addons_path_from_environment_is_colon_separated_and_install_comma_separated(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    environ = {"ODOO_ADDONS_PATH": f"a:{tmp_path / 'b'}", "ODOO_INSTALL": "x, y"}
    settings = load_settings(project(tmp_path, 'install = ["from_file"]'), environ=environ, which=no_odoo_command)
    assert settings.addons_paths == ((tmp_path / "a").resolve(), (tmp_path / "b").resolve())
    assert settings.install == ("x", "y")
    cli = {"--odoo-install": "from_cli"}
    assert load_settings(project(tmp_path), cli=cli, environ=environ, which=no_odoo_command).install == ("from_cli",)


def test_an_addons_path_that_is_no_folder_is_refused_with_the_setting_named(tmp_path):
    tree = odoo_tree(tmp_path)
    environ = {"ODOO_SRC": str(tree), "ODOO_ADDONS_PATH": "missing"}
    settings = load_settings(project(tmp_path), environ=environ, which=no_odoo_command)
    with pytest.raises(SettingsError, match="ODOO_ADDONS_PATH.*missing.*not a folder"):
        settings.check()


def test_with_nothing_set_make_uat_may_clone_odoo_of_the_series_into_the_cache(tmp_path):
    environ = {"ODOO_SERIES": "18.0", "ODOO_UAT_CACHE": str(tmp_path / "cache")}
    settings = load_settings(project(tmp_path), environ=environ, which=no_odoo_command, allow_clone=True)
    assert settings.mode == "embedded"
    assert settings.series == "18.0"
    assert settings.clone_dir == (tmp_path / "cache" / "odoo-src" / "18.0").resolve()
    assert load_settings(project(tmp_path), environ={}, which=no_odoo_command).mode is None


def test_a_local_mirror_of_odoo_is_resolved_against_the_project_and_a_url_kept(tmp_path):
    root = project(tmp_path, 'odoo_repo = "mirrors/odoo.git"')
    assert load_settings(root, environ={}, which=no_odoo_command).odoo_repo == str(tmp_path / "mirrors" / "odoo.git")
    environ = {"ODOO_REPO": "https://git.example.com/odoo.git"}
    assert load_settings(root, environ=environ, which=no_odoo_command).odoo_repo == environ["ODOO_REPO"]


def test_a_series_that_is_no_branch_of_odoo_is_refused_before_cloning(tmp_path):
    settings = load_settings(project(tmp_path), environ={"ODOO_SERIES": "19"}, which=no_odoo_command, allow_clone=True)
    with pytest.raises(SettingsError, match="ODOO_SERIES=19 is not an Odoo series"):
        settings.check()
