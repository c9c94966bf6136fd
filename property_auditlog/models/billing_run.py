# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Whether the current thread is inside a billing run.

A context variable, not an Odoo context key: a context key is data from the caller (any
JSON-RPC request can send one), and switching the audit log off must not be possible from
outside. Each thread (HTTP worker, cron thread) has its own value."""

import contextlib
import contextvars

_BILLING_RUN = contextvars.ContextVar("property_auditlog_billing_run", default=False)


def in_billing_run():
    return _BILLING_RUN.get()


@contextlib.contextmanager
def billing_run():
    token = _BILLING_RUN.set(True)
    try:
        yield
    finally:
        _BILLING_RUN.reset(token)
