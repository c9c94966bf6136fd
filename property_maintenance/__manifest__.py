# Copyright 2026 Property Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Property Maintenance and Service Tickets",
    "summary": "Repair, complaint and suggestion tickets with dispatch, SLA, portal and ratings",
    "version": "18.0.1.2.0",
    "category": "Property",
    "website": "https://github.com/property-suite/property",
    "author": "Property Suite Authors",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": [
        "property_tenant",
        "maintenance",
        "portal",
        "rating",
        "mail",
        "base_automation",
    ],
    "data": [
        "security/property_maintenance_security.xml",
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "data/maintenance_stage_data.xml",
        "data/base_automation_data.xml",
        "wizards/property_ticket_cancel_wizard_views.xml",
        "views/property_ticket_category_views.xml",
        "views/maintenance_request_views.xml",
        "views/maintenance_team_views.xml",
        "views/maintenance_stage_views.xml",
        "views/maintenance_equipment_views.xml",
        "views/res_users_views.xml",
        "views/property_unit_views.xml",
        "views/maintenance_request_templates.xml",
        "views/rating_rating_templates.xml",
        "views/property_maintenance_menus.xml",
        "report/maintenance_request_reports.xml",
        "report/maintenance_request_templates.xml",
    ],
    "demo": [
        "demo/property_maintenance_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "property_maintenance/static/src/fields/**/*",
        ],
        "web.assets_frontend": [
            "property_maintenance/static/src/rating/**/*",
        ],
        "web.assets_tests": [
            "property_maintenance/static/tests/tours/*.js",
        ],
    },
}
