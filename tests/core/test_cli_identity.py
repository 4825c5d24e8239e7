"""Every writing `sakip` verb acts as a person who proves it: `--as` plus a password (asked, piped, or from a file),
checked like the login dialog's, lockout included; only `demo create` writes as the program."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from sakip_desktop.cli import main
from sakip_desktop.ops.register import list_documents
from sakip_desktop.storage.database import Database

pytestmark = pytest.mark.sqlite_only(reason="the command line opens an office file (--db FILE)")


def _password_file(tmp_path: Path, password: str) -> str:
    path = tmp_path / f"sandi-{len(list(tmp_path.glob('sandi-*')))}.txt"
    path.write_text(password + "\n", encoding="utf-8")
    return str(path)


def _scalar(db: Database, query: str, *params):
    conn = sqlite3.connect(db.path)
    try:
        return conn.execute(query, params).fetchone()[0]
    finally:
        conn.close()


def _isian(db_path: str, tmp_path: Path) -> str:
    out = tmp_path / "pem.xlsx"
    assert main(["isian", "export", "--db", db_path, "--year", "2025", "--tw", "4", "--unit", "SEKSI_PEMERINTAHAN",
                 "--out", str(out)]) == 0  # fmt: skip
    return str(out)


def test_a_wrong_password_writes_nothing_and_counts_towards_the_lockout(demo_db, tmp_path, capsys):
    # GIVEN a Format Isian and the Kasi's user name with a wrong password
    db_path = str(demo_db.path)
    workbook = _isian(db_path, tmp_path)
    wrong = _password_file(tmp_path, "salah-sekali")
    before = _scalar(demo_db, "SELECT COUNT(*) FROM audit_entry")
    # WHEN the import runs four times THEN each is refused with what is left, and nothing is written
    for left in (4, 3, 2, 1):
        assert main(["isian", "import", "--db", db_path, "--as", "kasi_pem", "--password-file", wrong, workbook]) == 1
        assert f"Kata sandi salah. Sisa percobaan: {left}." in capsys.readouterr().err
    assert _scalar(demo_db, "SELECT COUNT(*) FROM audit_entry") == before
    # WHEN the fifth wrong one comes THEN the account is locked, and even the right password is refused for now
    assert main(["isian", "import", "--db", db_path, "--as", "kasi_pem", "--password-file", wrong, workbook]) == 1
    assert "dikunci sementara" in capsys.readouterr().err
    right = _password_file(tmp_path, "kasi_pem123")
    assert main(["isian", "import", "--db", db_path, "--as", "kasi_pem", "--password-file", right, workbook]) == 1
    assert "dikunci sementara" in capsys.readouterr().err


def test_import_rencana_needs_a_person_and_checks_his_role(demo_db, tmp_path, capsys):
    # GIVEN the plan exported as a workbook
    db_path = str(demo_db.path)
    workbook = tmp_path / "rencana.xlsx"
    assert main(["template", "rencana", "--db", db_path, "--out", str(workbook)]) == 0
    # WHEN it is imported without --as THEN argparse refuses it: nobody writes as the program any more
    with pytest.raises(SystemExit) as exited:
        main(["import", "rencana", "--db", db_path, str(workbook)])
    assert exited.value.code == 2
    assert "--as" in capsys.readouterr().err
    # WHEN a Kasi imports a changed goal with his right password THEN the role check of the program refuses him
    book = openpyxl.load_workbook(workbook)
    book["Tujuan"]["B2"] = "Tujuan yang diubah Kasi"
    book.save(workbook)
    kasi = _password_file(tmp_path, "kasi_pem123")
    code = main(["import", "rencana", "--db", db_path, "--as", "kasi_pem", "--password-file", kasi, str(workbook)])
    assert code == 1 and "tidak berwenang" in capsys.readouterr().err
    assert _scalar(demo_db, "SELECT COUNT(*) FROM goal WHERE statement = 'Tujuan yang diubah Kasi'") == 0


def test_a_pdf_report_names_the_person_who_printed_it(demo_db, tmp_path, capsys):
    db_path = str(demo_db.path)
    out = tmp_path / "fpk.pdf"
    request = ["report", "pengukuran", "--db", db_path, "--year", "2025", "--tw", "3", "--out", str(out)]
    # WHEN a PDF is asked for without --as THEN it is refused with the reason, and nothing is written or recorded
    assert main(request) == 1
    assert "--as NAMA_PENGGUNA" in capsys.readouterr().err
    assert not out.exists() and list_documents(demo_db) == []
    # WHEN the Sekretaris gives his name and password THEN the register names him
    assert main([*request, "--as", "sekcam", "--password-file", _password_file(tmp_path, "sekcam123")]) == 0
    assert list_documents(demo_db)[0].generated_by.startswith("Sri Wahyuningsih")


def test_a_password_set_by_an_administrator_must_first_be_replaced_in_the_program(demo_db, tmp_path, capsys):
    # GIVEN the demo file no longer the demo office: its printed passwords must be replaced at the next login
    conn = sqlite3.connect(demo_db.path)
    with conn:
        conn.execute("UPDATE office SET is_demo = 0")
    conn.close()
    db_path = str(demo_db.path)
    workbook = _isian(db_path, tmp_path)
    # WHEN the Kasi imports with that password THEN the command line refuses and says where to change it
    right = _password_file(tmp_path, "kasi_pem123")
    assert main(["isian", "import", "--db", db_path, "--as", "kasi_pem", "--password-file", right, workbook]) == 1
    assert "harus diganti dulu" in capsys.readouterr().err


def _sakip(*args: str, stdin: str | None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sakip_desktop.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        timeout=120,
    )


def test_the_password_can_come_through_a_pipe_and_is_never_taken_for_granted(demo_db, tmp_path):
    # GIVEN a Format Isian and the demo file, closed
    db_path = str(demo_db.path)
    workbook = _isian(db_path, tmp_path)
    demo_db.close()
    # WHEN the Kasi pipes his password into `sakip isian import --dry-run`
    piped = _sakip("isian", "import", "--db", db_path, "--as", "kasi_pem", "--dry-run", workbook, stdin="kasi_pem123\n")
    # THEN he is let in and the preview is printed
    assert piped.returncode == 0, piped.stderr
    assert "tidak ada yang disimpan" in piped.stdout
    # WHEN nothing comes on standard input THEN it fails with an Indonesian message, not a traceback
    empty = _sakip("isian", "import", "--db", db_path, "--as", "kasi_pem", "--dry-run", workbook, stdin="")
    assert empty.returncode == 1
    assert "Kata sandi kasi_pem tidak diberikan" in empty.stderr and "Traceback" not in empty.stderr
