# Cross-addon suites, run by pytest-odoo against the database `./dev test` has just built
# (all four addons installed with demo data). See README "Tests".
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
