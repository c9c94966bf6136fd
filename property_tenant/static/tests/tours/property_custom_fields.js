/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// A Property Manager adds a custom field to the leases of a lease type, from a lease of that
// type (cog menu > Add Properties). Data: test_custom_fields.test_tour_define_and_fill.
registry.category("web_tour.tours").add("property_lease_type_define_field", {
    steps: () => [
        {
            content: "The lease of type Shop (test) is open",
            trigger: ".o_form_view .o_field_widget[name='lease_type_id'] input:value(Shop (test))",
        },
        {
            content: "Open the cog menu",
            trigger: ".o_form_view .o_cp_action_menus i.fa-cog",
            run: "click",
        },
        {
            content: "Add a property to the leases of this type",
            trigger: ".o-dropdown--menu .o_menu_item:contains(Add Properties)",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_property_field_popover .o_field_property_definition_header",
            run: "edit Opening hours",
        },
        {
            content: "Close the definition",
            trigger: ".o_form_view .oe_title h1",
            run: "click",
        },
        {
            content: "The new field shows on the lease",
            trigger: ".o_field_properties .o_field_property_label:contains(Opening hours)",
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

// A leasing officer fills the field the manager defined.
registry.category("web_tour.tours").add("property_lease_fill_field", {
    steps: () => [
        {
            content: "Fill the opening hours",
            trigger:
                ".o_field_properties .o_property_field:contains(Opening hours) input.o_input",
            run: "edit 9:00-21:00",
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
