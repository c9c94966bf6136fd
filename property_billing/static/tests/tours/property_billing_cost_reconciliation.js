/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";
import { openPropertyMenuSteps } from "@property_tenant/../tests/tours/property_menu_steps";

// An accountant settles a year of shared costs: Billing > Shared Cost Reconciliations > New,
// the pool and the year, Compute (3 leases, A owes 50.00, B is refunded 95.00), Issue
// True-ups: three posted documents. Data: test_cost_reconciliation.
registry.category("web_tour.tours").add("property_billing_cost_reconciliation", {
    steps: () => [
        ...openPropertyMenuSteps("Billing", "Shared Cost Reconciliations", { fromApps: false }),
        {
            content: "The reconciliations are listed",
            trigger: ".o_control_panel .o_breadcrumb:contains(Shared Cost Reconciliations)",
        },
        {
            content: "New reconciliation",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Type the pool",
            trigger: ".o_field_widget[name='pool_id'] input",
            run: "edit Pool House",
        },
        {
            content: "The existing pool is offered: pick it",
            trigger: ".o-autocomplete--dropdown-item a:contains(Pool House common areas)",
            run: "click",
        },
        {
            content: "From",
            trigger: ".o_field_widget[name='date_from'] input",
            run: "edit 01/01/2025",
        },
        {
            content: "To",
            trigger: ".o_field_widget[name='date_to'] input",
            run: "edit 12/31/2025",
        },
        {
            content: "Compute",
            trigger: ".o_form_statusbar button[name='action_compute']",
            run: "click",
        },
        {
            content: "Three leases: A owes 50.00",
            trigger: ".o_field_widget[name='line_ids'] tr:contains(Tenant A):contains(50.00)",
        },
        {
            content: "B is refunded 95.00",
            trigger: ".o_field_widget[name='line_ids'] tr:contains(Tenant B):contains(-95.00)",
        },
        {
            content: "The vacant units' share stays with the landlord",
            trigger: ".o_field_widget[name='amount_vacancy']:contains(1,282.00)",
        },
        {
            content: "Issue the true-ups",
            trigger: ".o_form_statusbar button[name='action_issue']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Three posted true-ups",
            trigger: "button[name='action_view_moves'] .o_stat_value:contains(3)",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
    ],
});
