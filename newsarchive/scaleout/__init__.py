"""Many crawl workers (scrapy-redis) and one writer into SQLite, sharing one run through Redis.

`keys` names every Redis key of a run; `lease` is the shared request queue with leases (a killed worker's
requests are retried by the others); `politeness` the shared per-host request budget; `worker` the Scrapy
components of `newsarchive crawl --redis`; `ingest` the single writer (`newsarchive ingest --redis`).
"""
