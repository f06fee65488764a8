"""Suggestions at intake: the likely kind of a letter, its field, and the competent body (issue 11).

Suggestions only: the officer decides, and what he chose is kept (``suggest`` with ``kind`` or
``subject`` given only routes). Two voices, and the reason says which one spoke:

* **the cues** — weighted phrases taken from the legal definitions (DOMAIN.md §1.1), matched on the
  folded words of the letter (no diacritics, abbreviations spelt out: :func:`danvan.matching.text.words`),
  so that a letter typed without accents reads the same. A khiếu nại asks to review an administrative
  decision or act that harms the writer's own rights (Luật Khiếu nại 2011, Điều 2.1); a tố cáo reports
  an unlawful act of an official or an organisation (Luật Tố cáo 2018, Điều 2.1–2.3); a kiến nghị
  proposes and a phản ánh informs, on policy and public matters (Luật Tiếp công dân 2013, Điều 2.2). Two
  of these strongly at once is a letter of several contents, which the citizen is asked to split
  (Luật Tiếp công dân 2013, Điều 25.3). Every cue that counted is named in the reason.
* **the officers' past decisions** — once the instance holds :data:`MIN_TRAINING_LETTERS` classified
  letters, a TF-IDF and logistic-regression model over the letters' words and word pairs
  (:func:`danvan.matching.features.analyze`), trained on the kinds and fields the officers gave. It is
  trained in a thread of the process that first needs it and kept for :data:`RETRAIN_SECONDS`; it
  speaks when it is confident, else the cues do.

The competent body comes from the routing table administrators edit (``RoutingRule``; defaults in
:mod:`.routing`): :func:`route` picks the most specific active rule.

Nothing here raises on what a citizen may type (empty, huge, legacy-encoded, binary-looking text): the
suggestion is empty instead. A failure of the trained model is logged and the cues answer alone.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connections
from django.db.models import Q

from danvan.core.text import format_number
from danvan.matching.features import analyze
from danvan.matching.text import words
from danvan.petitions.models import Letter, RoutingRule, Subject
from danvan.petitions.rules import KIND_LABELS, LetterKind

if TYPE_CHECKING:
    from danvan.units.models import Unit

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Classification:
    """What DanVan suggests for a letter, each part with its reason in Vietnamese."""

    kind: str  # a rules.LetterKind value, or "" when nothing can be said
    kind_reason: str
    subject: Subject | None
    subject_reason: str
    body: str  # competent body from the routing table ("" if no rule)
    handling: str
    basis: str
    rule_id: int | None


# --- reading the letter ----------------------------------------------------------------------------

#: The words of the letter's head where a title ("ĐƠN KHIẾU NẠI") stands, after the national motto.
HEAD_WORDS = 6
_MOTTO = ["cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam", "doc", "lap", "tu", "do", "hanh", "phuc"]
#: Names of bodies that hold words the cues look for ("nhân dân" in "Ủy ban nhân dân"), read as one word.
_BODIES = {"uy ban nhan dan": "ubnd", "hoi dong nhan dan": "hdnd", "uy ban mat tran to quoc": "ubmttq"}


def _tokens(text: str) -> list[str]:
    """The folded words the cues read: the motto dropped, the names of bodies as one word."""
    joined = f" {' '.join(words(text))} "
    for name, short in _BODIES.items():
        joined = joined.replace(f" {name} ", f" {short} ")
    tokens = joined.split()
    if tokens[: len(_MOTTO)] == _MOTTO:
        tokens = tokens[len(_MOTTO) :]
    return tokens


@dataclass(frozen=True)
class _Text:
    """A letter as the cues read it: its folded words, space-padded so that a phrase matches whole words."""

    body: str
    head: str

    @classmethod
    def of(cls, content: str) -> _Text:
        tokens = _tokens(content)
        return cls(f" {' '.join(tokens)} ", f" {' '.join(tokens[:HEAD_WORDS])} ")

    def __bool__(self) -> bool:
        return bool(self.body.strip())


def _folded(phrase: str) -> str:
    """`` phrase `` as the cues compare it: folded words between spaces ("^" marks a phrase that must open the
    letter; it is not part of the words)."""
    return f" {' '.join(_tokens(phrase.removeprefix('^')))} "


@dataclass(frozen=True)
class Cue:
    """Phrases that are evidence of one kind. ``label`` is the reason shown ("{}" is replaced by the phrase
    found, as written in the table, accents and all). Of the cues of one ``family`` only the heaviest that
    matches counts. A cue with ``context`` counts only if one of those phrases is in the letter too; a cue
    with ``head`` is looked for in the letter's first words only (its title), and a phrase written "^…"
    only at the very start. An ``explicit`` cue is the writer saying what he does ("tôi tố cáo", a title):
    only those make a letter of several contents."""

    label: str
    phrases: tuple[str, ...]
    weight: float
    family: str
    context: tuple[str, ...] = ()
    head: bool = False
    explicit: bool = False
    folded: tuple[str, ...] = field(init=False, repr=False, compare=False)
    folded_context: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded", tuple(_folded(p) for p in self.phrases))
        object.__setattr__(self, "folded_context", tuple(_folded(p) for p in self.context))

    def find(self, text: _Text) -> str | None:
        """The phrase of this cue the letter contains (as written in the table), or None."""
        where = text.head if self.head else text.body
        found = None
        for phrase, folded in zip(self.phrases, self.folded, strict=True):
            if where.startswith(folded) if phrase.startswith("^") else folded in where:
                found = phrase.removeprefix("^")
                break
        if found is None or (self.folded_context and not any(f in text.body for f in self.folded_context)):
            return None
        return found


def _cue(
    label: str,
    phrases: str,
    weight: float,
    family: str,
    *,
    context: str = "",
    head: bool = False,
    explicit: bool = False,
) -> Cue:
    """A cue from phrases separated by ";" (longest first, so the reason quotes the most telling one)."""

    def split(text: str) -> tuple[str, ...]:
        return tuple(sorted((p.strip() for p in text.split(";") if p.strip()), key=len, reverse=True))

    return Cue(label, split(phrases), weight, family, split(context), head, explicit)


# Phrases shared by several kinds.
_OFFICIALS = (
    "cán bộ; công chức; viên chức; chủ tịch; phó chủ tịch; chủ tịch xã; chủ tịch UBND; cán bộ địa chính; "
    "công chức địa chính; địa chính xã; kế toán; thủ quỹ; trưởng thôn; trưởng xóm; trưởng bản; trưởng ấp; "
    "tổ trưởng; bí thư; công an xã; trưởng công an; cán bộ xã; lãnh đạo xã; cán bộ tư pháp; giám đốc; "
    "hiệu trưởng; trưởng phòng; cán bộ thuế; kiểm lâm; cán bộ thôn; đồng chí"
)
_COMMUNITY = (
    "bà con; nhân dân; người dân; cử tri; cộng đồng; hộ dân; các hộ; khu dân cư; toàn thôn; cả thôn; cả xóm; "
    "nhiều hộ; nhiều gia đình; bà con trong thôn; địa phương; các cháu học sinh; học sinh"
)

CUES: dict[str, tuple[Cue, ...]] = {
    # Luật Khiếu nại 2011, Điều 2.1: review of an administrative decision or act, or a disciplinary
    # decision, believed unlawful and harmful to the writer's own rights.
    LetterKind.COMPLAINT: (
        _cue('tiêu đề "{}"', "đơn khiếu nại; ^khiếu nại; khiếu nại tố cáo; khiếu nại và tố cáo", 2.0, "title",
             head=True, explicit=True),
        _cue('có từ "{}"', "tôi khiếu nại; chúng tôi khiếu nại; xin khiếu nại; làm đơn khiếu nại; đơn này khiếu nại; "
             "nay khiếu nại; khiếu nại quyết định; khiếu nại lần đầu; khiếu nại lần hai; khiếu nại việc; "
             "giải quyết khiếu nại lần đầu", 3.0, "name", explicit=True),
        _cue('có từ "{}"', "khiếu nại; khiếu kiện", 2.5, "name"),
        _cue(
            "nêu quyết định hành chính bị khiếu nại",
            "quyết định số; quyết định thu hồi; quyết định hành chính; quyết định xử phạt; quyết định cưỡng chế; "
            "quyết định phê duyệt; quyết định bồi thường; phương án bồi thường; quyết định kỷ luật; "
            "quyết định buộc thôi việc; quyết định giải quyết; quyết định cấp; quyết định của UBND; "
            "quyết định của chủ tịch; thông báo thu hồi; không đồng ý với quyết định; khiếu nại quyết định",
            2.0,
            "decision",
        ),
        _cue(
            "nêu hành vi hành chính",
            "hành vi hành chính; từ chối cấp; không cấp giấy; chậm cấp; không giải quyết hồ sơ; trả lại hồ sơ; "
            "không chịu giải quyết; không được cấp; không cho đăng ký; không được hưởng; cắt chế độ; cắt trợ cấp; "
            "dừng chi trả; cưỡng chế tháo dỡ; không cho gia đình tôi",
            1.5,
            "act",
        ),
        _cue(
            "yêu cầu xem xét lại, hủy bỏ quyết định",
            "xem xét lại; hủy quyết định; hủy bỏ quyết định; thu hồi quyết định; sửa đổi quyết định; "
            "điều chỉnh quyết định; giải quyết lại; ban hành quyết định khác; áp giá lại; tính lại; "
            "bồi thường lại; khôi phục; được bồi thường đúng; theo đúng quy định cho gia đình tôi",
            1.5,
            "request",
        ),
        _cue(
            "nêu quyền lợi của chính người viết bị ảnh hưởng",
            "quyền lợi của gia đình tôi; quyền lợi hợp pháp của gia đình tôi; quyền và lợi ích hợp pháp của tôi; "
            "quyền lợi của tôi; quyền lợi chính đáng; xâm phạm quyền; ảnh hưởng đến quyền lợi; quyền lợi hợp pháp; "
            "thiệt thòi cho gia đình tôi; gây thiệt thòi; chưa thỏa đáng; không thỏa đáng; "
            "gia đình tôi bị thiệt; không đúng với thực tế; bị thiệt hại quyền lợi; đối với tôi",
            1.5,
            "own",
        ),
    ),
    # Luật Tố cáo 2018, Điều 2.1–2.3: an individual reports an unlawful act of any agency, organisation or
    # person (in public duty, or against state management in a field), harmful to the State or others.
    LetterKind.DENUNCIATION: (
        _cue('tiêu đề "{}"', "đơn tố cáo; đơn tố giác; ^tố cáo; khiếu nại tố cáo; khiếu nại và tố cáo", 2.0, "title",
             head=True, explicit=True),
        _cue('có từ "{}"', "tôi tố cáo; chúng tôi tố cáo; xin tố cáo; làm đơn tố cáo; đơn này tố cáo; nay tố cáo; "
             "tố cáo hành vi; tố cáo ông; tố cáo bà; tố cáo việc; tố cáo cán bộ", 3.0, "name", explicit=True),
        _cue('có từ "{}"', "tố cáo; tố giác", 2.5, "name"),
        _cue(
            "nêu hành vi vi phạm của cán bộ",
            "nhận hối lộ; hối lộ; tham ô; tham nhũng; nhũng nhiễu; gây khó dễ; vòi vĩnh; lợi dụng chức vụ; "
            "lạm dụng chức vụ; lạm quyền; lộng quyền; chiếm đoạt; biển thủ; làm giả; giả mạo; khai khống; "
            "rút ruột; bớt xén; ăn chặn; móc ngoặc; bao che; thông đồng; cố ý làm trái; trục lợi; đòi tiền; "
            "nhận tiền; vi phạm pháp luật; sai phạm; hành vi vi phạm; ăn bớt; tư lợi; thu sai; thu tiền trái; "
            "chi sai; ký khống; nâng khống; cấp sai; bán đất công; tự ý bán; đánh người; hành hung; ép buộc; "
            "không công khai thu chi; sử dụng vào việc riêng; vào việc riêng",
            2.5,
            "wrong",
            context=_OFFICIALS,
        ),
        _cue(
            "nêu hành vi vi phạm",
            "nhận hối lộ; tham ô; tham nhũng; chiếm đoạt; biển thủ; làm giả; giả mạo; khai khống; rút ruột; "
            "móc ngoặc; thông đồng; cố ý làm trái; trục lợi; vi phạm pháp luật; hành vi vi phạm; lừa đảo; "
            "đánh người; hành hung; ăn chặn; đe dọa",
            1.5,
            "wrong",
        ),
        _cue(
            "nêu thiệt hại cho Nhà nước, tập thể",
            "thất thoát; tiền của nhà nước; ngân sách nhà nước; ngân sách; công quỹ; tài sản công; đất công; "
            "tiền hỗ trợ của nhà nước; quỹ của thôn; tiền quỹ; tiền đóng góp; gây thiệt hại cho nhà nước",
            1.5,
            "harm",
        ),
        _cue(
            "yêu cầu xử lý người vi phạm",
            "xử lý nghiêm; xử lý kỷ luật; truy cứu trách nhiệm; làm rõ sai phạm; làm rõ hành vi; điều tra làm rõ; "
            "thanh tra làm rõ; kiểm tra làm rõ; xử lý theo pháp luật; xử lý hình sự; đình chỉ công tác; "
            "cách chức; thu hồi số tiền; dấu hiệu tội phạm",
            1.5,
            "punish",
        ),
    ),
    # Luật Tiếp công dân 2013, Điều 2.2: information, opinions and proposed solutions on policy, law and
    # public management; a kiến nghị proposes a solution…
    LetterKind.PROPOSAL: (
        _cue('tiêu đề "{}"', "đơn kiến nghị; đơn đề xuất; thư góp ý; ^kiến nghị", 2.0, "title", head=True,
             explicit=True),
        _cue('có từ "{}"', "tôi kiến nghị; chúng tôi kiến nghị; xin kiến nghị; kính kiến nghị; kiến nghị với; "
             "kiến nghị UBND; kiến nghị ủy ban; kiến nghị xã; kiến nghị phường; kiến nghị các cấp; kiến nghị tỉnh; "
             "nhân dân kiến nghị; cử tri kiến nghị; tôi đề xuất; chúng tôi đề xuất; xin đề xuất; xin góp ý; "
             "xin hiến kế", 2.5, "name", explicit=True),
        _cue('có từ "{}"', "kiến nghị; đề xuất; góp ý; hiến kế", 1.5, "name"),
        _cue(
            "đề xuất giải pháp, đầu tư",
            "đầu tư xây dựng; đầu tư; nâng cấp; mở rộng; sửa chữa; làm mới; xây mới; xây thêm; cải tạo; lắp đặt; "
            "bố trí thêm; bổ sung; có chính sách; có cơ chế; sửa đổi quy định; sửa đổi; ban hành; quan tâm hỗ trợ; "
            "hỗ trợ kinh phí; tăng mức; nâng mức; điều chỉnh mức; tạo điều kiện; cho phép; mở lớp; mở thêm; "
            "làm đường; bê tông hóa; kéo điện; đưa vào kế hoạch; xem xét cho; lấy ý kiến; rút ngắn; đơn giản; "
            "tăng số",
            2.0,
            "solution",
        ),
        _cue(
            "về chính sách, quy định",
            "chính sách; quy định về; thủ tục hành chính; mức hỗ trợ; mức trợ cấp; định mức; cơ chế; chủ trương",
            1.0,
            "policy",
        ),
        _cue("việc chung của cộng đồng", _COMMUNITY, 1.0, "public"),
    ),
    # …and a phản ánh reports a situation or a fact.
    LetterKind.REPORT: (
        _cue('tiêu đề "{}"', "đơn phản ánh; thư phản ánh; phiếu phản ánh; ^phản ánh", 2.0, "title", head=True,
             explicit=True),
        _cue('có từ "{}"', "tôi phản ánh; chúng tôi phản ánh; xin phản ánh; kính phản ánh; xin được phản ánh; "
             "phản ánh tình trạng; phản ánh việc; phản ánh về", 2.5, "name", explicit=True),
        _cue('có từ "{}"', "phản ánh; phản ảnh; báo tin", 1.0, "name"),
        _cue(
            "nêu tình trạng, sự việc đang xảy ra",
            "tình trạng; ô nhiễm; bốc mùi; hôi thối; mùi hôi; tiếng ồn; ồn ào; ngập úng; ngập nước; ngập lụt; "
            "xuống cấp; hư hỏng; sạt lở; lấn chiếm; mất an ninh; mất trật tự; rác thải; xả rác; khói bụi; "
            "bụi bặm; ổ gà; mất điện; mất nước; ùn tắc; tắc nghẽn; bị tắc; nguy hiểm; trái phép; không phép; "
            "tai nạn; đổ trộm; xả thải; nước thải; gây ảnh hưởng; chưa được khắc phục; kéo dài; "
            "chưa nhận được; nhiều tháng nay",
            2.0,
            "situation",
        ),
        _cue(
            "nêu ảnh hưởng đến đời sống",
            "ảnh hưởng đến đời sống; ảnh hưởng đến sinh hoạt; ảnh hưởng đến sức khỏe; bức xúc; lo lắng; "
            "đi lại khó khăn; mất an toàn; không thể nghỉ ngơi",
            1.0,
            "life",
        ),
        _cue("việc chung của cộng đồng", _COMMUNITY, 1.0, "public"),
    ),
}  # fmt: skip

#: Below this score the cues say nothing.
MIN_KIND_SCORE = 2.0
#: A letter is of several contents when the writer names two kinds himself (an explicit cue), the first
#: scored at least STRONG_KIND_SCORE, the second at least SECOND_KIND_SCORE (more than its name alone:
#: "kiến nghị UBND xã hủy quyết định" in a complaint is a request, not a second content).
STRONG_KIND_SCORE = 4.0
SECOND_KIND_SCORE = 3.0
#: Kiến nghị and phản ánh are one regime (one definition): both at once is not a letter of several contents.
_REGIME = {
    LetterKind.COMPLAINT: "kn",
    LetterKind.DENUNCIATION: "tc",
    LetterKind.PROPOSAL: "kpa",
    LetterKind.REPORT: "kpa",
}


@dataclass(frozen=True)
class _Score:
    kind: str
    score: float
    reasons: tuple[str, ...]
    explicit: bool  # the writer names this kind himself ("tôi khiếu nại", a title)


def score_kinds(content: str) -> list[_Score]:
    """Each kind's score from the cues, best first, with the cues that counted."""
    text = _Text.of(content or "")
    results = []
    for kind, cues in CUES.items():
        best: dict[str, tuple[float, str, bool]] = {}
        for cue in cues:
            phrase = cue.find(text) if text else None
            if phrase is not None and cue.weight > best.get(cue.family, (0.0, "", False))[0]:
                best[cue.family] = (cue.weight, cue.label.replace("{}", phrase), cue.explicit)
        counted = sorted(best.values(), key=lambda item: -item[0])
        score = round(sum(weight for weight, _, _ in counted), 2)
        results.append(_Score(kind, score, tuple(label for _, label, _ in counted), any(e for _, _, e in counted)))
    order = list(CUES)
    return sorted(results, key=lambda s: (-s.score, order.index(s.kind)))


