"""The cache and cluster folders: made private, checked before use (owner, mode, no symbolic link)."""

from __future__ import annotations

import os

import pytest

from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.folders import ensure_private_folder, folder_problem

FIX = "Point ODOO_UAT_CACHE elsewhere."


def mode(path) -> int:
    return os.lstat(path).st_mode & 0o777


def test_a_new_folder_is_made_for_its_owner_alone_whatever_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        folder = ensure_private_folder(tmp_path / "cache", "The cache folder", FIX)
    finally:
        os.umask(old)
    assert mode(folder) == 0o700 and os.lstat(folder).st_uid == os.geteuid()


def test_a_folder_of_ours_others_could_only_read_is_closed_to_them(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o755)  # what earlier versions made
    ensure_private_folder(folder, "The cache folder", FIX)
    assert mode(folder) == 0o700


def test_a_folder_others_could_write_in_is_refused_with_its_name_and_the_fix(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o777)
    with pytest.raises(EmbeddedError) as error:
        ensure_private_folder(folder, "The cache folder", FIX)
    message = str(error.value)
    assert message.startswith(f"The cache folder {folder} can be changed by other users (mode 777")
    assert f"chmod 700 {folder}" in message and message.endswith(FIX)
    assert mode(folder) == 0o777  # never repaired behind the user's back


def test_a_symbolic_link_is_refused_even_to_a_private_folder(tmp_path):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "cache"
    link.symlink_to(real)
    with pytest.raises(EmbeddedError, match=rf"The cache folder {link} is a symbolic link \(to {real}\)"):
        ensure_private_folder(link, "The cache folder", FIX)


def test_a_folder_of_another_user_is_refused(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    stranger = os.geteuid() + 4242
    assert folder_problem(folder, stranger).startswith("belongs to ")
    assert folder_problem(folder, os.geteuid()) is None


def test_a_file_where_the_folder_should_be_is_refused(tmp_path):
    path = tmp_path / "cache"
    path.write_text("")
    with pytest.raises(EmbeddedError, match="is not a folder"):
        ensure_private_folder(path, "The cache folder", FIX)


def test_a_folder_inside_one_anybody_may_rename_things_in_is_refused(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # no sticky bit: anyone could swap our folder for theirs
    with pytest.raises(EmbeddedError, match=rf"is inside {shared}, in which any user can rename"):
        ensure_private_folder(shared / "cache", "The cache folder", FIX)
    sticky = tmp_path / "tmp"
    sticky.mkdir()
    sticky.chmod(0o1777)  # as /tmp and /var/tmp: only the owner may rename or remove
    assert mode(ensure_private_folder(sticky / "cache", "The cache folder", FIX)) == 0o700
