"""Seeded synthetic posts and watchlists for the throughput benchmark.

Ordinary Indonesian chatter (food, traffic, school, football, prices, greetings, slang,
emoji, links, common first names such as Anton and Wahyu) with about 2 % campaign posts
mixed in, written in the ways real ones are: ballot numbers, nicknames, hashtags,
elongation, leetspeak and spaced letters. The watchlist holds many elections at once so
that it has the ~2,000 patterns of a national deployment.
"""

from __future__ import annotations

import random
from typing import Any

import pyarrow as pa

_SYL = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "da",
    "di",
    "do",
    "du",
    "ga",
    "gi",
    "go",
    "gu",
    "ha",
    "hi",
    "ja",
    "jo",
    "ju",
    "ka",
    "ki",
    "ko",
    "ku",
    "la",
    "li",
    "lo",
    "lu",
    "ma",
    "mi",
    "mo",
    "mu",
    "na",
    "ni",
    "no",
    "nu",
    "ra",
    "ri",
    "ro",
    "ru",
    "sa",
    "si",
    "so",
    "su",
    "ta",
    "ti",
    "to",
    "tu",
    "wa",
    "wi",
    "ya",
    "yo",
    "ar",
    "an",
    "in",
    "un",
    "ang",
    "ing",
    "ung",
    "ras",
    "ran",
    "rat",
    "dan",
    "dar",
    "man",
    "mat",
    "san",
    "sat",
    "tan",
    "tar",
    "wan",
    "yat",
]
_PARTIES = [
    "Gerindra",
    "Golkar",
    "NasDem",
    "PKB",
    "PKS",
    "PDI-P",
    "PAN",
    "Demokrat",
    "PPP",
    "Perindo",
    "Hanura",
    "PSI",
    "PBB",
    "Gelora",
    "PKN",
    "Ummat",
]
_CHATTER = [
    "aku",
    "kamu",
    "dia",
    "kita",
    "mereka",
    "makan",
    "minum",
    "pergi",
    "pulang",
    "kerja",
    "kantor",
    "sekolah",
    "pasar",
    "hujan",
    "panas",
    "macet",
    "jalan",
    "motor",
    "mobil",
    "kopi",
    "teh",
    "nasi",
    "goreng",
    "bakso",
    "sate",
    "mie",
    "ayam",
    "hari",
    "ini",
    "besok",
    "kemarin",
    "malam",
    "pagi",
    "siang",
    "sore",
    "lagi",
    "udah",
    "belum",
    "yang",
    "dan",
    "di",
    "ke",
    "dari",
    "untuk",
    "dengan",
    "tidak",
    "gak",
    "ga",
    "bgt",
    "banget",
    "yg",
    "dgn",
    "utk",
    "sama",
    "teman",
    "keluarga",
    "ibu",
    "bapak",
    "anak",
    "adik",
    "kakak",
    "senang",
    "sedih",
    "capek",
    "lapar",
    "ngantuk",
    "libur",
    "kuliah",
    "tugas",
    "ujian",
    "nonton",
    "film",
    "main",
    "bola",
    "game",
    "hp",
    "baru",
    "murah",
    "mahal",
    "harga",
    "beli",
    "jual",
    "toko",
    "online",
    "promo",
    "diskon",
    "gratis",
    "ongkir",
    "kirim",
    "paket",
    "cuaca",
    "mendung",
    "semoga",
    "sehat",
    "selalu",
    "amin",
    "terima",
    "kasih",
    "maaf",
    "tolong",
    "mantap",
    "keren",
    "lucu",
    "wkwk",
    "haha",
    "arema",
    "persik",
    "stadion",
    "kota",
    "alun",
    "alun",
    "batu",
    "kediri",
    "surabaya",
    "kampus",
    "dosen",
    "skripsi",
    "wisuda",
    "kos",
    "kontrakan",
    "listrik",
    "air",
    "galon",
    "gas",
    "elpiji",
    "cicilan",
    "gaji",
    "lembur",
    "rapat",
    "zoom",
    "laptop",
    "kucing",
    "anjing",
    "sepeda",
    "ojek",
    "gojek",
    "grab",
    "antri",
    "bank",
    "atm",
    "pulsa",
    "kuota",
    "wifi",
    "sinyal",
    "jam",
    "menit",
    "tadi",
    "nanti",
    "sebentar",
    "akhirnya",
    "ternyata",
    "beneran",
    "serius",
    "pokoknya",
    "intinya",
    "gitu",
    "dong",
    "sih",
    "kok",
    "deh",
    "loh",
    "kan",
    "nih",
    "tuh",
    "rek",
    "cak",
    "mas",
    "mbak",
    "pak",
    "bu",
    "nomor",
    "pilih",
    "menang",
]
_FIRST = [
    "Anton",
    "Wahyu",
    "Budi",
    "Agus",
    "Siti",
    "Dewi",
    "Rina",
    "Eko",
    "Joko",
    "Sri",
    "Ali",
    "Heri",
    "Dimas",
    "Fajar",
]
_EMOJI = ["😂", "🙏", "😭", "🔥", "👍", "❤️", "😅", "🤣", "✨", "🥲"]


