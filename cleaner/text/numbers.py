"""Numbers as data: a quantity, or a row of figures.

A line that states quantities (``增长 5.2%``, ``外援 41分 9篮板``, ``第一节 26:24``)
is a statistics row of the article: no menu, no search query.
"""

from __future__ import annotations

import regex

# a number with a unit, a percentage or a decimal: 5.2%, 64.2万人, 41分, 398g, 1.8
QUANTITY = regex.compile(
    r"\d(?:[.,]\d+)?\s*(?:%|％|万|亿|千|元|人|分|吨|公里|千米|米|公斤|千克|克|岁|篮板|助攻|盖帽|[kmg]?[mg]\b)|\d[.,:]\d",
    regex.IGNORECASE,
)
NUMBER = regex.compile(r"\d+(?:[.,]\d+)?")


def is_data_row(line: str) -> bool:
    """A line holding a quantity, or two numbers or more: a row of figures."""
    return bool(QUANTITY.search(line)) or len(NUMBER.findall(line)) >= 2
