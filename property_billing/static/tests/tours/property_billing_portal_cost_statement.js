/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// A tenant opens their shared cost statement from the Rent Statement: the pool's costs,
// their share and advances, the balance. Data: test_cost_reconciliation.
registry.category("web_tour.tours").add("property_billing_portal_cost_statement", {
    url: "/my/property/ledger",
    steps: () => [
        {
            content: "The statement of the year is listed under the lease",
            trigger: ".o_property_cost_statement:contains(Pool House common areas)",
        },
        {
            content: "with the balance the tenant owes",
            trigger: ".o_property_cost_statement:contains(Balance due):contains(50.00)",
        },
        {
            content: "Open it",
            trigger: ".o_property_cost_statement a.o_property_cost_statement_open",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The pool's costs",
            trigger: ":iframe .o_cost_statement_costs:contains(Cleaning and lifts 2025):contains(7,300.00)",
        },
        {
            content: "The tenant's share, advances and balance",
            trigger: ":iframe .o_cost_statement_actual:contains(3,650.00)",
        },
        {
            trigger: ":iframe .o_cost_statement_advance:contains(3,600.00)",
        },
        {
            trigger: ":iframe .o_cost_statement_balance:contains(50.00)",
        },
        {
            content: "and a PDF to download",
            trigger: "a.o_property_cost_statement_pdf[href*='report_type=pdf']",
        },
    ],
});
