"""The embedded Odoo's secrets, one set per cluster, made once and kept in files only their owner may read.

Odoo's master password (in its configuration file, with the database manager off), the password of
the administrator of the template databases, and that of the database role Odoo connects as. None is
ever on a command line: `ps` shows every process's arguments to every user of the machine.
"""

from __future__ import annotations

import base64
import configparser
import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

from odoo_uat.embedded.errors import EmbeddedError

SECRET_BYTES = 24  # 32 characters of token_urlsafe
# Odoo's own hash of user passwords (res.users._crypt_context, passlib's pbkdf2_sha512, at Odoo's MIN_ROUNDS).
ODOO_HASH_ROUNDS = 600_000
# PostgreSQL's own SCRAM-SHA-256 verifier (what `CREATE ROLE ... PASSWORD` stores): its default iterations.
SCRAM_ITERATIONS = 4096


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, from its first byte on, replacing it at once (no reader sees half)."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_or_create_secret(path: Path) -> tuple[str, bool]:
    """The secret kept in path, made (random) when there is none; and whether it was made just now.

    Runs sharing the cache may ask at once: the file appears complete or not at all, and the first one wins.
    """
    try:
        value = path.read_text().strip()
    except FileNotFoundError:
        pass
    else:
        if not value:
            raise EmbeddedError(f"{path} is empty: delete it, and the next run makes a new one.")
        return value, False
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(SECRET_BYTES))
        try:
            os.link(temporary, path)
            made = True
        except FileExistsError:  # another run made it first
            made = False
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path.read_text().strip(), made


def odoo_config_text(master_password: str) -> str:
    """The embedded Odoo's configuration file: its own master password, the database manager and listing off."""
    return (
        "[options]\n"
        "; Written by odoo-uat for its embedded Odoo (loopback only); only its owner may read it.\n"
        f"admin_passwd = {master_password}\n"
        "list_db = False\n"
    )


def ensure_odoo_config(path: Path) -> Path:
    """path holding odoo_config_text with a random master password; an existing one is kept when complete."""
    reader = configparser.RawConfigParser()
    try:
        reader.read_string(path.read_text())
        options = reader["options"]
        if options.get("admin_passwd") and options.get("list_db") == "False":
            return path
    except (OSError, configparser.Error, KeyError):
        pass
    write_private(path, odoo_config_text(secrets.token_urlsafe(SECRET_BYTES)))
    return path


def ab64(data: bytes) -> str:
    """passlib's adapted base64: '.' for '+', no padding."""
    return base64.b64encode(data).decode().rstrip("=").replace("+", ".")


def odoo_password_hash(password: str, salt: bytes | None = None, rounds: int = ODOO_HASH_ROUNDS) -> str:
    """The value Odoo stores in res_users.password for password ($pbkdf2-sha512$rounds$salt$checksum)."""
    salt = secrets.token_bytes(16) if salt is None else salt
    checksum = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, rounds)
    return f"$pbkdf2-sha512${rounds}${ab64(salt)}${ab64(checksum)}"


def scram_sha256_verifier(password: str, salt: bytes | None = None, iterations: int = SCRAM_ITERATIONS) -> str:
    """What PostgreSQL stores for a role's password (RFC 5803 format): the password itself never reaches it.

    The password must be ASCII (SASLprep leaves it as it is), as random ones made here are.
    """
    salt = secrets.token_bytes(16) if salt is None else salt
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.digest(salted, b"Server Key", "sha256")

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode()

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"
