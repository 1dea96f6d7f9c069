"""Folders only their owner may enter (the cache, the PostgreSQL cluster), checked before each use."""

from __future__ import annotations

import os
import pwd
import stat
from pathlib import Path

from odoo_uat.embedded.errors import EmbeddedError

PRIVATE_MODE = 0o700
GROUP_OTHER = 0o077  # no bit of these may be set on a private folder
OTHERS_WRITE = 0o022


def user_name(uid: int) -> str:
    """The login of uid, or the number when it has none."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def folder_problem(path: Path, owner: int) -> str | None:
    """What makes path unfit to hold the embedded Odoo's secrets for the user owner; None when it is fit.

    Fit: a real folder (not a symbolic link, read with lstat), owned by owner, with no group or other bits.
    """
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "does not exist"
    if stat.S_ISLNK(info.st_mode):
        return f"is a symbolic link (to {os.readlink(path)}), which someone else could point elsewhere"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    if info.st_uid != owner:
        return f"belongs to {user_name(info.st_uid)}, not to {user_name(owner)}"
    if info.st_mode & GROUP_OTHER:
        return (
            f"can be changed by other users (mode {stat.S_IMODE(info.st_mode):o}; it must be 700: "
            f"`chmod 700 {path}` if you are sure no one else changed what it holds)"
        )
    return None


def parent_problem(path: Path) -> str | None:
    """A folder above path that other users may rename things in (writable by all, not sticky); None when none."""
    for folder in path.parents:
        info = os.stat(folder)
        if info.st_mode & 0o002 and not info.st_mode & stat.S_ISVTX:
            return (
                f"is inside {folder}, in which any user can rename or replace folders "
                f"(mode {stat.S_IMODE(info.st_mode):o}, without the sticky bit of /tmp)"
            )
    return None


def refusal(path: Path, what: str, problem: str, fix: str) -> EmbeddedError:
    return EmbeddedError(f"{what} {path} {problem}. {fix}")


def ensure_private_folder(path: Path, what: str, fix: str, owner: int | None = None) -> Path:
    """path as a folder only owner (default: us) may enter: made with mode 700, or checked; EmbeddedError otherwise.

    A folder of ours that others may read but not write (what earlier versions made, mode 755)
    is closed to them; anything else amiss is refused with what to do, never repaired: what
    others could change may no longer be ours. what names the folder ("The cache folder"), fix
    says what to do instead (the setting to point elsewhere).
    """
    owner = os.geteuid() if owner is None else owner
    path = Path(path)
    if path.parent != path:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=PRIVATE_MODE)
        if owner != os.geteuid():
            os.chown(path, owner, -1)
        os.chmod(path, PRIVATE_MODE)  # mkdir's mode goes through the umask
    except FileExistsError:
        info = os.lstat(path)
        if (
            stat.S_ISDIR(info.st_mode)
            and info.st_uid == owner
            and info.st_mode & GROUP_OTHER
            and not info.st_mode & OTHERS_WRITE
        ):
            os.chmod(path, PRIVATE_MODE)
    problem = folder_problem(path, owner)
    if problem is None:
        problem = parent_problem(path)
    if problem is not None:
        raise refusal(path, what, problem, fix)
    return path
