#!/usr/bin/env python3
"""Migration check: an upgrade from property_tenant's previous version keeps the tenants' data.

    tests/migration_check.py [--db property_migration_check] [--from REV] [--keep]
                             [--addons property_tenant[,property_auditlog]]

1. takes the addons as they were at REV (default: the parent of the commit that set
   property_tenant's current manifest version, i.e. its previous release) with `git archive`;
2. installs them in a fresh database (no demo data) and gives a person and a company tenant
   an ID document type, ID number, WeChat ID, legal representative and an emergency contact,
   with a saved filter, an import mapping and an export list naming those fields;
3. `-u property_tenant` with this tree's code (its migrations run);
4. asserts the values are still there under the current field names, the old columns and
   field rows are gone, the ID number's index and xml ids follow, the filter, mapping and
   export name the new fields, and the ID number's duplicate check still works.

Exit status 0 when every check holds; the last line is `migration check: N passed, N failed`.
Run through ./dev's environment (PostgreSQL on 127.0.0.1:$PROPERTY_PGPORT, the virtualenv)."""

import argparse
import ast
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from common import PGPORT, STATE, odoo_command

results = []

# the tenant fields before and after 18.0.1.2.0 (the before-script writes whichever the old
# code has, so that the check keeps proving an upgrade from any later previous version)
FIELDS = {
    "property_id_document_type": "id_document_type",
    "property_id_number": "id_number",
    "property_wechat": "wechat",
    "property_legal_representative": "legal_representative",
    "property_emergency_contact_ids": "emergency_contact_ids",
}
PERSON_ID = "11010519491231002X"
COMPANY_ID = "91110000600037341L"

BEFORE = """
import json
from odoo import Command
Partner = env["res.partner"]
name = {new: new if new in Partner._fields else old for new, old in FIELDS.items()}
person = Partner.create({
    "name": "Migration check person", "is_property_tenant": True,
    name["property_id_document_type"]: "prc_resident_id",
    name["property_id_number"]: PERSON_ID,
    name["property_wechat"]: "migration_wx",
    name["property_emergency_contact_ids"]: [
        Command.create({"name": "Migration check parent", "relationship": "parent",
                        "phone": "+86 138 0013 8000"}),
    ],
})
company = Partner.create({
    "name": "Migration check company", "is_property_tenant": True, "is_company": True,
    name["property_id_document_type"]: "uscc",
    name["property_id_number"]: COMPANY_ID,
    name["property_legal_representative"]: "王五",
})
env["ir.filters"].create({
    "name": "Migration check filter", "model_id": "res.partner",
    "domain": repr([(name["property_id_number"], "=", PERSON_ID)]),
})
env["base_import.mapping"].create({
    "res_model": "res.partner", "column_name": "ID Number",
    "field_name": name["property_id_number"],
})
env["ir.exports"].create({
    "name": "Migration check export", "resource": "res.partner",
    "export_fields": [Command.create({"name": name["property_wechat"]})],
})
print("IDS=" + json.dumps([person.id, company.id]))
"""

AFTER = """
import ast
import json
from odoo.exceptions import ValidationError
person, company = env["res.partner"].browse(IDS)
Partner = env["res.partner"]
saved_filter = env["ir.filters"].search([("name", "=", "Migration check filter")])
out = {
    "fields": sorted(f for f in FIELDS if f in Partner._fields),
    "old_fields": sorted(o for o in FIELDS.values() if o in Partner._fields),
    "person": [person.property_id_document_type, person.property_id_number,
               person.property_wechat],
    "contacts": [(c.name, c.relationship, c.phone)
                 for c in person.property_emergency_contact_ids],
    "company": [company.property_id_document_type, company.property_id_number,
                company.property_legal_representative],
    "filter": saved_filter.domain,
    "mapping": env["base_import.mapping"].search(
        [("res_model", "=", "res.partner"), ("column_name", "=", "ID Number")]
    ).mapped("field_name"),
    "export": env["ir.exports"].search(
        [("name", "=", "Migration check export")]
    ).export_fields.mapped("name"),
    "xmlid": bool(env.ref(
        "property_tenant.field_res_partner__property_id_number", raise_if_not_found=False
    )),
}
try:  # a domain naming a field that is gone raises
    out["filter_finds"] = Partner.search(ast.literal_eval(saved_filter.domain)).ids == [person.id]
except ValueError:
    out["filter_finds"] = False
rule = env.ref("property_auditlog.auditlog_rule_res_partner", raise_if_not_found=False)
out["audit_rule_fields"] = sorted(rule.property_field_ids.mapped("name")) if rule else None
try:
    with env.cr.savepoint():
        Partner.create({"name": "Duplicate", "is_property_tenant": True,
                        "property_id_document_type": "prc_resident_id",
                        "property_id_number": PERSON_ID})
    out["duplicate_refused"] = False
except ValidationError:
    out["duplicate_refused"] = True
print("OUT=" + json.dumps(out, ensure_ascii=False))
"""


