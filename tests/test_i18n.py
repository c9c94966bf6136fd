"""Simplified Chinese: every term of our addons is translated where Odoo looks it up, and the
translations follow docs/glossary.md."""

import pathlib
import re

import polib
from suite_common import ADDONS, SuiteHttpCase, SuiteTransactionCase

from odoo.tools.translate import TranslationModuleReader, code_translations

ROOT = pathlib.Path(__file__).resolve().parent.parent
LANG = "zh_CN"
# the same in every language (left empty in the .po files, see docs/glossary.md rule 9)
NEUTRAL = {"ID", "m²", "2026-01-01", "INV/2026/00001", "LEASE/0001"}
# docs/glossary.md: words our translations never use, and the one they use instead
FORBIDDEN = {
    "租约": "合同 / 租赁合同",
    "楼宇": "楼栋",
    "单元": "房间",
    "房型": "户型",
    "维修技师": "维修人员",
    "技术员": "维修人员",
}


BRIDGES = ("property_l10n_cn", "property_billing_queue")


def our_addons(env):
    """The four addons and the bridges installed with them."""
    installed = env["ir.module.module"].search(
        [("name", "in", BRIDGES), ("state", "=", "installed")]
    )
    return [*ADDONS, *installed.mapped("name")]


def load_zh_cn(env):
    """Activate Simplified Chinese and load our addons' .po files only (not all of Odoo's)."""
    env["res.lang"]._activate_lang(LANG)
    env["ir.module.module"]._load_module_terms(our_addons(env), [LANG], overwrite=True)
    env.registry.clear_cache()


def po_entries(addon):
    return polib.pofile(str(ROOT / addon / "i18n" / f"{LANG}.po"))


class TestChineseTranslations(SuiteTransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_zh_cn(cls.env)
        cls.addClassCleanup(cls.registry.clear_cache)
        cls.zh = cls.env(context={"lang": LANG})
        cls.addons = our_addons(cls.env)

    def test_every_term_is_translated(self):
        """Each term Odoo exports for our addons (field labels, selections, view texts, menus,
        templates, Python and JS messages) has a Chinese value in the database once the .po files
        are loaded. A view term whose reference is missing from the .po stays English in that
        view even when the same word is translated elsewhere: run docs/i18n_update.py."""
        reader = TranslationModuleReader(self.env.cr, modules=self.addons, lang=LANG)
        missing = sorted(
            {
                f"{module}: {name} {source!r}"
                for module, _type, name, _res_id, source, value, _comments in reader
                if source not in NEUTRAL and (not value or value == source)
            }
        )
        self.assertEqual(missing, [], "terms left in English in zh_CN")

    def test_pot_lists_every_term(self):
        """The .pot of each addon is regenerated (docs/i18n_update.py) when strings change."""
        reader = TranslationModuleReader(self.env.cr, modules=self.addons)
        exported = {(module, source) for module, _t, _n, _r, source, _v, _c in reader}
        listed = {
            (addon, entry.msgid)
            for addon in self.addons
            if (ROOT / addon / "i18n" / f"{addon}.pot").exists()
            for entry in polib.pofile(str(ROOT / addon / "i18n" / f"{addon}.pot"))
        }
        self.assertEqual(sorted(exported - listed), [], "terms missing from the .pot files")

    def test_glossary_words(self):
        """No translation uses a word the glossary replaced, and 发票 (fapiao, the tax invoice)
        is used only where the English speaks of a fapiao."""
        wrong = []
        for addon in self.addons:
            for entry in po_entries(addon):
                for word, instead in FORBIDDEN.items():
                    if word in entry.msgstr:
                        wrong.append(
                            f"{addon}: {entry.msgid[:60]!r} uses {word} (glossary: {instead})"
                        )
                english = f"{entry.msgid} {entry.comment}".lower()
                if "发票" in entry.msgstr and not re.search(r"fapiao|red-letter", english):
                    wrong.append(
                        f"{addon}: {entry.msgid[:60]!r} uses 发票 for an invoice (glossary: 账单)"
                    )
        self.assertEqual(wrong, [])

    def test_key_terms(self):
        """The words a user meets first, as the glossary sets them."""
        Model = self.zh["ir.model"]
        self.assertEqual(Model._get("property.building").name, "楼栋")
        self.assertEqual(Model._get("property.unit").name, "房间")
        self.assertEqual(Model._get("property.lease").name, "租赁合同")
        unit_fields = self.zh["property.unit"].fields_get(
            ["building_id", "unit_type_id"], ["string"]
        )
        self.assertEqual(unit_fields["building_id"]["string"], "楼栋")
        self.assertEqual(unit_fields["unit_type_id"]["string"], "户型")
        states = dict(self.zh["property.lease"].fields_get(["state"])["state"]["selection"])
        self.assertEqual(states["active"], "生效中")
        self.assertEqual(states["vetting"], "审核中")
        kinds = dict(
            self.zh["account.move"].fields_get(["property_invoice_kind"])["property_invoice_kind"][
                "selection"
            ]
        )
        self.assertEqual(kinds["rent"], "租金")
        self.assertEqual(kinds["deposit"], "押金")
        billing = code_translations.get_python_translations("property_billing", LANG)
        self.assertEqual(
            billing["Lease %(name)s is not running: nothing to bill."],
            "合同 %(name)s 未在执行中：无需开票。",
        )
        self.assertEqual(
            self.zh.ref("property_billing.account_move_action_property").name, "租户账单"
        )

    def test_unit_form_tickets_button(self):
        """The Tickets smart button property_maintenance adds to the unit and building forms."""
        for model in ("property.unit", "property.building"):
            arch = self.zh[model].get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertIn('string="工单"', arch, model)
            self.assertNotIn('string="Tickets"', arch, model)


class TestChinesePortalLedger(SuiteHttpCase):
    def test_ledger_in_chinese(self):
        """The tenant's Rent Statement in Chinese: labels and the lease status."""
        load_zh_cn(self.env)
        self.addCleanup(self.registry.clear_cache)
        portal = self.env.ref("base.demo_user0")
        portal.partner_id.lang = LANG
        lease = self.env.ref("property_billing.property_lease_portal_demo")
        self.assertEqual(lease.state, "active")
        self.authenticate(portal.login, "portal")
        response = self.url_open("/my/property/ledger")
        self.assertEqual(response.status_code, 200)
        html = response.text
        for term in ("租金对账单", "应付余额", "押金余额", "未付账单", "付款记录", "生效中"):
            self.assertIn(term, html)
        self.assertNotIn(">Active<", html)
