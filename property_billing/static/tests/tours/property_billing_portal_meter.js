/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// 1x1 PNG
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

// A tenant enters the index of their unit's water meter with a photo, from the portal home.
// Data: test_portal_meter.
registry.category("web_tour.tours").add("property_billing_portal_meter", {
    url: "/my/home",
    steps: () => [
        {
            content: "Open Meter Readings from the portal home",
            trigger: "a[href='/my/property/meters']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The meter of the tenant's unit is listed with its last index",
            trigger: "tr:contains(TOUR-W1):contains(100)",
        },
        {
            content: "Enter the new index",
            trigger: "tr:contains(TOUR-W1) input[name='value']",
            run() {
                // typed key by key, "112." is not a number yet for the browser
                this.anchor.value = "112.5";
                this.anchor.dispatchEvent(new Event("input", { bubbles: true }));
            },
        },
        {
            content: "Attach a photo of the meter",
            trigger: "tr:contains(TOUR-W1) input[name='photo']",
            run() {
                const bytes = Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "meter.png", { type: "image/png" }));
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "Submit",
            trigger: "tr:contains(TOUR-W1) button.o_property_meter_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The reading is recorded",
            trigger: ".o_property_meter_success",
        },
        {
            content: "and is the meter's last index",
            trigger: "tr:contains(TOUR-W1):contains(112.5)",
        },
    ],
});
