/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";
import { openPropertyMenuSteps } from "@property_tenant/../tests/tours/property_menu_steps";

// A Property Manager (not a Settings administrator, no developer mode) opens the shipped legal
// rule from Property › Configuration › Automation Rules and raises its threshold from 5,000 to
// 10,000 in its conditions; its actions are shown read-only (no delete, opened read-only).
// Data and checks: test_automation_rules.TestAutomationRuleTour.
registry.category("web_tour.tours").add("property_automation_rule_edit", {
    url: "/odoo",
    steps: () => [
        ...openPropertyMenuSteps("Configuration", "Automation Rules"),
        {
            content: "The suite's rules are listed: open the legal rule",
            trigger: ".o_list_view .o_data_row td:contains(arrears over 30 days and over 5,000)",
            run: "click",
        },
        {
            content: "Its actions are read-only for a manager",
            trigger:
                ".o_form_view .o_field_widget[name='action_server_ids'].o_readonly_modifier:not(:has(button[name='delete']))",
        },
        {
            content: "Open the action: the manager reads it",
            trigger: ".o_field_widget[name='action_server_ids'] .o_kanban_record:contains(Execute Code)",
            run: "click",
        },
        {
            content: "It opens read-only: close it",
            trigger: ".modal:contains(Execute Code) .modal-footer button:contains(Close)",
            run: "click",
        },
        {
            content: "Back on the rule",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "Unfold its extra conditions",
            trigger: ".o_form_view .o_field_widget[name='filter_domain'] .fa-caret-right",
            run: "click",
        },
        {
            content: "Raise the amount due threshold to 10,000",
            trigger:
                ".o_field_widget[name='filter_domain'] .o_tree_editor_condition:contains(Amount Due) input.o_input",
            run: "edit 10000",
        },
        {
            content: "Leave the field",
            trigger: ".o_form_view .oe_title h1",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
