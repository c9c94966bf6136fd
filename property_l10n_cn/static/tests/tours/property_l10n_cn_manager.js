/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).

import { registry } from "@web/core/registry";

// The Chinese demo manager (cn.manager) opens the Property app: Chinese menus, the leases and
// buildings of the Chinese demo company, nothing of the main company.
registry.category("web_tour.tours").add("property_l10n_cn_manager", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Property app (物业)",
            trigger: ".o_app[data-menu-xmlid='property_tenant.property_root_menu']",
            run: "click",
        },
        {
            content: "Open Leasing (租赁)",
            trigger: ".o_main_navbar button:contains(/^租赁$/)",
            run: "click",
        },
        {
            content: "Open Leases (租赁合同)",
            trigger: ".o-dropdown--menu a:contains(/^租赁合同$/)",
            run: "click",
        },
        {
            content: "The leases of the Chinese company are listed",
            trigger: ".o_kanban_view:contains(赵磊), .o_list_view:contains(赵磊)",
        },
        {
            content: "The company tenant is there too, the main company's tenants are not",
            trigger: ".o_content:contains(上海云帆信息科技有限公司):not(:contains(王伟))",
        },
        {
            content: "Open Portfolio (资产)",
            trigger: ".o_main_navbar button:contains(/^资产$/)",
            run: "click",
        },
        {
            content: "Open Buildings (楼栋)",
            trigger: ".o-dropdown--menu a:contains(/^楼栋$/)",
            run: "click",
        },
        {
            content: "The company's two buildings, not the main company's",
            trigger: ".o_content:contains(浦江花园 3 栋):contains(浦江商务中心):not(:contains(Riverside))",
        },
    ],
});
