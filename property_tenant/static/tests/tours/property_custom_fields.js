/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { registry } from "@web/core/registry";

// Steps shared by the custom-field tours of leases, units, tenants (here) and tickets
// (property_maintenance): a Property Manager adds a field from a record's cog menu, a user fills
// it on a record with the same parent, a user finds it from the search bar and groups by it.

/**
 * On an open form: the cog menu > Add Properties, named `label`, saved.
 * `tab`: the notebook page (its name) holding the properties field, opened first.
 */
export function definePropertySteps({ label, tab }) {
    return [
        ...openTabSteps(tab),
        {
            content: "Open the cog menu",
            trigger: ".o_form_view .o_cp_action_menus i.fa-cog",
            run: "click",
        },
        {
            content: "Add a property to the records of this parent",
            trigger: ".o-dropdown--menu .o_menu_item:contains(Add Properties)",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_property_field_popover .o_field_property_definition_header",
            run: `edit ${label}`,
        },
        {
            content: "Close the definition",
            trigger: ".o_form_view .oe_title h1",
            run: "click",
        },
        {
            content: "The new field shows on the record",
            trigger: `.o_field_properties .o_field_property_label:contains(${label})`,
        },
        ...saveSteps(),
    ];
}

/** On an open form: the text property `label` filled with `value`, saved. */
export function fillPropertySteps({ label, value, tab }) {
    return [
        ...openTabSteps(tab),
        {
            content: `Fill ${label}`,
            trigger: `.o_field_properties .o_property_field:contains(${label}) input.o_input`,
            run: `edit ${value}`,
        },
        {
            content: "Leave the field",
            trigger: ".o_form_view .oe_title h1",
            run: "click",
        },
        ...saveSteps(),
    ];
}

/**
 * On a kanban/list action: switch to the list, search `value` in the property `label` of the
 * properties field `fieldsLabel` (e.g. "Unit Fields"): only the row containing `rowText`
 * stays; then group by that property: a group `value`.
 */
export function searchAndGroupPropertySteps({ fieldsLabel, label, value, rowText }) {
    return [
        {
            content: "Switch to the list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: `Type ${value} in the search bar`,
            trigger: ".o_list_view .o_searchview_input",
            run: `edit ${value}`,
        },
        {
            content: `Unfold "${fieldsLabel}"`,
            trigger: `.o_searchview_autocomplete .o_menu_item:contains(${fieldsLabel}) .o_expand`,
            run: "click",
        },
        {
            content: `Search ${label} for ${value}`,
            trigger: `.o_searchview_autocomplete .o_menu_item:contains(${label})`,
            run: "click",
        },
        {
            content: "The filter is applied",
            trigger: `.o_searchview_facet:contains(${value})`,
        },
        {
            content: "Only the record with that value is listed",
            trigger: `.o_list_view tbody:not(:has(.o_data_row + .o_data_row)) .o_data_row:contains(${rowText})`,
        },
        {
            content: "Open the search panel",
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: `Group By > ${fieldsLabel}`,
            trigger: `.o_group_by_menu .o_accordion_toggle:contains(${fieldsLabel})`,
            run: "click",
        },
        {
            content: `Group by ${label}`,
            trigger: `.o_group_by_menu .o_accordion_values .o_menu_item:contains(${label})`,
            run: "click",
        },
        {
            content: `One group: ${value}`,
            trigger: `.o_list_view .o_group_header:contains(${value})`,
        },
    ];
}

function openTabSteps(tab) {
    if (!tab) {
        return [];
    }
    return [
        {
            content: "Open the page with the custom fields",
            trigger: `.o_form_view .o_notebook a.nav-link[name='${tab}']`,
            run: "click",
        },
    ];
}

function saveSteps() {
    return [
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ];
}

// Leases, per lease type. Data: test_custom_fields.test_tour_define_and_fill.
registry.category("web_tour.tours").add("property_lease_type_define_field", {
    steps: () => [
        {
            content: "The lease of type Shop (test) is open",
            trigger: ".o_form_view .o_field_widget[name='lease_type_id'] input:value(Shop (test))",
        },
        ...definePropertySteps({ label: "Opening hours" }),
    ],
});

registry.category("web_tour.tours").add("property_lease_fill_field", {
    steps: () => fillPropertySteps({ label: "Opening hours", value: "9:00-21:00" }),
});

// Units, per unit type. Data: test_custom_fields.test_tour_unit_fields.
registry.category("web_tour.tours").add("property_unit_type_define_field", {
    steps: () => [
        {
            content: "A unit of type Studio is open",
            trigger: ".o_form_view .o_field_widget[name='unit_type_id'] input:value(Studio)",
        },
        ...definePropertySteps({ label: "Window orientation" }),
    ],
});

registry.category("web_tour.tours").add("property_unit_fill_field", {
    steps: () => fillPropertySteps({ label: "Window orientation", value: "South-east" }),
});

registry.category("web_tour.tours").add("property_unit_search_field", {
    steps: () =>
        searchAndGroupPropertySteps({
            fieldsLabel: "Unit Fields",
            label: "Window orientation",
            value: "South-east",
            rowText: "102",
        }),
});

// Tenants, per tenant category. Data: test_custom_fields.test_tour_tenant_fields.
registry.category("web_tour.tours").add("property_tenant_category_define_field", {
    steps: () =>
        definePropertySteps({ label: "Chamber membership", tab: "property_tenant" }),
});

registry.category("web_tour.tours").add("property_tenant_fill_field", {
    steps: () =>
        fillPropertySteps({
            label: "Chamber membership",
            value: "AmCham 2026-118",
            tab: "property_tenant",
        }),
});

registry.category("web_tour.tours").add("property_tenant_search_field", {
    steps: () =>
        searchAndGroupPropertySteps({
            fieldsLabel: "Tenant Fields",
            label: "Chamber membership",
            value: "AmCham 2026-118",
            rowText: "Tenant B",
        }),
});
