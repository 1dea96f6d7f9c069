"""Embedded Odoo runtime: the version of a source tree, the pins chosen from requirements.txt, pip errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from odoo_uat.embedded import EmbeddedError, OdooSource, detect_series
from odoo_uat.embedded.requirements import (
    addon_modules,
    addon_requirements,
    marker_environment,
    pip_culprit,
    select_requirements,
)
from odoo_uat.embedded.runtime import dropped_addon_packages, needs_fresh_venv

# Lines as Odoo 19.0's requirements.txt writes them.
REQUIREMENTS = """\
# The officially supported versions of the following packages are their
cbor2==5.4.2 ; python_version < '3.12'
cbor2==5.6.2 ; python_version >= '3.12'
Babel==2.10.3 ; python_version >= '3.11' and python_version < '3.13'
gevent==22.10.2; sys_platform != 'win32' and python_version > '3.10' and python_version < '3.12'
gevent==24.2.1 ; sys_platform != 'win32' and python_version >= '3.12' and python_version < '3.13'  # (Noble)
lxml-html-clean; python_version >= '3.12' # (Noble - removed from lxml)
psycopg2==2.9.5 ; python_version == '3.11'
psycopg2==2.9.9 ; python_version >= '3.12' and python_version < '3.13' # (Noble)
pypiwin32 ; sys_platform == 'win32'
pytz  # no version pinning to avoid OS perturbations
geoip2==2.9.0
"""


def release_py(tmp_path: Path, version_info: str) -> Path:
    (tmp_path / "odoo").mkdir()
    (tmp_path / "odoo-bin").write_text("")
    (tmp_path / "odoo" / "release.py").write_text(
        "RELEASE_LEVELS = [ALPHA, BETA, RELEASE_CANDIDATE, FINAL] = ['alpha', 'beta', 'candidate', 'final']\n"
        f"version_info = {version_info}\n"
    )
    return tmp_path


def test_python_311_gets_the_pins_odoo_gives_python_312():
    selected = select_requirements(REQUIREMENTS, marker_environment((3, 11, 7)))
    assert selected == [
        "cbor2==5.6.2",
        "Babel==2.10.3",
        "gevent==24.2.1",
        "lxml-html-clean",
        "psycopg2==2.9.9",
        "pytz",
        "geoip2==2.9.0",
    ]


def test_python_313_keeps_its_own_markers():
    environment = marker_environment((3, 13, 1))
    assert environment["python_version"] != "3.12"
    assert "Babel==2.10.3" not in select_requirements(REQUIREMENTS, environment)


def test_marker_environment_bumps_both_python_version_markers():
    environment = marker_environment((3, 11, 7))
    assert (environment["python_version"], environment["python_full_version"]) == ("3.12", "3.12.0")


def test_unreadable_requirement_names_its_line():
    with pytest.raises(EmbeddedError, match="Line 2 .*not understood"):
        select_requirements("pytz\nthis is not ==== a requirement\n")


def test_addon_package_without_version_is_held_to_the_series():
    assert addon_requirements(["odoo-addon-sale-financial-risk", "odoo-addon-rma-sale>=19.0.1"], "19.0") == [
        "odoo-addon-sale-financial-risk==19.0.*",
        "odoo-addon-rma-sale>=19.0.1",
    ]


@pytest.mark.parametrize(
    ("log", "culprit"),
    [
        ("Collecting cbor2==5.4.2\n  error: subprocess-exited-with-error\nFailed to build cbor2\n", "cbor2"),
        (
            "ERROR: Could not find a version that satisfies the requirement odoo-addon-nope==19.0.* "
            "(from versions: none)\nERROR: No matching distribution found for odoo-addon-nope==19.0.*\n",
            "odoo-addon-nope==19.0.*",
        ),
        (
            "Collecting psycopg2==2.9.9\n  Getting requirements to build wheel: finished with status 'error'\n",
            "psycopg2==2.9.9",
        ),
        ("ERROR: something unexpected\n", None),
    ],
)
def test_pip_failure_names_the_package(log, culprit):
    assert pip_culprit(log) == culprit


@pytest.mark.parametrize(
    ("version_info", "series"),
    [
        ("(19, 0, 0, FINAL, 0, '')", "19.0"),
        ("(18, 0, 0, FINAL, 0, '')", "18.0"),
        ("('saas~18', 3, 0, ALPHA, 1, '')", "saas~18.3"),
    ],
)
def test_series_is_read_from_release_py(tmp_path, version_info, series):
    source = OdooSource.from_path(release_py(tmp_path, version_info))
    assert source.series == series
    assert source.major == int(series.removeprefix("saas~").split(".")[0])


def test_a_folder_without_odoo_bin_is_not_a_source_tree(tmp_path):
    with pytest.raises(EmbeddedError, match=r"ODOO_SRC=.* is not an Odoo source tree: it must hold odoo-bin"):
        OdooSource.from_path(tmp_path)


def test_missing_release_py_says_which_file(tmp_path):
    with pytest.raises(EmbeddedError, match=r"odoo/release\.py"):
        detect_series(tmp_path)


STAMP = {"requirements": "abc", "python": "3.11.7", "markers": "3.12", "addon_packages": ["odoo-addon-a"]}


@pytest.mark.parametrize(
    ("installed", "fresh"),
    [
        (None, True),  # never finished
        (STAMP, False),
        ({**STAMP, "requirements": "older"}, False),  # pip completes it
        ({**STAMP, "addon_packages": ["odoo-addon-a", "odoo-addon-b"]}, False),
        ({**STAMP, "python": "3.11.4"}, True),
    ],
)
def test_virtualenv_is_rebuilt_only_when_pip_cannot_get_there(installed, fresh):
    assert needs_fresh_venv(installed, STAMP) is fresh


def test_addon_packages_no_longer_wanted_are_uninstalled_by_name():
    installed = {**STAMP, "addon_packages": ["odoo-addon-a", "odoo-addon-b==19.0.*", "odoo-addon-c"]}
    assert dropped_addon_packages(installed, STAMP) == ["odoo-addon-b", "odoo-addon-c"]
    assert dropped_addon_packages(None, STAMP) == []


def test_addon_packages_name_the_modules_they_bring():
    packages = [
        "odoo-addon-sale-financial-risk==19.0.*",
        "odoo-addon-rma_sale",
        "odoo14-addon-web-responsive",
        "requests",
    ]
    assert addon_modules(packages) == ["sale_financial_risk", "rma_sale", "web_responsive"]


def test_a_cache_disk_too_small_for_the_virtualenv_is_named_with_the_fix(tmp_path, monkeypatch):
    from collections import namedtuple

    from odoo_uat.embedded import runtime

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(runtime.shutil, "disk_usage", lambda folder: usage(2**30, 2**30 - 2**20, 2**20))
    with pytest.raises(EmbeddedError, match=rf"cache folder {tmp_path} has 1 MB free.*ODOO_UAT_CACHE"):
        runtime.check_free_space(tmp_path, runtime.VENV_SPACE, "Odoo's virtualenv")
