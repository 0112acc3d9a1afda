import gc

# What the libraries build as they load is never garbage: the collector has nothing
# to find in it, so it waits until they are loaded (`main` then freezes it all).
gc.disable()
from gsipaper.cli import main  # noqa: E402

gc.enable()
raise SystemExit(main())