def kind_from_cues(content: str) -> tuple[str, str]:
    """The kind the cues suggest and why ("", reason) when they do not tell."""
    ranked = score_kinds(content)
    best = ranked[0]
    if best.score < MIN_KIND_SCORE:
        return "", "Không thấy dấu hiệu rõ của loại đơn nào"
    strong: dict[str, _Score] = {}
    for item in ranked:
        if item.explicit and item.score >= (SECOND_KIND_SCORE if strong else STRONG_KIND_SCORE):
            strong.setdefault(_REGIME[LetterKind(item.kind)], item)
    if len(strong) >= 2 and best.kind in (s.kind for s in strong.values()):
        parts = "; ".join(f"{KIND_LABELS[LetterKind(s.kind)].lower()}: {', '.join(s.reasons)}" for s in strong.values())
        return LetterKind.MIXED, f"nhiều nội dung — {parts}"
    return best.kind, ", ".join(best.reasons)


# --- subjects ----------------------------------------------------------------------------------------

#: Cue phrases of the default subjects (petitions/reference.py), by name and weight.
#: A subject an administrator added is recognised by the words of its own name (:func:`subject_cues`).
SUBJECT_CUES: dict[str, dict[float, str]] = {
    "Đất đai": {
        3.0: "tranh chấp đất",
        2.5: "lấn chiếm đất",
        2.0: (
            "thửa đất; quyền sử dụng đất; giấy chứng nhận quyền sử dụng đất; sổ đỏ; ranh giới; mốc giới; tờ "
            "bản đồ; đăng ký đất đai; tách thửa; chuyển mục đích sử dụng đất"
        ),
        1.5: (
            "đất nông nghiệp; đất vườn; đất rừng; mảnh đất; lô đất; cấp giấy chứng nhận; lối đi chung; đất "
            "của gia đình; trích đo"
        ),
        1.0: "diện tích đất; chuyển nhượng; địa chính; đo đạc",
    },
    "Giải phóng mặt bằng, bồi thường, hỗ trợ, tái định cư": {
        3.0: "giải phóng mặt bằng; tái định cư",
        2.5: "đền bù",
        2.0: (
            "bồi thường; phương án bồi thường; kiểm đếm; áp giá; giá bồi thường; hỗ trợ chuyển đổi nghề; bàn "
            "giao mặt bằng; ô đất tái định cư"
        ),
        1.5: "thu hồi đất; cưỡng chế thu hồi",
        1.0: "dự án; làm đường cao tốc",
    },
    "Chế độ, chính sách": {
        3.0: "người có công; thương binh; liệt sĩ; bệnh binh; chất độc da cam; chất độc hóa học",
        2.5: "hộ nghèo; cận nghèo; bảo trợ xã hội; lương hưu",
        2.0: (
            "trợ cấp; bảo hiểm xã hội; bảo hiểm y tế; hưu trí; khuyết tật; thờ cúng liệt sĩ; thanh niên xung "
            "phong; trợ cấp thất nghiệp"
        ),
        1.5: "chế độ; phụ cấp; người cao tuổi; kháng chiến; tiền lương",
        1.0: "chính sách",
    },
    "Môi trường": {
        2.5: "ô nhiễm; xả thải; khai thác cát",
        2.0: (
            "môi trường; nước thải; khói bụi; mùi hôi; hôi thối; bốc mùi; rác thải; bãi rác; chất thải; cát "
            "sỏi; khoáng sản; cá chết; kênh mương bị ô nhiễm; đốt rác"
        ),
        1.5: "tiếng ồn; trại chăn nuôi; trại lợn; lò gạch; thuốc trừ sâu; nguồn nước",
        0.5: "nhà xưởng; xưởng sản xuất",
    },
    "Tư pháp": {
        3.0: "thi hành án",
        2.5: (
            "tòa án; bản án; viện kiểm sát; hộ tịch; khai sinh; trợ giúp pháp lý; chấp hành viên; kê biên; lý "
            "lịch tư pháp"
        ),
        2.0: (
            "cơ quan điều tra; chứng thực; ly hôn; thừa kế; di chúc; xét xử; khởi tố; tạm giam; quốc tịch; công chứng"
        ),
        1.5: "vay nợ; hòa giải ở cơ sở",
    },
    "Tham nhũng, tiêu cực": {
        3.0: "tham nhũng; hối lộ; tham ô; biển thủ",
        2.5: (
            "tiêu cực; nhũng nhiễu; vòi vĩnh; lợi dụng chức vụ; rút ruột; bớt xén; ăn chặn; trục lợi; bôi "
            "trơn; khai khống; móc ngoặc; ăn bớt; không công khai thu chi"
        ),
        2.0: ("chiếm đoạt; thất thoát; đòi tiền; phong bì; công quỹ; gây khó dễ; đưa tiền; thu sai; không có biên lai"),
        1.5: "nhận tiền; tiền quỹ; đất công",
        1.0: "tiền đóng góp; bồi dưỡng",
    },
    "Quy hoạch, xây dựng, di dời chợ": {
        3.0: "di dời chợ",
        2.5: "giấy phép xây dựng; xây dựng trái phép; xây dựng không phép; tiểu thương",
        2.0: (
            "quy hoạch; ki ốt; sạp hàng; đường liên thôn; đường nội đồng; cống thoát nước; đèn đường; "
            "nhà văn hóa; nâng cấp đường; đường bê tông"
        ),
        1.5: (
            "công trình; họp chợ; chợ tạm; chợ xã; chợ trung tâm; chợ dân sinh; ban quản lý chợ; "
            "đường giao thông; thoát nước; hạ tầng; vỉa hè; lòng đường; chiếu sáng; đoạn đường; tuyến đường; "
            "mặt đường; san lấp"
        ),
        1.0: "cây cầu; cầu treo; cầu dân sinh; xây dựng; trường học; xây nhà",
    },
}

