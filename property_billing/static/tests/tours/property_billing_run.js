/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

function openBillingRuns() {
    return [
        {
            content: "Open Billing > Billing Runs",
            trigger: ".o_main_navbar button:contains(Billing)",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item:contains(Billing Runs)",
            run: "click",
        },
        {
            content: "The Billing Runs list is shown",
            trigger: ".o_control_panel .o_breadcrumb:contains(Billing Runs)",
        },
    ];
}

// An accountant bills a building by hand: Billing > Billing Runs > New, reference date and
// building, Preview (the numbers and the lease that would fail), Approve, Run. The run is
// executed in the background (the test executes it between the two tours), then the
// accountant reads the results, fixes the failing lease's recurring charge and retries that
// lease alone. Data: test_billing_run_tour.
registry.category("web_tour.tours").add("property_billing_run_prepare", {
    steps: () => [
        ...openBillingRuns(),
        {
            content: "New run",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Reference date",
            trigger: ".o_field_widget[name='date_ref'] input",
            run: "edit 03/01/2025",
        },
        {
            content: "Type the building",
            trigger: ".o_field_widget[name='building_ids'] input",
            run: "edit Run Tower",
        },
        {
            content: "The existing building is offered: pick it",
            trigger: ".o-autocomplete--dropdown-item a:contains(Run Tower)",
            run: "click",
        },
        {
            content: "Preview",
            trigger: ".o_form_statusbar button[name='action_preview']",
            run: "click",
        },
        {
            content: "The preview counts 4 leases and 12 invoices",
            trigger: ".o_field_widget[name='preview_invoice_count']:contains(12)",
        },
        {
            trigger: ".o_field_widget[name='lease_count']:contains(4)",
        },
        {
            content: "One lease would fail",
            trigger: ".o_field_widget[name='preview_failure_count']:contains(1)",
        },
        {
            content: "and the preview says why",
            trigger: ".o_field_widget[name='line_ids'] tr:contains(RUN tenant 1):contains(deprecated)",
        },
        {
            content: "The tax the invoices will carry (9% on two recurring charges) and the total",
            trigger: ".o_field_widget[name='preview_amount_tax']:contains(105.30)",
        },
        {
            trigger: ".o_field_widget[name='preview_amount_total']",
        },
        {
            content: "The totals per building",
            trigger: ".o_notebook .nav-link:contains(By Building)",
            run: "click",
        },
        {
            trigger: ".o_billing_run_summary tr:contains(Run Tower):contains(Rent)",
        },
        {
            content: "and of the company, with the tax",
            trigger: ".o_billing_run_summary tr.table-active:contains(Charges):contains(105.30)",
        },
        {
            content: "Approve",
            trigger: ".o_form_statusbar button[name='action_approve']",
            run: "click",
        },
        {
            content: "Run",
            trigger: ".o_form_statusbar button[name='action_run']",
            run: "click",
        },
        {
            content: "The run is running, its leases pending",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Running)",
        },
        {
            trigger: ".o_field_widget[name='progress_label']:contains(0 of 4 leases done)",
        },
    ],
});

registry.category("web_tour.tours").add("property_billing_run_results", {
    steps: () => [
        ...openBillingRuns(),
        {
            content: "The run finished with errors",
            trigger: ".o_data_row:contains(Done with Errors) td[name='name']",
            run: "click",
        },
        {
            content: "All leases processed",
            trigger: ".o_field_widget[name='progress_label']:contains(4 of 4 leases done)",
        },
        {
            content: "Three leases invoiced, one failed with its error",
            trigger: ".o_field_widget[name='invoiced_count']:contains(3)",
        },
        {
            trigger: ".o_field_widget[name='line_ids'] tr:contains(RUN tenant 1):contains(Failed):contains(deprecated)",
        },
        {
            content: "Fix it: Billing > Recurring Charges",
            trigger: ".o_main_navbar button:contains(Billing)",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item:contains(Recurring Charges)",
            run: "click",
        },
        {
            trigger: ".o_control_panel .o_breadcrumb:contains(Recurring Charges)",
        },
        {
            content: "The charge booked on the deprecated account",
            trigger: ".o_data_row:contains(Run storage room) td[name='product_id']",
            run: "click",
        },
        {
            trigger: ".o_selected_row .o_field_widget[name='product_id'] input",
            run: "edit Property Management Fee",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Property Management Fee)",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            trigger: ".o_data_row:not(.o_selected_row):contains(Property Management Fee)",
        },
        {
            content: "Back to the run",
            trigger: ".o_main_navbar button:contains(Billing)",
            run: "click",
        },
        {
            trigger: ".o-dropdown-item:contains(Billing Runs)",
            run: "click",
        },
        {
            content: "The Billing Runs list is shown",
            trigger: ".o_control_panel .o_breadcrumb:contains(Billing Runs)",
        },
        {
            trigger: ".o_data_row:contains(Done with Errors) td[name='name']",
            run: "click",
        },
        {
            content: "Retry the failed lease",
            trigger: ".o_field_widget[name='line_ids'] tr:contains(RUN tenant 1) button[name='action_retry']",
            run: "click",
        },
        {
            content: "It is invoiced and the run is done",
            trigger: ".o_field_widget[name='line_ids'] tr:contains(RUN tenant 1):contains(Invoiced)",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
        {
            trigger: ".o_field_widget[name='invoiced_count']:contains(4)",
        },
    ],
});
