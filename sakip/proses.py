"""Settings of a long-running server process: a gunicorn worker (sakip/wsgi.py) and a Celery
worker process (sakip/celery.py) call `siapkan_proses` once, after the app is loaded.

Python's cyclic garbage collector runs its youngest generation every 700 new container
objects and then walks every object it tracks. A page of a 700-row sheet allocates
hundreds of thousands of short-lived objects (rows, strings, query results) that reference
counting frees anyway; with the default threshold the collector runs hundreds of times per
request and walks the app's own long-lived objects (modules, URL patterns, compiled
templates, settings) every time: a third of the request's CPU on the entry and
verification sheets (measured with bench/run_all.py, see bench/RESULTS-after.md).

So, once per process: collect, then `gc.freeze()` what is alive (it is never garbage and is
no longer walked), and collect the youngest generation every GC_GEN0 allocations. Cycles
are still collected, later; the memory a worker holds grows by the garbage of one
generation (a few MB), which the workers' memory caps (README "Antrian") already bound.
"""

import gc

GC_GEN0 = 50_000


def siapkan_proses():
    gc.collect()
    gc.freeze()
    gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(max(gen0, GC_GEN0), gen1, gen2)
