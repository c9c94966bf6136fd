/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// 1x1 transparent PNG
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

registry.category("web_tour.tours").add("property_ticket_portal_tour", {
    url: "/my/tickets",
    steps: () => [
        {
            content: "Open the submission form",
            trigger: "a.o_property_ticket_new",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose the category",
            trigger: "select[name='category_id']",
            run: "selectByLabel Test Plumbing",
        },
        {
            content: "Write the subject",
            trigger: "input[name='name']",
            run: "edit Kitchen sink leaking",
        },
        {
            content: "Describe the problem",
            trigger: "textarea[name='description']",
            run: "edit Water drips from the pipe under the sink.",
        },
        {
            content: "Attach a photo",
            trigger: "input[name='attachments']",
            run() {
                const bytes = Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "leak.png", { type: "image/png" }));
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "Submit",
            trigger: "button.o_property_ticket_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The ticket page shows the new ticket",
            trigger: ".o_property_ticket_detail h4:contains('Kitchen sink leaking')",
        },
        {
            content: "The photo is listed on the ticket",
            trigger: ".o_property_ticket_photos a:contains('leak.png')",
        },
    ],
});
