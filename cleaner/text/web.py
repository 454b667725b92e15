"""A web address in a line: the way an advert tells the reader where to go."""

from __future__ import annotations

import regex

#: the top-level domains spam and site furniture use (folded text is lower case)
TLDS = "com|net|org|cc|vip|top|co|cn|tw|hk|tv|me|app|xyz|info"

#: a URL, a www. host or a bare domain (``tyc588.com``)
WEB_ADDRESS = regex.compile(rf"https?://|www\.[a-z0-9-]+\.|[a-z0-9-]+\.(?:{TLDS})\b", regex.I)
