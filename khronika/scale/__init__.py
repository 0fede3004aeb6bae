"""Scale-out: batch extraction over a Dask cluster, backups, and concurrency helpers.

``khronika.scale.batch`` runs the same extraction as ``khronika extract`` over a
``dask.distributed`` cluster (a local one by default) and writes identical output or
streams the results into a store; ``khronika.scale.locking`` holds the optimistic-locking
update for incidents used outside the web desk.
"""
