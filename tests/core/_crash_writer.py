"""Child process of the crash tests: real operations in a loop, each acknowledged on stdout once it returned.

It starts once, imports the program and declares the models, then for each line `RUN DB START` on stdin it
forks a writer that adds people "Pegawai Uji START", START+1, … to DB until it is killed:

    PID <pid>      the writer to kill
    ACK <n>        person n was added (the operation returned)
    READY          after the first ACK: the writer is in its loop
    DONE <pid>     the writer is gone; everything it printed came before this line

Forking from one prepared process makes a round cost milliseconds instead of a Python start-up, so the
default test run can afford its 20 kills and the slow one its 200.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from sakip_desktop.domain.roles import Employment
from sakip_desktop.ops.org.auth import actor_for
from sakip_desktop.ops.org.people import PersonInput, add_person
from sakip_desktop.storage import models
from sakip_desktop.storage.database import Database


def writer(db_path: Path, first: int) -> None:
    """Add people until killed, acknowledging each."""
    db = Database.open(db_path)
    admin = actor_for(db, "kasubag_renkeu", dt.date(2025, 8, 13))
    n = first
    while True:
        add_person(
            db,
            admin,
            PersonInput(name=f"Pegawai Uji {n}", employment=Employment.NON_ASN, active_from=dt.date(2025, 1, 1)),
        )
        os.write(1, f"ACK {n}\n".encode())
        if n == first:
            os.write(1, b"READY\n")
        n += 1


def main() -> None:
    models.load()
    print("STARTED", flush=True)
    for line in sys.stdin:
        _, db, start = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                writer(Path(db), int(start))
            finally:
                os._exit(1)
        print(f"PID {pid}", flush=True)
        os.waitpid(pid, 0)
        print(f"DONE {pid}", flush=True)


if __name__ == "__main__":
    main()
