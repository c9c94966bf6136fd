# Copyright 2026 Property Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Property Dashboards and Reports",
    "summary": "Occupancy, rent and service dashboards; rent roll and arrears aging in Excel",
    "version": "18.0.1.0.0",
    "category": "Property",
    "website": "https://github.com/property-suite/property",
    "author": "Property Suite Authors",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": [
        "account",
        "spreadsheet_dashboard",
        "property_tenant",
        "property_billing",
        "property_maintenance",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/property_dashboard_security.xml",
        "security/ir.model.access.csv",
        "report/property_occupancy_report_views.xml",
        "report/property_rent_report_views.xml",
        "report/property_ticket_report_views.xml",
        "report/property_cost_report_views.xml",
        "wizards/property_report_export_views.xml",
        "data/ir_cron_data.xml",
        "views/property_dashboard_figure_menus.xml",
        "data/spreadsheet_dashboard_data.xml",
        "views/property_dashboard_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "property_dashboard/static/tests/tours/**/*",
        ],
    },
}
