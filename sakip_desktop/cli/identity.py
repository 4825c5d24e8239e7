"""Who is acting on the command line: `--as USERNAME` with a password, checked as at the login dialog.

Every `sakip` verb that writes to the database acts as a person who proves it is him, so the role checks and the
audit trail mean the same as in the program. The password is asked without echo, read from the first line of
`--password-file` (for scripts), or read from standard input when that is not a terminal (a pipe). Login goes
through `ops.auth.login`, so wrong passwords count towards the lockout as in the program. A password set by an
administrator must first be replaced in the program.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sakip_desktop.errors import AuthenticationFailed, ValidationError

if TYPE_CHECKING:  # the command line imports the core only for the verb it runs
    from sakip_desktop.ops.base import Actor
    from sakip_desktop.storage.database import Database


def add_identity_options(parser: argparse.ArgumentParser, *, required: bool = True, purpose: str = "") -> None:
    """Add `--as USERNAME` and `--password-file FILE` to a writing verb."""
    parser.add_argument(
        "--as",
        dest="username",
        required=required,
        metavar="NAMA_PENGGUNA",
        help="nama pengguna yang melakukannya" + (f" ({purpose})" if purpose else "") + "; kata sandinya ditanyakan",
    )
    parser.add_argument(
        "--password-file",
        dest="password_file",
        metavar="BERKAS",
        help="baca kata sandi dari baris pertama berkas ini (untuk skrip) alih-alih menanyakannya",
    )


def read_password(args: argparse.Namespace) -> str:
    """The password for `args.username`: from --password-file, a prompt without echo, or a line of stdin."""
    if args.password_file:
        path = Path(args.password_file)
        try:
            with path.open(encoding="utf-8") as fh:
                line = fh.readline()
        except (OSError, UnicodeDecodeError) as exc:
            message = f"Berkas kata sandi {path} tidak dapat dibaca: {exc}."
            raise ValidationError(message, field="password_file") from exc
        return line.rstrip("\r\n")
    if sys.stdin is not None and sys.stdin.isatty():
        try:
            return getpass.getpass(f"Kata sandi {args.username}: ")
        except EOFError:  # Ctrl-D at the prompt
            raise AuthenticationFailed(f"Kata sandi {args.username} tidak diberikan.") from None
    # A pipe: getpass would read the terminal (/dev/tty) instead, or warn that it echoes.
    try:
        line = sys.stdin.readline() if sys.stdin is not None else ""
    except (OSError, ValueError):  # no usable standard input (closed, or a service without one)
        line = ""
    if not line:
        raise AuthenticationFailed(
            f"Kata sandi {args.username} tidak diberikan: ketik saat ditanya, atau pakai --password-file."
        )
    return line.rstrip("\r\n")


def authenticate(db: Database, args: argparse.Namespace) -> Actor:
    """The person named by --as, once his password has been checked (lockout rules apply).

    Raises `AuthenticationFailed` or `AccountLocked`; also when the password was set by an administrator and
    has not been replaced yet (that is done at the next login in the program).
    """
    from sakip_desktop.ops.org.auth import login, password_change_required

    password = read_password(args)
    actor = login(db, args.username, password)
    if password_change_required(db, actor.username):
        raise AuthenticationFailed(
            f"Kata sandi {actor.username} dibuat oleh administrator dan harus diganti dulu: "
            "masuk ke SAKIP Desktop dan buat kata sandi baru, lalu ulangi perintah ini."
        )
    return actor


__all__ = ["add_identity_options", "authenticate", "read_password"]
