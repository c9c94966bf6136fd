from . import mailing_mailing
from . import property_notice
