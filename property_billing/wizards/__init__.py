from . import property_deposit_settlement
from . import property_late_fee_waive
from . import account_move_reversal
from . import property_common_consumption_wizard
from . import property_cost_pool_preview
from . import property_cost_pool_preview_line
from . import property_cost_pool_preview_cost
from . import property_meter_reading_round
