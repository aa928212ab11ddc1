"""Logging filters that keep personal data out of the logs."""

import logging


class StripRequestFilter(logging.Filter):
    """Drop the request object that Django attaches to request log records.

    Handlers that format ``record.request`` would otherwise print the client's
    address, user agent or body. The message itself (method, path, status) stays.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        return True
