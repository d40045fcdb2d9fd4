"""Compiled Jinja templates kept in memory, for the life of a process."""

from __future__ import annotations

import jinja2


class CompiledTemplates(jinja2.BytecodeCache):
    """A bytecode store shared by several Jinja environments of one process: our renderer's one
    per language (compiling again for every language was half the rendering time) and MkDocs'
    theme environment per language build (compiling Material's templates took as long as the
    rest of a language's build). Stale entries cannot be served: Jinja checks each template's
    source checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
