/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { registry } from "@web/core/registry";

// Relies on the notice sent by test_notice_mailing.TestNoticePortal.
registry.category("web_tour.tours").add("property_notice_portal_read", {
    url: "/my",
    steps: () => [
        {
            content: "Open the notice board from the portal home",
            trigger: "a[href='/my/notices']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The new notice is marked as new",
            trigger: "tr.o_portal_notice_row:contains(Water cut on Saturday) .o_portal_notice_new",
        },
        {
            content: "Open it",
            trigger: "tr.o_portal_notice_row a:contains(Water cut on Saturday)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The notice is shown and its reading recorded",
            trigger: ".o_portal_notice .o_portal_notice_body:contains(details inside)",
        },
        {
            trigger: ".o_portal_notice_read span:not(:empty)",
        },
        {
            content: "Back to the board: no longer new",
            trigger: ".breadcrumb a[href='/my/notices']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "tr.o_portal_notice_row:contains(Water cut on Saturday):not(:has(.o_portal_notice_new))",
        },
    ],
});
