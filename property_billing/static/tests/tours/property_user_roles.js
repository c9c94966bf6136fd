/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { registry } from "@web/core/registry";

// Settings > Users > New: the Property section shows the role and Legal selections
// without developer mode.
registry.category("web_tour.tours").add("property_user_roles", {
    steps: () => [
        {
            content: "New user",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Roles Tour",
        },
        {
            content: "Email / login",
            trigger: ".o_field_widget[name=login] input",
            run: "edit roles.tour@example.com",
        },
        {
            content: "The Property section lists the roles",
            trigger: ".o_group:has(.o_horizontal_separator:contains(Property)) select:has(option:contains(Property Manager))",
            run: "selectByLabel Property Manager",
        },
        {
            content: "Legal is a role of its own",
            trigger: ".o_group:has(.o_horizontal_separator:contains(Property)) select:has(option:contains(Legal))",
            run: "selectByLabel Legal (collections)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved",
        },
    ],
});
