"""Every network's rules, as the author sees them: one row per rule, at and over each limit."""

import pytest

from campaigns.networks.base import Draft
from campaigns.networks.registry import adapter_for
from campaigns.validation import Target, check

LINK = "https://bentengkota.id/koran/2026/11/festival-cisadane-dibuka-sabtu-ini-di-tepi-sungai/"
EMOJI = "\U0001f6a3"  # rowing boat: weighs 2 on X


@pytest.mark.parametrize(
    ("network", "draft", "expected"),
    [
        # Instagram: an image, caption length, hashtags, mentions, carousel size
        ("instagram", Draft("Halo", image_count=1), []),
        ("instagram", Draft("Halo"), ["Instagram: wajib ada minimal satu gambar."]),
        (
            "instagram",
            Draft("Halo", image_count=11),
            ["Instagram: paling banyak 10 gambar (carousel)."],
        ),
        ("instagram", Draft("a" * 2200, image_count=1), []),
        (
            "instagram",
            Draft("a" * 2201, image_count=1),
            ["Instagram: keterangan 2201 karakter, batasnya 2200."],
        ),
        ("instagram", Draft("a" * 2200, link=LINK, image_count=1), []),  # link not in caption
        ("instagram", Draft(" ".join(f"#t{i}" for i in range(30)), image_count=1), []),
        (
            "instagram",
            Draft(" ".join(f"#t{i}" for i in range(31)), image_count=1),
            ["Instagram: 31 tagar, batasnya 30."],
        ),
        ("instagram", Draft(" ".join(f"@akun{i}" for i in range(20)), image_count=1), []),
        (
            "instagram",
            Draft(" ".join(f"@akun{i}" for i in range(21)), image_count=1),
            ["Instagram: 21 sebutan @akun, batasnya 20."],
        ),
        # Facebook: something to post, 63,206 characters
        ("facebook", Draft("", link=LINK), []),
        ("facebook", Draft("", image_count=1), []),
        ("facebook", Draft("  "), ["Facebook: tulis teks, tautan, atau pilih gambar."]),
        ("facebook", Draft("a" * 63_206), []),
        ("facebook", Draft("a" * 63_207), ["Facebook: teks 63,207 karakter, batasnya 63,206."]),
        # X: weighted length (a URL is 23, an emoji 2), not empty, at most 4 images
        ("x", Draft("a" * 280), []),
        (
            "x",
            Draft("a" * 281),
            ["X: 281 karakter berbobot (tautan dihitung 23, emoji 2), batasnya 280."],
        ),
        ("x", Draft(EMOJI * 140), []),
        (
            "x",
            Draft(EMOJI * 141),
            ["X: 282 karakter berbobot (tautan dihitung 23, emoji 2), batasnya 280."],
        ),
        ("x", Draft("a" * 255, link=LINK), []),  # 255 + 2 newlines + 23 for the link
        (
            "x",
            Draft("a" * 256, link=LINK),
            ["X: 281 karakter berbobot (tautan dihitung 23, emoji 2), batasnya 280."],
        ),
        ("x", Draft(""), ["X: teks tidak boleh kosong."]),
        ("x", Draft("Halo", image_count=4), []),
        ("x", Draft("Halo", image_count=5), ["X: paling banyak 4 gambar."]),
        # Telegram: 4,096 as a message, 1,024 as a caption, 10 images, not empty
        ("telegram", Draft("a" * 4096), []),
        ("telegram", Draft("a" * 4097), ["Telegram: pesan 4097 karakter, batasnya 4096."]),
        ("telegram", Draft("a" * 1024, image_count=1), []),
        (
            "telegram",
            Draft("a" * 1025, image_count=1),
            ["Telegram: keterangan gambar 1025 karakter, batasnya 1024 (tanpa gambar 4096)."],
        ),
        (
            "telegram",
            Draft("a" * (1024 - len(LINK) - 1), link=LINK, image_count=1),  # link joins text
            [
                "Telegram: keterangan gambar 1025 karakter, batasnya 1024 (tanpa gambar 4096).",
            ],
        ),
        ("telegram", Draft("", image_count=1), []),
        ("telegram", Draft(""), ["Telegram: tulis teks atau pilih gambar."]),
        ("telegram", Draft("Halo", image_count=11), ["Telegram: paling banyak 10 gambar."]),
        # Webhook: not empty, 65,536 characters
        ("webhook", Draft("Halo"), []),
        ("webhook", Draft(""), ["Webhook: teks tidak boleh kosong."]),
        ("webhook", Draft("a" * 65_537), ["Webhook: teks 65,537 karakter, batasnya 65,536."]),
    ],
)
def test_network_rule(network, draft, expected):
    assert adapter_for(network).validate(draft) == expected


def test_several_broken_rules_are_all_reported_at_once():
    # given a caption without an image that breaks every caption rule too
    draft = Draft("#a " * 31 + "@b " * 21 + "x" * 2200)
    # when it is checked
    errors = adapter_for("instagram").validate(draft)
    # then the author sees each of them, not just the first
    assert errors == [
        "Instagram: wajib ada minimal satu gambar.",
        "Instagram: keterangan 2356 karakter, batasnya 2200.",
        "Instagram: 31 tagar, batasnya 30.",
        "Instagram: 21 sebutan @akun, batasnya 20.",
    ]


def test_messages_name_the_account_when_a_post_goes_to_several():
    # given one text for an Instagram and an X account, without an image
    targets = [
        Target("instagram", "Instagram @tangerangkota", "a" * 300),
        Target("x", "X @tangerangkota", "a" * 300),
    ]
    # when the post is checked
    errors = check(targets, link="", image_count=0)
    # then each message names the account it is about
    assert errors == [
        "Instagram: wajib ada minimal satu gambar. (Instagram @tangerangkota)",
        "X: 300 karakter berbobot (tautan dihitung 23, emoji 2), batasnya 280. (X @tangerangkota)",
    ]