_SUBJECT_CUES_FOLDED = {
    " ".join(words(name)): tuple(
        (phrase.strip(), _folded(phrase), weight)
        for weight, phrases in cues.items()
        for phrase in phrases.split(";")
        if phrase.strip()
    )
    for name, cues in SUBJECT_CUES.items()
}
#: Below this score no field is suggested.
MIN_SUBJECT_SCORE = 2.0
#: The phrases quoted in a field's reason.
REASON_PHRASES = 3


def subject_cues(subject: Subject) -> tuple[tuple[str, str, float], ...]:
    """(phrase, folded phrase, weight) of ``subject``: its table's, or for a subject an administrator added,
    the parts of its name of two words or more ("Giáo dục, đào tạo"; one folded syllable is too many
    words at once: "chợ", "chó" and "cho" fold alike)."""
    table = _SUBJECT_CUES_FOLDED.get(" ".join(words(subject.name)))
    if table is not None:
        return table
    parts = (part.strip() for part in subject.name.split(","))
    return tuple((part, _folded(part), 2.0) for part in parts if len(words(part)) >= 2)


def subject_from_cues(content: str, subjects: Iterable[Subject]) -> tuple[Subject | None, str]:
    """The field the cues suggest among ``subjects`` and why (None, reason) when they do not tell."""
    text = _Text.of(content or "")
    if not text:
        return None, "Nội dung đơn trống"
    ranked: list[tuple[float, int, Subject, list[str]]] = []
    for order, subject in enumerate(subjects):
        matched: dict[str, tuple[str, float]] = {}
        for phrase, folded, weight in subject_cues(subject):
            if folded.strip() and folded in text.body and weight > matched.get(folded, ("", 0.0))[1]:
                matched[folded] = (phrase, weight)
        # A phrase inside a longer one found counts once ("quyền sử dụng đất" in "giấy chứng nhận quyền sử dụng đất").
        found = {
            phrase: weight
            for folded, (phrase, weight) in matched.items()
            if not any(folded != other and folded in other for other in matched)
        }
        if found:
            quoted = sorted(found, key=lambda p: -found[p])[:REASON_PHRASES]
            ranked.append((sum(found.values()), -order, subject, quoted))
    if not ranked:
        return None, "Không thấy từ ngữ của lĩnh vực nào"
    score, _, subject, quoted = max(ranked, key=lambda item: (item[0], item[1]))
    if score < MIN_SUBJECT_SCORE:
        return None, "Không thấy từ ngữ của lĩnh vực nào đủ rõ"
    return subject, "có từ " + ", ".join(f'"{p}"' for p in quoted)


