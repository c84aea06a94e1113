"""crm_desktop: a Persian desktop CRM for small Iranian offices."""

__version__ = "0.1.0"
APP_NAME = "crm_desktop"
APP_TITLE = "دفتر کار"  # what the operator reads in the title bar
