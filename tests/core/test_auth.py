"""Logging in: passwords, lockout, acting roles, inactive people."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from sakip_desktop.domain.roles import ActingKind, Role
from sakip_desktop.errors import AccountLocked, AuthenticationFailed, ValidationError
from sakip_desktop.ops.org.auth import actor_for, change_own_password, login, login_choices
from sakip_desktop.storage.models import Account, AuditEntry


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


NOON = dt.datetime(2025, 8, 13, 5, 0)  # 12.00 WIB


def test_right_password_logs_in_with_the_persons_roles(demo_db):
    actor = login(demo_db, "kasubag_renkeu", "kasubag_renkeu123", clock=Clock(NOON))
    assert actor.name == "Andi Prasetyo, S.E., M.Ak." or actor.name.startswith("Andi Prasetyo")
    assert {g.role for g in actor.grants} == {Role.KASUBAG_PERENCANAAN, Role.TIM_SAKIP}
    assert actor.is_admin


def test_wrong_password_says_how_many_tries_are_left(demo_db):
    with pytest.raises(AuthenticationFailed, match="Sisa percobaan: 4"):
        login(demo_db, "camat", "salah", clock=Clock(NOON))


def test_five_wrong_tries_lock_the_account_for_a_while(demo_db):
    clock = Clock(NOON)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            login(demo_db, "camat", "salah", clock=clock)
    # WHEN the fifth wrong password comes
    with pytest.raises(AccountLocked, match="dikunci sementara; coba lagi dalam 5 menit"):
        login(demo_db, "camat", "salah", clock=clock)
    # THEN even the right password is refused while locked
    clock.now += dt.timedelta(minutes=4)
    with pytest.raises(AccountLocked, match="1 menit"):
        login(demo_db, "camat", "camat123", clock=clock)
    # AND after the lock time the right password works again
    clock.now += dt.timedelta(minutes=1, seconds=1)
    assert login(demo_db, "camat", "camat123", clock=clock).has(Role.CAMAT)
    with demo_db.reading() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.operation == "Akun terkunci")).first() is not None


@pytest.mark.sqlite_only(reason="reads the bytes of the office file")
def test_passwords_are_never_stored_in_clear(demo_db):
    with demo_db.reading() as s:
        hashes = s.scalars(select(Account.password_hash)).all()
    assert all(h.startswith("scrypt$16384$8$1$") for h in hashes)
    assert b"camat123" not in demo_db.path.read_bytes()


def test_a_person_who_left_cannot_log_in_and_is_not_listed(demo_db):
    # The old Kasi Trantib left on 14 Juli 2025.
    assert "kasi_trantib_lama" not in [c.username for c in login_choices(demo_db, dt.date(2025, 8, 13))]
    assert "kasi_trantib_lama" in [c.username for c in login_choices(demo_db, dt.date(2025, 7, 1))]
    with pytest.raises(AuthenticationFailed, match="tidak lagi aktif"):
        login(demo_db, "kasi_trantib_lama", "kasi_trantib_lama123", clock=Clock(NOON))


def test_acting_assignment_adds_the_acted_role_only_during_its_period(demo_db):
    during = actor_for(demo_db, "sekcam", dt.date(2025, 8, 13))
    after = actor_for(demo_db, "sekcam", dt.date(2025, 8, 16))
    acting = [g for g in during.grants if g.acting]
    assert [(g.role, g.acting) for g in acting] == [(Role.CAMAT, ActingKind.PLH)]
    assert not any(g.acting for g in after.grants)


def test_change_own_password(demo_db):
    actor = actor_for(demo_db, "staf_umum")
    with pytest.raises(ValidationError, match="Kata sandi lama salah"):
        change_own_password(demo_db, actor, "keliru", "rahasia-baru")
    change_own_password(demo_db, actor, "staf_umum123", "rahasia-baru")
    assert login(demo_db, "staf_umum", "rahasia-baru", clock=Clock(NOON)).username == "staf_umum"