def say(msg):
    print(f"[migration-check] {msg}", flush=True)


def check(name, ok, detail=""):
    results.append((name, ok))
    say(f"{'PASS' if ok else 'FAIL'} {name}{(': ' + str(detail)) if detail and not ok else ''}")
    return ok


def run(*args, stdin=None, cwd=REPO):
    proc = subprocess.run(
        args, input=stdin, text=True, capture_output=True, timeout=1200, cwd=cwd, check=False
    )
    if proc.returncode:
        say(f"command failed ({proc.returncode}): {' '.join(map(str, args))[:200]}")
        print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n", file=sys.stderr)
    return proc


def odoo(db, addons_dir, *args, stdin=None, subcommand=None):
    return run(
        *odoo_command(
            db, "--log-level=warn", *args, subcommand=subcommand, addons_dir=str(addons_dir)
        ),
        stdin=stdin,
    )


def shell(db, addons_dir, code, **constants):
    """Run python in `odoo-bin shell` with `constants` defined; commit; return its stdout."""
    header = "".join(f"{key} = {value!r}\n" for key, value in constants.items())
    script = header + textwrap.dedent(code) + "\nenv.cr.commit()\nprint('SHELL-OK')\n"
    proc = odoo(db, addons_dir, "--no-http", stdin=script, subcommand="shell")
    ok = proc.returncode == 0 and "SHELL-OK" in proc.stdout
    return ok, proc.stdout + proc.stderr


def value(out, key):
    for line in out.splitlines():
        if line.startswith(key + "="):
            return json.loads(line[len(key) + 1 :])
    return None


def psql(db, sql):
    return run("psql", "-X", "-h", "127.0.0.1", "-p", PGPORT, "-U", "odoo", "-d", db, "-tAc", sql)


def previous_release():
    """Parent of the commit that set property_tenant's current manifest version."""
    manifest = REPO / "property_tenant" / "__manifest__.py"
    version = ast.literal_eval(manifest.read_text())["version"]
    proc = run(
        "git",
        "log",
        "--reverse",
        "--format=%H",
        "-S",
        f'"version": "{version}"',
        "--",
        "property_tenant/__manifest__.py",
    )
    commits = proc.stdout.split()
    return (f"{commits[0]}^", version) if proc.returncode == 0 and commits else (None, version)


def archive(rev, target):
    """The addons as they were at rev, extracted into target."""
    proc = subprocess.run(
        ["git", "archive", "--format=tar", rev], cwd=REPO, capture_output=True, check=False
    )
    if proc.returncode:
        print(proc.stderr.decode()[-2000:], file=sys.stderr)
        return False
    with tempfile.TemporaryFile() as tar_file:
        tar_file.write(proc.stdout)
        tar_file.seek(0)
        with tarfile.open(fileobj=tar_file) as tar:
            members = [m for m in tar.getmembers() if m.name.startswith("property_")]
            tar.extractall(target, members=members, filter="data")
    return True


