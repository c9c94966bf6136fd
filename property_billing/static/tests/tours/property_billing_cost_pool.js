/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// A Property Manager configures a shared cost pool from Configuration > Shared Cost Pools:
// building, fixed-share key, expense account and the units' shares; then previews its split
// over 2025 (per unit and occupant, the vacancy cost) and opens the analysis. Data:
// test_cost_pool_tour.
registry.category("web_tour.tours").add("property_billing_cost_pool", {
    steps: () => [
        {
            content: "New pool",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='name'] input",
            run: "edit UI Pool",
        },
        {
            content: "Type the building",
            trigger: ".o_field_widget[name='building_id'] input",
            run: "edit Pool House",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Pool House)",
            run: "click",
        },
        {
            content: "Fixed shares",
            trigger: ".o_field_widget[name='split_key'] select",
            run: 'select "fixed"',
        },
        {
            content: "Type the expense account",
            trigger: ".o_field_widget[name='account_ids'] input",
            run: "edit Cleaning",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Cleaning)",
            run: "click",
        },
        {
            content: "The account is chosen",
            trigger: ".o_field_widget[name='account_ids'] .o_tag:contains(Cleaning)",
        },
        {
            content: "The fixed shares tab",
            trigger: ".o_notebook .nav-link:contains(Fixed Shares)",
            run: "click",
        },
        {
            content: "Share of unit A",
            trigger: ".o_field_widget[name='share_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='share_ids'] .o_selected_row .o_field_widget[name='unit_id'] input",
            run: "edit PH-A",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(PH-A)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='share_ids'] .o_selected_row .o_field_widget[name='share'] input",
            run: "edit 700",
        },
        {
            content: "Share of unit D",
            trigger: ".o_field_widget[name='share_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name='share_ids']:has(.o_selected_row) .o_data_row:not(.o_selected_row):contains(PH-A)",
        },
        {
            trigger: ".o_field_widget[name='share_ids'] .o_selected_row .o_field_widget[name='unit_id'] input",
            run: "edit PH-D",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(PH-D)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='share_ids'] .o_selected_row .o_field_widget[name='share'] input",
            run: "edit 300",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: preview the split",
            trigger: ".o_form_saved button[name='action_preview_allocation']",
            run: "click",
        },
        {
            content: "The pool is the one to preview",
            trigger: ".o_field_widget[name='pool_ids'] .o_tag:contains(UI Pool)",
        },
        {
            trigger: ".o_field_widget[name='date_from'] input",
            run: "edit 01/01/2025",
        },
        {
            trigger: ".o_field_widget[name='date_to'] input",
            run: "edit 12/31/2025",
        },
        {
            trigger: ".o_form_view button[name='action_compute']",
            run: "click",
        },
        {
            content: "The costs of 2025: the cleaning bill",
            trigger: ".o_field_widget[name='total_cost']:contains(10,000.00)",
        },
        {
            content: "Unit A's 700 thousandths",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains(PH-A):contains(7,000.00)",
        },
        {
            content: "Unit D's 300 thousandths",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:contains(PH-D):contains(3,000.00)",
        },
        {
            content: "No vacancy cost: the vacant units have no share",
            trigger: ".o_field_widget[name='vacancy_amount']:contains(0.00)",
        },
        {
            content: "Open the analysis",
            trigger: ".o_form_view button[name='action_open_report']",
            run: "click",
        },
        {
            content: "The pivot per building and pool",
            trigger: ".o_pivot:contains(Pool House):contains(10,000.00)",
        },
    ],
});
