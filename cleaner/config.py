"""Load a YAML rule set and validate all of it before any page is opened.

Every problem becomes a :class:`ConfigError` that prints as
``path:line:col: rule 'id' (kind): message``.  YAML is composed with the safe
loader and any non-standard tag (``!!python/object`` …) is refused, so a rule
file can never execute anything.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import math
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cleaner.errors import ConfigError
from cleaner.kinds.base import FILES, PATTERN, BuildError, Kind
from cleaner.paths import shipped_rules_dir
from cleaner.registry import KINDS, kind_class

COMMON_KEYS = ("id", "kind", "enabled", "audit", "examples")
AUDIT_CHOICES = ("full", "redacted", "hash")
_SAFE_TAGS = {"tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")}
# Limits that keep a hostile rule file from hanging or crashing the loader:
# nesting depth (PyYAML and the checks recurse) and the size of the tree once
# aliases are expanded (a "billion laughs" file is a few hundred bytes).
MAX_DEPTH = 50
MAX_NODES = 100_000


@dataclass(frozen=True)
class Example:
    input: str
    output: str  # equal to input for `unchanged: true`
    line: int


@dataclass
class Rule:
    id: str
    kind: str
    enabled: bool
    audit: str  # how removed text is stored: full | redacted | hash
    impl: Kind
    raw_options: dict[str, Any]
    examples: list[Example]
    line: int


@dataclass
class RuleSet:
    path: str
    sha256: str
    rules: list[Rule]

    @property
    def active(self) -> list[Rule]:
        return [r for r in self.rules if r.enabled]


def default_rules_path() -> Path:
    """The shipped default rule set inside the installed package."""
    try:
        return shipped_rules_dir() / "default.yaml"
    except FileNotFoundError as exc:
        raise ConfigError("default", str(exc)) from None


def resolve_rules_path(spec: str | None) -> Path:
    if spec is None or spec == "default":
        return default_rules_path()
    return Path(spec)


def load_rule_set(spec: str | None) -> RuleSet:
    """Load and validate ``spec`` (a path, ``default`` or None for the default)."""
    path = resolve_rules_path(spec)
    shown = str(path) if spec not in (None, "default") else "default"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(shown, f"cannot read rule file: {exc.strerror or exc}") from None
    return _Loader(shown, path, data).load()


class _Loader:
    def __init__(self, shown: str, path: Path, data: bytes) -> None:
        self.shown = shown
        self.base = path.resolve().parent
        self.data = data
        self.digest = hashlib.sha256(data)
        self.rule: str | None = None
        self.kind: str | None = None

    def error(self, node: yaml.Node | None, message: str) -> ConfigError:
        line = col = None
        if node is not None:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
        return ConfigError(self.shown, message, line, col, self.rule, self.kind)

    def load(self) -> RuleSet:
        root = self._compose()
        if not isinstance(root, yaml.MappingNode):
            raise self.error(root, "a rule file is a mapping with `version: 1` and `rules:`")
        top = self._mapping(root, ("version", "rules"))
        if "version" not in top:
            raise self.error(root, "missing `version: 1`")
        version = self._scalar(top["version"])
        if type(version) is not int or version != 1:  # True == 1 == 1.0 in Python
            raise self.error(top["version"], "unsupported version (expected 1)")
        rules_node = top.get("rules")
        if not isinstance(rules_node, yaml.SequenceNode):
            raise self.error(rules_node or root, "`rules:` must be a list of rules")
        rules: list[Rule] = []
        seen: dict[str, int] = {}
        for item in rules_node.value:
            self.rule = self.kind = None
            rule = self._rule(item)
            if rule.id in seen:
                raise self.error(item, f"duplicate id (first defined on line {seen[rule.id]})")
            seen[rule.id] = rule.line
            rules.append(rule)
        return RuleSet(self.shown, self.digest.hexdigest(), rules)

    def _compose(self) -> yaml.Node:
        try:
            text = self.data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = self.data[: exc.start].count(b"\n") + 1
            col = exc.start - (self.data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise ConfigError(self.shown, "rule file is not UTF-8", line, col) from None
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            msg = _one_line(f"YAML syntax error: {_yaml_problem(exc)}")
            if mark is None:
                raise ConfigError(self.shown, msg) from None
            raise ConfigError(self.shown, msg, mark.line + 1, mark.column + 1) from None
        except yaml.reader.ReaderError as exc:  # a character YAML refuses (NUL, other controls)
            line, col = _position(text, exc.position)
            msg = f"control character #x{exc.character:04x} is not allowed in YAML"
            raise ConfigError(self.shown, msg, line, col) from None
        except yaml.YAMLError as exc:
            raise ConfigError(self.shown, _one_line(f"YAML error: {exc}")) from None
        except RecursionError:
            raise self._too_deep(text) from None
        if node is None:
            raise ConfigError(self.shown, "rule file is empty", 1, 1)
        self._check_tree(node, 0, set(), {})
        return node

    def _too_deep(self, text: str) -> ConfigError:
        """Locate nesting beyond MAX_DEPTH with the (non-recursive) event parser."""
        depth = 0
        try:
            for event in yaml.parse(text, Loader=yaml.SafeLoader):
                if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    depth += 1
                    if depth > MAX_DEPTH and event.start_mark is not None:
                        mark = event.start_mark
                        msg = f"YAML nested more than {MAX_DEPTH} levels deep"
                        return ConfigError(self.shown, msg, mark.line + 1, mark.column + 1)
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    depth -= 1
        except yaml.YAMLError:
            pass
        return ConfigError(self.shown, f"YAML nested more than {MAX_DEPTH} levels deep")

    def _check_tree(self, node: yaml.Node, depth: int, path: set[int], sizes: dict[int, int]) -> int:
        """Refuse non-standard tags, deep nesting, recursive aliases and alias
        bombs; return the number of nodes under ``node`` with aliases expanded."""
        if node.tag not in _SAFE_TAGS:
            if node.tag == "tag:yaml.org,2002:merge":
                raise self.error(node, "YAML merge keys (<<) are not supported in a rule file")
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise self.error(node, f"YAML tag '{tag}' is not allowed in a rule file")
        if id(node) in sizes:  # an alias of a node already checked
            return sizes[id(node)]
        if depth > MAX_DEPTH:
            raise self.error(node, f"YAML nested more than {MAX_DEPTH} levels deep")
        if id(node) in path:
            raise self.error(node, "recursive YAML alias (a node that contains itself)")
        children: list[yaml.Node] = []
        if isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        path.add(id(node))
        size = 1 + sum(self._check_tree(child, depth + 1, path, sizes) for child in children)
        path.discard(id(node))
        if size > MAX_NODES:
            raise self.error(node, f"YAML tree too large: more than {MAX_NODES} nodes once aliases are expanded")
        sizes[id(node)] = size
        return size

    def _mapping(self, node: yaml.MappingNode, allowed: tuple[str, ...]) -> dict[str, yaml.Node]:
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node)
            if not isinstance(key, str):
                raise self.error(key_node, f"keys must be strings, got {key!r}")
            if key in out:
                raise self.error(key_node, f"duplicate key '{key}'")
            if allowed and key not in allowed:
                raise self.error(key_node, f"unknown key '{key}'{_did_you_mean(key, allowed)}")
            out[key] = value_node
        return out

    def _scalar(self, node: yaml.Node) -> Any:
        return yaml.SafeLoader("").construct_object(node, deep=True)

    def _rule(self, item: yaml.Node) -> Rule:
        if not isinstance(item, yaml.MappingNode):
            raise self.error(item, "each rule is a mapping with `id` and `kind`")
        fields = self._mapping(item, ())
        for required in ("id", "kind"):
            if required not in fields:
                raise self.error(item, f"rule without `{required}`")
        rule_id = self._scalar(fields["id"])
        if not isinstance(rule_id, str) or not rule_id:
            raise self.error(fields["id"], "`id` must be a non-empty string")
        self.rule = rule_id
        kind = self._scalar(fields["kind"])
        if not isinstance(kind, str) or kind not in KINDS:
            raise self.error(fields["kind"], f"unknown kind {kind!r}{_did_you_mean(str(kind), KINDS)}")
        self.kind = kind
        cls = kind_class(kind)
        enabled = self._typed(fields, "enabled", bool, True)
        audit = self._typed(fields, "audit", str, getattr(cls, "default_audit", "full"))
        if audit not in AUDIT_CHOICES:
            raise self.error(fields["audit"], f"`audit` must be one of {', '.join(AUDIT_CHOICES)}")
        raw = {k: v for k, v in fields.items() if k not in COMMON_KEYS}
        options = self._options(cls, raw, item)
        try:
            impl = cls(rule_id, options, self.base)
        except BuildError as exc:
            where = raw.get(exc.option or "", item)
            raise self.error(where, _one_line(exc.message)) from None
        except Exception as exc:  # a kind that fails to build must not print a traceback
            raise self.error(item, _one_line(f"cannot build the rule: {type(exc).__name__}: {exc}")) from None
        examples = self._examples(fields.get("examples"))
        raw_values = {k: self._scalar(v) for k, v in raw.items()}
        return Rule(rule_id, kind, enabled, audit, impl, raw_values, examples, item.start_mark.line + 1)

    def _typed(self, fields: dict[str, yaml.Node], key: str, typ: type, default: Any) -> Any:
        if key not in fields:
            return default
        value = self._scalar(fields[key])
        if not isinstance(value, typ):
            raise self.error(fields[key], f"`{key}` must be {typ.__name__}, got {_type_name(value)}")
        return value

    def _options(self, cls: type[Kind], raw: dict[str, yaml.Node], item: yaml.Node) -> Any:
        hints = typing.get_type_hints(cls.Options, include_extras=True)
        names = [f.name for f in dataclasses.fields(cls.Options)]
        values: dict[str, Any] = {}
        for key, node in raw.items():
            if key not in names:
                allowed = list(names) + list(COMMON_KEYS)
                raise self.error(node, f"unknown option '{key}'{_did_you_mean(key, allowed)}")
            values[key] = self._option(key, node, hints[key])
        missing = [
            f.name
            for f in dataclasses.fields(cls.Options)
            if f.name not in values and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        if missing:
            raise self.error(item, f"missing required option '{missing[0]}'")
        return cls.Options(**values)

    def _option(self, key: str, node: yaml.Node, hint: Any) -> Any:
        marker = None
        if typing.get_origin(hint) is typing.Annotated:
            hint, marker = typing.get_args(hint)[:2]
        value = self._scalar(node)
        problem = _type_problem(value, hint)
        if problem:
            raise self.error(node, f"option '{key}' {problem}")
        if marker == PATTERN:
            self._compile(key, node, value)
        if marker == FILES:
            return self._word_lists(node, value)
        return value

    def _compile(self, key: str, node: yaml.Node, pattern: str) -> None:
        import regex

        try:
            regex.compile(pattern)
        except regex.error as exc:
            raise self.error(node, _one_line(f"option '{key}' is not a valid regex: {exc}")) from None

    def _word_lists(self, node: yaml.Node, names: list[str]) -> list[str]:
        words: list[str] = []
        for name in names:
            if name.startswith("default:"):  # a word list shipped with cleaner
                path = shipped_rules_dir() / name.removeprefix("default:")
            else:
                path = (self.base / name).resolve()
            try:
                data = path.read_bytes()
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise self.error(node, f"word list {path} is not UTF-8 (byte {exc.start})") from None
            except OSError as exc:
                raise self.error(node, f"cannot read word list {path}: {exc.strerror or exc}") from None
            self.digest.update(data)
            words.extend(w.strip() for w in text.splitlines() if w.strip())
        return words

    def _examples(self, node: yaml.Node | None) -> list[Example]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise self.error(node, "`examples` must be a list")
        out = []
        for item in node.value:
            if not isinstance(item, yaml.MappingNode):
                raise self.error(item, "an example is a mapping with `input` and `output`")
            ex = self._mapping(item, ("input", "output", "unchanged"))
            text = self._typed(ex, "input", str, None)
            if text is None:
                raise self.error(item, "example without `input`")
            unchanged = self._typed(ex, "unchanged", bool, False)
            output = self._typed(ex, "output", str, None)
            if (output is None) == (not unchanged):
                raise self.error(item, "an example has either `output` or `unchanged: true`")
            out.append(Example(text, text if unchanged else output, item.start_mark.line + 1))
        return out


def _type_name(value: Any) -> str:
    return {type(None): "null", list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)


def _type_problem(value: Any, hint: Any) -> str | None:
    """Why ``value`` does not fit ``hint`` (None when it does)."""
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        choices = typing.get_args(hint)
        return None if value in choices else f"must be one of {', '.join(map(str, choices))}"
    if origin is list:
        (item,) = typing.get_args(hint)
        if not isinstance(value, list):
            return f"must be a list, got {_type_name(value)}"
        for v in value:
            if _type_problem(v, item):
                return f"must be a list of {item.__name__}, got an item {v!r}"
        return None
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and not math.isfinite(value):  # a NaN timeout never fires, .inf fires at once
            return f"must be a finite number, got {value}"
        return None if ok else f"must be a number, got {_type_name(value)}{_number_hint(value)}"
    if hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"must be an integer, got {_type_name(value)}{_number_hint(value)}"
    if isinstance(hint, type) and not isinstance(value, hint):
        return f"must be {hint.__name__}, got {_type_name(value)}"
    return None


def _number_hint(value: Any) -> str:
    """YAML 1.1 reads ``1e-3`` as a string: say how to write it."""
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return ""
        return f" {value!r} (YAML reads it as text: write a number like 0.001 or 1.0e-3)"
    return ""


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's problem, with the context that makes it readable."""
    problem = exc.problem or exc.context or "invalid YAML"
    if "another document" in problem:
        return "a rule file is one YAML document; a second one starts here"
    if "'\\t'" in problem:
        return problem + " (YAML is indented with spaces, not tabs)"
    ctx, mark = exc.context, exc.context_mark
    if ctx and exc.problem and mark is not None and mark is not exc.problem_mark:
        problem += f" ({ctx} started at line {mark.line + 1}, column {mark.column + 1})"
    return problem


def _one_line(message: str) -> str:
    """Error messages print as one line: fold any line breaks a library put in."""
    return " ".join(message.split("\n")).strip() if "\n" in message else message


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index`` of ``text``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
