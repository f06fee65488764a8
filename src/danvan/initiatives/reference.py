"""The reference lists the movement starts with; administrators edit them afterwards in the admin.

Fields follow DOMAIN §5.3 ("Kinh tế; Văn hóa – xã hội; Quốc phòng – an ninh;
Xây dựng hệ thống chính trị", with sub-fields); the criteria are the five of
the Ban Dân vận guidance, equally weighted; the metrics are what the seeds
count ("hiến hơn 9.000 m² đất để làm đường", ngày công, km đường…).
"""

from __future__ import annotations

FIELDS: list[tuple[str, list[str]]] = [
    (
        "Kinh tế",
        ["Xây dựng nông thôn mới, đô thị văn minh", "Giảm nghèo, phát triển sản xuất", "Kinh tế tập thể, hợp tác xã"],
    ),
    (
        "Văn hóa – xã hội",
        [
            "Bảo vệ môi trường",
            "An sinh xã hội",
            "Giáo dục, y tế",
            "Dân tộc – tôn giáo",
            "Xây dựng đời sống văn hóa",
        ],
    ),
    ("Quốc phòng – an ninh", ["An ninh trật tự cơ sở", "Quốc phòng toàn dân"]),
    (
        "Xây dựng hệ thống chính trị",
        [
            "Cải cách hành chính và chuyển đổi số",
            "Dân vận chính quyền",
            "Lực lượng cốt cán, người có uy tín",
            "Mặt trận và đoàn thể",
        ],
    ),
]

CRITERIA: list[tuple[str, str]] = [
    ("Nội dung thiết thực", "Xuất phát từ nhu cầu thực tế, vì lợi ích của nhân dân."),
    ("Phát huy vai trò chủ thể của nhân dân", "Vận động nhân dân là chủ thể, có sự tham gia của hệ thống chính trị."),
    ("Cách làm sáng tạo, phù hợp", "Phương pháp vận động sáng tạo, phù hợp với địa bàn và đối tượng."),
    ("Kết quả rõ, đo đếm được", "Kết quả cụ thể, đo đếm được, được nhân dân đồng tình, ủng hộ."),
    ("Bền vững, nhân rộng được", "Duy trì bền vững, có khả năng nhân rộng; đã thực hiện tối thiểu 1 năm."),
]

#: name, unit, other spellings of the unit, whole numbers only
METRICS: list[tuple[str, str, list[str], bool]] = [
    ("Diện tích đất hiến", "m²", ["m2", "met vuong", "mét vuông"], False),
    ("Kinh phí nhân dân đóng góp", "đồng", ["vnd", "vnđ", "d"], True),
    ("Ngày công lao động", "ngày công", ["ngay cong", "công"], True),
    ("Đường giao thông làm mới, cứng hóa", "km", ["ki lo met", "kilômét", "kilomet"], False),
    ("Hộ thoát nghèo", "hộ", [], True),
    ("Cây xanh trồng mới", "cây", [], True),
    ("Lượt người tham gia", "người", ["lượt", "luot nguoi"], True),
]


def install(field_model: type, criterion_model: type, metric_model: type) -> None:
    """Create what is missing (by name); existing rows, perhaps edited by an administrator, are left alone."""
    for order, (name, subs) in enumerate(FIELDS, start=1):
        parent, _ = field_model.objects.get_or_create(parent=None, name=name, defaults={"order": order})  # type: ignore[attr-defined]
        for sub_order, sub in enumerate(subs, start=1):
            field_model.objects.get_or_create(parent=parent, name=sub, defaults={"order": sub_order})  # type: ignore[attr-defined]
    for order, (name, description) in enumerate(CRITERIA, start=1):
        criterion_model.objects.get_or_create(  # type: ignore[attr-defined]
            name=name, defaults={"description": description, "order": order, "weight": 20, "max_score": 10}
        )
    for order, (name, unit, aliases, integral) in enumerate(METRICS, start=1):
        metric_model.objects.get_or_create(  # type: ignore[attr-defined]
            name=name, defaults={"unit_label": unit, "aliases": aliases, "integral": integral, "order": order}
        )
