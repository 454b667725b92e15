"""Find word-list entries in folded text with an Aho-Corasick automaton.

A regex alternation of thousands of words runs at ~0.4 MB/s; the automaton
(pyahocorasick) scans tens of MB/s, whatever the number of entries.  Entries are folded like the text they are matched
against; an entry written in Latin letters or digits only matches as a whole
word (``av`` does not match inside ``available``).

pyahocorasick finds a node's child by a linear search, so a list whose
entries start with hundreds of different characters makes every step at the
root slow.  Such a list is matched on the text's UTF-8 bytes (as a Latin-1
string) instead: at most a few dozen lead bytes at the root; UTF-8 is
self-synchronising, so a match starts and ends on character boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple, Protocol

import ahocorasick

from cleaner.text.fold import fold_text

#: above this many different first characters, entries are matched as UTF-8 bytes
MAX_ROOT_CHARS = 128


class Hit(NamedTuple):  # a tuple: lexicon scans create many of them
    start: int  # in the folded text
    end: int
    word: str  # the folded entry
    tag: str  # which list it came from


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


class Lexicon:
    """An immutable set of entries, each tagged with the list it came from."""

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        found: dict[str, str] = {}  # entry -> tag of its first list
        for word, tag in entries:
            key = fold_text(word).strip()
            if key and key not in found:
                found[key] = tag
        self.entries = found
        self._build(found)
        self._shared: SharedScan | None = None  # the scan `by_line` reads (built on first use)
        self._slot = 0  # this lexicon's place in it

    def _build(self, found: dict[str, str]) -> None:
        self._automaton = ahocorasick.Automaton()
        self.size = len(found)
        self._utf8 = len({key[0] for key in found}) > MAX_ROOT_CHARS
        for key, tag in found.items():
            # whether each end is a Latin letter or digit (those match whole words only)
            edges = (_is_word_char(key[0]), _is_word_char(key[-1]))
            self._automaton.add_word(_utf8(key) if self._utf8 else key, (key, tag, len(key), edges))
        if self.size:
            self._automaton.make_automaton()

    @classmethod
    def of(cls, words: Iterable[str], tag: str = "") -> Lexicon:
        return cls((w, tag) for w in words)

    def find(self, folded: str) -> list[Hit]:
        """All hits (overlapping ones included), in order of their end."""
        if not self.size or not folded:
            return []
        hits: list[Hit] = []
        append = hits.append
        size = len(folded)
        data = folded.encode("utf-8", "surrogatepass") if self._utf8 else b""
        if len(data) == size:  # ASCII: byte and character offsets agree
            data = b""
        stop, chars = 0, 0  # the last byte offset mapped, and its character offset
        for end, (word, tag, length, (latin_start, latin_end)) in self._automaton.iter(
            data.decode("latin-1") if data else folded
        ):
            end += 1  # exclusive
            if data:  # hits come in order of their end: map the bytes since the last one
                chars += len(data[stop:end].decode("utf-8", "surrogatepass"))
                stop, end = end, chars
            start = end - length
            if latin_start and start > 0 and _is_word_char(folded[start - 1]):
                continue
            if latin_end and end < size and _is_word_char(folded[end]):
                continue
            append(Hit(start, end, word, tag))
        return hits

    def longest(self, folded: str) -> list[Hit]:
        """Hits with the ones contained in a longer hit removed, left to right."""
        return _longest(self.find(folded))

    def by_line(self, folded_lines: list[str]) -> dict[int, list[Hit]]:
        """``longest`` of every line that has a hit, from one scan of the whole text.

        The scan is shared (`SharedScan`): a line of the document already
        scanned, in an earlier round or for another lexicon of the rule set,
        is not scanned again.
        """
        if self._shared is None:
            SharedScan([self])
        assert self._shared is not None
        return self._shared.by_line(self._slot, folded_lines)

    def per_line(self, folded_lines: list[str]) -> list[list[Hit]]:
        """``by_line`` as one list per line (empty: no hit)."""
        found = self.by_line(folded_lines)
        return [found.get(i, []) for i in range(len(folded_lines))]

    def _line_hits(self, folded_lines: list[str]) -> Iterator[tuple[int, Hit]]:
        """Every hit of the lines (offsets in its line), from one scan of the whole text."""
        text = "\n".join(folded_lines)
        if not self.size or not text:
            return
        # hits come in order of their end and never span a newline: walk the lines along
        line, off, newline = 0, 0, len(folded_lines[0])
        for hit in self.find(text):
            while hit.start > newline:
                off = newline + 1
                line += 1
                newline = off + len(folded_lines[line])
            yield line, Hit(hit.start - off, hit.end - off, hit.word, hit.tag)


class Lexicons:
    """Several lexicons matched in one scan of a document, each keeping its own hits."""

    def __init__(self, lexicons: Sequence[Lexicon]) -> None:
        self.count = len(lexicons)
        self._lexicons = list(lexicons)
        share(self._lexicons)  # scanned together (the pipeline may share a wider scan later)

    def by_line(self, folded_lines: list[str]) -> list[dict[int, list[Hit]]]:
        """``Lexicon.by_line`` of each lexicon, in order."""
        return [lexicon.by_line(folded_lines) for lexicon in self._lexicons]


class SharedScan:
    """One automaton over the entries of several lexicons, and the hits of every
    line it has scanned.

    Kinds ask for the hits of their own lexicons, line by line, on the same
    document, and the pipeline asks again in each later round.  Each
    distinct line is scanned once here, for all the lexicons at the same time,
    and its hits (the ``longest`` ones, per lexicon) are kept until `forget`
    (the pipeline calls it before each document: hits kept across documents
    cost more in garbage collection than rescanning the few lines pages
    share).  A hit depends on its line alone (no entry holds a newline), so
    what is kept is what a new scan would find.
    """

    #: lines and characters kept without a `forget`; past either, the memory starts again
    MAX_LINES = 50_000
    MAX_CHARS = 4_000_000

    def __init__(self, lexicons: Sequence[Lexicon]) -> None:
        self._lexicons = list(lexicons)
        for slot, lexicon in enumerate(lexicons):
            lexicon._shared, lexicon._slot = self, slot
        # only the lexicons asked for hits by line are scanned: a kind may use
        # another one on a few strings only (`Lexicon.longest`)
        self._active: set[int] = set()
        self._build()
        self._lines: dict[str, dict[int, list[Hit]]] = {}  # folded line -> slot -> longest hits
        self._chars = 0  # their length

    def _build(self) -> None:
        members: dict[str, list[tuple[int, str]]] = {}  # entry -> (slot of a lexicon, its tag there)
        for slot in sorted(self._active):
            for key, tag in self._lexicons[slot].entries.items():
                members.setdefault(key, []).append((slot, tag))
        self._members = members
        self.size = len(members)
        # many first characters make pyahocorasick's root slow: match UTF-8 bytes then (see Lexicon)
        self._utf8 = len({key[0] for key in members}) > MAX_ROOT_CHARS
        self._automaton = ahocorasick.Automaton()
        for key, where in members.items():
            # the value holds all a hit needs: entry, length, which ends match whole words, the lists
            value = (key, len(key), _is_word_char(key[0]), _is_word_char(key[-1]), tuple(where))
            self._automaton.add_word(_utf8(key) if self._utf8 else key, value)
        if self.size:
            self._automaton.make_automaton()

    def _fill(self, slot: int) -> None:
        """Add a newly scanned lexicon's hits to the lines kept (one scan of them with it alone)."""
        lines = list(self._lines)
        found: dict[int, list[Hit]] = {}
        for line, hit in self._lexicons[slot]._line_hits(lines):
            found.setdefault(line, []).append(hit)
        for i, hits in found.items():
            self._lines[lines[i]] = {**self._lines[lines[i]], slot: _longest(hits)}

    def forget(self) -> None:
        """Drop the hits kept (a new document starts)."""
        self._lines, self._chars = {}, 0

    def by_line(self, slot: int, folded_lines: list[str]) -> dict[int, list[Hit]]:
        """`Lexicon.by_line` of the lexicon in ``slot``."""
        if slot not in self._active:  # its first call: scan for its entries too from now on
            self._active.add(slot)
            self._build()
            self._fill(slot)
        known = self._lines
        new = [line for line in dict.fromkeys(folded_lines) if line not in known]
        if new:
            if len(known) > self.MAX_LINES or self._chars > self.MAX_CHARS:  # no forget() for long
                self.forget()  # start again, with all the lines of this call (not on each call of a long page)
                known = self._lines
                new = list(dict.fromkeys(folded_lines))
            self._add(new)
        # most lines hold no hit at all (an empty dict): one comprehension skips them in C
        lines = enumerate(map(known.__getitem__, folded_lines))
        return {i: list(hits) for i, slots in lines if slots and (hits := slots.get(slot))}  # the caller's lists

    def scan(self, lines: list[str]) -> list[dict[int, list[Hit]]]:
        """The hits of each line, per slot (the ``longest`` ones), from one scan of their text.

        One loop in Python per hit of the automaton, which makes the hits of
        each list it belongs to directly at their offsets in their line.
        """
        raw: list[dict[int, list[Hit]]] = [{} for _ in lines]
        text = "\n".join(lines)
        if self.size and text:
            for line, start, end, (word, _, _, _, where) in self._hits(text, lines):
                slots = raw[line]
                for slot, tag in where:
                    slots.setdefault(slot, []).append(Hit(start, end, word, tag))
        return [{slot: _longest(h) for slot, h in slots.items()} if slots else _NO_HITS for slots in raw]

    def _hits(self, text: str, lines: list[str]) -> Iterator[tuple[int, int, int, tuple[Any, ...]]]:
        """(line, start, end in the line, entry's value) of each hit in ``text``, lines joined."""
        size = len(text)
        data = text.encode("utf-8", "surrogatepass") if self._utf8 else b""
        if len(data) == size:  # ASCII: byte and character offsets agree
            data = b""
        stop, chars = 0, 0  # the last byte offset mapped, and its character offset
        line, first, last = 0, 0, len(lines[0])  # the line of the hits, where it starts and ends
        for end, value in self._automaton.iter(data.decode("latin-1") if data else text):
            end += 1  # exclusive
            if data:  # hits come in order of their end: map the bytes since the last one
                chars += len(data[stop:end].decode("utf-8", "surrogatepass"))
                stop, end = end, chars
            start = end - value[1]
            if value[2] and start > 0 and _is_word_char(text[start - 1]):
                continue
            if value[3] and end < size and _is_word_char(text[end]):
                continue
            while start > last:  # a hit never spans a newline
                line += 1
                first = last + 1
                last = first + len(lines[line])
            yield line, start - first, end - first, value

    def _add(self, lines: list[str]) -> None:
        self._lines.update(zip(lines, self.scan(lines)))
        self._chars += sum(map(len, lines))


