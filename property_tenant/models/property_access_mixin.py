# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.exceptions import AccessError


class PropertyAccessMixin(models.AbstractModel):
    """The one manager check of the property addons: the actions a property manager
    alone may run call ``_property_check_manager()``, so an integrator changes who a
    manager is in one place."""

    _name = "property.access.mixin"
    _description = "Property Manager Check"

    def _property_is_manager(self):
        """True for a property manager and for trusted code running as superuser."""
        return self.env.su or self.env.user.has_group("property_tenant.group_property_manager")

    def _property_check_manager(self, message=None):
        if not self._property_is_manager():
            raise AccessError(message or self.env._("Only a Property Manager can do this."))
