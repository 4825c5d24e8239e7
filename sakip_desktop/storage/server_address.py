"""A server database's address with its password put in: the password is typed apart (in a masked field) and
never shown in the address."""

from __future__ import annotations


def with_password(address: str, password: str) -> str:
    """The address with `password` put in (an address that already holds one keeps it; none given: as typed)."""
    address = address.strip()
    if not password or not address:
        return address
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(address)
    except ArgumentError:
        return address  # refused in words when it is opened
    if url.password:
        return address
    return url.set(password=password).render_as_string(hide_password=False)
