"""The kabupaten import's fast load (`storage.consolidate_load`: DDL compiled once, COPY, indexes after the rows,
one statement for the sequences) makes exactly what the engine layer's load makes (`storage.pg_load.create_schema`
+ `copy_rows`, through the ORM's column types): the same tables, columns, constraints, indexes, sequences and rows.
On a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from sakip_desktop.ops.kabupaten.importing import LOADED, import_files
from sakip_desktop.storage import models
from tests._kabupaten_files import backup_of
from tests._pg_server import load_file

FAST, REFERENCE = "kec_35_07_19", "reference"  # the demo's kode wilayah is 35.07.19


@pytest.fixture(scope="module")
def both(pg_server, demo_template, tmp_path_factory):
    """One database holding the demo twice: imported by the kabupaten, and loaded by the engine layer."""
    name = pg_server.create_database()
    url = pg_server.url(name)
    backup = backup_of(demo_template, tmp_path_factory.mktemp("flash"))
    assert [o.status for o in import_files(url, [backup], imported_by="Rina")] == [LOADED]
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {REFERENCE}"))
    load_file(Path(backup), url, schema=REFERENCE)
    yield engine
    engine.dispose()
    pg_server.drop_database(name)


def _catalog(engine, schema: str) -> dict[str, list[tuple]]:
    """What the schema is made of, with the schema's own name taken out of the definitions."""
    queries = {
        "columns": """
            SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
              FROM information_schema.columns WHERE table_schema = :schema ORDER BY 1, 2""",
        "constraints": """
            SELECT t.relname, c.conname, c.contype, pg_get_constraintdef(c.oid)
              FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
             WHERE t.relnamespace = CAST(:schema AS regnamespace) ORDER BY 1, 2""",
        "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = :schema ORDER BY 1, 2",
        "sequences": """
            SELECT sequencename, data_type, start_value, increment_by
              FROM pg_sequences WHERE schemaname = :schema ORDER BY 1""",
    }
    with engine.connect() as conn:
        conn.execute(text(f"SET search_path TO {schema}"))  # definitions name other schemas only
        found = {
            k: [tuple(str(v).replace(f" {schema}.", " ") for v in r) for r in conn.execute(text(q), {"schema": schema})]
            for k, q in queries.items()
        }
        found["sequence values"] = [  # setval(seq, n, false): last_value n, not called
            (name, *conn.execute(text(f'SELECT last_value, is_called FROM "{schema}"."{name}"')).one())
            for name, *_rest in found["sequences"]
        ]
    return found


def test_the_fast_load_makes_the_same_tables_as_the_engine_layer(both):
    fast, reference = _catalog(both, FAST), _catalog(both, REFERENCE)
    assert len(fast["columns"]) > 400 and len(fast["indexes"]) > 100 and len(fast["sequences"]) > 50
    for part in fast:
        assert fast[part] == reference[part], part


def test_the_fast_load_copies_every_row_as_the_orm_does(both):
    copied = 0
    with both.connect() as conn:
        for table in models.Base.metadata.sorted_tables:
            query = select(table).order_by(*table.primary_key.columns)
            fast = conn.execution_options(schema_translate_map={None: FAST}).execute(query).all()
            reference = conn.execution_options(schema_translate_map={None: REFERENCE}).execute(query).all()
            assert fast == reference, table.name
            copied += len(fast)
    assert copied > 1000


def test_the_next_id_of_every_table_follows_its_highest(both):
    with both.begin() as conn:
        for schema in (FAST, REFERENCE):
            conn.execute(text(f"SET LOCAL search_path TO {schema}"))
            top = conn.execute(text("SELECT max(id) FROM audit_entry")).scalar()
            assert conn.execute(text("SELECT nextval(pg_get_serial_sequence('audit_entry', 'id'))")).scalar() == top + 1
            assert (
                conn.execute(text("SELECT nextval(pg_get_serial_sequence('lke_assessment', 'id'))")).scalar() == 1
            )  # no rows
        conn.rollback()
