/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

/**
 * From anywhere in the backend: apps menu → the Property app → the menu section `section`
 * (e.g. "Configuration") → its item `item` (e.g. "Automation Rules"). Both are matched on
 * their whole label, so "Leases" does not pick "Lease Types". Already in the Property app,
 * `{ fromApps: false }` opens only the section and the item.
 */
export function openPropertyMenuSteps(section, item, { fromApps = true } = {}) {
    const appSteps = [
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
        {
            content: "The app's first screen is shown",
            trigger: ".o_main_navbar .o_menu_brand:contains(Property)",
        },
    ];
    return [
        ...(fromApps ? appSteps : []),
        {
            content: `Open the ${section} menu`,
            trigger: `.o_menu_sections button:contains(/^${section}$/)`,
            run: "click",
        },
        {
            content: `Open ${item}`,
            trigger: `.o-dropdown--menu .o-dropdown-item:contains(/^${item}$/)`,
            run: "click",
        },
    ];
}
