"""Majalah LIVE, demo: three monthly issues of longer features. Names and figures are invented."""

from .content import DemoArticle, DemoEdition

EDITIONS = (
    DemoEdition(
        slug="vol-6-no-11",
        age=0,
        volume=6,
        number=11,
        theme="Wisata di Kampung Sendiri",
        art=("kuning", "kampung"),
        articles=(
            DemoArticle(
                slug="menyusuri-kampung-tematik",
                kicker="Kampung Wisata",
                title="Menyusuri Kampung Tematik, dari Gang Bekelir sampai Kampung Herbal",
                lead=(
                    "Satu hari berjalan kaki di kampung-kampung yang menata diri: mural, kebun "
                    "obat keluarga, dan warung yang dikelola ibu-ibu PKK."
                ),
                pillar="visitable",
                programmes=("kampung-wisata", "tangerang-berbenah"),
                authors=("yoga-prasetyo", "maya-anggraini"),
                tags=("wisata", "kampung tematik", "feature"),
                body=(
                    "Perjalanan dimulai pukul tujuh pagi, ketika gang-gang masih lengang dan "
                    "warga menyapu halaman. Di kampung pertama, mural bercerita tentang sejarah "
                    "kampung: sawah, banjir, lalu gotong royong yang mengubah segalanya.",
                    "Kampung kedua memilih tema herbal. Setiap rumah menanam jahe, kunyit, "
                    "serai dan sirih di pot-pot yang digantung di pagar. Hasilnya diolah "
                    "menjadi minuman yang dijual kepada pengunjung.",
                    ("h", "Warga sebagai tuan rumah"),
                    "Yang membuat kampung-kampung ini berbeda adalah tuan rumahnya. Tidak ada "
                    "loket atau gerbang megah: pengunjung disambut warga yang bercerita dengan "
                    "bangga tentang lingkungan mereka.",
                    (
                        "q",
                        "Kami tidak menjual pemandangan. Kami menjual cerita tentang bagaimana "
                        "kampung ini bangkit.",
                        "Hadi, ketua kelompok sadar wisata",
                    ),
                    "Kampung-kampung tematik dapat dikunjungi setiap hari. Rombongan dianjurkan "
                    "menghubungi pengelola sehari sebelumnya agar pemandu dapat disiapkan.",
                ),
                art=("kuning", "kampung"),
                caption="Mural dan rumah warna-warni di sebuah kampung tematik.",
                gallery=(
                    ("Kebun obat keluarga di pagar rumah warga.", "hijau", "trees"),
                    ("Warung produk warga di ujung gang.", "senja", "kampung"),
                ),
            ),
            DemoArticle(
                slug="cisadane-di-malam-hari",
                kicker="Festival Cisadane",
                title="Cisadane di Malam Hari: Kuliner dan Cahaya di Tepi Sungai",
                lead=(
                    "Ketika matahari terbenam, tepian Cisadane berubah menjadi ruang makan "
                    "terbuka dengan lampu-lampu yang memantul di permukaan sungai."
                ),
                pillar="visitable",
                programmes=("festival-cisadane", "tangerang-terang"),
                authors=("yoga-prasetyo",),
                tags=("kuliner", "cisadane", "wisata malam"),
                body=(
                    "Menjelang magrib, pedagang mulai menata meja di sepanjang jalur pejalan "
                    "kaki. Aroma sate, laksa dan kopi bercampur dengan angin sungai.",
                    "Penataan tepian sungai membuat kawasan ini aman dan nyaman di malam hari: "
                    "lampu taman, jalur landai untuk kursi roda, dan toilet umum yang terawat.",
                    ("h", "Ramai tanpa meninggalkan sampah"),
                    "Pedagang wajib menyediakan tempat sampah terpilah. Relawan berkeliling "
                    "mengingatkan pengunjung agar tidak membuang apa pun ke sungai.",
                    (
                        "q",
                        "Dulu tempat ini gelap dan sepi. Sekarang anak-anak muda nongkrong di "
                        "sini sampai malam.",
                        "Mang Ojak, pedagang kopi",
                    ),
                ),
                art=("malam", "festival"),
                caption="Lampu-lampu memantul di permukaan Sungai Cisadane pada malam hari.",
            ),
            DemoArticle(
                slug="panggung-budaya-nusantara-di-jantung-kota",
                kicker="Festival Budaya Nusantara",
                title="Panggung Budaya Nusantara di Jantung Kota",
                lead=(
                    "Paguyuban warga dari berbagai daerah menampilkan tari, musik dan kuliner "
                    "kampung halaman mereka dalam satu akhir pekan."
                ),
                pillar="visitable",
                programmes=("festival-budaya-nusantara",),
                authors=("maya-anggraini",),
                tags=("budaya", "festival"),
                body=(
                    "Kota Tangerang adalah rumah bagi warga dari seluruh Nusantara. Festival "
                    "Budaya Nusantara memberi mereka panggung untuk berbagi tradisi.",
                    "Selama dua hari, alun-alun menjadi peta Indonesia kecil: tari saman di satu "
                    "sudut, musik sasando di sudut lain, dan deretan stan kuliner daerah.",
                    ("h", "Belajar dari tetangga"),
                    "Lokakarya singkat mengajak pengunjung mencoba menari, menabuh gendang dan "
                    "memasak hidangan daerah bersama paguyuban.",
                    (
                        "q",
                        "Anak-anak kami lahir di Tangerang. Di sini mereka belajar asal-usul "
                        "orang tuanya.",
                        "Maria, paguyuban warga NTT",
                    ),
                ),
                art=("ungu", "festival"),
                caption="Penampilan tari daerah di panggung Festival Budaya Nusantara.",
            ),
        ),
    ),
    DemoEdition(
        slug="vol-6-no-10",
        age=1,
        volume=6,
        number=10,
        theme="Bergerak Bersama BRT",
        art=("ungu", "bus"),
        articles=(
            DemoArticle(
                slug="sehari-bersama-pramudi-trans-tangerang",
                kicker="BRT Trans Tangerang",
                title="Sehari Bersama Pramudi Trans Tangerang",
                lead=(
                    "Berangkat sebelum subuh, pulang setelah isya: cerita para pengemudi yang "
                    "mengantar ribuan warga setiap hari."
                ),
                pillar="liveable",
                programmes=("brt-trans-tangerang",),
                authors=("maya-anggraini", "bagus-hadiwijaya"),
                tags=("transportasi", "feature", "profil"),
                body=(
                    "Pukul empat pagi, pool bus sudah terang. Pramudi memeriksa rem, ban dan "
                    "pendingin udara sebelum bus pertama keluar pukul lima.",
                    "Sebagian pramudi adalah mantan sopir angkot yang beralih setelah trayek "
                    "mereka diintegrasikan. Mereka mendapat gaji tetap dan pelatihan.",
                    ("h", "Mengenal penumpang langganan"),
                    "Setelah bertahun-tahun di rute yang sama, pramudi hafal wajah penumpang: "
                    "pedagang pasar pagi, pelajar, pekerja pabrik, dan lansia ke puskesmas.",
                    (
                        "q",
                        "Kalau ada penumpang langganan yang tidak muncul beberapa hari, kami ikut "
                        "bertanya-tanya.",
                        "Pak Slamet, pramudi",
                    ),
                ),
                art=("senja", "bus"),
                caption="Pramudi memeriksa bus sebelum berangkat dari pool.",
            ),
            DemoArticle(
                slug="menata-trotoar-untuk-pejalan-kaki",
                kicker="Tangerang Berbenah",
                title="Dari Halte ke Halte: Menata Trotoar untuk Pejalan Kaki",
                lead=(
                    "Perjalanan dengan bus dimulai dan berakhir dengan berjalan kaki. Karena "
                    "itu trotoar menuju halte ikut dibenahi."
                ),
                pillar="liveable",
                programmes=("tangerang-berbenah", "brt-trans-tangerang"),
                authors=("rina-kusumawardani",),
                tags=("trotoar", "tata kota"),
                body=(
                    "Trotoar yang lebar, rata dan teduh membuat orang mau berjalan ke halte. "
                    "Itulah alasan penataan trotoar diprioritaskan di radius lima ratus meter "
                    "dari halte BRT.",
                    "Ubin pemandu untuk tunanetra dipasang, tiang yang menghalangi dipindahkan, "
                    "dan pohon peneduh ditanam setiap sepuluh meter.",
                    ("h", "Trotoar bukan tempat parkir"),
                    "Petugas rutin menertibkan kendaraan yang parkir di trotoar, sementara "
                    "pedagang kaki lima dipindahkan ke lokasi yang disediakan.",
                    (
                        "q",
                        "Dengan kursi roda saya sekarang bisa sampai halte sendiri.",
                        "Andi, warga Tangerang",
                    ),
                ),
                art=("teal", "city"),
                caption="Trotoar baru dengan ubin pemandu menuju halte.",
            ),
            DemoArticle(
                slug="satu-kartu-untuk-bus-kota",
                kicker="Tangerang Cerdas",
                title="Satu Kartu untuk Semua: Pembayaran Nontunai di Bus Kota",
                lead=(
                    "Penumpang cukup menempelkan kartu atau memindai kode QR; data perjalanan "
                    "membantu kota menyusun jadwal yang lebih tepat."
                ),
                pillar="e-city",
                programmes=("tangerang-cerdas", "brt-trans-tangerang"),
                authors=("nur-aini-rahmawati",),
                tags=("digital", "transportasi"),
                body=(
                    "Uang tunai tidak lagi diterima di bus kota. Penumpang membayar dengan "
                    "kartu uang elektronik atau kode QR dari aplikasi.",
                    "Setiap pembayaran mencatat halte naik, tanpa data pribadi penumpang. "
                    "Catatan ini dipakai untuk melihat jam dan halte tersibuk.",
                    ("h", "Jadwal mengikuti kebutuhan"),
                    "Dari data perjalanan, frekuensi bus di pagi hari ditambah dan rute yang "
                    "sepi disesuaikan.",
                    (
                        "q",
                        "Data membuat kami menaruh bus di tempat dan waktu yang tepat.",
                        "Dimas, analis transportasi kota",
                    ),
                ),
                art=("malam", "network"),
                caption="Penumpang menempelkan kartu di pintu bus.",
            ),
        ),
    ),
    DemoEdition(
        slug="vol-6-no-9",
        age=2,
        volume=6,
        number=9,
        theme="Kota Hijau, Kota Sejuk",
        art=("hijau", "trees"),
        articles=(
            DemoArticle(
                slug="taman-kota-ruang-tamu-warga",
                kicker="Tangerang Hijau",
                title="Taman Kota sebagai Ruang Tamu Warga",
                lead=(
                    "Taman-taman tematik menjadi tempat warga berolahraga, membaca, bermain "
                    "dan bertemu, dari pagi sampai malam."
                ),
                pillar="liveable",
                programmes=("tangerang-hijau",),
                authors=("maya-anggraini",),
                tags=("taman", "ruang publik", "feature"),
                body=(
                    "Pagi hari taman dipenuhi pelari dan senam lansia. Siang hari, anak-anak "
                    "bermain sepulang sekolah. Malam hari, keluarga duduk santai di bangku.",
                    "Setiap taman punya tema: taman baca, taman lansia, taman ramah anak. "
                    "Temanya dipilih bersama warga sekitar.",
                    ("h", "Dirawat bersama"),
                    "Komunitas warga ikut merawat taman: menyiram, melaporkan fasilitas rusak "
                    "dan mengadakan kegiatan akhir pekan.",
                    (
                        "q",
                        "Taman ini seperti ruang tamu kami. Di sini kami kenal tetangga.",
                        "Bu Tini, warga Karang Tengah",
                    ),
                ),
                art=("hijau", "trees"),
                caption="Warga berolahraga pagi di taman kota.",
            ),
            DemoArticle(
                slug="kolam-retensi-menabung-air-hujan",
                kicker="Usir Banjir",
                title="Kolam Retensi: Menabung Air Hujan, Mengusir Banjir",
                lead=(
                    "Kolam-kolam penampung menahan air hujan sebelum dialirkan pelan-pelan ke "
                    "sungai, sekaligus menjadi taman di musim kemarau."
                ),
                pillar="liveable",
                programmes=("usir-banjir", "tangerang-hijau"),
                authors=("rina-kusumawardani",),
                tags=("banjir", "infrastruktur"),
                body=(
                    "Saat hujan deras, saluran kota tidak sanggup mengalirkan semua air sekaligus. "
                    "Kolam retensi menampung kelebihan air itu untuk sementara.",
                    "Di musim kemarau, tepi kolam menjadi taman dengan jalur joging dan area "
                    "memancing, sehingga lahan yang luas tetap berguna bagi warga.",
                    ("h", "Sumur resapan di rumah warga"),
                    "Selain kolam, warga didorong membuat sumur resapan di halaman agar air "
                    "hujan meresap ke tanah, bukan langsung ke saluran.",
                    (
                        "q",
                        "Air hujan itu rezeki. Kalau ditabung dengan benar, tidak jadi banjir.",
                        "Gilang, perencana drainase kota",
                    ),
                ),
                art=("biru", "river"),
                caption="Kolam retensi yang juga menjadi taman warga.",
            ),
            DemoArticle(
                slug="sekolah-adiwiyata-tumbuh-di-setiap-kecamatan",
                kicker="Tangerang Hijau",
                title="Sekolah Adiwiyata Tumbuh di Setiap Kecamatan",
                lead=(
                    "Murid belajar memilah sampah, membuat kompos dan merawat kebun sekolah; "
                    "pelajaran lingkungan dibawa pulang ke rumah."
                ),
                pillar="liveable",
                programmes=("tangerang-hijau", "tangerang-cerdas"),
                authors=("nur-aini-rahmawati",),
                tags=("sekolah", "lingkungan", "pendidikan"),
                body=(
                    "Di halaman belakang sekolah, murid kelas lima memanen kangkung dari kebun "
                    "yang mereka tanam sendiri. Pupuknya berasal dari kompos sampah kantin.",
                    "Program sekolah peduli lingkungan kini ada di setiap kecamatan. Guru "
                    "mendapat pelatihan, dan sekolah saling berkunjung untuk berbagi cara.",
                    ("h", "Dari sekolah ke rumah"),
                    "Murid menjadi duta lingkungan di rumah: mengingatkan orang tua memilah "
                    "sampah dan menghemat air.",
                    (
                        "q",
                        "Sekarang anak saya yang menegur kalau saya buang sampah sembarangan.",
                        "Pak Herman, orang tua murid",
                    ),
                ),
                art=("teal", "trees"),
                caption="Murid merawat kebun sekolah.",
            ),
        ),
    ),
)