def drop(db):
    psql("postgres", f'DROP DATABASE IF EXISTS "{db}"')
    shutil.rmtree(STATE / "data" / "filestore" / db, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="property_migration_check")
    parser.add_argument("--from", dest="rev", help="git revision of the previous version")
    parser.add_argument("--addons", default="property_tenant", help="addons to install")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    args = parser.parse_args()
    db = args.db
    rev, version = (args.rev, None) if args.rev else previous_release()
    if not check(
        "previous version found in git",
        bool(rev),
        "no git history (a shallow clone?): pass --from REV",
    ):
        return finish(db, True)
    old_version = run("git", "show", f"{rev}:property_tenant/__manifest__.py").stdout
    old_version = ast.literal_eval(old_version)["version"] if old_version else "?"
    say(f"from {rev} (property_tenant {old_version}) to this tree ({version or 'current'})")

    with tempfile.TemporaryDirectory(prefix="property-migration-") as old_dir:
        if not check("git archive of the previous version", archive(rev, old_dir)):
            return finish(db, args.keep)
        drop(db)
        say(f"installing {args.addons} at {rev} in {db}")
        proc = odoo(db, old_dir, "-i", args.addons, "--without-demo=all", "--stop-after-init")
        if not check("install the previous version", proc.returncode == 0, proc.stderr[-500:]):
            return finish(db, args.keep)
        ok, out = shell(
            db, old_dir, BEFORE, FIELDS=FIELDS, PERSON_ID=PERSON_ID, COMPANY_ID=COMPANY_ID
        )
        ids = value(out, "IDS")
        if not check("tenant data written with the previous version", ok and ids, out[-800:]):
            return finish(db, args.keep)

    say("-u property_tenant with this tree")
    proc = odoo(db, REPO, "-u", "property_tenant", "--stop-after-init")
    errors = [line for line in proc.stderr.splitlines() if " ERROR " in line or "CRITICAL" in line]
    check("-u property_tenant", proc.returncode == 0 and not errors, "\n".join(errors)[-800:])
    installed = psql(
        db, "SELECT latest_version FROM ir_module_module WHERE name = 'property_tenant'"
    ).stdout.strip()
    check(
        "property_tenant is at this tree's version",
        not version or installed == version,
        f"{installed} != {version}",
    )

    ok, out = shell(db, REPO, AFTER, IDS=ids, FIELDS=FIELDS, PERSON_ID=PERSON_ID)
    after = value(out, "OUT")
    if not check("tenant data read with this tree", ok and after, out[-800:]):
        return finish(db, args.keep)
    check("the renamed fields exist", after["fields"] == sorted(FIELDS), after["fields"])
    check("the old field names are gone", not after["old_fields"], after["old_fields"])
    check(
        "the person's ID document type, ID number and WeChat ID are kept",
        after["person"] == ["prc_resident_id", PERSON_ID, "migration_wx"],
        after["person"],
    )
    check(
        "the emergency contact is kept",
        after["contacts"] == [["Migration check parent", "parent", "+86 138 0013 8000"]],
        after["contacts"],
    )
    check(
        "the company's ID document type, USCC and legal representative are kept",
        after["company"] == ["uscc", COMPANY_ID, "王五"],
        after["company"],
    )
    check(
        "the saved filter names the new field and finds the tenant",
        "property_id_number" in after["filter"] and after["filter_finds"],
        after["filter"],
    )
    check(
        "the import mapping names the new field",
        after["mapping"] == ["property_id_number"],
        after["mapping"],
    )
    check("the export list names the new field", after["export"] == ["property_wechat"])
    check("the field's xml id follows", after["xmlid"])
    if after["audit_rule_fields"] is not None:  # with --addons ...,property_auditlog
        check(
            "the audit log rule logs the renamed ID fields",
            after["audit_rule_fields"]
            == ["property_id_document_type", "property_id_number", "property_legal_representative"],
            after["audit_rule_fields"],
        )
    check("the ID number's duplicate check still works", after["duplicate_refused"])
    columns = psql(
        db,
        "SELECT string_agg(column_name, ',' ORDER BY column_name) FROM information_schema.columns"
        " WHERE table_name = 'res_partner' AND column_name = ANY(ARRAY"
        f"{sorted(FIELDS.values())!r})",
    ).stdout.strip()
    check("the old columns are gone", not columns, columns)
    index = psql(
        db,
        "SELECT indexname FROM pg_indexes WHERE tablename = 'res_partner'"
        " AND indexname LIKE 'res_partner\\_\\_%id\\_number\\_index'",
    ).stdout.split()
    check(
        "the ID number's index is renamed, not duplicated",
        index == ["res_partner__property_id_number_index"],
        index,
    )
    return finish(db, args.keep)


def finish(db, keep):
    if not keep:
        drop(db)
    passed = sum(1 for _name, ok in results if ok)
    failed = len(results) - passed
    print(f"migration check: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
