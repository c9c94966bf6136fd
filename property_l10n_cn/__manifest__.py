# Copyright 2026 Property Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Property Billing - China",
    "summary": "China specifics of property billing: VAT on rent and property fees, a demo company",
    "version": "18.0.1.0.0",
    "category": "Property",
    "website": "https://github.com/property-suite/property",
    "author": "Property Suite Authors",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": [
        "property_billing",
        "l10n_cn",
    ],
    "demo": [
        "demo/property_l10n_cn_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "property_l10n_cn/static/tests/tours/*.js",
        ],
    },
}
