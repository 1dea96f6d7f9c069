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


# -- ODOO_URL: scheme, host and port only (the RPC client keeps no more, the browser keeps it all) ---------------


def server(tmp_path: Path, url: str):
    environ = {"ODOO_URL": url, "ODOO_DB": "staging", "ODOO_PASSWORD": "admin-pw"}
    return load_settings(project(tmp_path), environ=environ, which=no_odoo_command)


@pytest.mark.parametrize(
    "url", ["https://staging.example.com", "https://staging.example.com/", "http://127.0.0.1:8069", "http://odoo:8069/"]
)
def test_a_server_url_of_scheme_host_and_port_is_taken(tmp_path, url):
    server(tmp_path, url).check()


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("https://staging.example.com/odoo", "it has a path (/odoo)"),
        ("https://staging.example.com/web#action=12", "it has a path (/web)"),
        ("https://staging.example.com/?db=prod", "a query or a fragment"),
        ("https://staging.example.com#top", "a query or a fragment"),
        ("staging.example.com:8069", "must start with http:// or https://"),
        ("ftp://staging.example.com", "must start with http:// or https://"),
        ("https://staging.example.com:80a", "cannot be read as a URL"),
    ],
)
def test_a_server_url_with_more_than_scheme_host_and_port_is_refused(tmp_path, url, said):
    with pytest.raises(SettingsError) as error:
        server(tmp_path, url).check()
    message = str(error.value)
    assert message.startswith(f"ODOO_URL (or --odoo-url, `url` in [tool.odoo-uat]) is {url}: ")
    assert said in message and "such as https://staging.example.com" in message


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://uat:s3cret-pw@staging.example.com", "https://uat:***@staging.example.com"),
        ("https://uat:s3/cr:et@pw@staging.example.com/odoo", "https://uat:***@staging.example.com/odoo"),
        ("https://token-s3cret@staging.example.com", "https://***@staging.example.com"),
    ],
)
def test_credentials_in_the_server_url_are_refused_and_never_repeated(tmp_path, url, shown):
    with pytest.raises(SettingsError) as error:
        server(tmp_path, url).check()
    message = str(error.value)
    assert f"is {shown}: it holds a user name or password" in message
    assert "s3cret" not in message and "s3/cr" not in message and "ODOO_LOGIN and ODOO_PASSWORD" in message


# -- the embedded template with Odoo's demo data ---------------------------------------------------------------------


def test_demo_data_is_off_unless_asked_and_asked_in_each_place(tmp_path):
    root = project(tmp_path)
    assert not load_settings(root, environ={}, which=no_odoo_command).demo
    assert load_settings(root, environ={"ODOO_UAT_DEMO": "1"}, which=no_odoo_command).demo
    assert load_settings(root, cli={"--odoo-demo": "yes"}, environ={"ODOO_UAT_DEMO": "0"}, which=no_odoo_command).demo
    assert load_settings(project(tmp_path, "demo = true"), environ={}, which=no_odoo_command).demo
    assert not load_settings(project(tmp_path, "demo = false"), environ={}, which=no_odoo_command).demo


def test_a_demo_setting_that_is_neither_yes_nor_no_is_refused_by_name(tmp_path):
    settings = load_settings(
        project(tmp_path),
        environ={"ODOO_UAT_DEMO": "maybe", "ODOO_SRC": str(odoo_tree(tmp_path))},
        which=no_odoo_command,
    )
    assert not settings.demo
    with pytest.raises(SettingsError, match=r"ODOO_UAT_DEMO .* is 'maybe', which is neither yes nor no: give 1 or 0"):
        settings.check()
