# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import property_deposit_settlement_line
