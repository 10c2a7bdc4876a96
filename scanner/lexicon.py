"""Word lists behind the rules, in canonical (normalised) spelling.

Kept as data in one place so that a reviewer can read, argue with and extend them
without touching the matching code. Words are lower-case and already pass through
`normalise` unchanged (slang such as "gak" is mapped to "tidak" before it gets here).
"""

from __future__ import annotations

# Ballot numbers written as words; Javanese "siji/loro/telu" are turned into these first.
NUMBER_WORDS: tuple[str, ...] = (
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
)

# Honorifics and titles that are part of how names are written but identify nobody.
NAME_TITLES = frozenset(
    ["h", "hj", "kh", "dr", "drs", "ir", "prof", "st", "se", "mm", "msi", "mh", "spd", "mpd", "ssos", "sh", "mba", "mbak", "mas", "bu", "ibu", "pak", "bapak", "abah", "gus", "kyai", "kiai", "ustadz", "habib", "cak", "ning", "sam", "bung", "bang", "kak", "jeng", "raden", "mas", "dra", "dr."]
)

# Given names so frequent in Indonesia that alone they say nothing about a candidate
# ("Anton" from the office, "Wahyu" the neighbour). They still count inside a full name.
COMMON_NAMES = frozenset(
    ["muhammad", "muhamad", "mohammad", "mohamad", "moh", "muh", "ahmad", "achmad", "akhmad", "ali", "agus", "budi", "bambang", "joko", "eko", "dwi", "tri", "adi", "andi", "arif", "ari", "anton", "antonius", "wahyu", "wahyudi", "hidayat", "rahmat", "hendra", "hendro", "heri", "hery", "herry", "dedi", "dedy", "deni", "dian", "dewi", "sri", "siti", "nur", "nurul", "fitri", "rina", "yuni", "yanti", "ayu", "putri", "putra", "indah", "lestari", "wati", "sari", "rizky", "rizki", "fajar", "bayu", "dimas", "agung", "slamet", "suparman", "sutrisno", "ahmadi", "hadi", "rudi", "rudy", "iwan", "irwan", "yusuf", "ibrahim", "ismail", "umar", "usman", "hasan", "husain", "hussein", "abdul", "abdullah", "rahman", "rohman", "aziz", "hakim", "imam", "ilham", "teguh", "budiman", "susanto", "santoso", "setiawan", "kurniawan", "saputra", "pratama", "nugroho", "wibowo", "prasetyo", "hartono", "gunawan", "kusuma", "permana", "maulana", "ramadhan", "firmansyah", "hidayah", "rahayu", "wulandari", "pratiwi", "novita", "ratna", "ratih", "dina", "dini", "lina", "lia", "mega", "ani", "anis", "ana", "ina", "ika", "eka", "feri", "ferry", "fero", "vina", "regina", "anies", "ganis", "ganisa", "ganjar"]
) - frozenset({"anies", "ganjar"})  # too famous to be an ordinary neighbour

# Ordinary words that are also nicknames, acronyms or party names: matched only when the
# watchlist writes them as an acronym and the post does too (AMIN, WALI, ABADI), or with
# "partai" in front (Partai Buruh).
COMMON_WORDS = frozenset(
    ["amin", "wali", "abadi", "mapan", "buruh", "garuda", "ummat", "gelora", "hanura", "pan", "kita", "rakyat", "maju", "bersatu", "harapan", "indonesia", "adil", "makmur", "nusantara", "berkarya", "perubahan", "menang", "juara", "hebat", "aman", "damai", "sehat", "bersih", "jujur", "baru", "cerah", "pasti", "bangkit", "sejahtera", "mandiri", "hc"]
)

# ----------------------------------------------------------------------------------------
# Intent cues. Each entry: canonical phrase -> weight (points toward "campaigning").
# ----------------------------------------------------------------------------------------

