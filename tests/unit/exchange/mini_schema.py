"""A tiny JSON Schema validator for the subset ``docs/bundle-schema.json`` uses.

(``jsonschema`` is not a dependency.) Supported: $ref to #/$defs/…, type (one or a
list), const, enum, pattern (strings only), minimum, properties, required,
additionalProperties (bool or schema), patternProperties, items.
"""

from __future__ import annotations

import re
from typing import Any

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
KNOWN = {"$schema", "$id", "$defs", "$ref", "title", "description", "type", "const", "enum",
         "pattern", "minimum", "properties", "required", "additionalProperties",
         "patternProperties", "items"}


def errors(value: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    unknown = set(schema) - KNOWN
    assert not unknown, f"validator does not support {unknown}"
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/$defs/")
        return errors(value, root["$defs"][ref[len("#/$defs/"):]], root, path)
    found: list[str] = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](value) for t in types):
            return [f"{path}: expected {types}, got {type(value).__name__}"]
    if "const" in schema and value != schema["const"]:
        found.append(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        found.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if "minimum" in schema and isinstance(value, (int, float)) and value < schema["minimum"]:
        found.append(f"{path}: below {schema['minimum']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                found.append(f"{path}: missing {key}")
        for key, item in value.items():
            where = f"{path}.{key}"
            if key in props:
                found += errors(item, props[key], root, where)
                continue
            matched = False
            for pattern, sub in schema.get("patternProperties", {}).items():
                if re.search(pattern, key):
                    matched = True
                    found += errors(item, sub, root, where)
            if matched:
                continue
            extra = schema.get("additionalProperties", True)
            if extra is False:
                found.append(f"{path}: unexpected key {key}")
            elif isinstance(extra, dict):
                found += errors(item, extra, root, where)
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found += errors(item, schema["items"], root, f"{path}[{i}]")
    return found


def validate(value: Any, root: dict[str, Any], definition: str) -> list[str]:
    return errors(value, {"$ref": f"#/$defs/{definition}"}, root)
