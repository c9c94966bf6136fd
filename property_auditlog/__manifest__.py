# Copyright 2026 Property Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Property Audit Log",
    "summary": "Operation audit (操作日志审计) of leases, money and tenant identity",
    "version": "18.0.1.0.0",
    "category": "Property",
    "website": "https://github.com/property-suite/property",
    "author": "Property Suite Authors",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": [
        "auditlog",
        "property_tenant",
        "property_billing",
    ],
    "data": [
        "security/property_auditlog_security.xml",
        "data/auditlog_rule_data.xml",
        "views/auditlog_rule_views.xml",
        "views/property_auditlog_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "property_auditlog/static/tests/tours/**/*",
        ],
    },
}
