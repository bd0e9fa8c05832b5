"""English: the formats the site has always shown (Django's own are "Dec. 3, 2026")."""
DATE_FORMAT = "F j, Y"  # December 3, 2026
SHORT_DATE_FORMAT = "M j, Y"  # Dec 3, 2026
SHORT_DATETIME_FORMAT = "M j, Y H:i"  # Dec 3, 2026 14:05
DATETIME_FORMAT = "l, F j, Y, g:i a"  # Thursday, December 3, 2026, 2:05 p.m.
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "F j"  # December 3
TIME_FORMAT = "g:i a"  # 2:05 p.m.
