/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// A tenant pays the deposit of their lease from the Rent Statement with Odoo's test
// provider (payment_demo), then finds it on the statement. Data: test_portal_payment.
registry.category("web_tour.tours").add("property_billing_portal_pay", {
    url: "/my/property/ledger",
    steps: () => [
        {
            content: "Nothing is held before the deposit is paid",
            trigger: ".o_property_ledger .o_property_deposit:contains(0.00)",
        },
        {
            content: "Pay the deposit from the statement",
            trigger: "tr.o_property_open_line:contains(Deposit) a.o_property_pay",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Choose the test provider",
            trigger: "#pay_with input[name='o_payment_radio'][data-provider-code='demo']",
            run: "click",
        },
        {
            content: "Enter the (test) card details",
            trigger: "#pay_with input#customer_input",
            run: "edit 4111 1111 1111 1111",
        },
        {
            content: "Pay",
            trigger: "#pay_with button[name='o_payment_submit_button']:enabled",
            // no expectUnloadPage: the payment status page, then the invoice, load in turn,
            // which can take longer than its fixed 20 s on a busy machine
            run: "click",
        },
        {
            content: "Back on the invoice, it says it is paid",
            trigger: ".badge:contains(Paid)",
            timeout: 60000,
        },
        {
            content: "Back to the statement",
            trigger: "body",
            run() {
                window.location.href = "/my/property/ledger";
            },
            expectUnloadPage: true,
        },
        {
            content: "The deposit is now held",
            trigger: ".o_property_ledger .o_property_deposit:contains(6,000.00)",
        },
        {
            content: "The payment is listed",
            trigger: ".o_property_ledger tr.o_property_payment",
        },
        {
            content: "Only the first rent is still open",
            trigger: ".o_property_ledger:not(:has(tr.o_property_open_line:contains(Deposit)))",
        },
    ],
});