_VOCAB = " ".join(_CHATTER + [f.lower() for f in _FIRST])


def _part(rng: random.Random) -> str:
    """A made-up name part that no chatter word contains and that contains none."""
    while True:
        part = "".join(rng.choice(_SYL) for _ in range(3))
        if part not in _VOCAB and not any(w in part for w in _VOCAB.split() if len(w) >= 3):
            return part.capitalize()


def _name(rng: random.Random) -> str:
    return f"{_part(rng)} {_part(rng)}"


def watchlist(n_elections: int = 40, seed: int = 7) -> dict[str, Any]:
    """A multi-election watchlist document (see `Watchlist.from_json`)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    elections = []
    for e in range(n_elections):
        cands = []
        for number in range(1, rng.randint(2, 4) + 1):
            head, deputy = _name(rng), _name(rng)
            acronym = (head[:3] + deputy[:3]).upper()
            cands.append(
                {
                    "number": number,
                    "names": [head, deputy],
                    "aliases": [acronym, f"Mas {head.split()[0]}"],
                    "parties": rng.sample(_PARTIES, 2),
                    "slogans": [f"{head.split()[1]} {rng.choice(['Maju', 'Hebat', 'Juara'])}"],
                    "hashtags": [f"#{head.split()[1]}{deputy.split()[1]}"],
                }
            )
        elections.append({"election": f"pilkada-{e:03d}", "candidates": cands})
    return {"title": "synthetic national watchlist", "elections": elections}


def _chatter(rng: random.Random) -> str:
    words = [rng.choice(_CHATTER) for _ in range(rng.randint(10, 36))]
    r = rng.random()
    if r < 0.15:
        words.insert(rng.randrange(len(words)), rng.choice(_FIRST))
    elif r < 0.25:
        words.insert(rng.randrange(len(words)), f"{rng.randint(1, 99)}rb")
    elif r < 0.30:
        words.append(f"jam {rng.randint(1, 12):02d}.{rng.choice(['00', '30'])}")
    elif r < 0.33:
        words.append("https://t.co/" + "".join(rng.choice("abcdefXYZ123") for _ in range(8)))
    elif r < 0.36:
        words.insert(0, "@" + rng.choice(_CHATTER) + str(rng.randint(1, 999)))
    text = " ".join(words)
    if rng.random() < 0.3:
        text = text.capitalize()
    if rng.random() < 0.25:
        text += " " + rng.choice(_EMOJI)
    return text


def _disguise(rng: random.Random, word: str) -> str:
    r = rng.random()
    if r < 0.1:
        return word.replace("o", "0").replace("a", "4")
    if r < 0.2:
        return " ".join(word)
    if r < 0.3:
        return word + word[-1] * 3
    return word


def _campaign(rng: random.Random, doc: dict[str, Any]) -> str:
    election = rng.choice(doc["elections"])
    c = rng.choice(election["candidates"])
    n = c["number"]
    name = rng.choice([c["names"][0], c["names"][0].split()[1], c["aliases"][0]])
    templates = [
        f"Ayo {_disguise(rng, 'coblos')} nomor {n} {name}!",
        f"{name} pasti {_disguise(rng, 'menang')} {c['hashtags'][0]}",
        f"dukung {name} jadi wali kota, 0{n} menang 🔥",
        f"{rng.choice(['yuk', 'mari'])} pilih paslon {n} {c['slogans'][0]}",
        f"{c['slogans'][0]}! #0{n} {name}",
        f"jangan lupa tgl 27 coblos 0{n} ya rek, {name} {rng.choice(_EMOJI)}",
    ]
    # real campaign posts are seldom verbatim copies: add a little chatter of their own
    tail = " ".join(rng.choice(_CHATTER) for _ in range(rng.randint(0, 10)))
    return f"{rng.choice(templates)} {tail}".strip()


def posts(
    n: int, doc: dict[str, Any], seed: int = 11, campaign_share: float = 0.02
) -> tuple[pa.Table, list[bool]]:
    """``n`` posts (``id``, ``text``, ``platform``) and which of them are campaigns."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    labels = [rng.random() < campaign_share for _ in range(n)]
    texts = [_campaign(rng, doc) if is_campaign else _chatter(rng) for is_campaign in labels]
    platforms = ["x", "facebook", "instagram", "tiktok"]
    table = pa.table(
        {
            "id": pa.array([f"p{i}" for i in range(n)], type=pa.string()),
            "text": pa.array(texts, type=pa.string()),
            "platform": pa.array([platforms[i % 4] for i in range(n)], type=pa.string()),
        }
    )
    return table, labels