# --- the officers' past decisions ------------------------------------------------------------------

#: The model is trained once the instance holds this many classified letters…
MIN_TRAINING_LETTERS = 200
#: …on the most recent of them, at most this many (bounds the training to a few seconds)…
MAX_TRAINING_LETTERS = 20_000
#: …and retrained at most this often per process.
RETRAIN_SECONDS = 3600
#: The model speaks when its first answer is at least this likely; below, the cues do.
MODEL_CONFIDENT = 0.6
#: When the cues are silent the model still speaks from this likelihood, saying that it is unsure.
MODEL_UNSURE = 0.35


@dataclass(frozen=True)
class _Trained:
    """The models of one process: trained at ``at`` (monotonic seconds) on ``letters`` letters."""

    at: float
    letters: int
    vectorizer: Any = None
    kind: Any = None  # a LogisticRegression over the kinds, or None (too few letters, one kind only)
    subject: Any = None  # the same over the subjects' ids


#: Train in a thread of its own, so that no request waits for it (vectorising 20.000 letters takes seconds):
#: the requests meanwhile go on with the models there are, or with the cues alone. None: in a thread but
#: under the test suite (``settings.ENV == "test"``), whose transaction another thread would not see.
TRAIN_IN_BACKGROUND: bool | None = None


def _in_background() -> bool:
    if TRAIN_IN_BACKGROUND is not None:
        return TRAIN_IN_BACKGROUND
    return getattr(settings, "ENV", "") != "test"


