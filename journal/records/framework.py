"""The framework: the three models of mutual aid and their criteria.

Loaded from ``resources/framework.toml`` and checked entry by entry, so a broken
file stops the app with a sentence naming the file and the entry at fault.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from journal.errors import FrameworkError

CRITERION_ID = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Model:
    id: str
    name: str
    position: int
    summary: str


@dataclass(frozen=True)
class Criterion:
    id: str
    model_id: str
    statement: str
    source: str
    custom: bool = False


@dataclass(frozen=True)
class Framework:
    models: tuple[Model, ...]
    criteria: tuple[Criterion, ...]
    sources: tuple[str, ...] = ()
    _by_id: dict[str, Criterion] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({c.id: c for c in self.criteria})

    def model(self, model_id: str) -> Model:
        for model in self.models:
            if model.id == model_id:
                return model
        raise KeyError(model_id)

    def criterion(self, criterion_id: str) -> Criterion:
        return self._by_id[criterion_id]

    def has_criterion(self, criterion_id: str) -> bool:
        return criterion_id in self._by_id

    def criteria_of(self, model_id: str) -> list[Criterion]:
        return [c for c in self.criteria if c.model_id == model_id]

    def position_of(self, criterion_id: str) -> int:
        """The spectrum position of the model a criterion belongs to."""
        return self.model(self._by_id[criterion_id].model_id).position

    def with_custom(self, custom: list[Criterion]) -> Framework:
        """This framework plus a journal's own criteria (appended after the shipped ones)."""
        return Framework(self.models, self.criteria + tuple(custom), self.sources)


def default_framework_path() -> Path:
    return Path(str(resources.files("resources").joinpath("framework.toml")))


_cache: dict[Path, Framework] = {}


def load_framework(path: Path | None = None) -> Framework:
    """Read and check the framework file; the shipped one when no path is given."""
    path = path or default_framework_path()
    if path in _cache:
        return _cache[path]
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FrameworkError(f"The framework file {path} cannot be read: {exc.strerror}.") from None
    except UnicodeDecodeError:
        raise FrameworkError(f"The framework file {path} is not UTF-8 text.") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FrameworkError(f"The framework file {path} is not valid TOML: {exc}.") from None
    framework = _parse(data, path)
    _cache[path] = framework
    return framework


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    if not isinstance(entry, dict):
        raise FrameworkError(f"{where} is not a table.")
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FrameworkError(f"{where} has an empty or missing {key}.")
    return " ".join(value.split())


def _parse(data: dict[str, Any], path: Path) -> Framework:
    models: list[Model] = []
    raw_models = data.get("models")
    if not isinstance(raw_models, list) or not raw_models:
        raise FrameworkError(f"The framework file {path} defines no models.")
    for number, entry in enumerate(raw_models, start=1):
        where = f"The framework file {path}, model {number}"
        if not isinstance(entry, dict):
            raise FrameworkError(f"{where} is not a table.")
        model_id = _text(entry, "id", where)
        where = f"The framework file {path}, model {model_id!r}"
        if any(m.id == model_id for m in models):
            raise FrameworkError(f"{where} is defined twice.")
        position = entry.get("position")
        if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position <= 100:
            raise FrameworkError(f"{where} needs a position between 0 and 100.")
        models.append(Model(model_id, _text(entry, "name", where), position, _text(entry, "summary", where)))

    criteria: list[Criterion] = []
    seen: set[str] = set()
    raw_criteria = data.get("criteria")
    if not isinstance(raw_criteria, list):
        raise FrameworkError(f"The framework file {path} defines no criteria.")
    for number, entry in enumerate(raw_criteria, start=1):
        where = f"The framework file {path}, criterion {number}"
        if not isinstance(entry, dict):
            raise FrameworkError(f"{where} is not a table.")
        criterion_id = _text(entry, "id", where)
        where = f"The framework file {path}, criterion {criterion_id!r}"
        if not CRITERION_ID.match(criterion_id):
            raise FrameworkError(f"{where} has an id that is not of the form model.slug.")
        if criterion_id in seen:
            raise FrameworkError(f"{where} is defined twice.")
        model_id = criterion_id.split(".", 1)[0]
        if not any(m.id == model_id for m in models):
            raise FrameworkError(f"{where} belongs to an unknown model {model_id!r}.")
        seen.add(criterion_id)
        criteria.append(
            Criterion(criterion_id, model_id, _text(entry, "statement", where), _text(entry, "source", where))
        )
    raw_sources = data.get("sources", [])
    if not isinstance(raw_sources, list):
        raise FrameworkError(f"The framework file {path} has sources that are not a list of tables.")
    sources = tuple(
        _text(entry, "text", f"The framework file {path}, source {n}") for n, entry in enumerate(raw_sources, start=1)
    )
    return Framework(tuple(sorted(models, key=lambda m: m.position)), tuple(criteria), sources)
