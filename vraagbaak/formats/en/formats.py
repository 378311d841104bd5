# Short dates as the Dutch pages write them, with English capitals ("27 Nov 2026").
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