_NO_HITS: dict[int, list[Hit]] = {}


def share(lexicons: Iterable[Lexicon]) -> SharedScan | None:
    """Scan these lexicons together (`SharedScan`), each distinct one once."""
    unique = list({id(lexicon): lexicon for lexicon in lexicons}.values())
    return SharedScan(unique) if unique else None


class _Pattern(Protocol):  # a compiled `re` or `regex` pattern
    def search(self, string: str, pos: int = ...) -> re.Match[str] | None: ...


def lines_matching(pattern: _Pattern, lines: list[str]) -> list[int]:
    """Indexes of the lines ``pattern`` finds something in, from one scan of the
    whole text (a pattern without anchors that never matches a newline)."""
    text = "\n".join(lines)
    if text.count("\n") != max(len(lines) - 1, 0):  # a line with a newline of its own
        return [i for i, line in enumerate(lines) if pattern.search(line)]
    out: list[int] = []
    line, seen = 0, 0  # the line of text[seen]
    m = pattern.search(text)
    while m is not None:
        line += text.count("\n", seen, m.start())
        out.append(line)
        seen = text.find("\n", m.start()) + 1  # go on from the next line
        if not seen:
            break
        line += 1
        m = pattern.search(text, seen)
    return out


def _utf8(text: str) -> str:
    """The UTF-8 bytes of ``text``, one character each."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def _longest(found: list[Hit]) -> list[Hit]:
    if len(found) < 2:  # most lines hold one hit
        return list(found)
    hits = sorted(found, key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    reach = -1
    for h in hits:
        if h.end <= reach:
            continue
        out.append(h)
        reach = h.end
    return out


def covered(hits: Iterable[Hit]) -> int:
    """How many characters the hits cover (overlaps counted once)."""
    total = 0
    reach = 0
    for h in sorted(hits, key=lambda h: h.start):
        if h.end > reach:
            total += h.end - max(h.start, reach)
            reach = h.end
    return total
