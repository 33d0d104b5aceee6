"""Indonesian-looking text for the bench: articles about a subject, and reader queries.

Text shaped like a city newsroom's: function words everywhere, each article's subject
words often, other words rarely and unevenly (a few common, most rare). With every word
in every article, each search would match the whole archive, which no real one does.
"""

import itertools
import random


def words(text: str) -> list[str]:
    return text.split()


PLACES = words(
    "Ciledug Karawaci Cipondoh Tangerang Benda Batuceper Cibodas Jatiuwung Larangan "
    "Neglasari Periuk Pinang Cisadane Karang-Tengah Poris Sukasari Babakan Panunggangan"
)
# Subjects, each with the words its articles keep coming back to.
TOPICS = {
    "Banjir surut": words("banjir genangan pompa tanggul hujan drainase evakuasi pengungsi"),
    "Warga menanam pohon": words("pohon bibit penghijauan bantaran hijau tanam rindang"),
    "Perbaikan jalan": words("jalan aspal betonisasi lubang kontraktor trotoar perbaikan"),
    "Festival budaya": words("festival budaya tari panggung seniman pentas tradisi"),
    "Layanan kesehatan gratis": words("kesehatan puskesmas dokter obat pasien pemeriksaan"),
    "Pasar tradisional dibenahi": words("pasar pedagang kios revitalisasi los pembeli"),
    "Sekolah digital": words("sekolah siswa guru digital laptop kurikulum belajar"),
    "Bus BRT baru": words("bus brt halte penumpang koridor armada tarif"),
    "Air bersih mengalir": words("air pipa pdam sambungan bersih tirta meteran"),
    "Kampung wisata dibuka": words("wisata kampung pengunjung kuliner homestay perahu"),
    "Pelatihan kerja": words("pelatihan kerja lowongan keterampilan sertifikat perusahaan"),
    "Gotong royong membersihkan saluran": words("gotong royong saluran sampah bakti sungai"),
    "Posyandu keliling": words("posyandu balita gizi imunisasi kader timbang"),
    "Taman kota diresmikan": words("taman peresmian bermain terbuka hijau keluarga"),
    "Pengajian akbar": words("pengajian masjid ulama jamaah tausiah doa"),
    "Vaksinasi anak": words("vaksin vaksinasi anak dosis imunisasi orang tua"),
    "Lampu jalan tenaga surya": words("lampu penerangan surya panel malam listrik"),
    "Bank sampah warga": words("sampah bank daur ulang plastik nasabah tabungan"),
}
SUBJECTS = list(TOPICS)
FUNCTION_WORDS = words(
    "yang dan di ke dari untuk dengan pada ini itu akan telah juga oleh dalam tidak ada "
    "karena bagi agar para serta sebagai lebih sudah masih hanya bisa harus kata menurut"
)
# Everything else a city story says, most common first (drawn with Zipf-like weights).
GENERAL_WORDS = words(
    "kota warga pemerintah wali kecamatan kelurahan program layanan masyarakat dinas "
    "pembangunan lingkungan kegiatan tahun bulan pekan hari rumah wilayah daerah camat "
    "lurah petugas relawan anggaran kerja sama hasil rencana tahap target data laporan "
    "aplikasi pengaduan keluhan aspirasi musyawarah rapat kunjungan tinjau resmi peluncuran "
    "inovasi penghargaan prestasi juara lomba pelayanan publik perizinan investasi usaha "
    "mikro koperasi ekonomi harga pangan beras minyak subsidi bantuan sosial keluarga lansia "
    "disabilitas perempuan pemuda olahraga stadion lapangan sepak bola voli bulu tangkis "
    "perpustakaan buku literasi museum sejarah cagar heritage arsitektur gedung kantor "
    "alun-alun jembatan sungai danau situ irigasi sawah petani kebun ternak ikan nelayan "
    "ramadan lebaran natal imlek kemerdekaan upacara karnaval pawai kembang api konser "
    "parkir macet lalu lintas rambu marka angkot ojek stasiun kereta bandara tol gerbang"
)
# Cumulative, as random.choices would add them up on every call (the same draws).
_GENERAL_CUMULATIVE = list(
    itertools.accumulate(1 / (rank + 1) for rank in range(len(GENERAL_WORDS)))
)


def sentence(rng: random.Random, subject: str, length: int = 14) -> str:
    """About half function words, a third the subject's words, the rest general ones."""
    topic = TOPICS[subject]
    chosen = []
    for _ in range(length):
        roll = rng.random()
        if roll < 0.45:
            chosen.append(rng.choice(FUNCTION_WORDS))
        elif roll < 0.75:
            chosen.append(rng.choice(topic))
        else:
            chosen.append(rng.choices(GENERAL_WORDS, cum_weights=_GENERAL_CUMULATIVE)[0])
    text = " ".join(chosen)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, subject: str, place: str) -> str:
    sentences = [sentence(rng, subject) for _ in range(4)]
    sentences.insert(1, f"Kegiatan berlangsung di {place.replace('-', ' ')}.")
    return " ".join(sentences)


def reader_queries(count: int, seed: int = 3) -> list[str]:
    """What readers type: subject words, places, pairs, phrases, general words, misses."""
    rng = random.Random(seed)
    topic_words = sorted({word for topic in TOPICS.values() for word in topic})
    shapes = [
        lambda: rng.choice(topic_words),
        lambda: rng.choice(PLACES).replace("-", " "),
        lambda: f"{rng.choice(topic_words)} {rng.choice(PLACES)}",
        lambda: f'"{rng.choice(SUBJECTS).lower()}"',
        lambda: f"{rng.choice(topic_words)} {rng.choice(topic_words)}",
        lambda: rng.choice(GENERAL_WORDS[20:]),
        lambda: f"{rng.choice(GENERAL_WORDS)} {rng.choice(topic_words)}",
        lambda: f"{rng.choice(topic_words)}{rng.choice('aeiou')}x",  # a typo: no match
    ]
    queries: list[str] = []
    attempt = 0
    while len(queries) < count:
        query = shapes[attempt % len(shapes)]()
        attempt += 1
        if query not in queries:
            queries.append(query)
    return queries
