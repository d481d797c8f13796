"""Scanned form images shown behind a template in the designer (套打), kept in this installation's data folder.

The image bytes never leave this PC: they are stored under their sha256 in
print_backgrounds/, and a small index maps each template id to its hash,
because `print_template.save` does not take a background reference yet.
Other PCs get the layout by sync and need the image only to design with it.
The image is never printed: the form already carries it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pathlib

log = logging.getLogger(__name__)

FOLDER = "print_backgrounds"
INDEX_FILE = "index.json"
# Larger files are not scans of one form page; refusing them keeps the data folder small.
MAX_IMAGE_BYTES = 20 * 1024 * 1024
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


class BackgroundError(ValueError):
    """An image file the designer cannot use as a background; the message is translated."""


class BackgroundStore:
    """The background images of this installation and the template each one belongs to."""

    def __init__(self, data_dir: pathlib.Path) -> None:
        self.folder = pathlib.Path(data_dir) / FOLDER

    def add(self, source: pathlib.Path) -> str:
        """Copy the image file `source` into the store and return its sha256."""
        from desktop.i18n import translate

        source = pathlib.Path(source)
        if source.suffix.lower() not in IMAGE_SUFFIXES:
            raise BackgroundError(translate(
                "TemplateBackground", "{file} is not a PNG or JPG image; scan the form to one of those formats.")
                .format(file=source.name))
        try:
            data = source.read_bytes()
        except OSError as error:
            raise BackgroundError(translate("TemplateBackground", "Could not read {file}: {reason}").format(
                file=source.name, reason=error.strerror or str(error))) from error
        if len(data) > MAX_IMAGE_BYTES:
            raise BackgroundError(translate(
                "TemplateBackground", "{file} is larger than 20 MB; scan the form at 150 to 300 dpi.").format(
                    file=source.name))
        digest = hashlib.sha256(data).hexdigest()
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(digest)
        if not target.exists():
            target.write_bytes(data)
            log.info("stored background image %s from %s (%d bytes)", digest, source, len(data))
        return digest

    def path(self, digest: str) -> pathlib.Path:
        return self.folder / digest

    def has(self, digest: str | None) -> bool:
        return bool(digest) and self.path(digest).is_file()

    def digest_for(self, template_id: str) -> str | None:
        return self._index().get(template_id)

    def assign(self, template_id: str, digest: str | None) -> None:
        """Remember `digest` as the background of `template_id`, or forget it with None."""
        index = self._index()
        if digest:
            index[template_id] = digest
        else:
            index.pop(template_id, None)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / INDEX_FILE).write_text(json.dumps(index, indent=1, sort_keys=True), encoding="utf-8")

    def _index(self) -> dict[str, str]:
        path = self.folder / INDEX_FILE
        if not path.is_file():
            return {}
        try:
            return dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            # A damaged index only loses the link to the images, never a layout, so start afresh.
            log.warning("could not read the background index %s (%s); starting an empty one", path, error)
            return {}
