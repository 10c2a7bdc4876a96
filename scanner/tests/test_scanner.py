"""Behaviour of the scanner on posts an officer would recognise."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from scanner import Scanner, Watchlist, WatchlistError, explain, scan_file
from scanner.cli import main

WL_PATH = Path(__file__).resolve().parent.parent / "devset" / "watchlists"


@pytest.fixture(scope="module")
def malang() -> Watchlist:
    return Watchlist.from_file(WL_PATH / "pilkada-kota-malang-2024.json")


@pytest.fixture(scope="module")
def scanner(malang: Watchlist) -> Scanner:
    return Scanner(malang)


def hit(scanner: Scanner, text: str) -> bool:
    return scanner.scan_text(text).is_hit(scanner.threshold)


def test_ballot_call_with_nickname_is_campaign(scanner: Scanner) -> None:
    r = scanner.scan_text("Ayo coblos nomor 2, Sam HC wali kota kita!")
    assert r.is_hit(0.5)
    assert r.candidates == [2]
    assert "ballot_call" in r.reasons


@pytest.mark.parametrize(
    "text",
    [
        "nomer siji malang berkelas",
        "COBLOSSS 03!!! ABADI",
        "c o b l o s 0 1 WALI",
        "dukung abah anton dimyati #ABADI",
    ],
)
def test_written_variants_of_ballot_calls_are_found(scanner: Scanner, text: str) -> None:
    assert hit(scanner, text)


def test_news_mentioning_a_candidate_is_not_campaign(scanner: Scanner) -> None:
    assert not hit(scanner, "Wahyu Hidayat mendaftar ke KPU Kota Malang, kata ketua KPU.")


@pytest.mark.parametrize(
    "text",
    [
        "Anton temanku lagi sakit, doakan ya",
        "Mas Wahyu tukang bakso libur hari ini",
        "Amin ya Allah, semoga abadi",
    ],
)
def test_common_names_in_daily_talk_are_not_campaign(scanner: Scanner, text: str) -> None:
    assert not hit(scanner, text)


def test_negated_support_is_not_campaign(scanner: Scanner) -> None:
    r = scanner.scan_text("saya tidak mendukung paslon manapun, ASN harus netral")
    assert not r.is_hit(0.5)


def test_call_against_a_candidate_is_reported_as_opposition(scanner: Scanner) -> None:
    r = scanner.scan_text("jangan pilih 02 rek")
    assert r.is_hit(0.5)
    assert "oppose_call" in r.reasons
    assert r.candidates == [2]


def test_every_span_points_at_what_was_matched(scanner: Scanner) -> None:
    text = "COBLOSSS 0️⃣1️⃣ WALI menaaang!!!"
    r = scanner.scan_text(text)
    assert r.spans
    pieces = {text[s["start"] : s["end"]] for s in r.spans}  # type: ignore[misc]
    assert {"COBLOSSS", "WALI", "menaaang"} <= pieces


def test_explanation_is_in_plain_indonesian(malang: Watchlist) -> None:
    e = explain(malang, "Ayo coblos nomor 2, Sam HC!")
    assert e.is_campaign
    assert e.indonesian.startswith("Teks ini memuat")
    assert "'coblos nomor 2'" in e.indonesian
    assert "paslon 2" in e.indonesian


def test_scan_texts_matches_scan_text(scanner: Scanner) -> None:
    texts = ["Ayo coblos nomor 2!", "hujan deras di Malang", "dukung WALI 01 menang"]
    assert [r.score for r in scanner.scan_texts(texts)] == [
        scanner.scan_text(t).score for t in texts
    ]


def test_watchlist_errors_say_what_is_wrong() -> None:
    with pytest.raises(WatchlistError, match="names"):
        Watchlist.from_json({"election": "x", "candidates": [{"number": 1, "names": []}]})
    with pytest.raises(WatchlistError, match="twice"):
        Watchlist.from_json(
            {"candidates": [{"number": 1, "names": ["A"]}, {"number": 1, "names": ["B"]}]}
        )


def test_scan_file_writes_hits_and_skips_bad_rows(tmp_path: Path, malang: Watchlist) -> None:
    src = tmp_path / "posts.jsonl"
    src.write_text(
        "\n".join(
            [
                json.dumps({"id": "1", "text": "Ayo coblos 01 WALI!", "platform": "x"}),
                json.dumps({"id": "2", "text": "makan bakso dulu", "platform": "x"}),
                "{not json",
                json.dumps({"id": "4", "platform": "x"}),
            ]
        ),
        encoding="utf-8",
    )
    out = tmp_path / "hits.parquet"
    summary = scan_file(malang, str(src), str(out))
    table = pq.read_table(out)
    assert table.column("id").to_pylist() == ["1"]
    assert table.column("platform").to_pylist() == ["x"]
    assert summary.skipped == 2
    assert {b["row"] for b in summary.skipped_rows} == {3, 4}


def test_csv_output_and_all_rows(tmp_path: Path, malang: Watchlist) -> None:
    src = tmp_path / "posts.parquet"
    pq.write_table(pa.table({"id": ["a", "b"], "text": ["coblos 3 ABADI", "halo"]}), src)
    out = tmp_path / "all.csv"
    summary = scan_file(malang, str(src), str(out), all_rows=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    assert summary.hits == 1


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "check",
                "--watchlist",
                str(WL_PATH / "pilkada-kota-malang-2024.json"),
                "coblos 2 Sam HC",
            ]
        )
        == 0
    )
    assert "Teks ini" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "scan",
                "--watchlist",
                str(tmp_path / "missing.json"),
                "--input",
                "a.csv",
                "--output",
                "b.csv",
            ]
        )
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "scan",
                "--watchlist",
                "w.json",
                "--input",
                "a.csv",
                "--output",
                "b.csv",
                "--threshold",
                "7",
            ]
        )
    assert exc.value.code == 2


def test_interrupted_scan_leaves_no_output(tmp_path: Path, malang: Watchlist) -> None:
    src = tmp_path / "posts.parquet"
    pq.write_table(pa.table({"id": ["a"], "text": ["coblos 3"]}), src)
    out = tmp_path / "hits.parquet"

    def boom(posts: int, hits: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        scan_file(malang, str(src), str(out), progress=boom)
    assert list(tmp_path.iterdir()) == [src]


def test_a_prebuilt_scanner_scans_a_file_the_same(tmp_path: Path, malang: Watchlist) -> None:
    src = tmp_path / "posts.parquet"
    texts = ["coblos 3 ABADI", "halo", "Ayo coblos 01 WALI!", "tidak dukung WALI"]
    pq.write_table(pa.table({"id": list("abcd"), "text": texts}), src)
    fresh, prebuilt = tmp_path / "fresh.parquet", tmp_path / "prebuilt.parquet"
    scan_file(malang, str(src), str(fresh), threshold=0.6)
    summary = scan_file(malang, str(src), str(prebuilt), scanner=Scanner(malang, 0.6))
    assert summary.hits == 2
    assert pq.read_table(prebuilt).equals(pq.read_table(fresh))
    with pytest.raises(ValueError, match="prebuilt scanner"):
        scan_file(Watchlist.from_json(json.loads(json.dumps(_DOC))), str(src), str(fresh),
                  scanner=Scanner(malang))  # fmt: skip


_DOC = {"election": "e", "candidates": [{"number": 1, "names": ["Budi Santosa"]}]}


def test_bench_smoke_reports_both_engines() -> None:
    from scanner import bench

    r = bench.run(20_000, sample=500, repeat=2)
    assert r["patterns"] >= 1_500
    assert r["engine_posts_per_s"] > r["engine_with_build_posts_per_s"] > 0
    assert r["build_seconds"] > 0
    assert r["engine_posts_per_s"] >= r["engine_posts_per_s_median"]
    assert r["baseline_posts_per_s"] > 0
    assert r["every_hit_has_span"]
    assert r["synthetic_recall"] > 0.9


def test_train_writes_a_readable_model_that_scan_can_use(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    src = tmp_path / "labelled.csv"
    rows = ["text,label"]
    for i in range(12):
        rows.append(f'"Ayo coblos nomor {1 + i % 3}, WALI menang!",1')
        rows.append(f'"KPU Kota Malang menetapkan paslon nomor urut {1 + i % 3} hari ini",0')
    src.write_text("\n".join(rows), encoding="utf-8")
    model = tmp_path / "model.json"
    wl = str(WL_PATH / "pilkada-kota-malang-2024.json")
    assert main(["train", "--watchlist", wl, "--input", str(src), "--output", str(model)]) == 0
    doc = json.loads(model.read_text(encoding="utf-8"))
    assert len(doc["coef"]) == len(doc["features"])
    posts = tmp_path / "posts.jsonl"
    posts.write_text(
        json.dumps({"id": "1", "text": "Ayo coblos nomor 1, WALI menang!"}) + "\n", encoding="utf-8"
    )
    out = tmp_path / "hits.jsonl"
    assert (
        main(
            [
                "scan",
                "--watchlist",
                wl,
                "--input",
                str(posts),
                "--output",
                str(out),
                "--model",
                str(model),
            ]
        )
        == 0
    )
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["id"] == "1"


@pytest.mark.parametrize(
    "text",
    [
        "Ojok lali 27 November nyoblos Abah Anton rek",
        "Sam HC iku arek Malang asli, wajib dipilih!",
        "nomer 3 wae, ABADI pancen oye",
        "Ojok pilih 02 rek",
    ],
)
def test_javanese_and_walikan_campaign_talk_is_found(scanner: Scanner, text: str) -> None:
    assert hit(scanner, text)


def test_javanese_negation_cancels_support() -> None:
    kediri = Scanner(Watchlist.from_file(WL_PATH / "pilkada-kota-kediri-2024.json"))
    assert not kediri.scan_text("Mbak Vinanda pancen ayu, tapi aku durung mesti milih").is_hit(0.5)


@pytest.mark.parametrize("text", ["beli 1 aja cukup rek", "tambah 2 saja, jangan banyak-banyak"])
def test_a_plain_number_with_just_is_not_a_ballot_call(scanner: Scanner, text: str) -> None:
    assert not hit(scanner, text)


def test_a_padded_number_with_just_is_a_ballot_call(scanner: Scanner) -> None:
    assert "ballot_call" in scanner.scan_text("Wis to, 01 ae rek").reasons


def test_a_ranking_is_not_a_ballot_call(scanner: Scanner) -> None:
    assert not hit(scanner, "Alhamdulillah anakku masuk 3 terbaik di kelas")


def test_a_campaign_hashtag_at_the_start_of_a_post_counts(scanner: Scanner) -> None:
    r = scanner.scan_text("#MalangBerkelas bareng WALI")
    assert "hashtag" in r.reasons or "slogan" in r.reasons
    assert r.is_hit(0.5)


@pytest.mark.parametrize(
    "text", ["Malang berkelas banget kotanya, adem", "pilih 1 atau 2 ya? bingung"]
)
def test_everyday_phrases_that_echo_a_slogan_or_a_number_are_not_campaign(
    scanner: Scanner, text: str
) -> None:
    assert not hit(scanner, text)
