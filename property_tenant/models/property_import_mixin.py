# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class PropertyImportMixin(models.AbstractModel):
    """Spreadsheet import helpers shared by the property models.

    ``load`` is all-or-nothing already (one error rolls the whole file back); this adds
    the spreadsheet row number to every message, so that a user fixing an Excel file sees
    "Row 7: ..." without counting records."""

    _name = "property.import.mixin"
    _description = "Property Spreadsheet Import"

    # first data row of the spreadsheet: row 1 holds the column titles
    _property_import_first_row = 2
    # where the templates of _property_import_templates() are served from
    _property_import_template_folder = "/property_tenant/static/xls"

    @api.model
    def _property_import_templates(self):
        """List of (label, file name in _property_import_template_folder)."""
        return []

    @api.model
    def get_import_templates(self):
        return [
            {"label": label, "template": f"{self._property_import_template_folder}/{filename}"}
            for label, filename in self._property_import_templates()
        ]

    @api.model
    def _property_number_import_messages(self, result):
        for message in result.get("messages", []):
            rows = message.get("rows")
            if not rows or message.get("_property_numbered"):
                continue
            first = rows["from"] + self._property_import_first_row
            last = rows["to"] + self._property_import_first_row
            row = str(first) if first == last else f"{first}-{last}"
            # the import screen shows a record's error as "Error at row <its index>:
            # <message>": it is given the spreadsheet row and the bare message instead
            # (static/src/import/import_model_patch.js), other callers read "Row 7: ..."
            message["_property_row"] = row
            message["_property_text"] = message["message"]
            message["message"] = self.env._(
                "Row %(row)s: %(message)s", row=row, message=message["message"]
            )
            message["_property_numbered"] = True
        return result

    @api.model
    def load(self, fields, data):
        return self._property_number_import_messages(super().load(fields, data))
