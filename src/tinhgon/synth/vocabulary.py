"""The shape of the generated nation: dates, shares and the vocabulary of names, ages,
education, occupations and ethnic groups the generator draws from (docs/developer/synth.md)."""

from __future__ import annotations

import datetime as dt

D = dt.date
ON = D(2025, 12, 31)  # the date of the tables (the year-end report)
REFORM = D(2025, 7, 1)  # every organization below the root is valid from this day
FOUNDED = D(1930, 2, 3)

GRASSROOTS_SHARE = 0.01  # members in grassroots cells directly under a provincial committee
NEW_SHARE = 0.028  # admitted in the 12 months before ON: probationary on ON
ENDED_SHARE = 0.015  # extra memberships ended between REFORM and ON
TRANSFER_SHARE = 0.01  # members who moved between two cells of their commune after REFORM
TEMPORARY_SHARE = 0.005  # members also temporarily attached to another cell on ON
FEMALE_SHARE = 0.38
MINORITY_SHARE = 0.07

SURNAMES = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9.5),
    ("Phạm", 7),
    ("Hoàng", 3),
    ("Huỳnh", 2),
    ("Phan", 4.5),
    ("Vũ", 2),
    ("Võ", 2),
    ("Đặng", 2.1),
    ("Bùi", 2),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1),
    ("Lý", 0.5),
    ("Đinh", 0.8),
    ("Trương", 0.8),
    ("Lương", 0.5),
    ("Mai", 0.4),
    ("Hà", 0.6),
    ("Lò", 0.3),
    ("Triệu", 0.3),
)
MIDDLE = {
    "male": ("Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Xuân", "Thanh", "Ngọc"),
    "female": ("Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng", "Minh", "Bích"),
}
GIVEN = {
    "male": (
        *("An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng", "Huy"),
        *("Khánh", "Khoa", "Lâm", "Long", "Mạnh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân"),
        *("Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh"),
    ),
    "female": (
        *("Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hương", "Huyền"),
        *("Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phương"),
        *("Quyên", "Tâm", "Thảo", "Thủy", "Trang", "Trinh", "Uyên", "Vân", "Xuân", "Yến"),
    ),
}
# Members' ages on ON, by band: (lowest, highest, share).
AGES = ((18, 30, 9), (31, 40, 22), (41, 50, 21), (51, 60, 19), (61, 70, 16), (71, 90, 13))
EDUCATION = (  # (value, share) by age: up to 60, over 60; "" is not recorded
    (
        ("primary", 1),
        ("lower_secondary", 6),
        ("upper_secondary", 30),
        ("vocational", 12),
        ("college", 9),
        ("university", 36),
        ("master", 5),
        ("doctorate", 0.6),
        ("", 0.4),
    ),
    (
        ("primary", 8),
        ("lower_secondary", 22),
        ("upper_secondary", 36),
        ("vocational", 10),
        ("college", 6),
        ("university", 15),
        ("master", 1.5),
        ("doctorate", 0.5),
        ("", 1),
    ),
)
OCCUPATIONS = (  # (value, share) by age: up to 22, 23 to 59, 60 and over
    (("student", 50), ("worker", 15), ("business", 10), ("public_servant", 10), ("other", 15)),
    (
        ("public_servant", 33),
        ("farmer", 18),
        ("worker", 10),
        ("business", 15),
        ("armed_forces", 2),
        ("other", 19),
        ("", 3),
    ),
    (("retired", 80), ("farmer", 8), ("business", 3), ("other", 7), ("", 2)),
)
# Where the minorities live, by the new province code: (share before scaling, groups).
NORTH = ("tay", "thai", "muong", "nung", "mong", "dao", "san_chay", "giay")
CENTRAL = ("bru_van_kieu", "co_tu", "hre", "xo_dang", "ta_oi", "muong", "thai")
HIGHLANDS = ("gia_rai", "e_de", "ba_na", "co_ho", "mnong", "ra_glai", "xo_dang")
SOUTH = ("khmer", "hoa", "cham", "xtieng", "cho_ro")
MINORITY_WEIGHT = {
    **dict.fromkeys(("04", "08", "11", "12", "14", "15", "20"), 0.55),
    **dict.fromkeys(("19", "25", "38", "40", "51", "52", "66", "68"), 0.15),
    **dict.fromkeys(("22", "44", "56", "75", "86", "91", "92", "96"), 0.05),
}
# Party cells of a commune that are not a village's, in turn.
COMMUNE_INSTITUTIONS = (
    "Cơ quan Ủy ban nhân dân",
    "Cơ quan Đảng - Mặt trận - đoàn thể",
    "Trường Mầm non",
    "Trường Tiểu học",
    "Trường Trung học cơ sở",
    "Trạm Y tế",
    "Công an",
    "Quân sự",
    "Hợp tác xã",
    "Doanh nghiệp",
)
INSTITUTIONS = (
    "Trường Trung học phổ thông",
    "Bệnh viện",
    "Công ty cổ phần",
    "Trung tâm",
    "Ban Quản lý dự án",
    "Trường Cao đẳng",
    "Tổng công ty",
)


def groups_of(code: str) -> tuple[str, ...]:
    number = int(code) if code.isdigit() else 0
    if number <= 42:
        return NORTH
    if number <= 51:
        return CENTRAL
    if number <= 68:
        return HIGHLANDS
    return SOUTH
