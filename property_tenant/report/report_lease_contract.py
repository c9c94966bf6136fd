# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import AccessError


class ReportLeaseContract(models.AbstractModel):
    """Values of the lease contract report, checked against the viewer's own rights.

    The portal renders reports as superuser (after its own access check), so the checks here
    use the viewer's rights whatever the environment: staff must be allowed to read the lease
    fields the contract prints, and the tenant's ID data is printed only for the groups that
    may read it (never for the tenant, a token holder or an anonymous visitor)."""

    _name = "report.property_tenant.report_lease_contract"
    _description = "Lease Contract Report"

    @api.model
    def _get_contract_fields(self):
        """Fields of property.lease the contract prints (checked for staff viewers)."""
        return [
            "name",
            "partner_id",
            "line_ids",
            "date_start",
            "date_end",
            "rent_price",
            "rent_basis",
            "monthly_rent",
            "payment_cycle",
            "deposit_amount",
            "schedule_line_ids",
            "total_rent",
            "escalation_ids",
            "rent_free_ids",
            "note",
            "signature",
            "signed_by",
            "signed_on",
        ]

    @api.model
    def _get_identity_fields(self):
        """Fields of the tenant (res.partner) printed only for viewers who may read them."""
        return ["property_id_number", "property_legal_representative"]

    @api.model
    def _check_viewer_access(self, docs):
        """Raise AccessError unless the viewer may read the leases and the printed fields.

        Portal users and token holders were checked by the portal route before it switched to
        superuser, and are refused elsewhere (/report/html, /report/pdf); staff are checked
        here with their own rights in every route."""
        if self.env.user.share:
            if self.env.su:
                return
            # tenants and visitors print their contract from the portal page only
            raise AccessError(self.env._("Open the contract from your lease page."))
        viewer_docs = docs.with_env(self.env(su=False))
        viewer_docs.check_access("read")
        viewer_docs.check_field_access_rights("read", self._get_contract_fields())

    @api.model
    def _viewer_may_read_identity(self):
        viewer_env = self.env(su=False)
        if viewer_env.user._is_public():
            return False
        Partner = viewer_env["res.partner"]
        return all(
            Partner._fields[name].is_accessible(viewer_env) for name in self._get_identity_fields()
        )

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["property.lease"].browse(docids)
        self._check_viewer_access(docs)
        # the copies kept on the lease (frozen, signed) never carry the tenant's ID data
        hide_identity = bool((data or {}).get("hide_identity"))
        return {
            "doc_ids": docids,
            "doc_model": "property.lease",
            "docs": docs,
            "data": data,
            "show_identity": self._viewer_may_read_identity() and not hide_identity,
            "contract_bodies": docs._get_contract_html(),
        }
