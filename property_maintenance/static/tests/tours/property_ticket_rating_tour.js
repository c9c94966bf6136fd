/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// The tenant rates a done ticket with one click on a face, changes their mind with one
// more click, and leaves without writing a comment: the last face is the rating
registry.category("web_tour.tours").add("property_ticket_rating_tour", {
    steps: () => [
        {
            content: "The done ticket offers the faces",
            trigger: ".o_property_ticket_rate a[title='Okay']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The page records the face at once",
            trigger: "form[data-property-recorded='3'] .o_property_rating_recorded:not(.d-none)",
        },
        {
            content: "Another face is one click too",
            trigger: "label[for='rate_5']",
            run: "click",
        },
        {
            content: "Recorded again, no Send Feedback needed",
            trigger: "form[data-property-recorded='5'] .o_property_rating_recorded:not(.d-none)",
        },
    ],
});
