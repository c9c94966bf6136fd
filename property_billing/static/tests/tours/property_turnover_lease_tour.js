/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";
import { openPropertyMenuSteps } from "@property_tenant/../tests/tours/property_menu_steps";

// A leasing officer sets up a shop lease priced per m² per day (元/㎡/天) with a turnover
// rate (保底 + 抽成), checks the rent schedule (January: 31 days x 40 m² x 3.30 = 4,092.00),
// then enters January's declared turnover on the lease and confirms it: 8 % of 80,000.00 is
// 6,400.00, the top-up above the minimum rent 2,308.00. Data: test_turnover_tour.
registry.category("web_tour.tours").add("property_turnover_lease_tour", {
    url: "/odoo",
    steps: () => [
        ...openPropertyMenuSteps("Leasing", "Leases"),
        {
            content: "New lease",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='partner_id'] input",
            run: "edit Shop Tenant",
        },
        {
            content: "The existing tenant is offered: pick it",
            trigger: ".o-autocomplete--dropdown-item a:contains(Shop Tenant)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='date_start'] input",
            run: "edit 01/01/2025",
        },
        {
            trigger: ".o_field_widget[name='date_end'] input",
            run: "edit 12/31/2025",
        },
        {
            content: "Priced per m² per day",
            trigger: ".o_field_widget[name='rent_basis'] select",
            run: `select "m2_day"`,
        },
        {
            trigger: ".o_field_widget[name='rent_price'] input",
            run: "edit 3.30",
        },
        {
            content: "8 % of the declared turnover",
            trigger: ".o_field_widget[name='turnover_rate'] input",
            run: "edit 8",
        },
        {
            content: "On calendar months",
            trigger: ".o_field_widget[name='billing_alignment'] select",
            run: `select "calendar"`,
        },
        {
            content: "Add the shop",
            trigger: ".o_field_widget[name='line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='line_ids'] .o_selected_row .o_field_widget[name='unit_id'] input",
            run: "edit SHOP-1",
        },
        {
            content: "The shop is offered: pick it",
            trigger: ".o-autocomplete--dropdown-item a:contains(SHOP-1)",
            run: "click",
        },
        {
            content: "Leave the unit row",
            trigger: ".o_field_widget[name='rent_price'] input",
            run: "click",
        },
        {
            content: "The unit row is saved",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:not(.o_selected_row):contains(SHOP-1)",
        },
        {
            content: "Save the lease",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Open the rent schedule",
            trigger: ".o_form_saved .o_notebook a.nav-link:contains(Rent Schedule)",
            run: "click",
        },
        {
            content: "January: 31 days at a daily rent of 132.00",
            trigger: ".o_field_widget[name='schedule_line_ids'] .o_data_row:first-child:has(td[name='daily_rent']:contains(132.00)):has(td[name='amount']:contains(4,092.00))",
        },
        {
            content: "February: 28 days",
            trigger: ".o_field_widget[name='schedule_line_ids'] .o_data_row:nth-child(2) td[name='amount']:contains(3,696.00)",
        },
        {
            content: "Open the turnover tab",
            trigger: ".o_notebook a.nav-link:contains(/^Turnover$/)",
            run: "click",
        },
        {
            content: "Declare a period's turnover",
            trigger: ".o_field_widget[name='turnover_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='turnover_ids'] .o_selected_row .o_field_widget[name='date_start'] input",
            run: "edit 01/01/2025",
        },
        {
            trigger: ".o_field_widget[name='turnover_ids'] .o_selected_row .o_field_widget[name='date_end'] input",
            run: "edit 01/31/2025",
        },
        {
            trigger: ".o_field_widget[name='turnover_ids'] .o_selected_row .o_field_widget[name='amount'] input",
            run: "edit 80000",
        },
        {
            content: "Save the lease with the declaration",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The top-up above the minimum rent is shown",
            trigger: ".o_form_saved .o_field_widget[name='turnover_ids'] .o_data_row:has(td[name='minimum_rent']:contains(4,092.00)):has(td[name='topup_amount']:contains(2,308.00))",
        },
        {
            content: "Confirm the declaration",
            trigger: ".o_field_widget[name='turnover_ids'] .o_data_row button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The declaration is confirmed",
            trigger: ".o_field_widget[name='turnover_ids'] .o_data_row td[name='state']:contains(Confirmed)",
        },
    ],
});
