"""The customisation under test: which of its modules are installed, their content digests, their Python needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.addons import module_hash
from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.customisation import Customisation
from odoo_uat.embedded.runtime import OdooRuntime, OdooSource

REPO = Path(__file__).resolve().parents[3]


def module(folder: Path, name: str, depends=("sale",), **manifest: object) -> Path:
    """Write a minimal Odoo module folder:name and return its path."""
    path = folder / name
    path.mkdir(parents=True)
    (path / "__manifest__.py").write_text(repr({"name": name, "depends": list(depends), **manifest}))
    (path / "__init__.py").write_text("")
    return path


def test_without_install_every_installable_module_of_the_folders_is_installed(tmp_path):
    module(tmp_path, "b_rules")
    module(tmp_path, "a_rules")
    module(tmp_path, "old_rules", installable=False)
    (tmp_path / "not_a_module").mkdir()
    customisation = Customisation.from_folders([tmp_path])
    assert customisation.install == ("a_rules", "b_rules")
    assert sorted(customisation.modules) == ["a_rules", "b_rules"]


def test_install_brings_the_customisation_modules_it_depends_on_and_nothing_else(tmp_path):
    module(tmp_path, "base_rules")
    module(tmp_path, "sale_rules", depends=("sale", "base_rules"))
    module(tmp_path, "unrelated")
    customisation = Customisation.from_folders([tmp_path], ["sale_rules", "sale_margin"])
    assert sorted(customisation.modules) == ["base_rules", "sale_rules"]
    assert customisation.standard_modules() == ("sale_margin",)  # not theirs: it keys the template like `modules`


def test_the_first_folder_wins_for_a_module_in_two(tmp_path):
    first = module(tmp_path / "one", "rules")
    module(tmp_path / "two", "rules")
    assert Customisation.from_folders([tmp_path / "one", tmp_path / "two"]).modules["rules"].path == first


def test_folders_without_any_module_say_what_a_module_is(tmp_path):
    with pytest.raises(EmbeddedError, match=r"ODOO_ADDONS_PATH.*no installable Odoo module.*__manifest__\.py"):
        Customisation.from_folders([tmp_path])


def test_a_manifest_odoo_could_not_read_is_named(tmp_path):
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "__manifest__.py").write_text("{'name': 'x',")
    with pytest.raises(EmbeddedError, match=r"broken/__manifest__\.py.*dict literal"):
        Customisation.from_folders([tmp_path])


def test_asking_for_a_module_marked_not_installable_is_refused(tmp_path):
    module(tmp_path, "old_rules", installable=False)
    with pytest.raises(EmbeddedError, match=r"ODOO_INSTALL.*old_rules.*installable"):
        Customisation.from_folders([tmp_path], ["old_rules"])


def test_the_digest_follows_the_files_but_not_byte_code(tmp_path):
    path = module(tmp_path, "rules")
    before = module_hash(path)
    (path / "__pycache__").mkdir()
    (path / "__pycache__" / "models.cpython-311.pyc").write_bytes(b"\x00")
    assert module_hash(path) == before
    (path / "models.py").write_text("# one line\n")
    changed = module_hash(path)
    assert changed != before
    (path / "models.py").rename(path / "other.py")
    assert module_hash(path) not in (before, changed)  # a renamed file is a change too


def test_python_needs_come_from_manifests_and_the_folders_requirements(tmp_path):
    module(tmp_path, "rules", external_dependencies={"python": ["phonenumbers", "zeep>=4"]})
    module(tmp_path, "unused", external_dependencies={"python": ["never_installed"]})
    (tmp_path / "requirements.txt").write_text("# ours\nphonenumbers\nopenpyxl==3.1.2 ; python_version >= '3.8'\n")
    assert Customisation.from_folders([tmp_path], ["rules"]).requirements() == [
        "openpyxl==3.1.2",
        "phonenumbers",
        "zeep>=4",
    ]


def test_a_requirement_pip_cannot_read_names_the_manifest(tmp_path):
    module(tmp_path, "rules", external_dependencies={"python": ["not a requirement!"]})
    with pytest.raises(EmbeddedError, match=r"rules/__manifest__\.py.*'not a requirement!'"):
        Customisation.from_folders([tmp_path]).requirements()


def runtime(tmp_path: Path, customisation: Customisation) -> OdooRuntime:
    (tmp_path / "src").mkdir(exist_ok=True)
    (tmp_path / "src" / "requirements.txt").write_text("lxml\n")
    return OdooRuntime(OdooSource("19.0", src=tmp_path / "src"), tmp_path / "cache", customisation=customisation)


def test_the_virtualenv_stamp_changes_with_the_customisations_python_needs(tmp_path):
    plain = runtime(tmp_path, Customisation()).stamp()
    module(tmp_path / "addons", "rules", external_dependencies={"python": ["zeep"]})
    with_needs = runtime(tmp_path, Customisation.from_folders([tmp_path / "addons"])).stamp()
    assert "custom_requirements" not in plain  # virtualenvs made before customisations stay valid
    assert with_needs["custom_requirements"] == ["zeep"]


def test_the_customisations_folders_come_first_on_the_addons_path(tmp_path):
    module(tmp_path / "addons", "rules")
    paths = runtime(tmp_path, Customisation.from_folders([tmp_path / "addons"])).addons_paths()
    assert paths[:2] == [tmp_path / "addons", tmp_path / "src" / "addons"]


def test_the_shipped_example_is_one_installable_module_for_both_series():
    customisation = Customisation.from_folders([REPO / "examples" / "addons"])
    assert customisation.install == ("uat_minimum_order",)
    manifest = customisation.modules["uat_minimum_order"].manifest
    assert manifest["license"] == "LGPL-3" and manifest["version"] == "1.0"