# Verbs and phrases of electoral support aimed at a candidate.
SUPPORT: dict[str, float] = {
    "dukung": 0.6,
    "mendukung": 0.55,
    "dukungan": 0.35,
    "pilih": 0.55,
    "memilih": 0.45,
    "pilihlah": 0.7,
    "coblos": 0.7,
    "nyoblos": 0.6,
    "coblosan": 0.3,
    "dicoblos": 0.6,
    "menangkan": 0.75,
    "memenangkan": 0.6,
    "menangin": 0.7,
    "lanjutkan": 0.6,
    "teruskan": 0.5,
    "siap menang": 0.8,
    "pasti menang": 0.8,
    "menang telak": 0.7,
    "menang": 0.35,
    "satu putaran": 0.7,
    "sekali putaran": 0.7,
    "2 periode": 0.6,
    "dua periode": 0.6,
    "all in": 0.6,
    "bersama": 0.2,
    "bareng": 0.15,
    "relawan": 0.45,
    "tim pemenangan": 0.5,
    "simpatisan": 0.3,
    "contreng": 0.5,
    "amanah": 0.25,
    "pilihanku": 0.7,
    "pilihan saya": 0.6,
    "pilihan kita": 0.6,
    "jagoanku": 0.7,
    "jagoan": 0.35,
    "presidenku": 0.7,
    "presiden kita": 0.35,
    "wali kotaku": 0.7,
    "walikotaku": 0.7,
    "gubernurku": 0.7,
    "capresku": 0.7,
    "idolaku": 0.4,
    "harga mati": 0.6,
    "gaspol": 0.5,
    "gas pol": 0.5,
    "menuju": 0.15,
    "salam": 0.2,
    "satu jari": 0.5,
    "dua jari": 0.5,
    "tiga jari": 0.5,
    "untuk indonesia": 0.2,
    "bismillah": 0.1,
    "semoga menang": 0.7,
    "insyaallah menang": 0.7,
    "wajib menang": 0.8,
    "the best": 0.35,
    "terbaik": 0.3,
    "pilihan tepat": 0.6,
    "layak dipilih": 0.7,
    "pemimpin terbaik": 0.6,
    "pemimpin masa depan": 0.5,
    "pantas": 0.2,
    "kawal": 0.3,
    "lanjut": 0.3,
    "lanjutkan perjuangan": 0.6,
    "mantap": 0.2,
    "keren": 0.15,
    "hebat": 0.2,
    "cocok": 0.2,
    "percaya": 0.2,
    "yakin": 0.2,
    "bangga": 0.25,
    "berkelas": 0.2,
}

# Imperatives and invitations that turn an opinion into a call.
CALL: dict[str, float] = {
    "ayo": 0.3,
    "mari": 0.3,
    "jangan lupa": 0.35,
    "wajib": 0.25,
    "harus": 0.1,
    "ajak": 0.3,
    "ajakan": 0.2,
    "sebarkan": 0.3,
    "ramaikan": 0.35,
    "viralkan": 0.3,
    "kuy": 0.3,
    "gass": 0.2,
    "gas": 0.15,
    "dong": 0.05,
    "tanggal 27": 0.2,
    "27 november": 0.2,
    "14 februari": 0.2,
    "ke tps": 0.3,
    "di tps": 0.2,
}

# Words that say the post is about an election at all (small boost, never enough alone).
CONTEXT: dict[str, float] = {
    "pilkada": 0.05, "milih": 0.3,
    "pilwali": 0.1,
    "pilpres": 0.05,
    "pemilu": 0.05,
    "tps": 0.05,
    "kampanye": 0.05,
    "paslon": 0.05,
    "capres": 0.05,
    "cawapres": 0.05,
    "cawali": 0.1,
    "cawawali": 0.1,
    "calon": 0.0,
    "wali kota": 0.05,
    "walikota": 0.05,
    "presiden": 0.05,
    "periode": 0.0,
    "suara": 0.05,
    "rakyat": 0.0,
   
}

# Negators: cancel a support cue that follows within a few words ("tidak dukung").
NEGATORS = frozenset({"tidak", "bukan", "belum", "jangan", "tanpa", "anti", "enggan", "ogah"})

