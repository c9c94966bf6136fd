# Copyright 2026 Property Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Property Notices by SMS",
    "summary": "Send tenant notices as SMS Marketing mailings too",
    "version": "18.0.1.0.0",
    "category": "Property",
    "website": "https://github.com/property-suite/property",
    "author": "Property Suite Authors",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "auto_install": True,
    "depends": [
        "property_tenant",
        "mass_mailing_sms",
    ],
    "data": [
        "views/property_notice_views.xml",
        "wizards/property_notice_wizard_views.xml",
    ],
}
