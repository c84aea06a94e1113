"""The settings key-value store: JSON values, defaults, and transactions."""

import pytest

from crm_desktop.storage import settings
from crm_desktop.storage.db import transaction


def test_missing_key_gives_the_default(conn):
    assert settings.get(conn, "pref.office_name") is None
    assert settings.get(conn, "pref.office_name", "دفتر من") == "دفتر من"


@pytest.mark.parametrize(
    "value", ["دفتر مهندسی پارس", 12, True, False, None, 3.5, ["rial", "toman"], {"keep": {"daily": 7, "weekly": 4}}]
)
def test_values_round_trip_as_json(conn, value):
    settings.set(conn, "k", value)
    assert settings.get(conn, "k", "default") == value


def test_persian_text_is_stored_readably(conn):
    settings.set(conn, "pref.office_name", "دفتر پارس")
    assert conn.execute("SELECT value FROM settings WHERE key = 'pref.office_name'").fetchone()[0] == '"دفتر پارس"'


def test_overwrite_delete_and_prefix(conn):
    settings.set(conn, settings.KEEP_DAILY, 7)
    settings.set(conn, settings.KEEP_DAILY, 10)
    settings.set(conn, settings.KEEP_WEEKLY, 4)
    settings.set(conn, "backup.other", "x")
    assert settings.get(conn, settings.KEEP_DAILY) == 10
    assert settings.get_all(conn, "pref.") == {"pref.keep_daily": 10, "pref.keep_weekly": 4}
    settings.delete(conn, settings.KEEP_DAILY)
    assert settings.get(conn, settings.KEEP_DAILY, 7) == 7
    assert set(settings.get_all(conn)) == {"pref.keep_weekly", "backup.other"}


def test_set_joins_the_callers_transaction(conn):
    with pytest.raises(RuntimeError):
        with transaction(conn):
            settings.set(conn, "a", 1)
            settings.set(conn, "b", 2)
            raise RuntimeError("the user action failed")
    assert settings.get(conn, "a") is None and settings.get(conn, "b") is None
    with transaction(conn):
        settings.set(conn, "a", 1)
        settings.set(conn, "b", 2)
    assert (settings.get(conn, "a"), settings.get(conn, "b")) == (1, 2)


def test_text_that_is_not_json_gives_the_default(conn):
    conn.execute("INSERT INTO settings (key, value) VALUES ('pref.font_size', 'twelve')")
    assert settings.get(conn, "pref.font_size", 10) == 10
    assert "pref.font_size" not in settings.get_all(conn)
