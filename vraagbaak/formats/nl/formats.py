# Dutch writes abbreviated months in lower case ("27 nov 2026"); the "M" code capitalises
# them ("27 Nov"), so short dates use "b". Django's own Dutch formats cover everything else.
SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y H:i"