_clock = time.monotonic
_state: dict[str, _Trained] = {}
#: Held while a training runs (by the thread that trains, which releases it).
_lock = threading.Lock()
_thread: threading.Thread | None = None


def forget_trained() -> None:
    """Drop this process's models: the next suggestion trains afresh (tests; after a bulk import). Waits
    for a training under way."""
    with _lock:
        _state.clear()


def _train(rows: Sequence[tuple[str, str, int]], at: float) -> _Trained:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(rows) < MIN_TRAINING_LETTERS:
        return _Trained(at=at, letters=len(rows))
    texts = [content for content, _, _ in rows]
    vectorizer = TfidfVectorizer(analyzer=analyze, sublinear_tf=True, min_df=2, max_features=300_000)
    matrix = vectorizer.fit_transform(texts)

    def fit(labels: list[Any]) -> Any:
        if len(set(labels)) < 2:
            return None
        return LogisticRegression(C=10.0, max_iter=1000).fit(matrix, labels)

    return _Trained(
        at=at,
        letters=len(rows),
        vectorizer=vectorizer,
        kind=fit([kind for _, kind, _ in rows]),
        subject=fit([subject for _, _, subject in rows]),
    )


def _retrain(now: float) -> None:
    """Train on the officers' most recent decisions and keep the result (a failure is kept as "no model"
    for the hour too: a failing training is not retried on every letter). The caller holds the lock."""
    rows: list[tuple[str, str, int]] = []
    started = time.perf_counter()
    try:
        rows = list(
            Letter.objects.exclude(content="")
            .order_by("-pk")
            .values_list("content", "kind", "subject_id")[:MAX_TRAINING_LETTERS]
        )
        models = _train(rows, now)
    except Exception:
        logger.exception("classify: training on %d letters failed", len(rows))
        models = _Trained(at=now, letters=len(rows))
    if models.vectorizer is not None:
        logger.info("classify: trained on %d letters in %.1f s", models.letters, time.perf_counter() - started)
    _state["models"] = models


