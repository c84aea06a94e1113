"""A small rotating log in the data folder, for support ("what happened at 10:02?")."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from crm_desktop.paths import data_dir

LOG_NAME = "crm_desktop.log"


def setup_logging(level=logging.INFO) -> logging.Logger:
    logger = logging.getLogger("crm_desktop")
    if not any(isinstance(h, RotatingFileHandler) for h in logger.handlers):
        try:
            handler = RotatingFileHandler(data_dir() / LOG_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        except OSError:
            return logger  # a read-only data folder must not stop the app
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)
    return logger


def log_path():
    return data_dir() / LOG_NAME
