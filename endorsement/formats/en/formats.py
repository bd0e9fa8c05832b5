"""English: the formats the site has always shown (Django's own are "Dec. 3, 2026")."""
DATE_FORMAT = "F j, Y"  # December 3, 2026
SHORT_DATE_FORMAT = "M j, Y"  # Dec 3, 2026
SHORT_DATETIME_FORMAT = "M j, Y H:i"  # Dec 3, 2026 14:05