def _retrain_in_thread(now: float) -> None:
    try:
        _retrain(now)
    finally:
        _lock.release()
        connections.close_all()  # this thread's own connections


def trained() -> _Trained | None:
    """This process's models, retrained on the officers' decisions once the last training is older than
    :data:`RETRAIN_SECONDS` (the answer "too few letters" is kept as long). One training at a time; while
    it runs, the requests go on with what there is."""
    global _thread
    now = _clock()
    current = _state.get("models")
    if current is not None and now - current.at < RETRAIN_SECONDS:
        return current
    if not _lock.acquire(blocking=False):
        return current
    if _in_background():
        try:
            _thread = threading.Thread(target=_retrain_in_thread, args=(now,), name="danvan-classify", daemon=True)
            _thread.start()
        except BaseException:
            _lock.release()
            raise
        return current
    try:
        _retrain(now)
    finally:
        _lock.release()
    return _state.get("models")


def _predict(models: _Trained, which: str, content: str) -> tuple[Any, float] | None:
    model = getattr(models, which)
    if model is None or models.vectorizer is None:
        return None
    probabilities = model.predict_proba(models.vectorizer.transform([content]))[0]
    best = int(probabilities.argmax())
    return model.classes_[best], float(probabilities[best])


def _model_says(models: _Trained, probability: float) -> str:
    sure = "" if probability >= MODEL_CONFIDENT else ", chưa chắc chắn"
    return (
        f"theo {format_number(models.letters)} đơn cán bộ đã phân loại "
        f"(khả năng {math.floor(probability * 100)}%{sure})"
    )


