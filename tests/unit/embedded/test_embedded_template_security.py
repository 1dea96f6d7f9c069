"""The embedded template: demo data on request, owned by Odoo's role, an administrator password of the cluster's own."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.databases import ADMIN_USER, Databases, user_password_statements
from odoo_uat.embedded.runtime import OdooSource
from odoo_uat.embedded.server import EmbeddedOdoo
from odoo_uat.embedded.template_plan import TemplateSpec, template_name
from odoo_uat.settings import load_settings

MODULES = ["sale_management", "stock"]


class Cluster:
    """Records the SQL the suite sends; answers rows for statements that return some."""

    def __init__(self, answer: list[list[str]] | None = None) -> None:
        self.statements: list[tuple[str, str]] = []
        self.answer = [["2"]] if answer is None else answer

    def sql(self, statement: str, db: str = "postgres") -> list[list[str]]:
        self.statements.append((statement, db))
        return self.answer if "RETURNING" in statement else []


def databases(tmp_path: Path, cluster: Cluster) -> Databases:
    return Databases(cluster, tmp_path / "data", tmp_path / "locks", tmp_path / "templates")


def test_a_demo_template_has_a_name_of_its_own():
    plain = template_name("19.0", "/src", MODULES)
    demo = template_name("19.0", "/src", MODULES, (), (), demo=True)
    assert demo != plain
    assert template_name("19.0", "/src", MODULES, (), ["fr_FR"], demo=True) not in (demo, plain)


def test_the_demo_setting_reaches_the_template_spec(tmp_path):
    source = OdooSource(series="19.0", src=tmp_path / "odoo")
    spec = EmbeddedOdoo(source, tmp_path / "cache", modules=MODULES, demo=True).template_spec
    assert spec.demo and spec.base == template_name("19.0", source.where, MODULES, (), (), demo=True)
    assert not EmbeddedOdoo(source, tmp_path / "cache", modules=MODULES).template_spec.demo


def test_a_demo_template_is_built_with_demo_data_and_says_so_in_its_record(tmp_path, monkeypatch):
    store = databases(tmp_path, Cluster())
    asked: list[bool] = []
    monkeypatch.setattr(store, "_run_odoo", lambda db, runtime, args, config, log, demo=False: asked.append(demo) or 0)
    monkeypatch.setattr(store, "_missing_modules", lambda db, modules: [])
    store._build("uat_build_x", None, MODULES, tmp_path / "odoo.conf", tmp_path / "log", (), (), True)
    assert asked == [True]
    spec = TemplateSpec("uat_tpl_abc", tuple(MODULES), {"rules": "aaa"}, ("rules",), (), demo=True)
    store.write_record(spec.name, spec)
    assert '"demo": true' in store.record_file(spec.name).read_text()


def test_a_run_database_belongs_to_odoos_role_which_is_no_superuser(tmp_path):
    cluster = Cluster()
    databases(tmp_path, cluster).clone("uat_tpl_abc", "uat_20250101_000000_abcd")
    assert (
        cluster.statements[0][0]
        == 'CREATE DATABASE "uat_20250101_000000_abcd" OWNER odoo_uat_odoo TEMPLATE "uat_tpl_abc"'
    )


def test_the_administrator_gets_the_clusters_password_and_other_users_one_nobody_knows(tmp_path, monkeypatch):
    monkeypatch.setattr("odoo_uat.embedded.databases.odoo_password_hash", lambda password: f"hash-of-{password}")
    cluster = Cluster()
    databases(tmp_path, cluster).set_user_passwords("uat_build_x", "the-admin-password")
    (admin, db), (others, _db) = cluster.statements
    assert db == "uat_build_x"
    assert admin == f"UPDATE res_users SET password = 'hash-of-the-admin-password' WHERE id = {ADMIN_USER} RETURNING id"
    # demo/demo and portal/portal of Odoo's demo data: a random password of their own.
    assert others.startswith("UPDATE res_users SET password = 'hash-of-") and "the-admin-password" not in others
    assert f"id <> {ADMIN_USER}" in others and "password IS NOT NULL" in others


def test_a_database_without_its_administrator_is_refused(tmp_path):
    with pytest.raises(EmbeddedError, match="uat_build_x has no administrator"):
        databases(tmp_path, Cluster(answer=[])).set_user_passwords("uat_build_x", "pw")


def test_the_statements_never_hold_the_password_in_clear():
    admin, others = user_password_statements("$pbkdf2-sha512$600000$a$b", "$pbkdf2-sha512$600000$c$d")
    assert "'$pbkdf2-sha512$600000$a$b'" in admin and "'$pbkdf2-sha512$600000$c$d'" in others


def test_the_settings_cache_folder_is_made_private_before_anything_is_written_into_it(tmp_path):
    src = tmp_path / "odoo"
    (src / "odoo").mkdir(parents=True)
    (src / "odoo-bin").write_text("")
    (src / "odoo" / "release.py").write_text("version_info = (19, 0, 0, 'final', 0, '')\n")
    (tmp_path / "pyproject.toml").write_text("[tool.odoo-uat]\ndemo = true\n")
    settings = load_settings(tmp_path, environ={"ODOO_SRC": str(src), "ODOO_UAT_CACHE": str(tmp_path / "cache")})
    odoo = EmbeddedOdoo.from_settings(settings)
    assert odoo.demo
    assert os.lstat(tmp_path / "cache").st_mode & 0o777 == 0o700


class OidCluster(Cluster):
    """A cluster whose template database has an oid, changed when it is rebuilt."""

    oid = "16384"

    def sql(self, statement: str, db: str = "postgres") -> list[list[str]]:
        self.statements.append((statement, db))
        return [[self.oid]] if "pg_database" in statement else []


def test_the_administrator_password_is_proven_once_per_template_and_password(tmp_path):
    cluster = OidCluster()
    store = databases(tmp_path, cluster)
    assert not store.admin_password_proven("uat_tpl_abc", "pw")
    store.prove_admin_password("uat_tpl_abc", "pw")
    assert store.admin_password_proven("uat_tpl_abc", "pw")
    assert not store.admin_password_proven("uat_tpl_abc", "another")  # the password file made again
    assert "pw" not in next(tmp_path.glob("templates/*")).read_text()
    cluster.oid = "20000"  # the template rebuilt under the same name
    assert not store.admin_password_proven("uat_tpl_abc", "pw")


class RunsCluster(Cluster):
    """Four run databases, the oldest one served by another run."""

    runs = [
        "uat_20261203_100000_aaaa",
        "uat_20261203_110000_bbbb",
        "uat_20261203_120000_cccc",
        "uat_20261203_130000_dddd",
    ]

    def sql(self, statement: str, db: str = "postgres") -> list[list[str]]:
        self.statements.append((statement, db))
        if "pg_stat_activity" in statement:
            return [[self.runs[0]]]
        return [[name] for name in self.runs] if "FROM pg_database" in statement else []


def test_pruning_leaves_a_database_another_run_serves(tmp_path):
    cluster = RunsCluster()
    assert databases(tmp_path, cluster).prune_runs(1) == ["uat_20261203_120000_cccc", "uat_20261203_110000_bbbb"]
    dropped = [statement for statement, _ in cluster.statements if statement.startswith("DROP")]
    assert not any("aaaa" in statement for statement in dropped)  # PostgreSQL would wait 5 s, then refuse


class DatabaseCluster(Cluster):
    """Keeps the set of database names the statements create, rename and drop."""

    def __init__(self, names: list[str]) -> None:
        super().__init__()
        self.names = list(names)

    def sql(self, statement: str, db: str = "postgres") -> list[list[str]]:
        self.statements.append((statement, db))
        quoted = re.findall(r'"([a-z0-9_]+)"', statement)
        if statement.startswith("CREATE DATABASE"):
            self.names.append(quoted[0])
        elif "RENAME TO" in statement:
            if quoted[0] not in self.names:
                raise EmbeddedError(f'PostgreSQL refused: database "{quoted[0]}" does not exist')
            self.names[self.names.index(quoted[0])] = quoted[1]
        elif statement.startswith("DROP DATABASE"):
            self.names.remove(quoted[0])
        elif "FROM pg_database" in statement:
            return [[name] for name in self.names]
        return []


def test_a_run_takes_the_spare_clone_the_last_one_left_and_leaves_one_for_the_next(tmp_path):
    template, old_template = "uat_tpl_b67711421431", "uat_tpl_1b5245084259"
    cluster = DatabaseCluster([template, old_template, "uat_spare_1b5245084259_0001"])
    store = databases(tmp_path, cluster)
    assert not store.take_spare(template, "uat_20261203_150000_aaaa")  # none of this template yet
    store.make_spare(template)
    assert store.spares() == store.spares(template) and len(store.spares()) == 1  # the stale one dropped
    store.make_spare(template)
    assert len(store.spares(template)) == 1  # one is enough
    (store.filestore(store.spares(template)[0])).mkdir(parents=True)
    assert store.take_spare(template, "uat_20261203_150000_aaaa")
    assert "uat_20261203_150000_aaaa" in cluster.names and store.spares() == []
    assert store.filestore("uat_20261203_150000_aaaa").is_dir()
    assert not store.take_spare(template, "uat_20261203_150001_bbbb")  # taken: the run clones


def test_building_a_template_drops_the_spares_of_what_it_replaces(tmp_path):
    cluster = DatabaseCluster(["uat_tpl_b67711421431", "uat_spare_b67711421431_0001"])
    store = databases(tmp_path, cluster)
    store.drop_spares()
    assert cluster.names == ["uat_tpl_b67711421431"]


def test_a_run_database_is_marked_neutralized_with_its_base_url_frozen(tmp_path):
    """Frozen: the suite's RPC session login as the administrator must not move web.base.url (odoo_uat.odoo.rpc)."""
    cluster = DatabaseCluster(["uat_20261203_150000_aaaa"])
    databases(tmp_path, cluster).mark_neutralized("uat_20261203_150000_aaaa")
    [(statement, db)] = cluster.statements
    assert db == "uat_20261203_150000_aaaa"
    assert "('database.is_neutralized', 'true')" in statement and "('web.base.url.freeze', 'True')" in statement
    assert "DO UPDATE SET value = EXCLUDED.value" in statement
