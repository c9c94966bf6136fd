/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// A leasing officer opens a lease in vetting whose rent is above the approval threshold: no
// Approve button, and the form says why. Data: test_lease_approval.TestLeaseApprovalTour.
registry.category("web_tour.tours").add("property_lease_approval_officer", {
    steps: () => [
        {
            content: "The form says a Property Manager approves this lease",
            trigger: ".o_form_view .alert-info:contains(Awaiting a Property Manager)",
        },
        {
            content: "No Approve button is offered",
            trigger: ".o_form_view .o_statusbar_buttons:not(:has(button[name='action_approve']))",
        },
    ],
});

// The Property Manager approves it.
registry.category("web_tour.tours").add("property_lease_approval_manager", {
    steps: () => [
        {
            content: "No explanation for the manager",
            trigger: ".o_form_view:not(:has(.alert-info:contains(Awaiting a Property Manager)))",
        },
        {
            content: "Approve",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_approve']",
            run: "click",
        },
        {
            content: "Approved: awaiting signature, approver shown",
            trigger: ".o_form_view .o_field_widget[name='approved_by_id']:contains(Property Manager)",
        },
    ],
});
