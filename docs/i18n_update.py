"""Regenerate each addon's i18n/<addon>.pot with Odoo's exporter, merge it into its .po files.

    ./dev odoo -d mydb -u property_tenant --stop-after-init   # the database runs the current code
    python docs/i18n_update.py mydb                             # all property_* addons
    python docs/i18n_update.py mydb property_billing            # one addon

The .pot is what `odoo-bin --i18n-export` writes for the addon: every term with the references
Odoo uses when it loads a translation (a view term whose reference is missing from both the .po
and the .pot stays English in that view). Each .po then gets the .pot's entries in the .pot's
order, with the translation it already had for the same msgid; a new term gets an empty msgstr
(fill it following docs/glossary.md), a term gone from the code is dropped. It calls `./dev odoo`,
so it uses ./dev's settings.
"""

import argparse
import datetime
import pathlib
import subprocess
import sys
import tempfile

import polib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def export_pot(db, addon, target):
    cmd = [
        str(ROOT / "dev"),
        "odoo",
        "-d",
        db,
        f"--i18n-export={target}",
        f"--modules={addon}",
        "--stop-after-init",
        "--log-level=warn",
        "--no-http",
    ]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def entries(po):
    """The file's text without its header: what changes when a term or a translation does."""
    return [str(entry) for entry in po]


def merge(pot, po_path):
    """Return the .po at po_path rebuilt on the entries of pot, keeping its translations."""
    old = polib.pofile(str(po_path))
    translated = {(e.msgctxt, e.msgid): e.msgstr for e in old if not e.obsolete}
    new = polib.POFile(wrapwidth=old.wrapwidth)
    new.header = pot.header
    new.metadata = dict(old.metadata)
    new.metadata["POT-Creation-Date"] = pot.metadata.get("POT-Creation-Date", "")
    new.metadata["PO-Revision-Date"] = datetime.datetime.now(datetime.UTC).strftime(
        "%Y-%m-%d %H:%M+0000"
    )
    for entry in pot:
        copy = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgstr=translated.get((entry.msgctxt, entry.msgid), ""),
            comment=entry.comment,
            tcomment=entry.tcomment,
            occurrences=list(entry.occurrences),
            flags=list(entry.flags),
        )
        new.append(copy)
    return new


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "db", help="a database where the addons are installed with the current code"
    )
    parser.add_argument(
        "addons", nargs="*", help="default: every property_* addon of the repository"
    )
    args = parser.parse_args()
    addons = args.addons or sorted(p.parent.name for p in ROOT.glob("property_*/__manifest__.py"))
    for addon in addons:
        i18n = ROOT / addon / "i18n"
        i18n.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            target = pathlib.Path(tmp) / f"{addon}.pot"
            export_pot(args.db, addon, target)
            pot = polib.pofile(str(target))
            pot_path = i18n / f"{addon}.pot"
            if not pot_path.exists() or entries(polib.pofile(str(pot_path))) != entries(pot):
                pot.save(str(pot_path))
        for po_path in sorted(i18n.glob("*.po")):
            po = merge(pot, po_path)
            if entries(polib.pofile(str(po_path))) != entries(po):  # else keep its dates
                po.save(str(po_path))
            empty = [e.msgid for e in po if not e.msgstr]
            print(f"{po_path.relative_to(ROOT)}: {len(po)} terms, {len(empty)} untranslated")
            for msgid in empty:
                print(f"    {msgid[:100]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
