/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// A tenant applies for a vacant unit from the portal. Data: test_portal.test_portal_apply_tour
// (unit 202 of "Test Tower" is vacant).
registry.category("web_tour.tours").add("property_lease_portal_apply", {
    url: "/my/leases",
    steps: () => [
        {
            content: "Start an application",
            trigger: "a.o_lease_apply_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose the vacant unit 202",
            trigger: "select#unit_id:has(option:contains(Test Tower - 202))",
            run() {
                const option = [...this.anchor.options].find((o) =>
                    o.textContent.includes("Test Tower - 202")
                );
                this.anchor.value = option.value;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "Move in on the first day of the month after next",
            trigger: "input#date_start",
            run() {
                const today = new Date();
                const start = new Date(Date.UTC(today.getFullYear(), today.getMonth() + 2, 1));
                this.anchor.value = start.toISOString().slice(0, 10);
            },
        },
        {
            content: "For 24 months",
            trigger: "select#duration",
            run: "select 24",
        },
        {
            content: "Say who will live there",
            trigger: "textarea#note",
            run: "edit Two occupants, no pets.",
        },
        {
            content: "Send the application",
            trigger: ".o_lease_apply_form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The lease page confirms the application",
            trigger: ".alert-success:contains(your application has been sent)",
        },
    ],
});