def _choose(
    cues: tuple[Any, str], learned: tuple[Any, float] | None, models: _Trained | None, empty: Any
) -> tuple[Any, str]:
    """The cues' answer or the model's, with the reason naming which one spoke."""
    value, why = cues
    if learned is not None and models is not None:
        guess, probability = learned
        if probability >= MODEL_CONFIDENT or (value == empty and probability >= MODEL_UNSURE):
            agrees = value == guess and value != empty
            return guess, "Mô hình học: " + _model_says(models, probability) + (
                f"; khớp dấu hiệu: {why}" if agrees else ""
            )
    if value == empty:
        return empty, why
    return value, f"Dấu hiệu trong đơn: {why}"


# --- suggest and route -----------------------------------------------------------------------------


def suggest(*, unit: Unit | None, content: str, kind: str = "", subject: Subject | None = None) -> Classification:
    """What DanVan suggests for a letter received by ``unit``. A kind or a subject the officer already
    chose is kept as it is; the body is routed from the final kind and subject."""
    content = content if isinstance(content, str) else ""
    models = None
    if not (kind and subject is not None) and content.strip():
        try:
            models = trained()
        except Exception:  # a suggestion never stops intake
            logger.exception("classify: training failed")

    def learned(which: str) -> tuple[Any, float] | None:
        if models is None:
            return None
        try:
            return _predict(models, which, content)
        except Exception:
            logger.exception("classify: prediction failed")
            return None

    if kind:
        kind_reason = "Cán bộ đã chọn"
    else:
        guess = learned("kind")
        if guess is not None and guess[0] not in KIND_LABELS:
            guess = None
        kind, kind_reason = _choose(kind_from_cues(content), guess, models, "")
    if subject is not None:
        subject_reason = "Cán bộ đã chọn"
    else:
        subjects = list(Subject.objects.filter(active=True))
        by_id = {s.pk: s for s in subjects}
        guess = learned("subject")
        known = (by_id[int(guess[0])], guess[1]) if guess is not None and int(guess[0]) in by_id else None
        subject, subject_reason = _choose(subject_from_cues(content, subjects), known, models, None)
    rule = route(unit=unit, kind=kind, subject=subject)
    return Classification(
        kind=str(kind),
        kind_reason=kind_reason,
        subject=subject,
        subject_reason=subject_reason,
        body=rule.body if rule else "",
        handling=rule.handling if rule else "",
        basis=rule.basis if rule else "",
        rule_id=rule.pk if rule else None,
    )


