"""English dates as the tracker has always written them ("3 February 2016", "October 2016"),
not Django's American defaults; the other languages use Django's own formats."""

DATE_FORMAT = "j F Y"
YEAR_MONTH_FORMAT = "F Y"
