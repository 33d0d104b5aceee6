"""The measuring half of the campaign desk, moved here from ``campaigns`` with its tables.

The tables exist already (created by campaigns' migrations 0005 to 0020, with their rows):
this migration only tells Django's state that the models now live in ``insights``, under
their old table names (``db_table``), and changes nothing in the database. campaigns' 0021
then removes them from campaigns' state, and 0002 here moves their content types (and so
the permissions groups hold) to this app."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("campaigns", "0020_post_peaks"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="KeywordRule",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "phrase",
                            models.CharField(max_length=120, unique=True, verbose_name="frasa"),
                        ),
                        (
                            "not_followed_by",
                            models.CharField(
                                blank=True,
                                help_text="Kata yang membatalkan kecocokan bila tepat mengikuti frasa, dipisah koma. Mis. frasa “Kota Tangerang” kecuali diikuti “Selatan”.",
                                max_length=200,
                                verbose_name="kecuali diikuti",
                            ),
                        ),
                        ("is_active", models.BooleanField(default=True, verbose_name="aktif")),
                    ],
                    options={
                        "verbose_name": "kata kunci",
                        "verbose_name_plural": "kata kunci",
                        "db_table": "campaigns_keywordrule",
                        "ordering": ["phrase"],
                    },
                ),
                migrations.CreateModel(
                    name="Outlet",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(
                                max_length=120, unique=True, verbose_name="nama media"
                            ),
                        ),
                        (
                            "feed_url",
                            models.URLField(
                                blank=True, max_length=500, verbose_name="URL RSS/Atom"
                            ),
                        ),
                        (
                            "audience_estimate",
                            models.PositiveBigIntegerField(
                                default=0,
                                help_text="Untuk jangkauan potensial (batas atas, bukan jumlah orang yang membaca).",
                                verbose_name="perkiraan audiens",
                            ),
                        ),
                        (
                            "audience_source",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="sumber angka audiens"
                            ),
                        ),
                        (
                            "is_mainstream",
                            models.BooleanField(
                                default=True,
                                help_text="Hanya pemberitaan media arus utama yang dihitung untuk angka Pemberitaan dan targetnya. Matikan untuk blog, agregator atau akun komunitas.",
                                verbose_name="media arus utama",
                            ),
                        ),
                        ("is_active", models.BooleanField(default=True, verbose_name="aktif")),
                        (
                            "last_polled_at",
                            models.DateTimeField(blank=True, editable=False, null=True),
                        ),
                        (
                            "last_status",
                            models.CharField(blank=True, editable=False, max_length=20),
                        ),
                        ("last_error", models.TextField(blank=True, editable=False)),
                    ],
                    options={
                        "verbose_name": "media",
                        "verbose_name_plural": "media",
                        "db_table": "campaigns_outlet",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="PeerAccount",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "handle",
                            models.CharField(
                                max_length=100, unique=True, verbose_name="username Instagram"
                            ),
                        ),
                        ("display_name", models.CharField(max_length=120, verbose_name="nama")),
                        (
                            "peer_set",
                            models.CharField(
                                default="kota-pembanding-2026",
                                max_length=60,
                                verbose_name="kelompok pembanding",
                            ),
                        ),
                        (
                            "is_canary",
                            models.BooleanField(
                                default=False,
                                help_text="Profil publik yang dikenal baik: bila gagal dibaca, pustaka perlu diperbarui.",
                                verbose_name="kanari",
                            ),
                        ),
                        ("is_active", models.BooleanField(default=True, verbose_name="aktif")),
                    ],
                    options={
                        "verbose_name": "akun pembanding",
                        "verbose_name_plural": "akun pembanding",
                        "db_table": "campaigns_peeraccount",
                        "ordering": ["peer_set", "handle"],
                    },
                ),
                migrations.CreateModel(
                    name="DailyRollup",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "subject_type",
                            models.CharField(
                                choices=[
                                    ("office", "Seluruh kantor"),
                                    ("campaign", "Kampanye"),
                                    ("account", "Akun kita"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("subject_id", models.BigIntegerField()),
                        (
                            "metric",
                            models.CharField(
                                choices=[
                                    ("followers", "Pengikut"),
                                    ("following", "Mengikuti"),
                                    ("media_count", "Jumlah unggahan"),
                                    ("members", "Anggota kanal"),
                                    ("reach", "Jangkauan (reach)"),
                                    ("views", "Tayangan (views)"),
                                    ("likes", "Suka"),
                                    ("comments", "Komentar"),
                                    ("shares", "Bagikan"),
                                    ("saves", "Simpan"),
                                    ("replies", "Balasan"),
                                    ("total_interactions", "Total interaksi"),
                                    ("video_views", "Tayangan video"),
                                    ("profile_links_taps", "Ketuk tautan profil"),
                                    ("page_views", "Kunjungan halaman"),
                                    ("link_clicks", "Klik tautan"),
                                    ("mentions", "Pemberitaan"),
                                ],
                                max_length=30,
                            ),
                        ),
                        ("day", models.DateField()),
                        ("value", models.BigIntegerField()),
                        ("subjects", models.IntegerField()),
                    ],
                    options={
                        "verbose_name": "rekap harian metrik",
                        "verbose_name_plural": "rekap harian metrik",
                        "db_table": "campaigns_dailyrollup",
                        "indexes": [
                            models.Index(
                                fields=["subject_type", "metric", "subject_id", "day", "value"],
                                name="rollup_metric_subject_idx",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("subject_type", "subject_id", "metric", "day"),
                                name="one_rollup_per_subject_metric_day",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="OutcomeFigure",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("name", models.CharField(max_length=200, verbose_name="ukuran")),
                        (
                            "level",
                            models.CharField(
                                choices=[
                                    ("outcome", "Hasil (outcome)"),
                                    ("impact", "Dampak (impact)"),
                                ],
                                max_length=10,
                                verbose_name="tingkat",
                            ),
                        ),
                        ("period_start", models.DateField(verbose_name="periode mulai")),
                        ("period_end", models.DateField(verbose_name="periode selesai")),
                        (
                            "value",
                            models.DecimalField(
                                decimal_places=2, max_digits=16, verbose_name="nilai"
                            ),
                        ),
                        (
                            "unit",
                            models.CharField(blank=True, max_length=60, verbose_name="satuan"),
                        ),
                        ("source", models.CharField(max_length=300, verbose_name="sumber")),
                        ("method", models.TextField(blank=True, verbose_name="cara pengukuran")),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="dibuat"),
                        ),
                        (
                            "campaign",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="outcomes",
                                to="campaigns.campaign",
                                verbose_name="kampanye",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "angka hasil dan dampak",
                        "verbose_name_plural": "angka hasil dan dampak",
                        "db_table": "campaigns_outcomefigure",
                        "ordering": ["name", "period_start"],
                    },
                ),
                migrations.CreateModel(
                    name="PostPeak",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("subject_id", models.BigIntegerField()),
                        (
                            "metric",
                            models.CharField(
                                choices=[
                                    ("followers", "Pengikut"),
                                    ("following", "Mengikuti"),
                                    ("media_count", "Jumlah unggahan"),
                                    ("members", "Anggota kanal"),
                                    ("reach", "Jangkauan (reach)"),
                                    ("views", "Tayangan (views)"),
                                    ("likes", "Suka"),
                                    ("comments", "Komentar"),
                                    ("shares", "Bagikan"),
                                    ("saves", "Simpan"),
                                    ("replies", "Balasan"),
                                    ("total_interactions", "Total interaksi"),
                                    ("video_views", "Tayangan video"),
                                    ("profile_links_taps", "Ketuk tautan profil"),
                                    ("page_views", "Kunjungan halaman"),
                                    ("link_clicks", "Klik tautan"),
                                    ("mentions", "Pemberitaan"),
                                ],
                                max_length=30,
                            ),
                        ),
                        ("campaign_id", models.BigIntegerField()),
                        ("first_day", models.DateField()),
                        ("last_day", models.DateField()),
                        ("peak", models.BigIntegerField()),
                    ],
                    options={
                        "verbose_name": "puncak metrik unggahan",
                        "verbose_name_plural": "puncak metrik unggahan",
                        "db_table": "campaigns_postpeak",
                        "indexes": [
                            models.Index(
                                fields=["campaign_id", "metric"], name="post_peak_campaign_idx"
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("subject_id", "metric", "campaign_id"),
                                name="one_peak_per_post_metric",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="TrackedLink",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("code", models.CharField(max_length=16, unique=True)),
                        ("target_url", models.URLField(max_length=1000)),
                        ("network", models.CharField(blank=True, max_length=20)),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="dibuat"),
                        ),
                        (
                            "campaign",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="campaigns.campaign",
                            ),
                        ),
                        (
                            "delivery",
                            models.OneToOneField(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="tracked_link",
                                to="campaigns.delivery",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "tautan terlacak",
                        "verbose_name_plural": "tautan terlacak",
                        "db_table": "campaigns_trackedlink",
                    },
                ),
                migrations.CreateModel(
                    name="CollectionRun",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "collector",
                            models.CharField(
                                choices=[
                                    ("instagram_public", "Instagram publik (instaloader)"),
                                    ("canary", "Kanari instaloader"),
                                    ("instagram_insights", "Insights Instagram"),
                                    ("facebook_insights", "Insights Facebook"),
                                    ("x_metrics", "Metrik X"),
                                    ("telegram_members", "Anggota Telegram"),
                                    ("site_traffic", "Kunjungan dan klik situs"),
                                    ("news_feeds", "Umpan berita (kliping)"),
                                    ("alerts", "Peringatan"),
                                ],
                                max_length=30,
                            ),
                        ),
                        (
                            "subject",
                            models.CharField(blank=True, max_length=200, verbose_name="subjek"),
                        ),
                        ("started_at", models.DateTimeField()),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("running", "Berjalan"),
                                    ("ok", "Berhasil"),
                                    ("partial", "Sebagian"),
                                    ("failed", "Gagal"),
                                    ("rate_limited", "Dibatasi platform (dicoba lagi)"),
                                ],
                                default="running",
                                max_length=20,
                            ),
                        ),
                        ("samples_written", models.PositiveIntegerField(default=0)),
                        ("message", models.TextField(blank=True)),
                        (
                            "account",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="campaigns.socialaccount",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "proses pengumpulan",
                        "verbose_name_plural": "proses pengumpulan",
                        "db_table": "campaigns_collectionrun",
                        "ordering": ["-started_at", "-pk"],
                        "permissions": [("run_collector", "Menjalankan pengumpul sekarang")],
                        "indexes": [
                            models.Index(
                                fields=["collector", "-started_at"], name="run_collector_idx"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="MetricSample",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "subject_kind",
                            models.CharField(
                                choices=[
                                    ("account", "Akun kita"),
                                    ("peer", "Akun pembanding"),
                                    ("delivery", "Unggahan kita"),
                                    ("page", "Halaman situs"),
                                    ("link", "Tautan terlacak"),
                                    ("office", "Seluruh kantor"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("subject_id", models.BigIntegerField()),
                        (
                            "metric",
                            models.CharField(
                                choices=[
                                    ("followers", "Pengikut"),
                                    ("following", "Mengikuti"),
                                    ("media_count", "Jumlah unggahan"),
                                    ("members", "Anggota kanal"),
                                    ("reach", "Jangkauan (reach)"),
                                    ("views", "Tayangan (views)"),
                                    ("likes", "Suka"),
                                    ("comments", "Komentar"),
                                    ("shares", "Bagikan"),
                                    ("saves", "Simpan"),
                                    ("replies", "Balasan"),
                                    ("total_interactions", "Total interaksi"),
                                    ("video_views", "Tayangan video"),
                                    ("profile_links_taps", "Ketuk tautan profil"),
                                    ("page_views", "Kunjungan halaman"),
                                    ("link_clicks", "Klik tautan"),
                                    ("mentions", "Pemberitaan"),
                                ],
                                max_length=30,
                            ),
                        ),
                        ("day", models.DateField()),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("instaloader", "Instagram publik (instaloader)"),
                                    ("graph", "Graph API (Instagram/Facebook)"),
                                    ("x", "X API"),
                                    ("telegram", "Telegram Bot API"),
                                    ("site", "Situs (penghitung sendiri)"),
                                    ("links", "Tautan terlacak"),
                                    ("clippings", "Kliping media"),
                                    ("manual", "Dimasukkan manual"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("value", models.BigIntegerField()),
                        (
                            "status",
                            models.CharField(
                                choices=[("ok", "Lengkap"), ("partial", "Sebagian")],
                                default="ok",
                                max_length=10,
                            ),
                        ),
                        ("network", models.CharField(blank=True, max_length=20)),
                        ("collected_at", models.DateTimeField()),
                        (
                            "account",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="campaigns.socialaccount",
                            ),
                        ),
                        (
                            "campaign",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="campaigns.campaign",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "sampel metrik",
                        "verbose_name_plural": "sampel metrik",
                        "db_table": "campaigns_metricsample",
                        "indexes": [
                            models.Index(fields=["metric", "day"], name="sample_metric_day_idx"),
                            models.Index(
                                fields=[
                                    "metric",
                                    "subject_kind",
                                    "day",
                                    "subject_id",
                                    "value",
                                    "network",
                                ],
                                name="sample_metric_kind_day_idx",
                            ),
                            models.Index(
                                fields=["campaign", "metric", "day"], name="sample_campaign_idx"
                            ),
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("subject_kind", "subject_id", "metric", "day", "source"),
                                name="one_sample_per_subject_metric_day_source",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Clipping",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("url", models.URLField(max_length=1000, unique=True, verbose_name="URL")),
                        ("title", models.CharField(max_length=500, verbose_name="judul")),
                        ("summary", models.TextField(blank=True, verbose_name="ringkasan")),
                        ("published_at", models.DateTimeField(verbose_name="terbit")),
                        (
                            "matched_keywords",
                            models.CharField(
                                blank=True, max_length=500, verbose_name="kata kunci cocok"
                            ),
                        ),
                        (
                            "tone",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "Belum dinilai"),
                                    ("positive", "Positif"),
                                    ("neutral", "Netral"),
                                    ("negative", "Negatif"),
                                ],
                                default="",
                                max_length=10,
                                verbose_name="nada",
                            ),
                        ),
                        (
                            "is_manual",
                            models.BooleanField(
                                default=False, editable=False, verbose_name="dimasukkan manual"
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="dibuat"),
                        ),
                        (
                            "campaign",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="clippings",
                                to="campaigns.campaign",
                                verbose_name="kampanye",
                            ),
                        ),
                        (
                            "tone_set_by",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "outlet",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="clippings",
                                to="insights.outlet",
                                verbose_name="media",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kliping",
                        "verbose_name_plural": "kliping",
                        "db_table": "campaigns_clipping",
                        "ordering": ["-published_at"],
                        "indexes": [
                            models.Index(fields=["published_at"], name="clipping_published_idx")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ReportSubscription",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="dibuat"),
                        ),
                        ("last_sent_week", models.DateField(blank=True, null=True)),
                        (
                            "campaign",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="subscriptions",
                                to="campaigns.campaign",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="report_subscriptions",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "langganan laporan mingguan",
                        "verbose_name_plural": "langganan laporan mingguan",
                        "db_table": "campaigns_reportsubscription",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "campaign"), name="one_subscription_each"
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="TrafficEvent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[("view", "Kunjungan halaman"), ("click", "Klik tautan")],
                                max_length=5,
                            ),
                        ),
                        ("occurred_at", models.DateTimeField()),
                        ("page_id", models.IntegerField(blank=True, null=True)),
                        (
                            "link",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="events",
                                to="insights.trackedlink",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "peristiwa kunjungan",
                        "verbose_name_plural": "peristiwa kunjungan",
                        "db_table": "campaigns_trafficevent",
                        "indexes": [
                            models.Index(
                                fields=["kind", "occurred_at"], name="traffic_kind_time_idx"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        )
    ]
