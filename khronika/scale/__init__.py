"""Scale-out: batch extraction and linking over a Dask cluster, backups, and concurrency.

``khronika.scale.batch`` runs the same extraction as ``khronika extract`` over a
``dask.distributed`` cluster (a local one by default) and writes identical output or
streams the results into a store; ``khronika.scale.linking`` then links the store's reports
by independent groups on the same cluster, with the result of one process;
``khronika.scale.locking`` holds the optimistic-locking update for incidents used outside
the web desk.
"""
