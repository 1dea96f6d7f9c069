"""Reading the values a super user writes: numbers in any format, yes/no, money with symbols."""
from __future__ import annotations

import re

_NOT_NUMBER = re.compile(r"[^\d,.\-]")


def parse_number(text: str, decimal_point: str | None = None) -> float:
    """'1,234.50', '€ 45.00', '45' -> float.

    With the screen language's decimal point the reading is exact; without it the last
    separator followed by one or two digits is taken as the decimal one.
    """
    cleaned = _NOT_NUMBER.sub("", text.replace("\u2212", "-"))
    if not re.search(r"\d", cleaned):
        raise ValueError(f"{text!r} is not a number")
    if decimal_point:
        whole, _, decimals = cleaned.rpartition(decimal_point) if decimal_point in cleaned else (cleaned, "", "")
        return float(re.sub(r"[,.]", "", whole) + ("." + decimals if decimals else ""))
    last = max(cleaned.rfind(","), cleaned.rfind("."))
    if last != -1 and len(cleaned) - last - 1 in (1, 2):
        whole, decimals = cleaned[:last], cleaned[last + 1:]
        return float(re.sub(r"[,.]", "", whole) + "." + decimals)
    if last != -1 and len(cleaned) - last - 1 != 3:
        return float(cleaned.replace(",", ""))
    return float(re.sub(r"[,.]", "", cleaned))


def same_amount(left: float, right: float, digits: int = 2) -> bool:
    """Equal at the given precision (money and quantities compare by value)."""
    return round(left - right, digits) == 0


def parse_bool(text: str) -> bool:
    """yes/no, true/false, checked/unchecked."""
    folded = text.strip().casefold()
    if folded in ("yes", "true", "checked", "on", "1"):
        return True
    if folded in ("no", "false", "unchecked", "off", "0"):
        return False
    raise ValueError(f"{text!r} is not yes or no")