def ancestor_paths(unit: Unit) -> list[str]:
    """The materialised paths of ``unit`` and of its ancestors, nearest first."""
    step = unit.steplen
    return [unit.path[:end] for end in range(len(unit.path), 0, -step)]


def route(*, unit: Unit | None, kind: str, subject: Subject | None) -> RoutingRule | None:
    """The most specific active rule for a letter of ``kind`` and ``subject`` received by ``unit``: a rule
    of the unit or of its nearest ancestor beats a farther one, and any of them a national rule; then a
    rule of the unit's level beats one for every level, a rule of the subject one for every subject, a
    rule of the kind one for every kind; the oldest rule wins a tie. Blank fields of a rule match anything."""
    rules = RoutingRule.objects.filter(active=True).filter(Q(kind="") | Q(kind=kind or ""))
    rules = rules.filter(Q(subject__isnull=True) | Q(subject=subject)) if subject else rules.filter(subject=None)
    if unit is None:
        rules = rules.filter(unit=None, level="")
        paths: list[str] = []
    else:
        paths = ancestor_paths(unit)
        rules = rules.filter(Q(unit=None) | Q(unit__path__in=paths)).filter(Q(level="") | Q(level=unit.level))
    candidates = list(rules.select_related("unit"))
    if not candidates:
        return None

    def specificity(rule: RoutingRule) -> tuple[int, int, int, int, int]:
        nearness = len(paths) - paths.index(rule.unit.path) if rule.unit is not None else 0
        return (-nearness, -bool(rule.level), -bool(rule.subject_id), -bool(rule.kind), rule.pk)

    return min(candidates, key=specificity)
