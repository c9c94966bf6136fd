/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// 1x1 transparent PNG
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

// A technician's ticket on a phone (390x844): from their home screen to a closed ticket
registry.category("web_tour.tours").add("property_ticket_technician_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The technician lands on their open tickets, not on the units",
            trigger: ".o_property_ticket_mine_kanban .o_kanban_record:contains('Tap dripping in the kitchen')",
        },
        {
            content: "No empty status column to swipe through",
            trigger: ".o_property_ticket_mine_kanban:not(:has(.o_kanban_group))",
        },
        {
            content: "The tenant's phone is a tap-to-call link on the card",
            trigger: ".o_kanban_record:contains('Tap dripping in the kitchen') a[href='tel:+8613800138000']",
        },
        {
            content: "Open the ticket",
            trigger: ".o_kanban_record .fs-5:contains('Tap dripping in the kitchen')",
            run: "click",
        },
        {
            content: "The tenant's phone is tap-to-call on the ticket too",
            trigger: ".o_form_view .o_field_phone[name='property_partner_phone'] a[href='tel:+8613800138000']",
        },
        {
            content: "No greyed status bar on a phone",
            trigger: ".o_form_view .o_form_statusbar:not(:has(.o_field_statusbar:visible))",
        },
        {
            content: "The status reads as a badge above the next step",
            trigger: ".o_property_ticket_phone_status .o_field_badge:contains(/^Assigned$/)",
        },
        {
            content: "On my way: a primary button at the top of the ticket",
            trigger: ".o_property_ticket_phone_actions button.btn-primary[name='action_property_en_route']",
            run: "click",
        },
        {
            content: "The status follows: en route",
            trigger: ".o_property_ticket_phone_status .o_field_badge:contains(/^En Route$/)",
        },
        {
            content: "En route: starting the work is now the primary step",
            trigger: ".o_property_ticket_phone_actions:not(:has(button[name='action_property_en_route'])) button.btn-primary[name='action_property_start']",
            run: "click",
        },
        {
            content: "The status follows: in progress",
            trigger: ".o_property_ticket_phone_status .o_field_badge:contains(/^In Progress$/)",
        },
        {
            content: "In progress: Done is the only step left",
            trigger: ".o_property_ticket_phone_actions:not(:has(button[name='action_property_start'])) button[name='action_property_done']",
        },
        {
            content: "Open the completion report",
            trigger: ".o_notebook a.nav-link:contains('Completion Report')",
            run: "click",
        },
        {
            content: "Describe the work done",
            trigger: ".o_field_html[name='property_work_done'] .odoo-editor-editable",
            run: "editor Replaced the tap washer.",
        },
        {
            content: "Materials are cards on a phone: add one",
            trigger: "div[name='property_material_ids'] .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Material description",
            trigger: ".modal .o_field_widget[name='name'] input",
            run: "edit Tap washer",
        },
        {
            content: "Quantity",
            trigger: ".modal .o_field_widget[name='quantity'] input",
            run: "edit 2",
        },
        {
            content: "Save the material",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The material is listed as a card",
            trigger: "div[name='property_material_ids'] .o_kanban_record:contains('Tap washer')",
        },
        {
            content: "Take the 'after' photo with the camera",
            trigger: "div[name='property_photo_after_ids'] input.o_input_file[capture='environment'][accept='image/*']:not(:visible)",
            run() {
                const bytes = Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "tap_fixed.png", { type: "image/png" }));
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The photo is attached",
            trigger: "div[name='property_photo_after_ids'] .o_attachment:contains('tap_fixed.png')",
        },
        {
            content: "Done",
            trigger: ".o_property_ticket_phone_actions button.btn-primary[name='action_property_done']",
            run: "click",
        },
        {
            content: "Done: no step left to take",
            trigger: ".o_form_view .o_form_saved:not(:has(.o_property_ticket_phone_actions))",
        },
        {
            content: "The status reads done",
            trigger: ".o_property_ticket_phone_status .o_field_badge:contains(/^Done$/)",
        },
    ],
});
