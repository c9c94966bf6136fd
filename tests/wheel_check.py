#!/usr/bin/env python3
"""Packaging check: each addon builds as an `odoo-addon-*` wheel (whool, as OCA ships
addons), the wheels install with pip into a fresh virtualenv, and Odoo installs the addons
from there (site-packages, not this repository).

    tests/wheel_check.py [--db property_wheel_check] [--keep]

1. a fresh virtualenv in $PROPERTY_STATE/wheel-check-<db>; Odoo and its requirements are those of
   the project's virtualenv and of $ODOO_PATH, made visible to it by a .pth file, and Odoo's
   source tree is registered as the distribution `odoo` 18.0 (what `Requires-Dist: odoo`
   of the wheels needs);
2. whool from the package index into it, then `pip wheel` of the addons (the files git
   tracks, as whool builds them);
3. `pip install --no-index` of the wheels (their dependencies on each other resolved
   from the wheels only);
4. every addon imports from the fresh site-packages, and `odoo-bin -i` of the addons
   (no demo data) on a throwaway database, with Odoo's addons only in --addons-path.

The last line is `wheel check: N passed, N failed`; exit status 1 on any failure."""

import argparse
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from common import (
    ODOO_PATH,
    PGPORT,
    STATE,
    VENV_PYTHON,
    odoo_command,
    psql,
)

# every addon of the repository that ships a pyproject.toml
ADDONS = sorted(
    path.parent.name
    for path in REPO.glob("*/pyproject.toml")
    if (path.parent / "__manifest__.py").exists()
)
results = []


def say(msg):
    print(f"[wheel-check] {msg}", flush=True)


def check(name, ok, detail=""):
    results.append((name, ok))
    say(f"{'PASS' if ok else 'FAIL'} {name}{(': ' + detail) if detail and not ok else ''}")
    return ok


def run(*args, timeout=900, **kwargs):
    proc = subprocess.run(
        [str(a) for a in args],
        text=True,
        capture_output=True,
        timeout=timeout,
        check=False,
        cwd=REPO,
        **kwargs,
    )
    if proc.returncode:
        say(f"command failed ({proc.returncode}): {' '.join(map(str, args))[:300]}")
        print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n", file=sys.stderr)
    return proc


def site_packages(python):
    out = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    return Path(out.stdout.strip())


def fresh_venv(root):
    """A new virtualenv seeing Odoo (source tree) and its requirements (project venv)."""
    venv = root / "venv"
    run(VENV_PYTHON, "-m", "venv", venv).check_returncode()
    python = venv / "bin" / "python"
    target = site_packages(python)
    (target / "property-odoo-requirements.pth").write_text(
        f"{site_packages(VENV_PYTHON)}\n{ODOO_PATH}\n", encoding="utf-8"
    )
    release = {}
    exec((ODOO_PATH / "odoo" / "release.py").read_text(encoding="utf-8"), release)  # noqa: S102
    version = release["version"].split("+")[0].split("-")[0]  # e.g. 18.0
    dist_info = target / f"odoo-{version}.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: odoo\nVersion: {version}\n", encoding="utf-8"
    )
    (dist_info / "INSTALLER").write_text("property wheel check\n", encoding="utf-8")
    (dist_info / "RECORD").write_text("", encoding="utf-8")
    return python


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="property_wheel_check")
    parser.add_argument("--keep", action="store_true", help="keep the venv and the database")
    args = parser.parse_args()
    root = STATE / f"wheel-check-{args.db}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    dist = root / "dist"
    t0 = time.perf_counter()

    python = fresh_venv(root)
    pip = [python, "-m", "pip", "--disable-pip-version-check", "-q"]
    if not check("whool from the package index", run(*pip, "install", "whool").returncode == 0):
        return finish(args, root)

    built = run(
        *pip, "wheel", "--no-deps", "--no-build-isolation", "-w", dist, *[REPO / a for a in ADDONS]
    )
    wheels = sorted(dist.glob("odoo_addon_*.whl"))
    check(
        "one odoo-addon wheel per addon",
        built.returncode == 0 and len(wheels) == len(ADDONS),
        f"{[w.name for w in wheels]}",
    )
    if built.returncode:
        return finish(args, root)

    installed = run(
        *pip,
        "install",
        "--no-index",
        "--find-links",
        dist,
        *[f"odoo-addon-{addon}" for addon in ADDONS],
    )
    if not check("pip install of the wheels (no index)", installed.returncode == 0):
        return finish(args, root)

    probe = textwrap.dedent(
        f"""
        import importlib, pathlib, sys
        import odoo
        from odoo.modules.module import get_module_path
        from odoo.tools import config
        config.parse_config(["--addons-path={ODOO_PATH / "addons"}"])
        odoo.modules.module.initialize_sys_path()
        repo = pathlib.Path({str(REPO)!r})
        for addon in {list(ADDONS)!r}:
            path = pathlib.Path(get_module_path(addon))
            module = importlib.import_module("odoo.addons." + addon)
            assert "site-packages" in path.parts, (addon, path)
            assert repo not in pathlib.Path(module.__file__).parents, (addon, module.__file__)
        print("IMPORT-OK")
        """
    )
    imported = run(python, "-c", probe)
    check(
        "addons import from the fresh site-packages",
        "IMPORT-OK" in imported.stdout,
        imported.stderr[-500:],
    )

    run("dropdb", "-h", "127.0.0.1", "-p", PGPORT, "-U", "odoo", "--if-exists", args.db)
    install = run(
        *odoo_command(
            args.db,
            "-i",
            ",".join(ADDONS),
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
            "--http-port=0",
            "--max-cron-threads=0",
            python=python,
            addons_dir="",
        ),
        timeout=1800,
    )
    states = psql(
        "SELECT string_agg(name || ':' || state, ',' ORDER BY name) FROM ir_module_module "
        f"WHERE name IN ({', '.join(repr(a) for a in ADDONS)})",
        db=args.db,
        check=False,
    )
    check(
        "odoo-bin -i of the addons from the wheels",
        install.returncode == 0 and states.count(":installed") == len(ADDONS),
        states or install.stderr[-500:],
    )
    say(f"done in {time.perf_counter() - t0:.0f} s")
    return finish(args, root)


def finish(args, root):
    if not args.keep:
        run("dropdb", "-h", "127.0.0.1", "-p", PGPORT, "-U", "odoo", "--if-exists", args.db)
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(STATE / "data" / "filestore" / args.db, ignore_errors=True)
    passed = sum(ok for _name, ok in results)
    failed = len(results) - passed
    print(f"wheel check: {passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
