# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import (
    property_ticket_category,
    property_ticket_sla,
    property_ticket_material,
    maintenance_stage,
    maintenance_team,
    maintenance_equipment,
    maintenance_request,
    maintenance_request_workflow,
    maintenance_request_dispatch,
    maintenance_request_sla,
    maintenance_request_rating,
    res_users,
    res_partner,
    property_unit,
    base_automation,
)
