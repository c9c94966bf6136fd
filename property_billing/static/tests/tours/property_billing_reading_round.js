/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// 1x1 PNG
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

function attachPhoto() {
    return {
        content: "Take a photo of the meter",
        trigger: ".o_field_widget[name='photo'] input[type='file']:not(:visible)",
        run() {
            const bytes = Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], "meter.png", { type: "image/png" }));
            this.anchor.files = transfer.files;
            this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
        },
    };
}

// A property user on a phone (390x844) reads the meters of floor 1F of Test Tower: picks the
// building and the floor, sees each meter's previous index, enters the index and a photo,
// goes on; an index below the previous one is refused and corrected. Data: test_reading_round.
registry.category("web_tour.tours").add("property_billing_reading_round", {
    steps: () => [
        {
            content: "Open the building choice (a full-screen search on a phone)",
            trigger: ".o_field_widget[name='building_id'] input",
            run: "click",
        },
        {
            content: "Pick the building",
            trigger: ".o_dialog .o_kanban_record:contains(Test Tower)",
            run: "click",
        },
        {
            content: "Open the floor choice",
            trigger: ".o_field_widget[name='floor_id'] input",
            run: "click",
        },
        {
            content: "Pick floor 1F",
            trigger: ".o_dialog .o_kanban_record:contains(1F)",
            run: "click",
        },
        {
            content: "Start the round",
            trigger: "button[name='action_start']",
            run: "click",
        },
        {
            content: "First meter: unit S00, its previous index shown",
            trigger: ".o_field_widget[name='progress']:contains(Meter 1 of 2)",
            timeout: 30000,
        },
        {
            trigger: ".o_field_widget[name='meter_unit_id']:contains(S00)",
        },
        {
            trigger: ".o_field_widget[name='previous_value']:contains(1,000)",
        },
        attachPhoto(),
        {
            content: "The photo is shown",
            trigger: ".o_field_widget[name='photo'] img[src^='data:image']",
        },
        {
            content: "Enter the index",
            trigger: ".o_field_widget[name='value'] input",
            run: "edit 1120 && press Tab",
        },
        {
            trigger: ".o_field_widget[name='value'] input:value(1,120.000)",
        },
        {
            content: "Save and go to the next meter",
            trigger: "button[name='action_next']",
            run: "click",
        },
        {
            content: "Second meter, the first one confirmed",
            trigger: ".o_field_widget[name='last_message']:contains(E-S00)",
            timeout: 30000,
        },
        {
            trigger: ".o_field_widget[name='progress']:contains(Meter 2 of 2)",
        },
        {
            trigger: ".o_field_widget[name='meter_unit_id']:contains(S01)",
        },
        {
            content: "Mistype an index below the previous one",
            trigger: ".o_field_widget[name='value'] input",
            run: "edit 1900 && press Tab",
        },
        {
            trigger: "button[name='action_next']",
            run: "click",
        },
        {
            content: "The reading is refused with the reason",
            trigger: ".o_error_dialog:contains(below the previous one)",
            timeout: 30000,
        },
        {
            content: "Close the message",
            trigger: ".o_error_dialog .modal-footer button.o-default-button",
            run: "click",
        },
        attachPhoto(),
        {
            trigger: ".o_field_widget[name='photo'] img[src^='data:image']",
        },
        {
            content: "Correct the index",
            trigger: ".o_field_widget[name='value'] input",
            run: "edit 2150 && press Tab",
        },
        {
            trigger: ".o_field_widget[name='value'] input:value(2,150.000)",
        },
        {
            trigger: "button[name='action_next']",
            run: "click",
        },
        {
            content: "The round is done: two readings entered",
            trigger: ".o_field_widget[name='reading_count']:contains(2)",
            timeout: 30000,
        },
        {
            trigger: "button[name='action_view_readings']",
            run: "click",
        },
        {
            content: "The readings of the round are listed",
            trigger: ".o_list_view .o_data_row:contains(E-S01):contains(2,150)",
            timeout: 30000,
        },
    ],
});
