"""tonecheck.dask on a LocalCluster: the same table as the single-process path."""

from __future__ import annotations

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe", reason="dask is not installed (pip install 'tonecheck[dask]')")
distributed = pytest.importorskip("distributed", reason="distributed is not installed (pip install 'tonecheck[dask]')")

from tonecheck.dask import output_meta, score_dask, score_partition  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["conversation_id", "turn"], kind="stable").reset_index(drop=True)


def _sample(samples_dir) -> pd.DataFrame:
    return pd.read_csv(samples_dir / "sample.csv")


def test_dask_scores_the_sample_exactly_like_the_single_process_path(client, analyzer, samples_dir):
    turns = _sample(samples_dir)
    expected = _sorted(analyzer.score_transcripts(turns))
    got = _sorted(score_dask(dd.from_pandas(turns, npartitions=4)).compute())
    assert list(got.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(got.drop(columns=["findings"]), expected.drop(columns=["findings"]), check_dtype=False)
    assert got["findings"].tolist() == expected["findings"].tolist()


def test_interleaved_rows_without_turn_numbers_keep_each_conversation_in_input_order(client, analyzer, samples_dir):
    turns = _sample(samples_dir).drop(columns=["turn"], errors="ignore")
    # Every other row first: no partition holds a whole conversation, in order.
    mixed = turns
    mixed = mixed.iloc[list(range(0, len(mixed), 2)) + list(range(1, len(mixed), 2))].reset_index(drop=True)
    expected = _sorted(analyzer.score_transcripts(mixed))
    got = _sorted(score_dask(dd.from_pandas(mixed, npartitions=3)).compute())
    assert got["findings"].tolist() == expected["findings"].tolist()
    assert got["overall"].tolist() == expected["overall"].tolist()


def test_column_mapping_and_configuration_apply_on_the_workers(client, samples_dir):
    turns = _sample(samples_dir).rename(columns={"text": "body"})
    got = score_dask(dd.from_pandas(turns, npartitions=2), {"select": ["spelling"]}, columns="text=body").compute()
    names = {f["name"] for fs in got["findings"] for f in fs}
    assert names == {"spelling"}


def test_an_empty_partition_gives_the_result_columns():
    empty = pd.DataFrame({"conversation_id": [], "role": [], "text": []})
    out = score_partition(empty, with_author=False)
    assert list(out.columns) == list(output_meta(with_author=False).columns) and out.empty
