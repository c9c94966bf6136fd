/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * A ticket's rating page records the chosen face on its own: the tenant's click in the
 * email (or on another face here) is the rating. The page POSTs it to the rating route
 * with its CSRF token, as the "Send Feedback" button does; the comment stays optional.
 */
publicWidget.registry.PropertyTicketRating = publicWidget.Widget.extend({
    selector: "form[data-property-one-click]",
    events: {
        "change input[name='rate']": "_onRateChange",
    },

    start() {
        const def = this._super(...arguments);
        this._recordRate();
        return def;
    },

    async _recordRate() {
        const checked = this.el.querySelector("input[name='rate']:checked");
        if (!checked) {
            return;
        }
        const data = new FormData();
        data.append("rate", checked.value);
        data.append("csrf_token", this.el.querySelector("input[name='csrf_token']").value);
        data.append("feedback", this.el.querySelector("textarea[name='feedback']").value);
        let ok = false;
        try {
            const response = await fetch(this.el.action, { method: "POST", body: data });
            ok = response.ok;
        } catch {
            ok = false;
        }
        this.el.querySelector(".o_property_rating_recorded").classList.toggle("d-none", !ok);
        this.el.querySelector(".o_property_rating_failed").classList.toggle("d-none", ok);
        this.el.dataset.propertyRecorded = ok ? checked.value : "";
    },

    _onRateChange() {
        this.el.querySelector(".o_property_rating_recorded").classList.add("d-none");
        this._recordRate();
    },
});
