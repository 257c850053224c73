from __future__ import annotations

import json

from .. import __version__


def render_json(results, **_) -> str:
    from . import summary

    files = []
    for r in results:
        entry = {"path": r.path, "channel": r.channel, "lang": r.lang, "channel_source": r.channel_source,
                 "findings": [f.to_dict() for f in r.findings]}
        if r.error:
            entry["error"] = r.error
        files.append(entry)
    return json.dumps({"complint": __version__, "files": files, "summary": summary(results)},
                      ensure_ascii=False, indent=2) + "\n"
