"""Gunicorn settings for production: ``gunicorn -c config/gunicorn.py config.wsgi``, behind
nginx (ADR 002), which reads each request whole before it passes it on and takes each
response whole, and does not keep its connections to gunicorn alive (ADR 010). The benchmark
(bench/) starts the app server with the same file.

- As many requests at a time as there are cores, plus one for the time a page waits for
  PostgreSQL: CPUs + 1 ``sync`` workers, one request each (ADR 012). The pages are CPU-bound
  (~20 ms of Python each), so more requests at a time do not answer more of them; they share
  the cores and all finish later, while the others wait their turn in the listen queue, in
  order. On the benchmark's 2 cores, the log page's p95 at 50 users was 69–76 ms this way
  against 150–196 ms with 5 gthread workers of 4 threads, at the same ~49 pages/s.
- Sync workers need the buffering proxy in front: a client that sends slowly would hold one
  of the few workers. nginx gives a worker only complete requests, on a new connection.
- For a direct connection without nginx (not a production setup), ``GUNICORN_WORKER_CLASS=
  gthread`` with GUNICORN_THREADS keeps idle keep-alive connections in a poller instead.

Each can be changed with an environment variable (WEB_CONCURRENCY, GUNICORN_WORKER_CLASS,
GUNICORN_THREADS, GUNICORN_KEEPALIVE); ``--bind`` (default 127.0.0.1:8000) is given on the
command line.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))  # with gthread only
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "15"))  # with gthread only
# A request that has not been answered in this time is cut off (the worker is restarted).
timeout = 30
graceful_timeout = 30
# Each worker's heartbeat file is touched in every turn of its loop; on a disk-backed /tmp
# that is a file system write (gunicorn's documentation advises a memory file system).
# gunicorn makes the file with mkstemp and unlinks it at once.
_MEMORY_FS = "/dev/shm"  # noqa: S108
worker_tmp_dir = _MEMORY_FS if os.path.isdir(_MEMORY_FS) else None
