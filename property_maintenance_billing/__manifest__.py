# Copyright 2026 Property Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Property Maintenance and Billing",
    "summary": "Charge repair costs back to the tenant and link deposit deductions to tickets",
    "version": "18.0.1.0.0",
    "category": "Property",
    "website": "https://github.com/property-suite/property",
    "author": "Property Suite Authors",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": [
        "property_maintenance",
        "property_billing",
    ],
    "data": [
        "views/maintenance_request_views.xml",
        "wizards/property_deposit_settlement_views.xml",
    ],
}
