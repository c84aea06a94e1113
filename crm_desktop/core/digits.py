"""Digit scripts: Persian (۰–۹), Arabic-Indic (٠–٩) and Latin (0–9)."""

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)


def to_latin(text: str) -> str:
    """Every Persian or Arabic-Indic digit in ``text`` becomes its Latin digit."""
    return text.translate(_TO_LATIN)


def to_persian(text) -> str:
    """Every Latin or Arabic-Indic digit becomes its Persian digit (accepts ints too)."""
    return str(text).translate(_TO_PERSIAN)


def persian_decimal(text) -> str:
    """A decimal number as Persian text: Persian digits and the decimal separator «٫» (U+066B),
    «2.5» → «۲٫۵» (a Latin point between Persian digits reads as a stray dot). A negative one
    starts with a left-to-right mark, as Persian number formats do, so that its minus stays on
    the left in a right-to-left line («‎-۷», not «۷-»)."""
    text = to_persian(str(text).replace(".", "\u066b"))
    return "\u200e" + text if text.startswith("-") else text


def format_number(value: int, digits: str = "persian") -> str:
    """A whole number grouped by thousands: 1000000 → «۱٬۰۰۰٬۰۰۰» (Latin: «1,000,000»)."""
    text = f"{int(value):,}"
    return to_persian(text.replace(",", "\u066c")) if digits == "persian" else text
