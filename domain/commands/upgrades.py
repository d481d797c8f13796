"""Upgrades of queued command payloads from an older schema version to the server's.

A client queues each command with the schema version of the build that ran
it, and may push it days later to a server that was updated meanwhile. The
server brings the payload to its own version one step at a time before the
handler validates it: the step registered as (name, version) turns a payload
of `version` into one of `version + 1`. A command whose payload did not change
between two versions needs no step. A payload older than the oldest version
the server still upgrades (the global minimum, or a higher one set for the
command) is rejected with "command_too_old" rather than guessed at.

Steps are pure functions of the payload, so the client uses the same
registry for its own queued commands: a client updated while commands are
queued runs upgraded copies when it rebases after a pull
(sync.engine.local_payload) and still pushes the payloads as queued.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from domain.commands.framework import CommandError

log = logging.getLogger(__name__)

UpgradeStep = Callable[[dict[str, Any]], dict[str, Any]]


class CommandTooOld(CommandError):
    """The payload is older than the oldest schema version the server upgrades; the client must update."""

    code = "command_too_old"


@dataclasses.dataclass
class UpgradeRegistry:
    """Upgrade steps per (command name, from version), and per-command minimum versions."""

    steps: dict[tuple[str, int], UpgradeStep] = dataclasses.field(default_factory=dict)
    minimums: dict[str, int] = dataclasses.field(default_factory=dict)

    def register(self, name: str, from_version: int) -> Callable[[UpgradeStep], UpgradeStep]:
        """Register a function as the step from `from_version` to `from_version + 1` of command `name`."""

        def add(step: UpgradeStep) -> UpgradeStep:
            key = (name, from_version)
            if key in self.steps:
                raise RuntimeError(f"upgrade of {name!r} from schema {from_version} registered twice")
            self.steps[key] = step
            return step

        return add

    def require_at_least(self, name: str, version: int) -> None:
        """Reject payloads of `name` older than `version`, for a change no step can express."""
        self.minimums[name] = max(version, self.minimums.get(name, 0))

    def upgrade(
        self, name: str, payload: dict[str, Any], from_version: int, *, to_version: int, min_version: int
    ) -> dict[str, Any]:
        """Return a copy of `payload` brought from `from_version` to `to_version`.

        Raises CommandTooOld (params: command, schema_version, min_schema_version)
        below the minimum, and ValueError when `from_version` is above
        `to_version`: the caller rejects a newer payload before upgrading.
        A step may raise a CommandError of its own for a payload it cannot convert.
        """
        minimum = max(min_version, self.minimums.get(name, min_version))
        if from_version < minimum:
            raise CommandTooOld(command=name, schema_version=from_version, min_schema_version=minimum)
        if from_version > to_version:
            raise ValueError(f"payload of {name!r} has schema {from_version}, newer than {to_version}")
        upgraded = copy.deepcopy(payload)
        for version in range(from_version, to_version):
            step = self.steps.get((name, version))
            if step is not None:
                upgraded = step(upgraded)
                log.debug("upgraded a %s payload from schema %d to %d", name, version, version + 1)
        return upgraded


# The registry of the product's commands; handler modules and plug-ins register here.
REGISTRY = UpgradeRegistry()


def upgrade(name: str, from_version: int) -> Callable[[UpgradeStep], UpgradeStep]:
    """Register a step in the product's registry (see UpgradeRegistry.register)."""
    return REGISTRY.register(name, from_version)


def upgrade_payload(
    name: str, payload: dict[str, Any], from_version: int, *, to_version: int, min_version: int
) -> dict[str, Any]:
    """Upgrade a payload with the product's registry (see UpgradeRegistry.upgrade)."""
    return REGISTRY.upgrade(name, payload, from_version, to_version=to_version, min_version=min_version)
