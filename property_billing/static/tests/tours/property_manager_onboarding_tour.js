/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { waitUntil } from "@odoo/hoot-dom";
import { openPropertyMenuSteps } from "@property_tenant/../tests/tours/property_menu_steps";
import { registry } from "@web/core/registry";

const { DateTime } = luxon;

// 1x1 transparent PNG: the scan of the signed paper
const PNG_BASE64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

// Lease dates relative to today, typed in the user's (en_US) date format: a two-year lease
// starting next month, the first two weeks rent-free (fit-out), +5% after the first year.
const START = DateTime.now().startOf("month").plus({ months: 1 });
const fmt = (date) => date.toFormat("MM/dd/yyyy");

function pick(field, text, scope = "") {
    return [
        {
            content: `Type ${text} in ${field}`,
            trigger: `${scope} .o_field_widget[name='${field}'] input`,
            run: `edit ${text}`,
        },
        {
            content: `The existing ${text} is offered: pick it`,
            trigger: `.o-autocomplete--dropdown-item a:contains(${text})`,
            run: "click",
        },
    ];
}

function closeErrorDialog(message) {
    return [
        {
            content: `The error says what is wrong: ${message}`,
            trigger: `.modal .modal-body:contains(${message})`,
        },
        {
            content: "Close the error",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The dialog is closed, the form still unsaved",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_status_indicator_buttons:not(.invisible)",
        },
    ];
}

