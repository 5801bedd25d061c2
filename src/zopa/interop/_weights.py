"""The warning both GENIUS readers give for a profile whose weights do not sum to 1."""

from __future__ import annotations

from fractions import Fraction


def exact_text(x: Fraction) -> str:
    """``x`` written exactly: a finite decimal where there is one, else ``p/q``.

    A float's ``repr`` would print a sum of 0.99999999999999999 as ``1.0``, which is the
    very thing the warning has to show is not the case.
    """
    denominator = x.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    if denominator != 1:
        return f"{x.numerator}/{x.denominator}"
    places = 0
    while (x * 10**places).denominator != 1:
        places += 1
    scaled = abs(x.numerator * 10**places // x.denominator)
    sign = "-" if x < 0 else ""
    whole, fraction = divmod(scaled, 10**places)
    return f"{sign}{whole}" + (f".{fraction:0{places}d}" if places else "")


def weight_sum_warning(where: str, total: Fraction, how: str) -> str | None:
    """One line naming ``where`` and the exact sum, or None when the weights sum to 1.

    ``how`` says what is done with such weights (for example "used as written, as GENIUS
    does"); a sum above 1 adds that utilities are capped at 1.
    """
    if total == 1:
        return None
    capped = ", utilities capped at 1" if total > 1 else ""
    return f"{where}: weights sum to {exact_text(total)}, not 1; {how}{capped}"
