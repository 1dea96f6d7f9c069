"""Odoo Community cloned into the cache: from a local bare repository made here, never the network."""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from odoo_uat.embedded import EmbeddedError, source_clone
from odoo_uat.embedded.source_clone import ensure_odoo_checkout

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed on this machine")

RELEASE = "version_info = ({major}, 0, 0, FINAL, 0)\n"


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=odoo-uat", "-c", "user.email=uat@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def odoo_repo(tmp_path_factory) -> Path:
    """A bare repository: branch 19.0 holds Odoo 19, branch 18.0 (wrongly) Odoo 19 too, branch bare no Odoo."""
    work = tmp_path_factory.mktemp("work")
    git("init", "-q", "-b", "19.0", cwd=work)
    (work / "odoo").mkdir()
    (work / "odoo" / "release.py").write_text(RELEASE.format(major=19))
    (work / "odoo-bin").write_text("#!/usr/bin/env python3\n")
    git("add", "-A", cwd=work)
    git("commit", "-q", "-m", "Odoo 19.0", cwd=work)
    git("branch", "18.0", cwd=work)
    git("checkout", "-q", "--orphan", "bare", cwd=work)
    git("rm", "-rq", "--cached", ".", cwd=work)
    (work / "README").write_text("no Odoo here\n")
    git("add", "README", cwd=work)
    git("commit", "-q", "-m", "not Odoo", cwd=work)
    bare = tmp_path_factory.mktemp("remote") / "odoo.git"
    git("clone", "-q", "--bare", str(work), str(bare), cwd=work)
    return bare


@pytest.fixture
def spawned(monkeypatch) -> list[list[str]]:
    """The commands the module starts (it still starts them)."""
    calls: list[list[str]] = []

    def record(argv, *args, **kwargs):
        calls.append(list(argv))
        return real_spawn(argv, *args, **kwargs)

    real_spawn = source_clone.spawn
    monkeypatch.setattr(source_clone, "spawn", record)
    return calls


def test_the_first_call_clones_the_series_and_the_second_reuses_it_without_git(
    tmp_path, odoo_repo, spawned, monkeypatch
):
    clone_dir = tmp_path / "cache" / "odoo-src" / "19.0"
    messages: list[str] = []
    assert ensure_odoo_checkout(clone_dir, "19.0", str(odoo_repo), messages.append) == clone_dir
    assert (clone_dir / "odoo-bin").is_file() and (clone_dir / "odoo" / "release.py").is_file()
    assert spawned[0][-8:-1] == ["clone", "--depth", "1", "--branch", "19.0", "--single-branch", str(odoo_repo)]
    assert any("cloning Odoo Community 19.0" in message for message in messages)
    assert [path.name for path in clone_dir.parent.iterdir() if ".partial-" in path.name] == []

    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    assert ensure_odoo_checkout(clone_dir, "19.0", str(odoo_repo)) == clone_dir
    assert len(spawned) == 1


def test_parallel_runs_clone_once(tmp_path, odoo_repo, spawned):
    clone_dir = tmp_path / "19.0"
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda _: ensure_odoo_checkout(clone_dir, "19.0", str(odoo_repo)), range(3)))
    assert results == [clone_dir] * 3
    assert len(spawned) == 1


def test_an_interrupted_clone_is_cleared_and_done_again(tmp_path, odoo_repo):
    clone_dir = tmp_path / "19.0"
    stale = tmp_path / ".19.0.partial-killed"
    (stale / "odoo").mkdir(parents=True)
    ensure_odoo_checkout(clone_dir, "19.0", str(odoo_repo))
    assert not stale.exists()
    assert (clone_dir / "odoo-bin").is_file()


def test_an_unknown_branch_quotes_git_and_names_the_alternatives(tmp_path, odoo_repo):
    clone_dir = tmp_path / "20.0"
    with pytest.raises(EmbeddedError) as error:
        ensure_odoo_checkout(clone_dir, "20.0", str(odoo_repo))
    message = str(error.value)
    assert "fatal:" in message and "20.0" in message
    for name in ("ODOO_SERIES", "ODOO_REPO", "ODOO_SRC", "ODOO_URL"):
        assert name in message
    assert not clone_dir.exists()
    assert [path.name for path in tmp_path.iterdir() if ".partial-" in path.name] == []


def test_an_unreachable_repository_quotes_git_and_names_the_alternatives(tmp_path):
    missing = tmp_path / "no-such-repository.git"
    with pytest.raises(EmbeddedError) as error:
        ensure_odoo_checkout(tmp_path / "19.0", "19.0", str(missing))
    message = str(error.value)
    assert "fatal:" in message and str(missing) in message
    assert "ODOO_SRC" in message and "ODOO_URL" in message


def test_no_git_says_how_to_get_it_or_what_to_set_instead(tmp_path, odoo_repo, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    with pytest.raises(EmbeddedError, match=r"git is not installed(.|\n)*ODOO_SRC(.|\n)*ODOO_URL"):
        ensure_odoo_checkout(tmp_path / "19.0", "19.0", str(odoo_repo))


def test_a_branch_holding_another_series_is_refused(tmp_path, odoo_repo):
    clone_dir = tmp_path / "18.0"
    with pytest.raises(EmbeddedError, match=r"Branch 18\.0 of .* is Odoo 19\.0 \(odoo/release\.py\), not Odoo 18\.0"):
        ensure_odoo_checkout(clone_dir, "18.0", str(odoo_repo))
    assert not clone_dir.exists()


def test_a_branch_without_odoo_is_refused(tmp_path, odoo_repo):
    with pytest.raises(EmbeddedError, match="is not an Odoo source tree"):
        ensure_odoo_checkout(tmp_path / "bare", "bare", str(odoo_repo))


def test_a_folder_in_the_way_is_not_overwritten(tmp_path, odoo_repo):
    clone_dir = tmp_path / "19.0"
    (clone_dir / "odoo").mkdir(parents=True)
    (clone_dir / "odoo" / "release.py").write_text(RELEASE.format(major=18))
    (clone_dir / "odoo-bin").write_text("")
    with pytest.raises(EmbeddedError, match=r"is Odoo 18\.0, where odoo-uat keeps its clone of Odoo 19\.0: remove it"):
        ensure_odoo_checkout(clone_dir, "19.0", str(odoo_repo))
    assert (clone_dir / "odoo" / "release.py").read_text() == RELEASE.format(major=18)


def test_a_clone_that_hangs_is_stopped_at_the_timeout(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "git").write_text("#!/bin/sh\nexec tail -f /dev/null\n")  # never ends, like a stalled transfer
    (bin_dir / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setattr(source_clone, "CLONE_TIMEOUT", 0.5)
    clone_dir = tmp_path / "19.0"
    with pytest.raises(EmbeddedError, match=r"did not finish within 0\.5 s(.|\n)*ODOO_SRC"):
        ensure_odoo_checkout(clone_dir, "19.0", "https://example.invalid/odoo.git")
    assert not clone_dir.exists()
