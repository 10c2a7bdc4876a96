"""Memory settings that must be in place before pyarrow is imported.

A scan frees and allocates a few large buffers per batch (decoded Parquet pages, the
text column). Arrow's jemalloc, as built, hands such buffers back to the operating
system as soon as they are freed, so every batch faults its pages in afresh: on a
million posts about 40,000 page faults, half the cost of reading the Parquet file.
Kept for reuse instead, the next batch's buffers land on pages already mapped; the
process holds about one batch's worth more memory. jemalloc reads this setting once,
when Arrow loads, so it is set here, ahead of every pyarrow import of the package; a
value the user has set wins.
"""

import os

os.environ.setdefault("JE_ARROW_MALLOC_CONF", "dirty_decay_ms:-1,muzzy_decay_ms:-1")
