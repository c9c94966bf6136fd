// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import { FileInput } from "@web/core/file_input/file_input";
import { registry } from "@web/core/registry";
import {
    Many2ManyBinaryField,
    many2ManyBinaryField,
} from "@web/views/fields/many2many_binary/many2many_binary_field";

/** A file input whose picker opens the phone's camera (the `capture` attribute). */
export class PhotoCaptureFileInput extends FileInput {
    static template = "property_maintenance.PhotoCaptureFileInput";
}

/**
 * many2many_binary for photos taken on site: images only, and on a phone the
 * upload button opens the rear camera instead of the file browser.
 */
export class PhotoCaptureField extends Many2ManyBinaryField {
    static template = "property_maintenance.PhotoCaptureField";
    static components = { ...Many2ManyBinaryField.components, FileInput: PhotoCaptureFileInput };
}

export const photoCaptureField = {
    ...many2ManyBinaryField,
    component: PhotoCaptureField,
    extractProps: (fieldInfo, dynamicInfo) => ({
        ...many2ManyBinaryField.extractProps(fieldInfo, dynamicInfo),
        acceptedFileExtensions: fieldInfo.options.accepted_file_extensions || "image/*",
    }),
};

registry.category("fields").add("property_photo_capture", photoCaptureField);