// A property manager onboards a tenant from the menus: a building and its floors, a unit from
// Portfolio > Units > New, a tenant (a wrong mobile and resident ID refused, then saved), a
// lease with an escalation and a rent-free period, vetting, the contract previewed and printed,
// the signed paper uploaded; signing issues the deposit and first rent. Data: test_manager_tour.
registry.category("web_tour.tours").add("property_manager_onboarding_tour", {
    url: "/odoo",
    steps: () => [
        // ------------------------------------------------------------ building and floors
        ...openPropertyMenuSteps("Portfolio", "Buildings"),
        {
            content: "New building",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Harbour View",
        },
        {
            trigger: ".o_field_widget[name='code'] input",
            run: "edit HV",
        },
        {
            content: "Add the first floor",
            trigger: ".o_field_widget[name='floor_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='floor_ids'] .o_selected_row .o_field_widget[name='level'] input",
            run: "edit 1",
        },
        {
            trigger: ".o_field_widget[name='floor_ids'] .o_selected_row .o_field_widget[name='name'] input",
            run: "edit HV 1F",
        },
        {
            content: "Leave the row",
            trigger: ".o_notebook .nav-link.active:contains(Floors)",
            run: "click",
        },
        {
            content: "The first floor is a row of its own",
            trigger: ".o_field_widget[name='floor_ids']:not(:has(.o_selected_row)) .o_data_row:contains(HV 1F)",
        },
        {
            content: "Add the second floor",
            trigger: ".o_field_widget[name='floor_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='floor_ids'] .o_selected_row .o_field_widget[name='level'] input",
            run: "edit 2",
        },
        {
            trigger: ".o_field_widget[name='floor_ids'] .o_selected_row .o_field_widget[name='name'] input",
            run: "edit HV 2F",
        },
        {
            content: "Leave the row",
            trigger: ".o_notebook .nav-link.active:contains(Floors)",
            run: "click",
        },
        {
            content: "Both floors are listed",
            trigger: ".o_field_widget[name='floor_ids']:not(:has(.o_selected_row)):contains(HV 1F):contains(HV 2F)",
        },
        {
            content: "Save the building",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The building is saved with its two floors",
            trigger: ".o_form_saved .o_field_widget[name='floor_ids']:contains(HV 1F):contains(HV 2F)",
        },
        // ------------------------------------------------------------ unit
        ...openPropertyMenuSteps("Portfolio", "Units", { fromApps: false }),
        {
            content: "New unit",
            trigger: ".o_control_panel .o-kanban-button-new",
            run: "click",
        },
        {
            content: "A full unit form opens (not a quick-create card)",
            trigger: ".o_form_view .o_field_widget[name='code'] input",
            run: "edit HV-101",
        },
        ...pick("building_id", "Harbour View"),
        ...pick("floor_id", "HV 1F"),
        {
            trigger: ".o_field_widget[name='area'] input",
            run: "edit 45",
        },
        {
            trigger: ".o_field_widget[name='list_rent'] input",
            run: "edit 3000",
        },
        {
            content: "Save the unit",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The unit is saved, vacant",
            trigger: ".o_form_saved .o_statusbar_status button.o_arrow_button_current:contains(Vacant)",
        },
        // ------------------------------------------------------------ tenant
        ...openPropertyMenuSteps("Leasing", "Tenants", { fromApps: false }),
        {
            content: "New tenant",
            trigger: ".o_control_panel .o-kanban-button-new, .o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Li Na",
        },
        {
            trigger: ".o_field_widget[name='email'] input",
            run: "edit li.na@example.com",
        },
        {
            content: "A mobile with a digit missing",
            trigger: ".o_field_widget[name='mobile'] input",
            run: "edit 1380013800",
        },
        {
            content: "Try to save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        ...closeErrorDialog("not a valid Chinese mobile number"),
        {
            content: "The right mobile",
            trigger: ".o_field_widget[name='mobile'] input",
            run: "edit 13800138000",
        },
        {
            content: "Open the Tenant tab",
            trigger: ".o_notebook a.nav-link:contains(/^Tenant$/)",
            run: "click",
        },
        {
            content: "A PRC resident ID",
            trigger: ".o_field_widget[name='property_id_document_type'] select",
            run: "select \"prc_resident_id\"",
        },
        {
            content: "A resident ID with a wrong check digit",
            trigger: ".o_field_widget[name='property_id_number'] input",
            run: "edit 110105194912310021",
        },
        {
            content: "Try to save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        ...closeErrorDialog("check digit"),
        {
            content: "The right resident ID",
            trigger: ".o_field_widget[name='property_id_number'] input",
            run: "edit 11010519491231002X",
        },
        {
            content: "Save the tenant",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The tenant is saved",
            trigger: ".o_form_saved .o_field_widget[name='name'] input:value(Li Na)",
        },
        // ------------------------------------------------------------ lease
        ...openPropertyMenuSteps("Leasing", "Leases", { fromApps: false }),
        {
            content: "New lease",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        ...pick("partner_id", "Li Na"),
        {
            trigger: ".o_field_widget[name='date_start'] input",
            run: `edit ${fmt(START)}`,
        },
        {
            trigger: ".o_field_widget[name='date_end'] input",
            run: `edit ${fmt(START.plus({ years: 2 }).minus({ days: 1 }))}`,
        },
        {
            trigger: ".o_field_widget[name='rent_price'] input",
            run: "edit 3000",
        },
        {
            trigger: ".o_field_widget[name='deposit_amount'] input",
            run: "edit 6000",
        },
        {
            content: "Add the unit",
            trigger: ".o_field_widget[name='line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...pick("unit_id", "HV-101", ".o_field_widget[name='line_ids'] .o_selected_row"),
        {
            // leave the unit row before the tab switch: a row still waiting for its onchange
            // when its list is hidden makes the list focus a cell that is no longer there
            content: "Leave the unit row",
            trigger: ".o_field_widget[name='rent_price'] input",
            run: "click",
        },
        {
            content: "The unit row is saved",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row:not(.o_selected_row):contains(HV-101)",
        },
        {
            content: "Open the escalation and rent-free tab",
            trigger: ".o_notebook a.nav-link:contains(Escalation)",
            run: "click",
        },
        {
            content: "Add an escalation",
            trigger: ".o_field_widget[name='escalation_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "+5%",
            trigger: ".o_field_widget[name='escalation_ids'] .o_selected_row .o_field_widget[name='value'] input",
            run: "edit 5",
        },
        {
            content: "from the second year",
            trigger: ".o_field_widget[name='escalation_ids'] .o_selected_row .o_field_widget[name='date_start'] input",
            run: `edit ${fmt(START.plus({ years: 1 }))}`,
        },
        {
            content: "Add a rent-free period",
            trigger: ".o_field_widget[name='rent_free_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='rent_free_ids'] .o_selected_row .o_field_widget[name='date_start'] input",
            run: `edit ${fmt(START)}`,
        },
        {
            trigger: ".o_field_widget[name='rent_free_ids'] .o_selected_row .o_field_widget[name='date_end'] input",
            run: `edit ${fmt(START.plus({ days: 13 }))}`,
        },
        {
            trigger: ".o_field_widget[name='rent_free_ids'] .o_selected_row .o_field_widget[name='reason'] input",
            run: "edit Fit-out",
        },
        {
            content: "Save the lease",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The lease is saved as a draft with its contract number",
            trigger: ".o_form_saved .o_statusbar_status button.o_arrow_button_current:contains(Draft)",
        },
        {
            content: "Check the rent schedule",
            trigger: ".o_notebook a.nav-link:contains(/^Rent Schedule$/)",
            run: "click",
        },
        {
            content: "The schedule has the escalated rent of the second year",
            trigger: ".o_field_widget[name='schedule_line_ids'] td[name='monthly_rent']:contains(3,150.00)",
        },
        // ------------------------------------------------------------ vetting
        {
            content: "Submit for vetting",
            trigger: ".o_statusbar_buttons button[name='action_submit']",
            run: "click",
        },
        {
            content: "Approve the application",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Vetting)",
        },
        {
            trigger: ".o_statusbar_buttons button[name='action_approve']",
            run: "click",
        },
        {
            content: "Approved: awaiting the tenant's signature",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Awaiting Signature)",
        },
        // ------------------------------------------------------------ contract
        {
            content: "Preview the contract",
            trigger: ".o_statusbar_buttons button[name='action_preview_contract']",
            run: "click",
        },
        {
            content: "The contract shows the tenant, the escalation and the rent-free period",
            trigger: ".o_action iframe",
            async run() {
                await waitUntil(() => {
                    const page = this.anchor.contentDocument?.querySelector(".page");
                    return (
                        page?.textContent.includes("Li Na") &&
                        page.querySelector(".o_lease_contract_escalation")?.textContent.includes("5.0") &&
                        page.querySelector(".o_lease_contract_rent_free")?.textContent.includes("Fit-out")
                    );
                }, { timeout: 15000 });
            },
        },
        {
            content: "Back to the lease",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item:last-of-type a",
            run: "click",
        },
        // ------------------------------------------------------------ signature
        {
            content: "Open the signature tab",
            trigger: ".o_notebook a.nav-link:contains(Signature)",
            run: "click",
        },
        {
            content: "Upload the scan of the signed paper",
            trigger: ".o_field_widget[name='signed_contract']:visible input.o_input_file",
            run() {
                const bytes = Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "signed_contract.png", { type: "image/png" }));
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The scan is attached",
            trigger: ".o_field_widget[name='signed_contract'] input.o_input:value(signed_contract.png)",
        },
        {
            content: "Mark the lease as signed",
            trigger: ".o_statusbar_buttons button[name='action_mark_signed']",
            run: "click",
        },
        {
            content: "Signed: the deposit is awaited",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Awaiting Deposit)",
        },
        {
            content: "Open the billing tab",
            trigger: ".o_notebook a.nav-link:contains(/^Billing$/)",
            run: "click",
        },
        {
            content: "The deposit and the first rent are invoiced",
            trigger: ".o_field_widget[name='amount_invoiced']:not(:contains(/^\\s*\\$?\\s*0\\.00/))",
        },
        {
            // last: the lease form reloads once the download is over, which would drop
            // unsaved changes made in the meantime
            content: "Print the contract, wait for the download",
            trigger: ".o_statusbar_buttons button:contains(/^Print Contract$/)",
            async run() {
                let blocked = false;
                const observer = new MutationObserver(() => {
                    blocked ||= Boolean(document.querySelector(".o_blockUI"));
                });
                observer.observe(document.body, { childList: true, subtree: true });
                this.anchor.click();
                try {
                    await waitUntil(() => blocked && !document.querySelector(".o_blockUI"), {
                        timeout: 60000,
                    });
                } finally {
                    observer.disconnect();
                }
            },
        },
        {
            content: "Printed without an error, the lease is still awaiting its deposit",
            trigger: "body:not(:has(.o_error_dialog)) .o_statusbar_status button.o_arrow_button_current:contains(Awaiting Deposit)",
        },
    ],
});

