/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// A property user creates a water meter from Portfolio > Meters > New, picks its unit and
// tariff, and enters two readings; an accountant then bills the lease with "Bill Now" and
// finds the water on the invoice. Data: test_meter_tour.
registry.category("web_tour.tours").add("property_billing_meter_backend", {
    steps: () => [
        {
            content: "New meter",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Meter number",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit UI-W1",
        },
        {
            content: "Type the unit's code",
            trigger: ".o_field_widget[name='unit_id'] input",
            run: "edit S00",
        },
        {
            content: "The existing unit is offered: pick it",
            trigger: ".o-autocomplete--dropdown-item a:contains(S00)",
            run: "click",
        },
        {
            content: "Type the tariff",
            trigger: ".o_field_widget[name='tariff_id'] input",
            run: "edit UI Water",
        },
        {
            content: "Pick the tariff",
            trigger: ".o-autocomplete--dropdown-item a:contains(UI Water)",
            run: "click",
        },
        {
            content: "Add the first reading",
            trigger: ".o_field_widget[name='reading_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='reading_ids'] .o_selected_row .o_field_widget[name='date'] input",
            run: "edit 01/01/2025",
        },
        {
            trigger: ".o_field_widget[name='reading_ids'] .o_selected_row .o_field_widget[name='value'] input",
            run: "edit 100",
        },
        {
            content: "Add the second reading",
            trigger: ".o_field_widget[name='reading_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "The first reading is kept as a row of its own, a new row is open",
            trigger:
                ".o_field_widget[name='reading_ids']:has(.o_selected_row) .o_data_row:not(.o_selected_row):contains(100.000)",
        },
        {
            trigger: ".o_field_widget[name='reading_ids'] .o_selected_row .o_field_widget[name='date'] input",
            run: "edit 01/20/2025",
        },
        {
            trigger: ".o_field_widget[name='reading_ids'] .o_selected_row .o_field_widget[name='value'] input",
            run: "edit 130",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the consumption is computed",
            trigger:
                ".o_form_saved .o_field_widget[name='reading_ids'] td[name='consumption']:contains(/^30\\.000$/)",
        },
    ],
});

registry.category("web_tour.tours").add("property_billing_bill_now", {
    steps: () => [
        {
            content: "Bill the lease now",
            trigger: ".o_form_view button[name='action_bill_now']",
            run: "click",
        },
        {
            content: "The new invoice carries the water consumption",
            trigger:
                ".o_form_view .o_field_widget[name='invoice_line_ids'] .o_data_row:contains(Utilities):contains(135.00)",
        },
    ],
});
