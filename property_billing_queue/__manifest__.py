# Copyright 2026 Property Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Property Billing on Job Queue",
    "summary": "Billing runs spread over many Odoo workers and servers with OCA queue_job",
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
        "queue_job",
    ],
    "data": [
        "data/queue_job_data.xml",
    ],
}
