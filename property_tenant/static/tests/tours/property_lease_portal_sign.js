/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { waitUntil } from "@odoo/hoot-dom";
import { registry } from "@web/core/registry";

// Relies on the lease created by test_portal.TestLeasePortalTour.
registry.category("web_tour.tours").add("property_lease_portal_sign", {
    url: "/my/leases",
    steps: () => [
        {
            content: "Open the lease awaiting signature",
            trigger: "a:contains(/^LEASE-TOUR-1$/)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the signature dialog",
            trigger: "a.o_lease_sign_button",
            run: "click",
        },
        {
            content: "The name is prefilled",
            trigger: ".modal .o_web_sign_name_and_signature input:value(Tenant A)",
        },
        {
            content: "Wait for the generated signature",
            trigger: ".modal canvas.o_web_sign_signature",
            async run(helpers) {
                await waitUntil(() => {
                    const canvas = helpers.anchor;
                    const context = canvas.getContext("2d");
                    const data = context.getImageData(0, 0, canvas.width, canvas.height);
                    return new Uint32Array(data.data.buffer).some((pixel) => pixel !== 0);
                });
            },
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The lease is signed",
            trigger: ".alert-success:contains(your lease is signed)",
        },
        {
            content: "The signature is shown",
            trigger: "#lease_signature img",
        },
    ],
});
