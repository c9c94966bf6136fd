/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";
import {
    definePropertySteps,
    fillPropertySteps,
    searchAndGroupPropertySteps,
} from "@property_tenant/../tests/tours/property_custom_fields";

// Tickets, per ticket category. Data: test_custom_fields_tour.TestTicketCustomFieldsTour.
registry.category("web_tour.tours").add("property_ticket_category_define_field", {
    steps: () => [
        {
            content: "A ticket of the category Test Plumbing is open",
            trigger:
                ".o_form_view .o_field_widget[name='property_category_id'] input:value(Test Plumbing)",
        },
        ...definePropertySteps({ label: "Valve location" }),
    ],
});

registry.category("web_tour.tours").add("property_ticket_fill_field", {
    steps: () => fillPropertySteps({ label: "Valve location", value: "Under the sink" }),
});

registry.category("web_tour.tours").add("property_ticket_search_field", {
    steps: () =>
        searchAndGroupPropertySteps({
            fieldsLabel: "Ticket Fields",
            label: "Valve location",
            value: "Under the sink",
            rowText: "Burst pipe",
        }),
});
