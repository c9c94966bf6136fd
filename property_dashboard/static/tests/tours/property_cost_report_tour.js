/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { registry } from "@web/core/registry";

// An accountant (Invoicing, without Property rights): the Shared Costs dashboard from the
// Dashboards app, then Invoicing > Reporting > Shared Costs as a pivot per building and pool.
// Relies on the reconciliations of "Test Tower pool" created by TestCostReportTour.
registry.category("web_tour.tours").add("property_cost_report_accountant_tour", {
    steps: () => [
        {
            content: "Open the Shared Costs dashboard of the Property group",
            trigger: ".o_search_panel_section:contains(Property) li[data-name='Shared Costs']",
            run: "click",
        },
        {
            content: "It is the active dashboard",
            trigger: ".o_search_panel_section li.active[data-name='Shared Costs']",
        },
        {
            content: "Its figures are drawn (tiles and charts)",
            trigger: ".o_spreadsheet_dashboard_action .o-spreadsheet .o-figure canvas",
        },
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open Invoicing",
            trigger: ".o_app:contains(Invoicing)",
            run: "click",
        },
        {
            content: "Open Reporting",
            trigger: ".o_menu_sections button:contains(Reporting)",
            run: "click",
        },
        {
            content: "Open Shared Costs",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Shared Costs)",
            run: "click",
        },
        {
            content: "Shared Costs opens",
            trigger: ".o_breadcrumb:contains(Shared Costs)",
        },
        {
            content: "as a pivot per building and pool",
            trigger: ".o_pivot th:contains(Test Tower pool)",
        },
        {
            content: "with the pool's costs (1,500), recovered (1,100) and vacancy (100)",
            trigger: ".o_pivot tr:has(th:contains(Test Tower pool)):has(td:contains(1,500.00)):has(td:contains(1,100.00)):has(td:contains(100.00))",
        },
    ],
});
