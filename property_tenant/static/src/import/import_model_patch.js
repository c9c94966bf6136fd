/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { BaseImportModel } from "@base_import/import_model";
import { patch } from "@web/core/utils/patch";

// The property models number their import errors with the spreadsheet row ("Row 4: ...").
// The import screen prefixes a record's error with "Error at row <record index>", which then
// read "Error at row 2: 'Row 4: ...'": give it the spreadsheet row and the bare message, so
// that one row number shows, the right one.
patch(BaseImportModel.prototype, {
    _handleImportErrors(messages, name) {
        for (const message of messages) {
            // errors of a mapped column are shown by the column, with our "Row 4: ..." text
            const fieldPath = message.field_path ? message.field_path.join("/") : message.field;
            const ofColumn = this.columns.some(
                (column) => column.fieldInfo && column.fieldInfo.fieldPath === fieldPath
            );
            if (message._property_row && message.record !== undefined && !ofColumn) {
                message.record = message._property_row;
                message.message = message._property_text;
            }
        }
        return super._handleImportErrors(messages, name);
    },
});
