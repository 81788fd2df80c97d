"""Gunicorn settings for production: ``gunicorn -c config/gunicorn.py config.wsgi``. The
benchmark (bench/) starts the app server with the same file.

- ``gthread`` workers: a worker holds a keep-alive connection in its poller, not in a thread,
  so idle browsers (people reading a page) do not occupy it. Sync workers read the request
  of an accepted connection blocking: a client that connects and sends later holds the
  worker idle, and they close the connection after every response.
- 2 × CPUs + 1 processes (gunicorn's own rule) with a few threads each: the pages spend part of
  their time waiting for PostgreSQL, and the threads fill that; more threads do not add CPU.
- Keep-alive longer than people pause between clicks, for clients that connect directly.
  Behind nginx (production) each request is a new connection, so that a free worker takes
  it: a gthread worker keeps every connection it accepted and queues its requests even when
  other workers are idle (ADR 010).

Each can be changed with an environment variable (WEB_CONCURRENCY, GUNICORN_THREADS,
GUNICORN_KEEPALIVE); ``--bind`` (default 127.0.0.1:8000) is given on the command line.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "15"))
# A request that has not been answered in this time is cut off (the worker is restarted).
timeout = 30
graceful_timeout = 30
# Each worker's heartbeat file is touched in every turn of its loop; on a disk-backed /tmp
# that is a file system write (gunicorn's documentation advises a memory file system).
# gunicorn makes the file with mkstemp and unlinks it at once.
_MEMORY_FS = "/dev/shm"  # noqa: S108
worker_tmp_dir = _MEMORY_FS if os.path.isdir(_MEMORY_FS) else None
