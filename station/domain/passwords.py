"""What the station accepts as a password or an office transfer code, and how it makes transfer codes.

The database holds every citizen's data under keys derived from these secrets: a stolen laptop is as safe
as the weakest password on it. So no blank or whitespace-only password, none of the common ones (the list
ships in resources/, no network), no keyboard run or repeated character, not the user's name with a little
added.
Transfer codes protect a bundle on a USB stick that anyone may find: they are long, and the station makes
them (`new_transfer_code`) rather than asking the office to invent one.
"""

from __future__ import annotations

import base64
import functools
import secrets

from station.domain.errors import InvalidInput
from station.resources import resource

MIN_PASSWORD = 8
MIN_DIGITS_ONLY = 12  # a PIN-like password needs more length: 10^8 guesses is a weekend for a thief
MIN_DISTINCT = 5
MIN_TRANSFER_CODE = 16  # characters, not counting spaces and dashes
RUNS = ("abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "0123456789", "1qaz2wsx3edc4rfv5tgb")


class WeakSecret(InvalidInput):
    code = "weak_secret"


@functools.cache
def common_secrets() -> frozenset[str]:
    lines = resource("common-passwords.txt").read_text("utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _is_common(text: str) -> bool:
    low = text.strip().lower()
    base = low.rstrip("0123456789!@#$%^&*.-_?+= ")
    return low in common_secrets() or (len(low) - len(base) <= 4 and base in common_secrets())


def _is_run(text: str) -> bool:
    """A keyboard or alphabet run, forwards or backwards, wrapping round ("qwertyui", "8765432109")."""
    low = text.lower()
    return any(low in run * 3 or low in run[::-1] * 3 for run in RUNS)


def check_password(password: str, username: str = "") -> None:
    """WeakSecret with the reason, in words an operator can act on; nothing when the password will do."""
    if not password.strip():
        raise WeakSecret("Kata sandi tidak boleh kosong atau hanya spasi.")
    if len(password) < MIN_PASSWORD:
        raise WeakSecret(f"Kata sandi paling sedikit {MIN_PASSWORD} karakter.")
    if _is_common(password):
        raise WeakSecret("Kata sandi ini termasuk yang paling sering dipakai; pilih yang lain.")
    if password.isdigit() and len(password) < MIN_DIGITS_ONLY:
        raise WeakSecret(f"Kata sandi yang hanya angka harus paling sedikit {MIN_DIGITS_ONLY} digit.")
    if len(set(password.lower())) < MIN_DISTINCT or _is_run(password):
        raise WeakSecret("Kata sandi terlalu mudah ditebak (huruf berulang atau urutan papan ketik).")
    name = username.strip().lower()
    if len(name) >= 3 and len(password.lower().replace(name, "")) < MIN_PASSWORD:
        raise WeakSecret("Kata sandi tidak boleh berupa nama pengguna dengan sedikit tambahan.")


def check_transfer_code(code: str) -> None:
    """A transfer code long enough to stand in for a key (a bundle may be lost with the stick)."""
    letters = "".join(c for c in code if not c.isspace() and c != "-")
    if len(letters) < MIN_TRANSFER_CODE:
        raise WeakSecret(
            f"Kode transfer paling sedikit {MIN_TRANSFER_CODE} karakter (tanpa spasi/tanda hubung). "
            "Tekan tombol Buat kode di jendela Ekspor untuk kode baru (baris perintah: transfer-code)."
        )
    if len(set(letters.lower())) < 8 or _is_common(letters) or _is_run(letters):
        raise WeakSecret(
            "Kode transfer terlalu mudah ditebak. Tekan tombol Buat kode di jendela Ekspor untuk kode baru (baris "
            "perintah: transfer-code)."
        )


def new_transfer_code() -> str:
    """24 characters in six groups (120 bits), read aloud or typed on the other station."""
    raw = base64.b32encode(secrets.token_bytes(15)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, 24, 4))
