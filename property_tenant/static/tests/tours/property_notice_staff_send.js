/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { registry } from "@web/core/registry";

// Relies on the building and leases of test_notice_mailing.TestNoticePortal.
registry.category("web_tour.tours").add("property_notice_staff_send", {
    steps: () => [
        {
            content: "Leasing > Notices: send a notice",
            trigger: "button.o_property_notice_send",
            run: "click",
        },
        {
            content: "Target floor 1F",
            trigger: ".modal .o_field_widget[name=floor_ids] input",
            run: "edit 1F",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(1F)",
            run: "click",
        },
        {
            content: "Two tenants on that floor",
            trigger: ".modal .o_field_widget[name=recipient_count]:contains(2)",
        },
        {
            trigger: ".modal .o_field_widget[name=urgent] input",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=subject] input",
            run: "edit Lift out of service",
        },
        {
            trigger: ".modal .o_field_widget[name=body] .odoo-editor-editable",
            run: "editor The lift is out of service on Monday.",
        },
        {
            content: "Send",
            trigger: ".modal button[name=action_send]",
            run: "click",
        },
        {
            content: "The notice's form: recipients and statistics",
            trigger: ".o_form_view .o_field_widget[name=name]:contains(Lift out of service)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=recipient_count]:contains(2)",
        },
    ],
});
