"""The PySpark recipe (tonecheck.spark) on a local Spark: the same table as one process."""

from __future__ import annotations

import os
import shutil
import sys

import pandas as pd
import pytest

pytest.importorskip("pyspark", reason="PySpark is not installed (pip install 'tonecheck[spark]')")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Java is not installed (PySpark needs Java 17)", allow_module_level=True)

from tonecheck.spark import schema, score_group, score_spark

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("tonecheck-test")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    yield session
    session.stop()


def _plain(value):
    """Rows and structs as plain dicts/lists, for comparing with the pandas table."""
    if hasattr(value, "asDict"):
        return {k: _plain(v) for k, v in value.asDict().items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        return [_plain(v) for v in value]
    return value


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["conversation_id", "turn"], kind="stable").reset_index(drop=True)


def test_spark_recipe_scores_the_sample_like_the_single_process_path(spark, analyzer, samples_dir):
    turns = pd.read_csv(samples_dir / "sample.csv")
    turns["conversation_id"] = turns["conversation_id"].astype(str)
    expected = _sorted(analyzer.score_transcripts(turns))
    got = _sorted(score_spark(spark.createDataFrame(turns)).toPandas())
    assert list(got.columns) == list(expected.columns)
    assert got["overall"].tolist() == expected["overall"].tolist()
    assert [_plain(f) for f in got["findings"]] == [_plain(f) for f in expected["findings"]]


def test_recipe_parts_work_with_group_by_apply_in_pandas_directly(spark, samples_dir):
    from pyspark.sql import functions as F

    turns = pd.read_csv(samples_dir / "sample.csv").drop(columns=["author"], errors="ignore")
    sdf = spark.createDataFrame(turns).withColumn("_row", F.monotonically_increasing_id())
    out = sdf.groupBy("conversation_id").applyInPandas(score_group(with_author=False), schema(with_author=False))
    exploded = out.select(F.explode("findings").alias("f")).select("f.name").distinct().collect()
    assert "reasked-information" in {r.name for r in exploded}
