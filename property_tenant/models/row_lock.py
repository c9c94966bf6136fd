# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Serialise "check, then create" flows on the row they depend on."""

from odoo.tools import SQL


def lock_for_update(records):
    """Lock the rows of ``records`` until the end of the transaction, by updating them.

    Odoo's transactions are REPEATABLE READ: a plain ``SELECT ... FOR UPDATE`` (or an
    advisory lock) makes a concurrent transaction wait, but it then goes on with its old
    snapshot and does not see what the first one created. Updating the row makes the waiting
    transaction fail with a serialization error once the first commits; Odoo retries the
    request (``odoo.service.model.retrying``) with a fresh snapshot that sees the first
    transaction's records, so the check that follows the lock is exact."""
    if not records:
        return
    records.env.cr.execute(
        SQL(
            "UPDATE %s SET write_date = write_date WHERE id = ANY(%s)",
            SQL.identifier(records._table),
            sorted(records.ids),
        ),
        # the serialization failure of a concurrent request is expected: `retrying` logs it
        log_exceptions=False,
    )