# Prohibitions and rejection: "jangan pilih 02", "tolak X" — campaigning against someone.
OPPOSE: dict[str, float] = {
    "jangan pilih": 0.85,
    "jangan coblos": 0.85,
    "jangan dukung": 0.8,
    "jangan memilih": 0.8,
    "tidak usah pilih": 0.8,
    "tidak usah coblos": 0.8,
    "buat apa pilih": 0.7,
    "tolak": 0.55,
    "asal bukan": 0.8,
    "lawan": 0.2,
    "kalahkan": 0.7,
    "ganti presiden": 0.8,
    "turunkan": 0.4,
    "jangan sampai menang": 0.9,
    "haram pilih": 0.8,
    "golput": 0.1,
}

# Reporting and neutral framing: news, officials, polls, procedure.
NEWS: dict[str, float] = {
    "menurut": 0.35,
    "kata": 0.15,
    "ujar": 0.4,
    "ungkap": 0.3,
    "ungkapnya": 0.4,
    "jelasnya": 0.4,
    "katanya": 0.2,
    "dilansir": 0.5,
    "dikutip": 0.4,
    "dikatakan": 0.35,
    "menyampaikan": 0.25,
    "disampaikan": 0.3,
    "mengatakan": 0.35,
    "menegaskan": 0.3,
    "berita": 0.3,
    "baca juga": 0.5,
    "selengkapnya": 0.4,
    "kpu": 0.3,
    "bawaslu": 0.4,
    "survei": 0.3,
    "survey": 0.3,
    "elektabilitas": 0.4,
    "quick count": 0.3,
    "hasil": 0.1,
    "rekapitulasi": 0.4,
    "penetapan": 0.3,
    "pengundian": 0.4,
    "resmi": 0.15,
    "debat": 0.15,
    "mendaftar": 0.3,
    "pendaftaran": 0.3,
    "sidang": 0.3,
    "mahkamah": 0.3,
    "gugatan": 0.3,
    "putusan": 0.3,
    "laporan": 0.2,
    "diperiksa": 0.3,
    "pelanggaran": 0.4,
    "kabar": 0.15,
    "jakarta": 0.05,
    "wib": 0.3,
    "reporter": 0.5,
    "editor": 0.5,
    "live": 0.15,
    "update": 0.2,
    "sumber": 0.2,
    "info": 0.1,
    "headline": 0.4,
    "wawancara": 0.3,
}

# Neutrality and supervision talk: exactly what ASN should say, never a campaign.
NEUTRAL: dict[str, float] = {
    "netral": 0.7,
    "netralitas": 0.8,
    "asn": 0.3,
    "pns": 0.2,
    "aparatur": 0.3,
    "tidak memihak": 0.7,
    "pakta integritas": 0.7,
    "pengawasan": 0.3,
}

# Questions, doubt and criticism: talk about a candidate rather than for one.
DOUBT: dict[str, float] = {
    "siapa": 0.25,
    "apakah": 0.3,
    "kenapa": 0.25,
    "mengapa": 0.25,
    "gimana": 0.2,
    "bagaimana": 0.25,
    "apa": 0.1,
    "kah": 0.1,
    "bohong": 0.4,
    "hoax": 0.4,
    "hoaks": 0.4,
    "gagal": 0.3,
    "korupsi": 0.3,
    "dinasti": 0.3,
    "pelanggar ham": 0.4,
    "omong kosong": 0.4,
    "plonga plongo": 0.4,
    "planga plongo": 0.4,
    "nepotisme": 0.3,
    "haha": 0.2,
    "wkwk": 0.3,
    "lucu": 0.2,
    "ngibul": 0.4,
    "munafik": 0.4,
    "blunder": 0.4,
    "drama": 0.3,
    "takut": 0.2,
    "kasihan": 0.3,
    "malu": 0.3,
    "parah": 0.3,
    "kacau": 0.3,
    "ngaco": 0.3,
    "katanya": 0.2,
    "konon": 0.3,
    "katanya sih": 0.3,
    "kok": 0.15,
    "masa": 0.1,
}
