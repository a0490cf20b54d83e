"""Opens a collapsed-stack file, plain or gzipped (FILE or FILE.gz)."""
import gzip, os
def opn(path):
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        path += ".gz"
    return gzip.open(path, "rt", errors="replace") if path.endswith(".gz") else open(path, errors="replace")
