"""JSON text of the stored metadata, as ``json.dumps(value, ensure_ascii=False)`` writes it.

``json.dumps`` with an option sets up a new encoder, and a new C encoder, on every call,
which also records every list and dict it enters to catch circular references: a fifth of
its time for the short records written once per article. Here one C encoder is made once,
with the arguments ``json.dumps`` gives it but that check (the records are built fresh from
an article: a cycle would end in RecursionError instead of ValueError); ``json.dumps``
itself is the fallback where Python has no C encoder.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from json import encoder as _json


def _unserializable(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _dumper() -> Callable[[object], str]:
    make = getattr(_json, "c_make_encoder", None)  # (not in the typeshed stubs)
    if make is None:
        return partial(json.dumps, ensure_ascii=False)
    # markers, default, string encoder, indent, separators, sort_keys, skipkeys, allow_nan
    chunks = make(None, _unserializable, _json.encode_basestring, None, ": ", ", ", False, False, True)

    def dumps(value: object) -> str:
        if not isinstance(value, (dict, list)):  # json.dumps encodes a bare string or number itself
            return json.dumps(value, ensure_ascii=False)
        return "".join(chunks(value, 0))

    return dumps


dumps = _dumper()
