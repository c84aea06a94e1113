"""Storage: one local SQLite file, opened the same way everywhere (no Qt here)."""
