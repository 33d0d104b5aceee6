"""Buletin Jumat, demo: three Friday issues with a sermon summary and city notices."""

from .content import DemoArticle, DemoEdition

EDITIONS = (
    DemoEdition(
        slug="kebersihan-sebagian-dari-iman",
        age=0,
        theme="Kebersihan Sebagian dari Iman",
        preacher="Ustaz H. Mahmud Syarifuddin",
        art=("teal", "mosque"),
        articles=(
            DemoArticle(
                slug="ringkasan-khutbah-kebersihan-sebagian-dari-iman",
                kicker="Ringkasan Khutbah",
                title="Kebersihan Sebagian dari Iman",
                lead=(
                    "Menjaga kebersihan diri, rumah dan lingkungan adalah bagian dari ibadah "
                    "dan tanda kepedulian kepada sesama."
                ),
                pillar="liveable",
                programmes=("akhlakul-karimah", "tangerang-bersih"),
                authors=("mahmud-syarifuddin",),
                tags=("khutbah", "kebersihan"),
                body=(
                    "Jamaah yang dirahmati Allah, kebersihan bukan sekadar urusan penampilan. "
                    "Kebersihan adalah cermin hati yang tertata dan rasa hormat kepada orang "
                    "lain yang berbagi ruang dengan kita.",
                    "Rumah yang bersih menjaga keluarga dari penyakit. Lingkungan yang bersih "
                    "menjaga tetangga. Sungai yang bersih menjaga orang-orang di hilir yang "
                    "tidak pernah kita kenal.",
                    ("h", "Dimulai dari hal kecil"),
                    "Membuang sampah pada tempatnya, memilah sampah di rumah, dan tidak "
                    "membuang apa pun ke saluran air adalah amal yang ringan namun besar "
                    "manfaatnya.",
                    (
                        "q",
                        "Kebersihan lingkungan adalah amanah bersama, dan setiap kita akan "
                        "dimintai pertanggungjawaban atas amanah itu.",
                        "Ustaz H. Mahmud Syarifuddin",
                    ),
                ),
                art=("teal", "mosque"),
                caption="Masjid yang bersih dan asri menyambut jamaah salat Jumat.",
            ),
            DemoArticle(
                slug="gerakan-jumat-bersih-di-lingkungan-masjid",
                kicker="Kabar Masjid",
                title="Gerakan Jumat Bersih di Lingkungan Masjid",
                lead=(
                    "Pengurus masjid dan warga membersihkan halaman, tempat wudu dan saluran "
                    "di sekitar masjid setiap Jumat pagi."
                ),
                pillar="liveable",
                programmes=("tangerang-bersih",),
                authors=("mahmud-syarifuddin",),
                tags=("masjid", "kebersihan", "gotong royong"),
                body=(
                    "Sejak pukul tujuh pagi, pengurus masjid dan warga sekitar bergotong royong. "
                    "Ada yang menyapu halaman, ada yang menyikat lantai tempat wudu.",
                    "Sampah dipilah: plastik dikumpulkan untuk bank sampah, daun kering diolah "
                    "menjadi kompos untuk taman masjid.",
                    ("h", "Ajakan untuk semua masjid"),
                    "Gerakan ini terbuka bagi semua masjid dan musala. Pengurus yang ingin "
                    "bergabung dapat menghubungi kantor kelurahan untuk mendapat alat kebersihan.",
                    (
                        "q",
                        "Jamaah jadi lebih nyaman, dan anak-anak muda ikut terlibat.",
                        "Ahmad, pengurus masjid",
                    ),
                ),
                art=("hijau", "mosque"),
                caption="Warga membersihkan halaman masjid pada Jumat pagi.",
            ),
            DemoArticle(
                slug="info-kota-layanan-kesehatan-gratis-pekan-ini",
                kicker="Info Kota",
                title="Info Kota: Pemeriksaan Kesehatan Gratis Pekan Ini",
                lead=(
                    "Puskesmas keliling membuka pemeriksaan tekanan darah, gula darah dan "
                    "konsultasi gizi di halaman masjid selepas salat Jumat."
                ),
                pillar="liveable",
                programmes=("tangerang-sehat",),
                authors=("nur-aini-rahmawati",),
                tags=("info kota", "kesehatan"),
                body=(
                    "Puskesmas keliling akan hadir di beberapa masjid pekan ini. Pemeriksaan "
                    "tidak dipungut biaya dan cukup membawa kartu identitas.",
                    "Jamaah lanjut usia dianjurkan memeriksakan tekanan darah dan gula darah "
                    "secara rutin.",
                    ("h", "Cara mendaftar"),
                    "Pendaftaran dilakukan di tempat. Jadwal lengkap diumumkan oleh pengurus "
                    "masjid masing-masing.",
                    (
                        "q",
                        "Pemeriksaan rutin membantu kita mengenali penyakit sebelum terlambat.",
                        "Dokter puskesmas keliling",
                    ),
                ),
                art=("biru", "city"),
                caption="Layanan puskesmas keliling di halaman masjid.",
            ),
        ),
    ),
    DemoEdition(
        slug="menjaga-air-menjaga-kehidupan",
        age=1,
        theme="Menjaga Air, Menjaga Kehidupan",
        preacher="Ustazah Hj. Nurul Hidayah",
        art=("biru", "water"),
        articles=(
            DemoArticle(
                slug="ringkasan-khutbah-air-sebagai-amanah",
                kicker="Ringkasan Khutbah",
                title="Air sebagai Amanah",
                lead=(
                    "Air adalah sumber kehidupan. Menghemat dan menjaganya tetap bersih adalah "
                    "wujud syukur atas nikmat yang diberikan."
                ),
                pillar="liveable",
                programmes=("air-bersih", "akhlakul-karimah"),
                authors=("mahmud-syarifuddin",),
                tags=("khutbah", "air"),
                body=(
                    "Jamaah yang dimuliakan Allah, setiap hari kita menggunakan air untuk "
                    "berwudu, memasak dan membersihkan diri. Betapa sering kita lupa bahwa air "
                    "yang bersih adalah nikmat yang tidak dimiliki semua orang.",
                    "Berwudu secukupnya, menutup keran yang menetes, dan tidak mencemari "
                    "sungai adalah cara sederhana mensyukuri nikmat itu.",
                    ("h", "Hemat walau berlimpah"),
                    "Sikap hemat tidak hanya berlaku saat air sulit didapat. Justru ketika air "
                    "mengalir lancar, kita diuji untuk tidak berlebih-lebihan.",
                    (
                        "q",
                        "Menjaga air berarti menjaga kehidupan anak cucu kita.",
                        "Ustazah Hj. Nurul Hidayah",
                    ),
                ),
                art=("biru", "water"),
                caption="Tempat wudu hemat air di sebuah masjid.",
            ),
            DemoArticle(
                slug="sumur-resapan-di-halaman-masjid",
                kicker="Kabar Masjid",
                title="Sumur Resapan di Halaman Masjid",
                lead=(
                    "Air bekas wudu dan air hujan dari atap masjid dialirkan ke sumur resapan, "
                    "mengurangi genangan di jalan sekitar."
                ),
                pillar="liveable",
                programmes=("usir-banjir", "air-bersih"),
                authors=("rina-kusumawardani",),
                tags=("masjid", "banjir", "air"),
                body=(
                    "Beberapa masjid kini membuat sumur resapan di halaman. Air hujan dari atap "
                    "dan air bekas wudu tidak lagi langsung mengalir ke jalan.",
                    "Air yang meresap menambah cadangan air tanah dan mengurangi beban saluran "
                    "kota saat hujan deras.",
                    ("h", "Bantuan teknis dari kota"),
                    "Petugas kota membantu menghitung ukuran sumur yang sesuai dengan luas atap "
                    "dan kondisi tanah.",
                    (
                        "q",
                        "Dulu jalan depan masjid selalu tergenang. Sekarang kering.",
                        "Bapak Rohman, marbot masjid",
                    ),
                ),
                art=("teal", "river"),
                caption="Pembuatan sumur resapan di halaman masjid.",
            ),
            DemoArticle(
                slug="info-kota-pendaftaran-sambungan-air-bersih",
                kicker="Info Kota",
                title="Info Kota: Pendaftaran Sambungan Air Bersih Dibuka",
                lead=(
                    "Warga yang belum tersambung air perpipaan dapat mendaftar melalui "
                    "kelurahan; keluarga berpenghasilan rendah mendapat keringanan biaya."
                ),
                pillar="liveable",
                programmes=("air-bersih",),
                authors=("nur-aini-rahmawati",),
                tags=("info kota", "air bersih"),
                body=(
                    "Pendaftaran sambungan air bersih dibuka untuk wilayah yang jaringan "
                    "pipanya sudah tersedia.",
                    "Syarat pendaftaran cukup kartu keluarga dan bukti kepemilikan atau izin "
                    "penggunaan rumah.",
                    ("h", "Keringanan biaya"),
                    "Keluarga yang terdaftar sebagai penerima bantuan sosial mendapat "
                    "keringanan biaya pemasangan.",
                    (
                        "q",
                        "Daftarlah lewat kelurahan; petugas akan datang untuk survei.",
                        "Petugas layanan pelanggan air bersih",
                    ),
                ),
                art=("biru", "water"),
                caption="Petugas memasang meteran air di rumah warga.",
            ),
        ),
    ),
    DemoEdition(
        slug="tertib-di-jalan-sebagai-akhlak",
        age=2,
        theme="Tertib di Jalan sebagai Akhlak",
        preacher="Ustaz Dr. Ahmad Fauzan",
        art=("merah", "city"),
        articles=(
            DemoArticle(
                slug="ringkasan-khutbah-akhlak-berlalu-lintas",
                kicker="Ringkasan Khutbah",
                title="Akhlak Berlalu Lintas",
                lead=(
                    "Jalan raya adalah ruang bersama. Sabar, mendahulukan pejalan kaki dan "
                    "menaati rambu adalah akhlak seorang muslim di jalan."
                ),
                pillar="liveable",
                programmes=("tangerang-tertib", "akhlakul-karimah"),
                authors=("mahmud-syarifuddin",),
                tags=("khutbah", "lalu lintas"),
                body=(
                    "Jamaah yang berbahagia, akhlak tidak hanya tampak di masjid. Akhlak kita "
                    "juga diuji di jalan raya, ketika lampu merah terasa lama dan jalan macet.",
                    "Memberi jalan kepada pejalan kaki, tidak melawan arus, dan tidak parkir "
                    "sembarangan adalah bentuk menghormati hak orang lain.",
                    ("h", "Sabar adalah keselamatan"),
                    "Terburu-buru di jalan sering berujung celaka. Kesabaran beberapa menit "
                    "dapat menyelamatkan nyawa kita dan orang lain.",
                    (
                        "q",
                        "Tertib di jalan adalah sedekah keselamatan bagi sesama pengguna jalan.",
                        "Ustaz Dr. Ahmad Fauzan",
                    ),
                ),
                art=("merah", "city"),
                caption="Pengendara berhenti di garis lampu merah.",
            ),
            DemoArticle(
                slug="berbagi-lewat-sedekah-makanan-jumat",
                kicker="Kabar Masjid",
                title="Berbagi Lewat Sedekah Makanan Jumat",
                lead=(
                    "Setiap Jumat, warga menitipkan nasi kotak di rak berbagi masjid untuk "
                    "pengemudi ojek, petugas kebersihan dan siapa pun yang membutuhkan."
                ),
                pillar="liveable",
                programmes=("akhlakul-karimah",),
                authors=("mahmud-syarifuddin",),
                tags=("masjid", "sedekah", "kepedulian"),
                body=(
                    "Rak kayu di serambi masjid selalu penuh sebelum salat Jumat. Warga "
                    "menitipkan nasi kotak, buah dan air minum.",
                    "Siapa pun boleh mengambil seperlunya. Yang paling sering datang adalah "
                    "pengemudi ojek, petugas kebersihan dan pekerja harian.",
                    ("h", "Tanpa daftar, tanpa nama"),
                    "Tidak ada pencatatan siapa yang memberi dan siapa yang mengambil. Yang "
                    "dijaga hanya kebersihan dan kelayakan makanan.",
                    (
                        "q",
                        "Memberi tanpa diketahui membuat hati tenang.",
                        "Ibu Halimah, warga yang rutin berbagi",
                    ),
                ),
                art=("kuning", "mosque"),
                caption="Rak berbagi makanan di serambi masjid.",
            ),
            DemoArticle(
                slug="info-kota-magrib-mengaji-di-kampung",
                kicker="Info Kota",
                title="Info Kota: Gerakan Magrib Mengaji di Kampung",
                lead=(
                    "Selepas magrib, televisi dan ponsel dimatikan; anak-anak belajar mengaji "
                    "di musala bersama guru ngaji kampung."
                ),
                pillar="liveable",
                programmes=("akhlakul-karimah", "tangerang-cerdas"),
                authors=("nur-aini-rahmawati",),
                tags=("info kota", "pendidikan", "mengaji"),
                body=(
                    "Gerakan magrib mengaji mengajak keluarga menyisihkan waktu selepas magrib "
                    "untuk belajar mengaji dan membaca bersama.",
                    "Guru ngaji kampung mendapat insentif dan pelatihan metode mengajar.",
                    ("h", "Cara bergabung"),
                    "Musala yang ingin bergabung dapat mendaftar di kantor kecamatan. Orang tua "
                    "dapat menanyakan jadwal kepada pengurus musala terdekat.",
                    (
                        "q",
                        "Anak-anak lebih dekat dengan orang tua dan tetangga.",
                        "Ustazah Fitri, guru ngaji",
                    ),
                ),
                art=("malam", "mosque"),
                caption="Anak-anak belajar mengaji di musala selepas magrib.",
            ),
        ),
    ),
)
