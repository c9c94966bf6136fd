/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

function newTicket(subject, category, unit) {
    return [
        {
            content: "New ticket",
            trigger: ".o_control_panel_main_buttons button.o-kanban-button-new",
            run: "click",
        },
        {
            content: "Subject",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: `edit ${subject}`,
        },
        {
            content: "Category",
            trigger: ".o_form_view .o_field_widget[name='property_category_id'] input",
            run: `edit ${category}`,
        },
        {
            content: "Pick the category",
            trigger: `.o-autocomplete--dropdown-item:contains('${category}')`,
            run: "click",
        },
        {
            content: "Unit",
            trigger: ".o_form_view .o_field_widget[name='property_unit_id'] input",
            run: `edit ${unit}`,
        },
        {
            content: "Pick the unit",
            trigger: `.o-autocomplete--dropdown-item:contains('${unit}')`,
            run: "click",
        },
    ];
}

// Phone intake by a property user: a ticket typed in the backend is dispatched on
// save; a ticket nobody can take says why when Dispatch is pressed
registry.category("web_tour.tours").add("property_ticket_backend_intake_tour", {
    url: "/odoo/action-property_maintenance.maintenance_request_action_property",
    steps: () => [
        ...newTicket("Water heater leaking", "Test Plumbing", "TT-101"),
        {
            content: "The team follows the category",
            trigger: ".o_form_view .o_field_widget[name='maintenance_team_id'] input:value(Plumbing)",
        },
        {
            content: "The tenant follows the unit's lease",
            trigger: ".o_form_view .o_field_widget[name='property_partner_id'] input:value(Tenant A)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved and dispatched to a plumber",
            trigger: ".o_form_saved .o_field_widget[name='user_id']:contains('Plumber')",
        },
        {
            content: "Assigned",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Assigned')",
        },
        {
            content: "Back to the tickets",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        ...newTicket("Lift stuck on 2F", "Test Lifts", "TT-201"),
        {
            content: "The team follows the category",
            trigger: ".o_form_view .o_field_widget[name='maintenance_team_id'] input:value(Lifts)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The lift engineer is on leave: the ticket stays new",
            trigger: ".o_form_saved .o_statusbar_status .o_arrow_button_current:contains('New')",
        },
        {
            content: "Dispatch",
            trigger: ".o_form_statusbar button[name='action_property_dispatch']",
            run: "click",
        },
        {
            content: "Dispatch says why it cannot assign the ticket",
            trigger: ".modal:contains('No eligible technician in team Lifts'):contains('Lift Engineer')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Still new, nobody assigned",
            trigger: ".o_form_view:not(:has(.modal)) .o_statusbar_status .o_arrow_button_current:contains('New')",
        },
    ],
});
