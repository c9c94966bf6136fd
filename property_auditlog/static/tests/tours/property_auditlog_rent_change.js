/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// A Property Manager opens Property > Configuration > Audit Log, finds the rent change a
// leasing officer made on lease AUD-TOUR-0001 (3000 -> 4321), opens it and reads who changed
// what, with the old and the new value. Data: test_auditlog_tour.
registry.category("web_tour.tours").add("property_auditlog_rent_change", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Property app",
            trigger: ".o_app[data-menu-xmlid='property_tenant.property_root_menu']",
            run: "click",
        },
        {
            content: "Open Configuration",
            trigger: ".o_main_navbar button[data-menu-xmlid='property_tenant.property_config_menu']",
            run: "click",
        },
        {
            content: "Open Audit Log",
            trigger: ".o-dropdown--menu a[data-menu-xmlid='property_auditlog.property_auditlog_menu']",
            run: "click",
        },
        {
            content: "Search the lease",
            trigger: ".o_list_view .o_searchview_input",
            run: "edit AUD-TOUR-0001",
        },
        {
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "Open the lease's write log",
            trigger: ".o_list_view .o_data_row:contains(AUD-TOUR-0001):contains(write) td[name='name']",
            run: "click",
        },
        {
            content: "Who changed it",
            trigger: ".o_form_view .o_field_widget[name='user_id']:contains(Leasing Officer)",
        },
        {
            content: "The rent's old and new values",
            trigger:
                ".o_form_view .o_field_widget[name='line_ids'] .o_data_row:has(td[name='field_name']:contains(/^rent_price$/)):has(td[name='old_value_text']:contains(/^3000\\.0$/)):has(td[name='new_value_text']:contains(/^4321\\.0$/))",
        },
        {
            content: "Only the rent is logged for this change",
            trigger: ".o_form_view .o_field_widget[name='line_ids']:not(:has(.o_data_row:nth-child(2)))",
        },
    ],
});
