# Copyright 2026 Property Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Property Tenants and Leases",
    "summary": "Buildings, floors, units, tenant 360° profiles and leases",
    "version": "18.0.1.0.0",
    "category": "Property",
    "website": "https://github.com/property-suite/property",
    "author": "Property Suite Authors",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": [
        "mail",
        "portal",
        "phone_validation",
        "base_import",
    ],
    "external_dependencies": {"python": ["python-stdnum", "phonenumbers"]},
    "data": [
        "security/property_tenant_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_template_data.xml",
        "report/property_lease_report.xml",
        "views/property_building_views.xml",
        "views/property_floor_views.xml",
        "views/property_unit_views.xml",
        "views/property_lease_views.xml",
        "views/property_lease_key_views.xml",
        "views/res_partner_views.xml",
        "views/property_lease_templates.xml",
        "views/res_config_settings_views.xml",
        "wizards/property_lease_terminate_wizard_views.xml",
        "wizards/property_notice_wizard_views.xml",
        "views/property_tenant_menus.xml",
    ],
    "demo": [
        "demo/property_tenant_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "property_tenant/static/tests/tours/**/*",
        ],
    },
}
