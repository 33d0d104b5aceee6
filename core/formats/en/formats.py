"""English date-times for a user who chose English in their profile: still WIB."""

DATETIME_FORMAT = r"j M Y H:i \W\I\B"
