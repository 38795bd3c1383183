"""Russian dates without Django's closing "г." ("3 февраля 2016", "Май 2016"): inside a
sentence that ends after its date, "г." and the sentence's full stop made "2016 г.."."""

DATE_FORMAT = "j E Y"
YEAR_MONTH_FORMAT = "F Y"
