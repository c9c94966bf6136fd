/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { registry } from "@web/core/registry";

// Finance (Property User + Invoicing): a tenant invoice paid in two parts, then the
// rent reports and the rent dashboard from Property > Reporting.
// Relies on the invoice of lease LEASE-ACC-1 created by test_accountant_tour.
function openReportingMenu(name) {
    return [
        {
            content: "Open Property > Reporting",
            trigger: ".o_menu_sections button:contains(Reporting)",
            run: "click",
        },
        {
            content: `Open ${name}`,
            trigger: `.o-dropdown--menu .o-dropdown-item:contains(${name})`,
            run: "click",
        },
    ];
}

function registerPayment(amount) {
    const steps = [
        {
            content: "Register a payment",
            trigger: ".o_form_view button[name=action_register_payment]:visible",
            run: "click",
        },
    ];
    if (amount) {
        steps.push({
            content: `Pay ${amount} only`,
            trigger: ".modal .o_field_widget[name=amount] input",
            run: `edit ${amount}`,
        });
    }
    steps.push({
        content: "Create the payment",
        trigger: ".modal button[name=action_create_payments]:visible",
        run: "click",
    });
    return steps;
}

registry.category("web_tour.tours").add("property_accountant_tour", {
    steps: () => [
        {
            content: "The tenant invoices list shows lease, units, building, kind and amount due",
            trigger:
                ".o_list_view:has(th[data-name=property_lease_id]):has(th[data-name=property_unit_ids]):has(th[data-name=property_building_id]):has(th[data-name=property_invoice_kind]):has(th[data-name=amount_residual_signed])",
        },
        {
            content: "Search the lease",
            trigger: ".o_searchview_input",
            run: "edit LEASE-ACC-1",
        },
        {
            content: "in the Lease field",
            trigger: ".o_searchview_autocomplete li:contains(Search Lease)",
            run: "click",
        },
        {
            content: "Open the invoice of the lease",
            trigger: ".o_data_row:contains(LEASE-ACC-1) td[name=invoice_partner_display_name]",
            run: "click",
        },
        ...registerPayment("400"),
        {
            content: "The invoice is partly paid",
            trigger: ".o_form_view .ribbon:contains(Partial)",
        },
        ...registerPayment(),
        {
            content: "The invoice is paid",
            trigger: ".o_form_view .ribbon:contains(Paid), .o_form_view .ribbon:contains(In Payment)",
        },
        ...openReportingMenu("Rent Analysis"),
        {
            content: "Rent Analysis opens",
            trigger: ".o_breadcrumb:contains(Rent Analysis)",
        },
        {
            content: "with data",
            trigger: ".o_graph_renderer canvas, .o_pivot",
        },
        ...openReportingMenu("Arrears Aging"),
        {
            content: "Arrears Aging opens",
            trigger: ".o_breadcrumb:contains(Arrears Aging)",
        },
        {
            content: "as a pivot",
            trigger: ".o_pivot",
        },
        ...openReportingMenu("Dashboards"),
        {
            content: "The rent dashboard opens",
            trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet",
        },
        {
            content: "It is the Rent dashboard (the Occupancy one is the manager's)",
            trigger: ".o_search_panel_section:contains(Property) li.active:contains(Rent), .o_spreadsheet_dashboard_action .active:contains(Rent)",
        },
    ],
});