// After the accountant registered the payments (test_manager_tour): the lease is active and
// the manager hands over the keys.
registry.category("web_tour.tours").add("property_manager_handover_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Property app",
            trigger: ".o_app[data-menu-xmlid='property_tenant.property_root_menu']",
            run: "click",
        },
        ...openPropertyMenuSteps("Leasing", "Leases", { fromApps: false }),
        {
            content: "The leases list is open",
            trigger: ".o_breadcrumb:contains(Leases) ~ *, .o_breadcrumb .active:contains(Leases), .o_list_view .o_data_row td[name='state']",
        },
        {
            content: "Search the tenant among the leases",
            trigger: ".o_searchview_input",
            run: "edit Li Na",
        },
        {
            content: "Search it as the tenant",
            trigger: ".o_searchview_autocomplete .o_menu_item:contains(Tenant)",
            run: "click",
        },
        {
            content: "Open Li Na's lease",
            trigger: ".o_data_row td[name='partner_id']:contains(Li Na)",
            run: "click",
        },
        {
            content: "Paid: the lease is active",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Active)",
        },
        {
            content: "The key handover is the next to-do",
            trigger: ".o-mail-Activity:contains(Hand over the keys)",
        },
        {
            content: "Open the signature and keys tab",
            trigger: ".o_notebook a.nav-link:contains(Signature)",
            run: "click",
        },
        {
            content: "Hand over a key",
            trigger: ".o_field_widget[name='key_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...pick("unit_id", "HV-101", ".o_field_widget[name='key_ids'] .o_selected_row"),
        {
            trigger: ".o_field_widget[name='key_ids'] .o_selected_row .o_field_widget[name='name'] input",
            run: "edit Front door",
        },
        {
            trigger: ".o_field_widget[name='key_ids'] .o_selected_row .o_field_widget[name='quantity'] input",
            run: "edit 2",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_saved .o_field_widget[name='key_ids'] .o_data_row:contains(Front door)",
        },
        {
            content: "Two keys out",
            trigger: "button[name='action_view_keys'] .o_stat_value:contains(/^2$/)",
        },
        {
            content: "The handover to-do is done",
            trigger: ".o-mail-Chatter:not(:has(.o-mail-Activity:contains(Hand over the keys)))",
        },
    ],
});
