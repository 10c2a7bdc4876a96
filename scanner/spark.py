"""`--engine spark`: the same pipeline on PySpark, one Arrow batch at a time (mapInArrow).

Each executor builds its own `Scanner` from the watchlist and runs `Scanner.scan_batch`
on the Arrow batches Spark hands it, so results are identical to the local engine.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from .engine import DEFAULT_THRESHOLD, Scanner, results_table
from .io import file_format
from .pipeline import Summary
from .watchlist import Watchlist


def _session() -> Any:
    from pyspark.sql import SparkSession

    # py4j logs every connection it closes at INFO, even during interpreter shutdown
    logging.getLogger("py4j").setLevel(logging.WARNING)
    # workers must run the interpreter that has pyarrow and the scanner installed
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    return (
        SparkSession.builder.master("local[*]")
        .appName("netra-scan")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "65536")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )


def scan_file_spark(
    watchlist: Watchlist,
    input_path: str,
    output_path: str,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    all_rows: bool = False,
    spark: Any = None,
) -> Summary:
    """Scan with Spark; ``output_path`` is written by Spark as a folder of part files."""
    started = time.perf_counter()
    own_session = spark is None
    spark = spark or _session()
    fmt = file_format(input_path)
    reader = spark.read
    df = (
        reader.parquet(input_path)
        if fmt == "parquet"
        else reader.option("header", True).csv(input_path)
        if fmt == "csv"
        else reader.json(input_path)
    )
    df = df.where("id IS NOT NULL AND text IS NOT NULL AND text != ''")
    posts = df.count()
    empty = pa.RecordBatch.from_pylist([], schema=_arrow_schema(df))
    out_schema = results_table(empty, [], []).schema

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        scanner = Scanner(watchlist, threshold)
        for batch in batches:
            yield from scanner.scan_batch(batch, all_rows=all_rows).cast(out_schema).to_batches()

    from pyspark.sql.pandas.types import from_arrow_schema

    result = df.mapInArrow(run, from_arrow_schema(out_schema))
    out_fmt = file_format(output_path)
    writer = result.write.mode("overwrite")
    if out_fmt == "parquet":
        writer.parquet(output_path)
    else:
        result.toJSON().saveAsTextFile(output_path) if out_fmt == "jsonl" else writer.json(
            output_path
        )
    hits = spark.read.parquet(output_path).count() if out_fmt == "parquet" else result.count()
    if own_session:
        spark.stop()
    seconds = round(time.perf_counter() - started, 3)
    return Summary(
        posts=posts,
        hits=hits,
        seconds=seconds,
        posts_per_s=round(posts / seconds, 1) if seconds else 0.0,
    )


def _arrow_schema(df: Any) -> pa.Schema:
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(df.schema)
