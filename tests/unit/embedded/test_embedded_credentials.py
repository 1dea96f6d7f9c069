"""The embedded Odoo's secrets: a master password of its own, the database manager off, hashes Odoo and PostgreSQL read."""

from __future__ import annotations

import base64
import configparser
import hashlib
import hmac

import pytest

from odoo_uat.embedded import EmbeddedError
from odoo_uat.embedded.credentials import (
    ensure_odoo_config,
    odoo_config_text,
    odoo_password_hash,
    read_or_create_secret,
    scram_sha256_verifier,
)


def options(text: str) -> configparser.SectionProxy:
    parser = configparser.RawConfigParser()
    parser.read_string(text)
    return parser["options"]


def test_the_configuration_has_a_master_password_of_its_own_and_no_database_manager():
    config = options(odoo_config_text("Zx9-random"))
    assert config["admin_passwd"] == "Zx9-random"
    assert config["list_db"] == "False"  # Odoo's check_db_management_enabled: no create, drop, dump, restore


def test_each_cluster_gets_a_random_master_password_in_a_file_only_its_owner_reads(tmp_path):
    first, second = ensure_odoo_config(tmp_path / "a.conf"), ensure_odoo_config(tmp_path / "b.conf")
    passwords = {options(path.read_text())["admin_passwd"] for path in (first, second)}
    assert len(passwords) == 2 and "admin" not in passwords
    assert all(len(password) >= 32 for password in passwords)
    assert first.stat().st_mode & 0o777 == 0o600
    kept = first.read_text()
    assert ensure_odoo_config(first).read_text() == kept  # later runs keep it


def test_an_empty_configuration_left_by_earlier_versions_is_replaced(tmp_path):
    path = tmp_path / "odoo.conf"
    path.write_text("[options]\n")
    path.chmod(0o644)
    config = options(ensure_odoo_config(path).read_text())
    assert config["admin_passwd"] and config["list_db"] == "False"
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_secret_is_made_once_private_and_then_read(tmp_path):
    path = tmp_path / "admin-password"
    secret, made = read_or_create_secret(path)
    assert made and len(secret) >= 32 and path.stat().st_mode & 0o777 == 0o600
    assert read_or_create_secret(path) == (secret, False)
    assert [name for name in tmp_path.iterdir()] == [path]  # no temporary file left beside it


def test_an_empty_secret_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "admin-password"
    path.write_text("")
    with pytest.raises(EmbeddedError, match=f"{path} is empty: delete it"):
        read_or_create_secret(path)


def ab64_decode(text: str) -> bytes:
    text = text.replace(".", "+")
    return base64.b64decode(text + "=" * (-len(text) % 4))


def test_the_administrator_password_is_stored_as_odoo_hashes_it():
    # passlib's pbkdf2_sha512, which res.users._crypt_context verifies.
    value = odoo_password_hash("s3cret-pw", salt=b"0123456789abcdef", rounds=1000)
    scheme, rounds, salt, checksum = value.split("$")[1:]
    assert (scheme, rounds) == ("pbkdf2-sha512", "1000")
    assert ab64_decode(salt) == b"0123456789abcdef"
    assert ab64_decode(checksum) == hashlib.pbkdf2_hmac("sha512", b"s3cret-pw", b"0123456789abcdef", 1000)
    assert "+" not in value and "=" not in value
    assert odoo_password_hash("s3cret-pw").startswith("$pbkdf2-sha512$600000$")  # Odoo's own work factor


def test_the_odoo_role_password_reaches_postgresql_as_a_scram_verifier():
    # RFC 7677's example: user "user", password "pencil"; the server signature proves StoredKey and ServerKey.
    verifier = scram_sha256_verifier("pencil", base64.b64decode("W22ZaJ0SNY7soEsUEjb6gQ=="))
    prefix, iterations_salt, keys = verifier.split("$")
    assert prefix == "SCRAM-SHA-256" and iterations_salt == "4096:W22ZaJ0SNY7soEsUEjb6gQ=="
    _stored_key, server_key = keys.split(":")
    nonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    auth = f"n=user,r=rOprNGfwEbeRWgbNEkqO,r={nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r={nonce}"
    signature = hmac.digest(base64.b64decode(server_key), auth.encode(), "sha256")
    assert base64.b64encode(signature).decode() == "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
    assert "pencil" not in verifier
