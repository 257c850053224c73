"""`--jobs N`: lint in N forked worker processes.

The parent builds the engine and compiles the lexicon once, then forks: workers inherit it (no
per-worker start-up, memory shared copy-on-write) and send back plain dicts, never spaCy objects
(engineering-notes.md: `nlp.pipe(n_process=...)` is slower than one process because Docs are
serialised; plain tuples are cheap). Results come back in input order. Where `fork` is not
available, or for a handful of texts, everything runs in this process.
"""
from __future__ import annotations

import multiprocessing as mp
import os

_WORKER = None          # set in the parent just before forking; inherited by the workers


def available_jobs(jobs: int) -> int:
    """`0` means one per CPU."""
    return jobs if jobs and jobs > 0 else (os.cpu_count() or 1)


def can_fork() -> bool:
    return "fork" in mp.get_all_start_methods()


def imap(func, items, jobs: int, chunksize: int = 16, warm=None):
    """`map(func, items)` over `jobs` forked processes, in order, streaming (constant memory for a
    generator of items: at most a few chunks per worker are in flight). `func` must be a module-level
    function; what it needs should be set up (e.g. by `warm()`) before calling this."""
    global _WORKER
    if warm is not None:
        warm()
    if jobs <= 1 or not can_fork():
        for item in items:
            yield func(item)
        return
    ctx = mp.get_context("fork")
    # Pool.imap reads its whole input ahead into the task queue; a semaphore taken by the feeding
    # generator and given back per result keeps at most a few chunks per worker in flight.
    import threading

    slots = threading.BoundedSemaphore(jobs * chunksize * 4)

    def fed():
        for item in items:
            slots.acquire()
            yield item

    with ctx.Pool(jobs) as pool:
        for res in pool.imap(func, fed(), chunksize):
            slots.release()
            yield res


# ------------------------------------------------------------------------------- check --jobs
def _lint_one(item):
    """Worker: (name, text) -> ("ok", result dict) or ("error", kind, message)."""
    from .cache import result_to_dict
    from .errors import ComplintError

    name, text = item
    try:
        return ("ok", result_to_dict(_WORKER.lint_source(text, name)))
    except ComplintError as exc:
        return ("error", "complint", str(exc))
    except Exception as exc:  # reported by the parent as an internal error, like the serial path
        first = (str(exc).strip().splitlines() or [""])[0]
        return ("error", "internal", f"{name}: internal error ({type(exc).__name__}: {first[:200]})")


def lint_pending(cached_linter, pending, results, jobs: int) -> None:
    """Lint `pending` [(index, text, name)] into `results[index]`, using the cache first and `jobs`
    processes for the rest. Raises ComplintError on a rule or internal error (exit 2)."""
    global _WORKER
    from .cache import result_from_dict
    from .errors import ComplintError

    todo = []
    for index, text, name in pending:
        cached, key = cached_linter.lookup(name, text)
        if cached is not None:
            cached_linter.hits += 1
            results[index] = cached
        else:
            todo.append((index, text, name, key))
    if not todo:
        return
    cached_linter.misses += len(todo)
    linter = cached_linter.linter             # engine, rule pack and lexicon built once, before forking
    _warm(linter)
    _WORKER = linter
    workers = min(jobs, max(1, len(todo) // 8))
    chunk = max(1, min(64, len(todo) // (workers * 8) or 1))
    out = imap(_lint_one, ((name, text) for _, text, name, _ in todo), workers, chunk)
    for (index, _, _, key), res in zip(todo, out):
        if res[0] != "ok":
            raise ComplintError(res[2])
        result = result_from_dict(res[1])
        results[index] = result
        cached_linter.store(key, result)


def _warm(linter) -> None:
    """Compile the English lexicon and its phrase automaton's first states in the parent, so the
    workers inherit them instead of each building its own."""
    from .model import Document

    try:
        linter.engine.lint(Document(text="Warm up: please leave a review, contact us at support.", lang="en"))
    except Exception:
        pass
