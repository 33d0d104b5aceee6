"""Koran Kota Benteng, demo: three weekly editions of city news. Names and figures are invented."""

from .content import DemoArticle, DemoEdition

EDITIONS = (
    DemoEdition(
        slug="edisi-414",
        age=0,
        number=414,
        art=("hijau", "trees"),
        articles=(
            DemoArticle(
                slug="seribu-pohon-tumbuh-di-bantaran-cisadane",
                kicker="Tangerang Hijau",
                title="Seribu Pohon Tumbuh di Bantaran Cisadane",
                lead=(
                    "Warga empat kelurahan menanam seribu bibit trembesi, ketapang kencana dan "
                    "buah-buahan di sepanjang tiga kilometer bantaran Sungai Cisadane."
                ),
                pillar="liveable",
                programmes=("tangerang-hijau",),
                authors=("rina-kusumawardani",),
                tags=("lingkungan", "cisadane", "penghijauan"),
                body=(
                    "Minggu pagi, bantaran Sungai Cisadane di Kecamatan Karawaci dipenuhi warga "
                    "yang membawa cangkul dan ember. Dalam tiga jam, seribu bibit pohon tertanam "
                    "di lahan yang sebelumnya ditumbuhi ilalang dan tumpukan sampah.",
                    "Penanaman ini bagian dari program Tangerang Hijau, yang menargetkan setiap "
                    "kelurahan memiliki jalur hijau yang dirawat bersama warga. Bibit disiapkan "
                    "oleh persemaian kota, sedangkan perawatan dibagi per rukun warga.",
                    ("h", "Dirawat oleh warga, dipantau lewat aplikasi"),
                    "Setiap pohon diberi label bernomor. Pengurus RW mencatat pertumbuhan dan "
                    "menyiram pada musim kemarau, lalu melaporkan pohon yang mati agar segera "
                    "diganti. Dalam dua tahun, jalur ini diharapkan menjadi teduh untuk pejalan "
                    "kaki dan pesepeda.",
                    (
                        "q",
                        "Dulu anak-anak tidak mau main di sini karena panas dan kotor. Sekarang "
                        "mereka yang paling semangat menyiram.",
                        "Darto, Ketua RW 05 Karawaci",
                    ),
                    "Warga yang ingin mengadopsi pohon dapat mendaftar di kantor kelurahan atau "
                    "melalui layanan pengaduan kota.",
                ),
                art=("hijau", "trees"),
                caption="Warga menanam bibit pohon di bantaran Sungai Cisadane, Karawaci.",
            ),
            DemoArticle(
                slug="pompa-baru-di-periuk-siap-hadapi-musim-hujan",
                kicker="Usir Banjir",
                title="Pompa Baru di Periuk Siap Hadapi Musim Hujan",
                lead=(
                    "Rumah pompa berkapasitas 3.000 liter per detik mulai beroperasi, "
                    "melindungi permukiman padat di Kecamatan Periuk yang langganan genangan."
                ),
                pillar="liveable",
                programmes=("usir-banjir",),
                authors=("bagus-hadiwijaya", "rina-kusumawardani"),
                tags=("banjir", "infrastruktur", "periuk"),
                body=(
                    "Menjelang puncak musim hujan, Pemerintah Kota Tangerang mengoperasikan rumah "
                    "pompa baru di Kecamatan Periuk. Tiga unit pompa bekerja bergantian dan dapat "
                    "mengalirkan air dari saluran permukiman ke sungai dalam hitungan jam.",
                    "Selain pompa, saluran sepanjang 2,4 kilometer dinormalisasi: sedimen "
                    "diangkat, gorong-gorong yang menyempit dibongkar dan diganti ukuran yang "
                    "lebih besar.",
                    ("h", "Petugas siaga 24 jam"),
                    "Operator pompa bertugas dalam tiga giliran. Ketinggian air di saluran "
                    "dipantau sensor dan ditampilkan di ruang kendali kota, sehingga pompa "
                    "dinyalakan sebelum air meluap ke jalan.",
                    (
                        "q",
                        "Kami tidak menunggu air masuk rumah warga. Begitu sensor menunjukkan "
                        "kenaikan, pompa langsung jalan.",
                        "Hendra Saputra, koordinator rumah pompa",
                    ),
                    "Warga diminta tidak membuang sampah ke saluran karena sampah adalah "
                    "penyebab utama pompa tersumbat.",
                ),
                art=("biru", "river"),
                caption="Pintu air dan rumah pompa baru di Kecamatan Periuk.",
                correction=(
                    "Versi awal artikel ini menyebut kapasitas pompa 300 liter per detik; "
                    "yang benar 3.000 liter per detik."
                ),
            ),
            DemoArticle(
                slug="bus-trans-tangerang-kini-tiba-tiap-sepuluh-menit",
                kicker="BRT Trans Tangerang",
                title="Bus Trans Tangerang Kini Tiba Tiap Sepuluh Menit pada Jam Sibuk",
                lead=(
                    "Armada tambahan membuat waktu tunggu di halte koridor utama turun dari "
                    "dua puluh menjadi sepuluh menit pada pagi dan sore hari."
                ),
                pillar="liveable",
                programmes=("brt-trans-tangerang",),
                authors=("bagus-hadiwijaya",),
                tags=("transportasi", "bus"),
                body=(
                    "Penumpang BRT Trans Tangerang kini tidak perlu lama menunggu. Mulai pekan "
                    "ini, dua belas bus tambahan beroperasi di koridor utama pada pukul 06.00 "
                    "sampai 09.00 dan 16.00 sampai 19.00.",
                    "Penambahan armada menjawab keluhan pekerja dan pelajar yang kerap berdiri "
                    "lama di halte. Jadwal kedatangan bus dapat dilihat secara langsung di "
                    "aplikasi kota.",
                    ("h", "Tarif tetap terjangkau"),
                    "Tarif tidak berubah, dan pelajar, lansia serta penyandang disabilitas tetap "
                    "mendapat potongan. Pembayaran memakai kartu uang elektronik atau kode QR.",
                    (
                        "q",
                        "Sekarang saya bisa berangkat kerja tanpa motor. Lebih hemat dan tidak "
                        "capek di jalan.",
                        "Lestari, penumpang dari Cipondoh",
                    ),
                ),
                art=("senja", "bus"),
                caption="Bus Trans Tangerang melintas di koridor utama pada sore hari.",
            ),
            DemoArticle(
                slug="izin-usaha-kini-bisa-dipantau-dari-ponsel",
                kicker="Tangerang Cerdas",
                title="Izin Usaha Kini Bisa Dipantau dari Ponsel",
                lead=(
                    "Pelaku usaha dapat melihat tahap permohonan izin mereka secara langsung, "
                    "dari berkas diterima sampai izin terbit, tanpa datang ke loket."
                ),
                pillar="e-city",
                programmes=("tangerang-cerdas", "tangerang-siap-kerja"),
                authors=("nur-aini-rahmawati",),
                tags=("layanan publik", "digital", "umkm"),
                body=(
                    "Layanan perizinan Kota Tangerang menambah fitur pelacakan. Setiap "
                    "permohonan mendapat nomor yang dapat dicek di aplikasi kota, lengkap "
                    "dengan nama petugas dan perkiraan waktu selesai.",
                    "Fitur ini lahir dari keluhan pelaku usaha mikro yang harus bolak-balik ke "
                    "kantor hanya untuk menanyakan status berkas.",
                    ("h", "Notifikasi bila berkas kurang"),
                    "Jika ada dokumen yang kurang, pemohon menerima pemberitahuan di ponsel dan "
                    "dapat mengunggah dokumen susulan tanpa mengulang permohonan dari awal.",
                    (
                        "q",
                        "Dulu saya tiga kali datang ke loket. Sekarang cukup lihat ponsel.",
                        "Yusuf, pemilik usaha katering di Ciledug",
                    ),
                ),
                art=("malam", "network"),
                caption="Ilustrasi layanan perizinan yang dapat dipantau dari ponsel.",
            ),
        ),
    ),
    DemoEdition(
        slug="edisi-413",
        age=1,
        number=413,
        art=("kuning", "kampung"),
        articles=(
            DemoArticle(
                slug="kampung-bekelir-sambut-rombongan-pelajar",
                kicker="Kampung Wisata",
                title="Kampung Bekelir Sambut Rombongan Pelajar dari Luar Kota",
                lead=(
                    "Kampung yang dulu kumuh kini dikunjungi ratusan pelajar setiap pekan untuk "
                    "belajar mural, pengelolaan sampah dan usaha warga."
                ),
                pillar="visitable",
                programmes=("kampung-wisata",),
                authors=("yoga-prasetyo",),
                tags=("wisata", "kampung tematik"),
                body=(
                    "Dinding rumah di gang-gang sempit Kampung Bekelir penuh warna. Pekan ini, "
                    "empat bus pelajar dari luar kota datang untuk melihat langsung bagaimana "
                    "warga mengubah kampung mereka.",
                    "Pemandu wisata adalah pemuda kampung sendiri. Mereka menjelaskan sejarah "
                    "mural, mengajak pengunjung ke bank sampah dan warung produk warga.",
                    ("h", "Pendapatan untuk kas kampung"),
                    "Tiket kunjungan kelompok masuk ke kas RW dan dipakai untuk mengecat ulang "
                    "dinding serta merawat taman.",
                    (
                        "q",
                        "Anak-anak muda di sini sekarang punya pekerjaan tanpa harus keluar "
                        "kampung.",
                        "Sari, pengelola kampung wisata",
                    ),
                ),
                art=("kuning", "kampung"),
                caption="Rumah warna-warni di gang Kampung Bekelir.",
            ),
            DemoArticle(
                slug="bursa-kerja-buka-dua-ribu-lowongan",
                kicker="Tangerang Siap Kerja",
                title="Bursa Kerja Kota Tangerang Buka Dua Ribu Lowongan",
                lead=(
                    "Enam puluh perusahaan dari kawasan industri dan bandara membuka lowongan "
                    "untuk lulusan SMA, SMK dan perguruan tinggi."
                ),
                pillar="investable",
                programmes=("tangerang-siap-kerja",),
                authors=("bagus-hadiwijaya",),
                tags=("lapangan kerja", "ekonomi"),
                body=(
                    "Antrean pencari kerja sudah terlihat sejak pagi di gedung pertemuan kota. "
                    "Bursa kerja dua hari ini menawarkan sekitar dua ribu lowongan.",
                    "Lowongan terbanyak datang dari logistik, manufaktur dan layanan bandara. "
                    "Pencari kerja dapat melamar langsung dan mengikuti wawancara di tempat.",
                    ("h", "Pelatihan sebelum melamar"),
                    "Di sudut gedung, balai latihan kerja membuka kelas singkat menulis surat "
                    "lamaran dan simulasi wawancara.",
                    (
                        "q",
                        "Saya baru lulus SMK dan langsung dapat panggilan wawancara kedua.",
                        "Rizky, pencari kerja dari Jatiuwung",
                    ),
                ),
                art=("teal", "city"),
                caption="Pencari kerja antre di bursa kerja Kota Tangerang.",
            ),
            DemoArticle(
                slug="sambungan-air-bersih-menjangkau-neglasari",
                kicker="Air Bersih",
                title="Sambungan Air Bersih Menjangkau Warga Neglasari",
                lead=(
                    "Seribu lima ratus rumah tangga mendapat sambungan air perpipaan, banyak "
                    "di antaranya sebelumnya membeli air jeriken setiap hari."
                ),
                pillar="liveable",
                programmes=("air-bersih",),
                authors=("nur-aini-rahmawati", "rina-kusumawardani"),
                tags=("air bersih", "layanan publik"),
                body=(
                    "Bagi warga Neglasari, air keran yang mengalir di dapur adalah perubahan "
                    "besar. Selama bertahun-tahun mereka membeli air dari pedagang keliling.",
                    "Sambungan baru dipasang bertahap per RW. Warga berpenghasilan rendah "
                    "mendapat keringanan biaya pemasangan.",
                    ("h", "Kualitas air diuji rutin"),
                    "Petugas mengambil contoh air setiap bulan untuk memastikan air layak pakai "
                    "sampai ke rumah warga.",
                    (
                        "q",
                        "Uang untuk beli air sekarang bisa untuk jajan sekolah anak.",
                        "Aminah, warga Neglasari",
                    ),
                ),
                art=("biru", "water"),
                caption="Warga Neglasari memeriksa sambungan air bersih baru.",
            ),
            DemoArticle(
                slug="bank-sampah-rw-jadi-tabungan-warga",
                kicker="Tangerang Bersih",
                title="Bank Sampah RW Jadi Tabungan Warga",
                lead=(
                    "Sampah plastik dan kertas yang dipilah di rumah ditimbang setiap Sabtu dan "
                    "dicatat sebagai tabungan yang bisa dicairkan menjelang hari raya."
                ),
                pillar="liveable",
                programmes=("tangerang-bersih", "tangerang-hijau"),
                authors=("rina-kusumawardani",),
                tags=("sampah", "lingkungan"),
                body=(
                    "Setiap Sabtu pagi, warga datang membawa karung berisi botol plastik, kardus "
                    "dan kertas bekas ke posko bank sampah RW.",
                    "Petugas menimbang dan mencatat nilai sampah di buku tabungan. Sampah "
                    "kemudian dijual ke pengepul, dan sisa organik diolah menjadi kompos.",
                    ("h", "Sampah ke TPA berkurang"),
                    "Sejak bank sampah berjalan, volume sampah yang diangkut dari RW ini ke "
                    "tempat pembuangan akhir turun hampir sepertiga.",
                    (
                        "q",
                        "Tabungan sampah saya cukup untuk membeli seragam sekolah anak.",
                        "Ibu Komariah, nasabah bank sampah",
                    ),
                ),
                art=("hijau", "kampung"),
                caption="Warga menimbang sampah terpilah di posko bank sampah RW.",
            ),
        ),
    ),
    DemoEdition(
        slug="edisi-412",
        age=2,
        number=412,
        art=("senja", "festival"),
        articles=(
            DemoArticle(
                slug="perahu-naga-meramaikan-festival-cisadane",
                kicker="Festival Cisadane",
                title="Perahu Naga Kembali Meramaikan Festival Cisadane",
                lead=(
                    "Tiga puluh tim mendayung di Sungai Cisadane, sementara ribuan penonton "
                    "memadati tepian sungai dan bazar kuliner."
                ),
                pillar="visitable",
                programmes=("festival-cisadane",),
                authors=("yoga-prasetyo",),
                tags=("festival", "cisadane", "budaya"),
                body=(
                    "Genderang bertalu dari atas perahu naga saat tim-tim pendayung melaju di "
                    "Sungai Cisadane. Lomba ini menjadi puncak Festival Cisadane tahun ini.",
                    "Di tepian sungai, pelaku usaha kecil menjajakan kuliner khas Tangerang, dari "
                    "laksa hingga dodol. Panggung seni menampilkan gambang kromong dan tari.",
                    ("h", "Sungai yang bersih jadi tuan rumah"),
                    "Sebelum festival, relawan membersihkan sungai dan tepiannya selama dua "
                    "pekan. Festival ini sekaligus mengajak warga menjaga Cisadane.",
                    (
                        "q",
                        "Festival ini membuat orang datang ke sungai, bukan membelakanginya.",
                        "Wulan, panitia festival",
                    ),
                ),
                art=("senja", "festival"),
                caption="Tim perahu naga berlomba di Sungai Cisadane.",
            ),
            DemoArticle(
                slug="posyandu-digital-catat-tumbuh-kembang-balita",
                kicker="Tangerang Sehat",
                title="Posyandu Digital Catat Tumbuh Kembang Balita",
                lead=(
                    "Kader posyandu kini mencatat berat dan tinggi badan balita di tablet, "
                    "sehingga puskesmas bisa lebih cepat menjangkau anak berisiko tengkes."
                ),
                pillar="liveable",
                programmes=("tangerang-sehat", "tangerang-cerdas"),
                authors=("nur-aini-rahmawati",),
                tags=("kesehatan", "balita", "digital"),
                body=(
                    "Buku catatan tebal di meja posyandu mulai berganti tablet. Kader memasukkan "
                    "hasil penimbangan, dan grafik tumbuh kembang langsung tampil.",
                    "Data dikirim ke puskesmas. Bila pertumbuhan seorang anak melambat, petugas "
                    "gizi mendapat tanda dan dapat berkunjung ke rumah.",
                    ("h", "Kader dilatih bertahap"),
                    "Pelatihan diberikan per kecamatan. Kader yang sudah mahir mendampingi "
                    "rekan mereka di posyandu lain.",
                    (
                        "q",
                        "Orang tua bisa melihat grafik anaknya sendiri, jadi lebih paham.",
                        "Ratna, kader posyandu di Pinang",
                    ),
                ),
                art=("teal", "network"),
                caption="Kader posyandu mencatat penimbangan balita dengan tablet.",
            ),
            DemoArticle(
                slug="lampu-tenaga-surya-terangi-gang-sempit",
                kicker="Tangerang Terang",
                title="Lampu Tenaga Surya Terangi Gang Sempit",
                lead=(
                    "Lima ratus lampu tenaga surya dipasang di gang-gang permukiman yang tidak "
                    "terjangkau lampu penerangan jalan umum."
                ),
                pillar="liveable",
                programmes=("tangerang-terang",),
                authors=("bagus-hadiwijaya",),
                tags=("penerangan", "keamanan"),
                body=(
                    "Gang yang dulu gelap gulita kini terang sepanjang malam. Lampu bertenaga "
                    "surya dipasang di tiang-tiang kecil yang muat di jalan selebar satu meter.",
                    "Lokasi dipilih dari usulan warga dalam musyawarah kelurahan dan laporan "
                    "di aplikasi pengaduan kota.",
                    ("h", "Tanpa tagihan listrik"),
                    "Karena memakai panel surya dan baterai, lampu tidak menambah tagihan "
                    "listrik dan tetap menyala saat listrik padam.",
                    (
                        "q",
                        "Anak saya pulang mengaji malam hari, sekarang saya tidak khawatir lagi.",
                        "Pak Udin, warga Batuceper",
                    ),
                ),
                art=("malam", "city"),
                caption="Lampu tenaga surya menerangi gang permukiman pada malam hari.",
            ),
            DemoArticle(
                slug="zona-selamat-sekolah-diperluas",
                kicker="Tangerang Tertib",
                title="Zona Selamat Sekolah Diperluas ke Empat Puluh SD",
                lead=(
                    "Marka jalan, rambu dan petugas penyeberangan melindungi murid di depan "
                    "empat puluh sekolah dasar pada jam masuk dan pulang sekolah."
                ),
                pillar="liveable",
                programmes=("tangerang-tertib",),
                authors=("nur-aini-rahmawati",),
                tags=("lalu lintas", "sekolah", "keselamatan"),
                body=(
                    "Jalan di depan sekolah kini bercat merah dengan tulisan batas kecepatan "
                    "dua puluh kilometer per jam. Rambu dipasang seratus meter sebelum sekolah.",
                    "Petugas dan guru piket membantu murid menyeberang pada jam sibuk. Orang tua "
                    "diminta menurunkan anak di titik antar-jemput, bukan di badan jalan.",
                    ("h", "Dipilih berdasarkan data"),
                    "Sekolah yang masuk tahap ini adalah yang berada di jalan ramai dan pernah "
                    "tercatat mengalami kecelakaan yang melibatkan pelajar.",
                    (
                        "q",
                        "Kendaraan sekarang melambat sendiri begitu melihat zona merah.",
                        "Bu Endang, guru SD di Cibodas",
                    ),
                ),
                art=("merah", "city"),
                caption="Murid menyeberang di zona selamat sekolah.",
            ),
        ),
    ),
)
