"""Indonesian date-times as the office writes them: "5 Des 2026 09.00 WIB".

Times are shown in Asia/Jakarta (TIME_ZONE; WAGTAIL_USER_TIME_ZONES offers no other), so a
date-time always carries "WIB". Wagtail's tooltips on relative dates ("5 menit yang lalu")
and its schedule side panel use DATETIME_FORMAT. Everything not set here comes from
Django's own ``id`` formats.

SHORT_DATETIME_FORMAT stays without the label: Wagtail turns it into the number format of
date cells in its XLSX exports, where bare letters are not valid.
"""

DATETIME_FORMAT = r"j M Y H.i \W\I\B"
SHORT_DATETIME_FORMAT = "d-m-Y H.i"
