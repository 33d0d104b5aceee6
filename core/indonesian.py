"""WIB, and Indonesian calendar words spelled the way the office writes them."""

from zoneinfo import ZoneInfo

# Western Indonesia Time (UTC+7), the office's clock (TIME_ZONE).
WIB = ZoneInfo("Asia/Jakarta")

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
