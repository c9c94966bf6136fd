/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// Fails when the page, or one of its tables, is wider than the phone's screen.
function assertNothingScrollsSideways() {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width + 1) {
        throw new Error(`the page scrolls sideways: ${document.documentElement.scrollWidth}px > ${width}px`);
    }
    for (const box of document.querySelectorAll(".table-responsive")) {
        if (box.scrollWidth > box.clientWidth + 1) {
            throw new Error(`a table scrolls sideways: ${box.scrollWidth}px > ${box.clientWidth}px`);
        }
    }
}

function assertOnScreen(element) {
    const rect = element.getBoundingClientRect();
    if (rect.left < 0 || rect.right > document.documentElement.clientWidth + 1) {
        throw new Error(`${element.className} is off the screen (${rect.left}-${rect.right}px)`);
    }
}

// A tenant on a 390x844 phone: the rent statement's invoices and the meter readings are cards
// that fit the screen. Data: test_portal_phone.
registry.category("web_tour.tours").add("property_billing_portal_phone", {
    url: "/my/property/ledger",
    steps: () => [
        {
            content: "Both open invoices are listed",
            trigger: "tr.o_property_open_line:nth-of-type(2)",
        },
        {
            content: "Pay Now is on the screen, the statement does not scroll sideways",
            trigger: "tr.o_property_open_line a.o_property_pay:visible",
            run() {
                assertOnScreen(this.anchor);
                assertNothingScrollsSideways();
            },
        },
        {
            content: "The balance is labelled on the card",
            trigger: "tr.o_property_open_line td:contains(Balance:)",
        },
        {
            content: "The payment received is a card too: its amount is on the screen",
            trigger: "tr.o_property_payment td:last-child:visible:contains(Amount:)",
            run() {
                assertOnScreen(this.anchor);
                assertNothingScrollsSideways();
            },
        },
        {
            content: "Go to the meter readings",
            trigger: "body",
            run() {
                window.location.href = "/my/property/meters";
            },
            expectUnloadPage: true,
        },
        {
            content: "The photo input is on the screen, the page does not scroll sideways",
            trigger: "tr.o_property_meter_row input[name='photo']:visible",
            run() {
                assertOnScreen(this.anchor);
                assertOnScreen(document.querySelector(".o_property_meter_submit"));
                assertNothingScrollsSideways();
            },
        },
    ],
});
