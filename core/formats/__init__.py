"""Date formats for the admin and the site (FORMAT_MODULE_PATH): every date-time says WIB."""
