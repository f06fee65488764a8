"""Suggestions at intake (issue 11): the kind and field of a letter from the cues of the legal definitions
or from the officers' past decisions, and the competent body from the routing table. Suggestions only:
what the officer chose is kept."""

from __future__ import annotations

import datetime
import itertools
import random

import factory
import pytest
from django.core.management import call_command

from danvan.core.text import fold
from danvan.matching.text import words
from danvan.petitions import classify, routing
from danvan.petitions.models import Letter, RoutingRule, Subject
from danvan.petitions.rules import LetterKind

KN, TC, KNG, PA, MIXED = "kn", "tc", "kng", "pa", "mixed"
LAND = "Đất đai"
CLEARANCE = "Giải phóng mặt bằng, bồi thường, hỗ trợ, tái định cư"
POLICY = "Chế độ, chính sách"
ENVIRONMENT = "Môi trường"
JUSTICE = "Tư pháp"
CORRUPTION = "Tham nhũng, tiêu cực"
PLANNING = "Quy hoạch, xây dựng, di dời chợ"
OTHER = "Khác"

#: Letters as citizens write them: (content, the kind an officer would give, the fields an officer might give —
#: "Khác" where no field fits, which the suggestion meets by saying nothing). Half are typed without accents.
LETTERS: list[tuple[str, str, tuple[str, ...]]] = [
    # --- khiếu nại
    (
        "ĐƠN KHIẾU NẠI. Kính gửi: Chủ tịch Ủy ban nhân dân xã Thượng Giáo. Tôi là Hoàng Văn Thắng, thôn Bản Cám. "
        "Gia đình tôi bị thu hồi 350 m² đất nông nghiệp để làm dự án đường liên xã. Theo Quyết định số "
        "112/QĐ-UBND phê duyệt phương án bồi thường, hỗ trợ, gia đình tôi chỉ được bồi thường 45.000 đồng/m², "
        "thấp hơn nhiều so với giá thực tế và so với các hộ lân cận. Tôi không đồng ý với quyết định này vì chưa "
        "thỏa đáng, ảnh hưởng đến quyền lợi của gia đình tôi. Đề nghị Chủ tịch UBND xã xem xét lại, áp giá bồi "
        "thường đúng quy định.",
        KN,
        (CLEARANCE,),
    ),
    (
        "Kinh gui Chu tich UBND xa Yen Phong. Toi ten la Luong Thi Mai, sinh nam 1950. Thang 2/2026 UBND xa ra "
        "thong bao cat tro cap bao tro xa hoi hang thang cua toi voi ly do toi co con trai di lam. Toi thay viec "
        "cat che do nhu vay la khong dung vi con toi da ra o rieng tu lau. Toi lam don khieu nai de nghi xem xet "
        "lai, khoi phuc tro cap cho toi.",
        KN,
        (POLICY,),
    ),
    (
        "Đơn khiếu nại về việc không cấp giấy chứng nhận quyền sử dụng đất. Tôi đã nộp hồ sơ đề nghị cấp giấy "
        "chứng nhận cho thửa đất số 87, tờ bản đồ số 12 từ tháng 10/2025 nhưng đến nay UBND xã vẫn không giải "
        "quyết hồ sơ, cán bộ một cửa trả lại hồ sơ mà không nêu lý do bằng văn bản. Việc này xâm phạm quyền và "
        "lợi ích hợp pháp của tôi. Đề nghị UBND xã giải quyết hồ sơ cho tôi theo đúng quy định.",
        KN,
        (LAND,),
    ),
    (
        "Toi la Tran Van Binh, giao vien truong tieu hoc xa Bang Thanh. Ngay 5/1/2026 toi nhan quyet dinh ky luat "
        "hinh thuc canh cao cua Hieu truong. Toi khieu nai quyet dinh ky luat nay vi toi khong vi pham nhu noi "
        "dung bien ban da neu. De nghi xem xet lai va huy bo quyet dinh ky luat doi voi toi.",
        KN,
        (OTHER,),
    ),
    (
        "Kính gửi UBND phường Phùng Chí Kiên. Gia đình tôi thuộc diện thu hồi đất để giải phóng mặt bằng dự án "
        "khu dân cư số 2. Theo quy định gia đình tôi đủ điều kiện được giao đất tái định cư nhưng Quyết định số "
        "208/QĐ-UBND lại không bố trí tái định cư cho gia đình tôi. Tôi khiếu nại quyết định trên, đề nghị giải "
        "quyết lại, giao cho gia đình tôi một ô đất tái định cư theo đúng quy định.",
        KN,
        (CLEARANCE,),
    ),
    (
        "Kinh gui Chu tich UBND xa. Ngay 20/4/2026 UBND xa co quyet dinh xu phat gia dinh toi 5 trieu dong ve "
        "hanh vi xa thai ra moi truong tu trai chan nuoi lon. Toi khong dong y voi quyet dinh xu phat vi he thong "
        "biogas cua gia dinh van hoat dong binh thuong, doan kiem tra khong lay mau nuoc thai. Toi khieu nai de "
        "nghi huy quyet dinh xu phat tren.",
        KN,
        (ENVIRONMENT,),
    ),
    (
        "Đơn khiếu nại. Ngày 03/6/2026 Tổ công tác của UBND xã lập biên bản và ra quyết định cưỡng chế tháo dỡ "
        "công trình nhà kho của gia đình tôi với lý do xây dựng không phép. Công trình được xây trên đất ở của "
        "gia đình từ năm 2015, trước khi có quy hoạch. Việc cưỡng chế làm thiệt hại quyền lợi hợp pháp của gia "
        "đình tôi. Tôi đề nghị Chủ tịch UBND xã xem xét lại quyết định cưỡng chế.",
        KN,
        (PLANNING,),
    ),
    (
        "Kinh gui Chu tich UBND tinh Thai Nguyen. Toi da khieu nai lan dau den Chu tich UBND xa ve quyet dinh thu "
        "hoi dat va phuong an boi thuong nhung Quyet dinh giai quyet khieu nai lan dau so 15/QD-UBND khong chap "
        "nhan yeu cau cua toi. Toi khieu nai lan hai, de nghi Chu tich UBND tinh xem xet lai toan bo vu viec, bao "
        "dam quyen loi chinh dang cua gia dinh toi.",
        KN,
        (CLEARANCE,),
    ),
    # --- tố cáo
    (
        "ĐƠN TỐ CÁO. Kính gửi: Chủ tịch UBND xã Na Rì. Tôi xin tố cáo ông Hà Văn Tâm, cán bộ địa chính xã, đã "
        "nhận tiền của nhiều hộ dân trong thôn (mỗi hộ từ 2 đến 5 triệu đồng) để làm nhanh thủ tục cấp giấy "
        "chứng nhận quyền sử dụng đất. Ai không đưa tiền thì bị gây khó dễ, hồ sơ bị trả đi trả lại nhiều lần. "
        "Đề nghị cơ quan có thẩm quyền điều tra làm rõ, xử lý nghiêm hành vi sai phạm của ông Tâm.",
        TC,
        (CORRUPTION, LAND),
    ),
    (
        "Kinh gui UBND xa Cu Le. Chung toi la cac ho dan thon Khuoi Dac xin to cao ong Ly Van Son, truong thon, da "
        "thu tien dong gop lam duong cua nhan dan moi ho 1.500.000 dong nhung khong cong khai thu chi, con su dung "
        "tien quy cua thon vao viec rieng. De nghi xa kiem tra lam ro va xu ly theo phap luat.",
        TC,
        (CORRUPTION,),
    ),
    (
        "Tôi tố cáo Công ty TNHH Minh Phát tại cụm công nghiệp xã Quang Sơn nhiều tháng nay xả nước thải chưa qua "
        "xử lý ra suối Đồng Quang vào ban đêm, làm cá chết hàng loạt. Khi người dân phản ánh, công ty thuê người "
        "đe dọa. Đề nghị cơ quan chức năng kiểm tra, xử lý nghiêm hành vi vi phạm pháp luật về bảo vệ môi trường "
        "của công ty.",
        TC,
        (ENVIRONMENT,),
    ),
    (
        "Toi xin to cao ong Nguyen Van Duc, Pho Chu tich UBND xa, da loi dung chuc vu ky xac nhan khong dung nguon "
        "goc dat cho nguoi nha de duoc cap giay chung nhan quyen su dung dat 500 m2 dat cong cua thon. De nghi "
        "thanh tra lam ro, xu ly nghiem.",
        TC,
        (CORRUPTION, LAND),
    ),
    (
        "Kính gửi Giám đốc Công an tỉnh. Tôi tố cáo hành vi của đồng chí Trần Văn Hải, cán bộ Công an xã, đã đánh "
        "con trai tôi là Lò Văn Nam khi mời lên làm việc ngày 14/5/2026 tại trụ sở, gây thương tích ở mặt và tay. "
        "Đề nghị làm rõ và xử lý nghiêm cán bộ vi phạm.",
        TC,
        (OTHER, JUSTICE),
    ),
    (
        "To cao Hieu truong truong THCS xa Lang San thu sai cac khoan tien cua hoc sinh: tien xay dung, tien quy "
        "hoi truong moi em 500.000 dong, khong co bien lai. So tien thu duoc khong cong khai. De nghi phong chuc "
        "nang kiem tra, xu ly nghiem, thu hoi so tien thu sai tra lai cho phu huynh.",
        TC,
        (CORRUPTION,),
    ),
    (
        "Chúng tôi gồm 12 hộ dân thôn Bản Pài làm đơn tố cáo ông Triệu Văn Lâm, nguyên trưởng thôn, đã tự ý bán 3 "
        "lô đất công của thôn cho người ngoài, thu về hơn 300 triệu đồng nhưng không nộp vào ngân sách, không báo "
        "cáo với nhân dân. Đề nghị UBND xã thanh tra làm rõ, thu hồi số tiền và xử lý nghiêm theo pháp luật.",
        TC,
        (CORRUPTION, LAND),
    ),
    (
        "Kinh gui Chu tich UBND xa Bang Van. Toi to cao ba Hoang Thi Lan, ke toan xa, da lap ho so khai khong nguoi "
        "huong tro cap bao tro xa hoi de rut tien ngan sach nha nuoc trong nhieu nam. De nghi Chu tich xa chi dao "
        "kiem tra, lam ro sai pham, xu ly ky luat va chuyen co quan dieu tra neu co dau hieu toi pham.",
        TC,
        (CORRUPTION, POLICY),
    ),
    # --- kiến nghị
    (
        "Kính gửi UBND xã Hà Hiệu. Đường liên thôn từ thôn Nà Hang đi thôn Bản Hon dài 3 km hiện đã xuống cấp "
        "nghiêm trọng, mùa mưa lầy lội, các cháu học sinh đi học rất vất vả. Nhân dân hai thôn kiến nghị UBND xã "
        "quan tâm đưa tuyến đường vào kế hoạch đầu tư bê tông hóa năm 2027; nhân dân sẵn sàng hiến đất, góp "
        "ngày công.",
        KNG,
        (PLANNING,),
    ),
    (
        "Kinh gui Hoi dong nhan dan va UBND tinh. Cu tri thon Khau Vai kien nghi tang muc ho tro tien dien cho ho "
        "ngheo, ho chinh sach xa hoi vi muc hien nay khong du chi tra; dong thoi de nghi co chinh sach ho tro bao "
        "hiem y te cho nguoi cao tuoi tu 70 den 80 tuoi.",
        KNG,
        (POLICY,),
    ),
    (
        "Đơn kiến nghị. Chúng tôi là các tiểu thương chợ xã Yến Lạc. Được biết UBND xã có chủ trương di dời chợ "
        "ra khu vực mới cách trung tâm 2 km. Chúng tôi kiến nghị UBND xã tổ chức lấy ý kiến tiểu thương trước khi "
        "di dời, có phương án hỗ trợ kinh phí di chuyển và ưu tiên bố trí ki ốt cho các hộ đang kinh doanh lâu năm.",
        KNG,
        (PLANNING,),
    ),
    (
        "Kinh gui UBND xa. Chung toi de xuat xa bo tri them diem tap ket rac thai va tang so chuyen thu gom rac tu "
        "2 len 3 lan moi tuan, dong thoi lap dat bien bao cam do rac ven suoi de giu gin ve sinh moi truong chung "
        "cua thon.",
        KNG,
        (ENVIRONMENT,),
    ),
    (
        "Tôi là cựu chiến binh, xin góp ý với Quốc hội và Chính phủ: đề nghị sửa đổi quy định về thủ tục xác nhận "
        "người hoạt động kháng chiến bị nhiễm chất độc hóa học theo hướng đơn giản hồ sơ, vì nhiều đồng đội của "
        "tôi đã già yếu, giấy tờ thất lạc, không thể đủ thủ tục để được hưởng chế độ.",
        KNG,
        (POLICY,),
    ),
    (
        "Kinh gui UBND phuong Duc Xuan. To dan pho 7 kien nghi phuong lap dat he thong den duong chieu sang tren "
        "tuyen ngo 12 vi hien nay ban dem rat toi, nguoi dan di lai khong an toan. Nhan dan trong to san sang dong "
        "gop mot phan kinh phi.",
        KNG,
        (PLANNING,),
    ),
    (
        "Kính gửi UBND xã Cốc Đán. Hiện nay điểm trường mầm non thôn Nà Làng chỉ có 1 phòng học tạm, trong khi số "
        "trẻ trong thôn đã lên 40 cháu. Phụ huynh chúng tôi kiến nghị xã xây thêm 2 phòng học và bố trí thêm giáo "
        "viên để các cháu được học tập trong điều kiện tốt hơn.",
        KNG,
        (PLANNING, OTHER),
    ),
    (
        "Toi la cong nhan nghi viec, xin kien nghi Bao hiem xa hoi tinh rut ngan thoi gian giai quyet tro cap that "
        "nghiep va cho phep nop ho so truc tuyen de nguoi lao dong khong phai di lai nhieu lan.",
        KNG,
        (POLICY,),
    ),
    # --- phản ánh
    (
        "Kính gửi UBND xã Quang Thuận. Tôi xin phản ánh tình trạng xưởng chế biến gỗ của ông Hoàng Văn Long ở "
        "thôn Nà Pài hoạt động cả ban đêm, tiếng ồn và khói bụi ảnh hưởng đến sinh hoạt và sức khỏe của các hộ "
        "dân xung quanh. Bà con đã nhiều lần nhắc nhở nhưng tình trạng vẫn kéo dài.",
        PA,
        (ENVIRONMENT,),
    ),
    (
        "Phan anh ve viec doan duong tu cau Khuoi Tau den UBND xa bi sat lo sau tran mua ngay 10/7, nhieu cho bi "
        "nut, co o ga lon, xe may di lai rat nguy hiem, da xay ra 2 vu tai nan. De nghi xa som co bien phap khac "
        "phuc.",
        PA,
        (PLANNING,),
    ),
    (
        "Tôi phản ánh việc hộ ông Lý Văn Tài lấn chiếm đất lối đi chung của xóm để xây tường rào, làm lối đi chỉ "
        "còn rộng chưa đến 1 mét, xe cứu thương không vào được. Đề nghị UBND xã kiểm tra, giải quyết.",
        PA,
        (LAND,),
    ),
    (
        "Kinh gui UBND xa Nam Cuong. Nhan dan thon Ban Chang phan anh tinh trang khai thac cat trai phep tren song "
        "Nang dien ra ca ngay lan dem, gay sat lo bo song, nhieu dien tich dat ruong cua ba con bi mat. De nghi "
        "cac cap kiem tra, xu ly.",
        PA,
        (ENVIRONMENT,),
    ),
    (
        "Tôi phản ánh: mẹ tôi là Nông Thị Hoa, 85 tuổi, đã được duyệt hưởng trợ cấp người cao tuổi nhưng đã 3 "
        "tháng nay chưa nhận được tiền, hỏi cán bộ xã thì được trả lời là đang chờ kinh phí. Gia đình rất lo "
        "lắng, mong các cấp quan tâm.",
        PA,
        (POLICY,),
    ),
    (
        "Phan anh: cong thoat nuoc tai khu pho 3 phuong Song Cau bi tac nhieu thang nay, moi khi mua lon la nuoc "
        "ngap vao nha dan, boc mui hoi thoi, muoi sinh soi nhieu. Ba con rat buc xuc.",
        PA,
        (PLANNING, ENVIRONMENT),
    ),
    (
        "Kính gửi Công an xã và UBND xã. Tôi phản ánh tình trạng quán karaoke Hoàng Gia ở tổ 5 thường xuyên hát "
        "đến 1–2 giờ sáng, tiếng ồn rất lớn, nhiều thanh niên tụ tập gây mất trật tự. Các hộ xung quanh không thể "
        "nghỉ ngơi.",
        PA,
        (OTHER, ENVIRONMENT),
    ),
    (
        "Toi xin phan anh viec Ban quan ly cho trung tam xa thu phi ve sinh cua tieu thuong cao hon muc quy dinh va "
        "khong xuat bien lai. Nhieu ho kinh doanh trong cho rat buc xuc.",
        PA,
        (PLANNING,),
    ),
    # --- nhiều nội dung
    (
        "Kính gửi Chủ tịch UBND xã. Tôi khiếu nại Quyết định số 56/QĐ-UBND ngày 10/3/2026 về việc thu hồi đất của "
        "gia đình tôi vì không đúng diện tích thực tế. Đồng thời tôi tố cáo ông Nguyễn Văn Hòa, cán bộ địa chính, "
        "đã nhận tiền của hộ bên cạnh để đo vẽ sai ranh giới, lấn sang đất nhà tôi. Đề nghị xem xét lại quyết định "
        "và xử lý nghiêm cán bộ sai phạm.",
        MIXED,
        (LAND, CORRUPTION),
    ),
    (
        "Toi lam don nay khieu nai viec UBND xa cat tro cap nguoi co cong cua bo toi tu thang 1/2026 ma khong co "
        "quyet dinh. Dong thoi toi kien nghi xa sua chua nha bia tuong niem liet si cua thon da xuong cap.",
        MIXED,
        (POLICY,),
    ),
    (
        "ĐƠN KHIẾU NẠI VÀ TỐ CÁO. Tôi khiếu nại quyết định xử phạt 7 triệu đồng của Chủ tịch UBND xã đối với quán "
        "ăn của tôi, và tố cáo hành vi của tổ kiểm tra liên ngành đã đòi tiền “bồi dưỡng” mới bỏ qua cho các hộ "
        "khác.",
        MIXED,
        (CORRUPTION, OTHER),
    ),
    (
        "Kinh gui UBND xa. Chung toi to cao ong truong thon thu tien lam nha van hoa cua cac ho nhung khong cong "
        "khai thu chi. Ngoai ra chung toi kien nghi xa dau tu nang cap tuyen duong vao thon de ba con di lai thuan "
        "tien.",
        MIXED,
        (CORRUPTION, PLANNING),
    ),
    (
        "Tôi phản ánh tình trạng bãi rác tạm đầu thôn bốc mùi hôi thối nhiều tháng nay. Đồng thời tôi khiếu nại "
        "quyết định của UBND xã không cho gia đình tôi được bồi thường cây cối khi làm bãi rác trên phần đất nhà "
        "tôi.",
        MIXED,
        (ENVIRONMENT, CLEARANCE),
    ),
    (
        "Don khieu nai, to cao. Toi khieu nai quyet dinh buoc thoi viec cua Giam doc Trung tam y te doi voi toi, "
        "va to cao ong Giam doc da lam gia ho so tuyen dung cho nguoi nha.",
        MIXED,
        (OTHER, CORRUPTION),
    ),
]

#: Letters written after the cues were settled and not tuned on: their score is the honest measure
#: (test_held_out_letters_are_mostly_classified_right states it).
HELD_OUT: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "Kính gửi: Ông Chủ tịch UBND xã Bằng Lãng. Ngày 02/9/2026 tôi nhận được Quyết định số 301/QĐ-UBND về "
        "việc buộc gia đình tôi tháo dỡ mái che trước cửa hàng. Tôi thấy quyết định này không có căn cứ vì mái "
        "che nằm trong phần đất của tôi. Kính đề nghị ông Chủ tịch xem xét, rút lại quyết định nói trên.",
        KN,
        (PLANNING, LAND),
    ),
    (
        "Toi ten Ma Thi Hien, o thon Phieng Luong. Nam 2025 gia dinh toi duoc binh xet la ho can ngheo nhung den "
        "nam 2026 xa lai dua gia dinh toi ra khoi danh sach ma khong hop, khong thong bao. Toi khong dong y va de "
        "nghi xa xem xet lai viec nay cho gia dinh toi.",
        KN,
        (POLICY,),
    ),
    (
        "Kính gửi Giám đốc Sở Nông nghiệp và Môi trường. Tôi khiếu nại việc Văn phòng đăng ký đất đai chi nhánh "
        "đã ghi sai diện tích thửa đất số 45 trên giấy chứng nhận cấp cho tôi, thiếu 60 m² so với thực tế sử "
        "dụng ổn định từ năm 1995. Đề nghị đính chính giấy chứng nhận.",
        KN,
        (LAND,),
    ),
    (
        "Kinh gui hoi dong boi thuong du an duong tranh. Gia dinh toi co 2 ngoi mo va 120 cay que bi anh huong "
        "boi du an nhung khi kiem dem lai bo sot, khong dua vao bien ban. Toi khieu nai va de nghi kiem dem bo "
        "sung, tinh tien ho tro day du.",
        KN,
        (CLEARANCE,),
    ),
    (
        "Tôi không đồng ý với việc UBND xã thu hồi giấy phép kinh doanh quán ăn của tôi chỉ vì một lần khách "
        "phàn nàn. Việc thu hồi ảnh hưởng tới thu nhập của cả gia đình tôi. Tôi khiếu nại đề nghị cấp lại.",
        KN,
        (OTHER,),
    ),
    (
        "Chúng tôi là nhóm cựu giáo viên trường tiểu học Nà Phặc. Chúng tôi tố cáo bà hiệu trưởng đã cắt xén "
        "tiền ăn bán trú của học sinh, mỗi suất ăn chỉ khoảng 10 nghìn nhưng báo cáo 20 nghìn đồng. Mong cơ "
        "quan chức năng vào cuộc.",
        TC,
        (CORRUPTION,),
    ),
    (
        "Kinh gui Thanh tra tinh. Toi to giac ong Chu tich xa Cao Son da chi dao hop thuc hoa ho so de giao dat "
        "trai tham quyen cho mot doanh nghiep tu nhan, ba con mat dat san xuat. Yeu cau thanh tra vao cuoc.",
        TC,
        (CORRUPTION, LAND),
    ),
    (
        "Đơn tố cáo. Ông Vi Văn Khoa, cán bộ chính sách xã, yêu cầu các gia đình thương binh phải nộp 300 nghìn "
        "đồng mới làm hồ sơ điều chỉnh trợ cấp. Nhiều gia đình đã phải nộp. Đề nghị xử lý.",
        TC,
        (CORRUPTION, POLICY),
    ),
    (
        "Toi to cao chu co so san xuat go Hung Thinh thuong xuyen dot phe thai, go vun vao ban dem, khoi den "
        "bay khap xom, ban quan ly khu pho biet nhung lam ngo. De nghi xu ly theo phap luat.",
        TC,
        (ENVIRONMENT,),
    ),
    (
        "Kính gửi Công an huyện (nay là Công an tỉnh). Tôi tố cáo bà Lê Thị Nga đã vay của tôi 200 triệu đồng "
        "rồi bỏ trốn, có dấu hiệu lừa đảo chiếm đoạt tài sản.",
        TC,
        (JUSTICE, OTHER),
    ),
    (
        "Cử tri thôn Nà Chang đề nghị Nhà nước sớm kéo điện lưới quốc gia về thôn, hiện còn 35 hộ chưa có điện "
        "sinh hoạt, con em học tập rất khó khăn.",
        KNG,
        (PLANNING, OTHER),
    ),
    (
        "Kinh gui UBND tinh. Toi kien nghi tinh xem xet nang muc phu cap cho nhan vien y te thon ban vi muc hien "
        "tai qua thap so voi khoi luong cong viec.",
        KNG,
        (POLICY,),
    ),
    (
        "Nhân dân tổ dân phố 9 kiến nghị phường cho xây dựng một sân chơi cho trẻ em trên khu đất trống cạnh nhà "
        "văn hóa, thay vì để người dân họp chợ tự phát như hiện nay.",
        KNG,
        (PLANNING,),
    ),
    (
        "Xin đề xuất: nên có quy định bắt buộc các trang trại chăn nuôi lợn cách khu dân cư ít nhất 500 m và phải "
        "có hệ thống xử lý chất thải đạt chuẩn trước khi cấp phép.",
        KNG,
        (ENVIRONMENT,),
    ),
    (
        "Kinh gui So Tu phap. Toi de nghi mo rong hinh thuc dang ky khai sinh truc tuyen cho nguoi dan vung cao, "
        "vi nhieu noi song cach xa trung tam xa hang chuc cay so.",
        KNG,
        (JUSTICE,),
    ),
    (
        "Phản ánh: từ tuần trước đến nay nước sinh hoạt của khu tái định cư Bắc Sơn có màu vàng đục, có mùi lạ, "
        "nhiều hộ không dám dùng để nấu ăn.",
        PA,
        (ENVIRONMENT, OTHER),
    ),
    (
        "Toi phan anh: cay xanh tren duong Hung Vuong truoc so nha 45 bi nghieng, co nguy co do vao nguoi di duong "
        "khi co gio bao.",
        PA,
        (PLANNING, OTHER),
    ),
    (
        "Chúng tôi phản ánh việc xe tải chở đất đá của công trình nhà máy đi qua thôn làm rơi vãi, bụi mù mịt, "
        "đường bê tông mới làm đã bị nứt vỡ nhiều đoạn.",
        PA,
        (ENVIRONMENT, PLANNING),
    ),
    (
        "Kinh gui UBND xa. Ong ba cao tuoi trong thon cho biet den nay van chua duoc nhan tien mung tho nam 2026 "
        "theo quy dinh. Mong xa kiem tra.",
        PA,
        (POLICY,),
    ),
    (
        "Tôi phản ánh: bãi đất trống tại tổ 3 bị một số người lén đổ phế thải xây dựng, nay đã thành đống cao, "
        "chiếm cả lòng mương thoát nước.",
        PA,
        (ENVIRONMENT, PLANNING),
    ),
    (
        "Tôi khiếu nại quyết định thu hồi đất số 77/QĐ-UBND vì áp sai loại đất, đồng thời tố cáo ông trưởng ban "
        "giải phóng mặt bằng đã nhận tiền để nâng khống diện tích cho một số hộ.",
        MIXED,
        (CLEARANCE, CORRUPTION),
    ),
    (
        "Kinh gui UBND xa. Toi khieu nai viec xa khong xet cho con toi huong ho tro hoc tap du gia dinh thuoc ho "
        "ngheo. Ngoai ra toi kien nghi xa som sua chua cau treo Ban Cuon da hu hong.",
        MIXED,
        (POLICY, PLANNING),
    ),
    (
        "Tôi xin tố cáo anh Hoàng Văn Sinh, công an viên, nhận tiền bảo kê cho các điểm đánh bạc trong thôn; đồng "
        "thời kiến nghị xã tăng cường tuần tra ban đêm để giữ an ninh trật tự.",
        MIXED,
        (CORRUPTION, OTHER),
    ),
]


def accented(text: str) -> bool:
    return " ".join(text.lower().split()) != fold(text)


def kind_of(text: str) -> str:
    return classify.kind_from_cues(text)[0]


@pytest.fixture(autouse=True)
def _untrained():
    """Each test starts without this process's trained models, and leaves none behind. Under the test suite
    the models are trained in line (the test's transaction is not seen from another thread)."""
    classify.forget_trained()
    yield
    classify.forget_trained()


@pytest.fixture(autouse=True)
def _own_routing_table(request):
    """The tests of the routing table build their own: the defaults a migration installs are removed."""
    if request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames):
        request.getfixturevalue("db")
        RoutingRule.objects.all().delete()


def subjects() -> list[Subject]:
    return list(Subject.objects.filter(active=True))


# --- kinds, from the cues -----------------------------------------------------------------------------


def test_the_letters_cover_every_kind_with_and_without_accents() -> None:
    for kind in (KN, TC, KNG, PA, MIXED):
        texts = [text for text, expected, _ in LETTERS if expected == kind]
        with_accents = [t for t in texts if accented(t)]
        assert len(texts) >= 6 and len(with_accents) >= 2 and len(texts) - len(with_accents) >= 2, kind


@pytest.mark.parametrize(("text", "kind"), [(text, kind) for text, kind, _ in LETTERS])
def test_kind_is_read_from_the_cues_of_the_legal_definitions(text: str, kind: str) -> None:
    assert kind_of(text) == kind


@pytest.mark.parametrize("text", [text for text, _, _ in LETTERS if accented(text)])
def test_a_letter_typed_without_accents_reads_the_same(text: str) -> None:
    assert classify.kind_from_cues(fold(text)) == classify.kind_from_cues(text)


def test_held_out_letters_are_mostly_classified_right(db) -> None:
    """Written after the cues were settled. Measured: 20 of 23 kinds (87%), 15 of 23 fields (65%); the first
    measure, before two folding collisions were fixed, was 19 of 23 kinds. The officers' model closes the gap."""
    kinds = sum(kind_of(text) == kind for text, kind, _ in HELD_OUT)
    fields = sum(_field_right(text, accepted) for text, _, accepted in HELD_OUT)
    assert kinds >= 20 and fields >= 15, (kinds, fields)


def test_the_reason_names_the_cues_that_counted() -> None:
    kind, reason = classify.kind_from_cues(
        "Tôi xin tố cáo ông Hà Văn Tâm, cán bộ địa chính xã, đã nhận tiền của các hộ để làm nhanh hồ sơ."
    )
    assert kind == TC
    assert reason == 'có từ "xin tố cáo", nêu hành vi vi phạm của cán bộ'


def test_two_contents_named_by_the_writer_make_a_mixed_letter_and_the_reason_shows_both() -> None:
    kind, reason = classify.kind_from_cues(LETTERS[32][0])
    assert kind == MIXED
    assert reason.startswith("nhiều nội dung — ")
    assert "khiếu nại: " in reason and "tố cáo: " in reason


def test_a_complaint_asking_with_the_word_kien_nghi_is_not_two_contents() -> None:
    text = (
        "Tôi khiếu nại Quyết định số 12/QĐ-UBND về việc thu hồi đất của gia đình tôi. Tôi kiến nghị UBND xã "
        "hủy bỏ quyết định nói trên."
    )
    assert kind_of(text) == KN


def test_a_report_mentioned_in_passing_does_not_make_a_denunciation_mixed() -> None:
    text = next(t for t, _, _ in LETTERS if t.startswith("Tôi tố cáo Công ty TNHH Minh Phát"))
    assert "người dân phản ánh" in text and kind_of(text) == TC


def test_the_national_motto_and_the_title_are_read() -> None:
    text = (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nĐƠN PHẢN ÁNH\n\nKính gửi: UBND xã. "
        "Đoạn mương đầu thôn bị lấp."
    )
    kind, reason = classify.kind_from_cues(text)
    assert kind == PA and 'tiêu đề "đơn phản ánh"' in reason


def test_the_words_of_a_body_name_are_not_cues() -> None:
    # "nhân dân" (the public) is a cue; "Ủy ban nhân dân" is not the public.
    assert kind_of("Kính gửi Ủy ban nhân dân xã, Hội đồng nhân dân xã.") == ""
    assert classify.score_kinds("Kính gửi Ủy ban nhân dân xã.")[0].score == 0


def test_nothing_is_said_without_cues() -> None:
    kind, reason = classify.kind_from_cues("Kính gửi các cấp. Tôi tên là Nguyễn Văn A, ở thôn 3.")
    assert kind == "" and reason == "Không thấy dấu hiệu rõ của loại đơn nào"


def test_every_cue_has_two_words_or_more() -> None:
    # One folded syllable names too many words: "chợ", "chó", "cho", "chờ" all fold to "cho".
    for kind, cues in classify.CUES.items():
        for cue in cues:
            for folded in cue.folded + cue.folded_context:
                assert len(folded.split()) >= 2, (kind, folded)
    for name, cues in classify.SUBJECT_CUES.items():
        for phrases in cues.values():
            for phrase in phrases.split(";"):
                assert len(words(phrase)) >= 2, (name, phrase)


# --- subjects, from the cues ---------------------------------------------------------------------------


def _field_right(text: str, accepted: tuple[str, ...]) -> bool:
    subject, _ = classify.subject_from_cues(text, subjects())
    return (subject.name if subject else OTHER) in accepted


def test_the_subjects_of_the_letters_are_mostly_right(db) -> None:
    """Measured: 36 of the 38 letters (95%); "Khác" is met by saying nothing."""
    wrong = [text[:60] for text, _, accepted in LETTERS if not _field_right(text, accepted)]
    assert len(wrong) <= 2, wrong


def test_the_subject_reason_quotes_the_words_found(db) -> None:
    subject, reason = classify.subject_from_cues(
        "Tôi đề nghị xã giải quyết tranh chấp đất tại thửa đất số 12, tờ bản đồ số 4.", subjects()
    )
    assert subject is not None and subject.name == LAND
    assert reason == 'có từ "tranh chấp đất", "thửa đất", "tờ bản đồ"'


def test_a_phrase_inside_a_longer_one_counts_once(db) -> None:
    _, reason = classify.subject_from_cues("Gia đình tôi có giấy chứng nhận quyền sử dụng đất.", subjects())
    assert reason == 'có từ "giấy chứng nhận quyền sử dụng đất"'


def test_a_subject_an_administrator_added_is_recognised_by_its_name(db) -> None:
    school = Subject.objects.create(name="Giáo dục, đào tạo", order=20)
    subject, reason = classify.subject_from_cues("Kiến nghị về chất lượng giáo dục ở trường thôn.", subjects())
    assert subject == school and reason == 'có từ "Giáo dục"'
    # one-syllable names say nothing: "khác" is in every other sentence
    assert classify.subject_from_cues("Các hộ khác cũng vậy.", subjects())[0] is None


def test_an_inactive_subject_is_not_suggested(db) -> None:
    Subject.objects.filter(name=ENVIRONMENT).update(active=False)
    result = classify.suggest(unit=None, content="Phản ánh tình trạng ô nhiễm, xả thải ra suối.")
    assert result.kind == PA and result.subject is None


# --- suggest --------------------------------------------------------------------------------------------


def test_suggest_says_the_cues_spoke(db, tree) -> None:
    result = classify.suggest(unit=tree.commune_a, content=LETTERS[0][0])
    assert result.kind == KN and result.kind_reason.startswith("Dấu hiệu trong đơn: ")
    assert result.subject is not None and result.subject.name == CLEARANCE
    assert result.subject_reason.startswith("Dấu hiệu trong đơn: có từ ")


def test_what_the_officer_chose_is_kept_and_only_routed(db, tree, monkeypatch) -> None:
    routing.load_defaults()
    monkeypatch.setattr(classify, "trained", lambda: pytest.fail("nothing to guess, nothing to train"))
    policy = Subject.objects.get(name=POLICY)
    result = classify.suggest(unit=tree.commune_a, content=LETTERS[8][0], kind=KN, subject=policy)
    assert (result.kind, result.subject) == (KN, policy)
    assert result.kind_reason == result.subject_reason == "Cán bộ đã chọn"
    assert result.body == "Chủ tịch UBND cấp xã" and "Điều 17" in result.basis


def test_a_chosen_kind_is_kept_while_the_subject_is_suggested(db, tree) -> None:
    result = classify.suggest(unit=tree.commune_a, content=LETTERS[2][0], kind=KNG)
    assert result.kind == KNG and result.kind_reason == "Cán bộ đã chọn"
    assert result.subject is not None and result.subject.name == LAND


ODD_TEXTS = [
    "",
    "   \n\t ",
    "\x00\x01\x02 \ufffd\ufffd",
    "\ud800 lone surrogate \udfff",
    "🙂🙂🙂 ❤️",
    "ĐƠN KHIẾU NẠI " * 200_000,  # 2.8 million characters: read on its beginning
    "a" * 1_000_000,
    "Tôi t\u1ed1 c\u00e1o" + "\u0301" * 5000,  # combining marks piled up
    "ŸŸŸ ¿¿¿ ÐÐÐ",  # legacy-encoded bytes read as Latin-1
    "<script>alert('x')</script> ' OR 1=1 --",
]


@pytest.mark.parametrize("text", ODD_TEXTS, ids=range(len(ODD_TEXTS)))
def test_odd_text_never_raises(db, tree, text: str) -> None:
    result = classify.suggest(unit=tree.commune_a, content=text)
    assert isinstance(result, classify.Classification)
    assert result.kind in ("", *LetterKind)


def test_empty_text_gives_empty_suggestions(db, tree) -> None:
    result = classify.suggest(unit=tree.commune_a, content="")
    assert (result.kind, result.subject, result.body, result.rule_id) == ("", None, "", None)
    result = classify.suggest(unit=tree.commune_a, content=None)  # type: ignore[arg-type]
    assert result.kind == ""


# --- routing --------------------------------------------------------------------------------------------


def rule(**fields) -> RoutingRule:
    fields.setdefault("body", "Cơ quan " + "/".join(str(v) for v in fields.values()))
    return RoutingRule.objects.create(**fields)


def test_the_defaults_load_once_and_keep_the_administrators_edits(db) -> None:
    created = routing.load_defaults()
    assert created == len(routing.DEFAULT_RULES) == RoutingRule.objects.count()
    edited = RoutingRule.objects.get(kind=KN, level="commune", subject=None, unit=None)
    edited.body = "Chủ tịch UBND xã (đã sửa)"
    edited.save()
    RoutingRule.objects.filter(kind=TC, level="province", subject=None).update(active=False)
    assert routing.load_defaults() == 0
    edited.refresh_from_db()
    assert edited.body == "Chủ tịch UBND xã (đã sửa)"
    assert not RoutingRule.objects.get(kind=TC, level="province", subject=None).active
    # a deleted default comes back (the admin offers deactivation instead)
    edited.delete()
    assert routing.load_defaults() == 1


def test_a_default_naming_a_renamed_subject_is_skipped(db) -> None:
    Subject.objects.filter(name=JUSTICE).update(name="Tư pháp, hộ tịch")
    skipped = sum(1 for row in routing.DEFAULT_RULES if row.subject == JUSTICE)
    assert routing.load_defaults() == len(routing.DEFAULT_RULES) - skipped


def test_every_default_rule_cites_its_basis_and_fits_its_columns() -> None:
    for row in routing.DEFAULT_RULES:
        assert row.basis and row.evidence in ("[V]", "[M]", "[?]"), row
        for name in ("body", "handling", "basis"):
            assert len(getattr(row, name)) <= RoutingRule._meta.get_field(name).max_length, (name, row)
        assert row.level in ("", "commune", "province"), "no district after 01/07/2025"
    keys = [(row.kind, row.subject, row.level) for row in routing.DEFAULT_RULES]
    assert len(keys) == len(set(keys))


def test_the_default_table_routes_by_kind_field_and_level(db, tree) -> None:
    routing.load_defaults()
    land = Subject.objects.get(name=LAND)
    clearance = Subject.objects.get(name=CLEARANCE)
    commune, province = tree.commune_a, tree.province

    def body(unit, kind, subject=None) -> str:
        found = classify.route(unit=unit, kind=kind, subject=subject)
        return found.body if found else ""

    assert body(commune, KN) == "Chủ tịch UBND cấp xã"
    assert body(province, KN) == "Chủ tịch UBND cấp tỉnh"
    assert body(commune, TC) == "Chủ tịch UBND cấp xã"
    assert body(commune, KN, clearance).startswith("Chủ tịch UBND cấp xã (quyết định bồi thường")
    assert "hòa giải" in body(commune, KNG, land) and "hòa giải" in body(commune, PA, land)
    dispute = classify.route(unit=commune, kind=KNG, subject=land)
    assert dispute is not None and "Điều 235" in dispute.basis
    assert body(province, PA, Subject.objects.get(name=ENVIRONMENT)) == "Sở Nông nghiệp và Môi trường"
    assert body(commune, MIXED).startswith("Cơ quan nhận đơn: hướng dẫn công dân tách đơn")
    assert body(commune, TC, Subject.objects.get(name=JUSTICE)).startswith("Tòa án")


def test_suggest_routes_a_land_dispute_to_mediation_at_the_commune(db, tree) -> None:
    routing.load_defaults()
    result = classify.suggest(
        unit=tree.commune_a,
        content="Tôi kiến nghị UBND xã giải quyết tranh chấp đất với hộ ông Nông Văn Bảy về ranh giới thửa đất số 9.",
    )
    assert result.kind == KNG and result.subject is not None and result.subject.name == LAND
    assert result.handling.startswith("Hòa giải tại UBND cấp xã")
    assert "Luật Đất đai 2024, Điều 235" in result.basis and result.rule_id is not None


def test_a_provinces_own_rule_beats_the_national_default(db, tree) -> None:
    national = rule(kind=KN, level="commune", body="Chủ tịch UBND cấp xã")
    own = rule(kind=KN, unit=tree.province, body="Chủ tịch UBND xã (quy trình riêng của tỉnh)")
    assert classify.route(unit=tree.commune_a, kind=KN, subject=None) == own  # under the province
    assert classify.route(unit=tree.province, kind=KN, subject=None) == own  # the province itself
    assert classify.route(unit=tree.commune_c, kind=KN, subject=None) == national  # another province


def test_the_nearest_ancestors_rule_wins(db, tree) -> None:
    rule(kind=KN, unit=tree.province, level="commune")
    nearest = rule(kind=KN, unit=tree.commune_a)
    assert classify.route(unit=tree.commune_a, kind=KN, subject=None) == nearest
    assert classify.route(unit=tree.hamlet_a, kind=KN, subject=None) == nearest


def test_level_then_subject_then_kind_decide_between_national_rules(db, tree) -> None:
    land = Subject.objects.get(name=LAND)
    any_kind = rule()
    assert classify.route(unit=tree.commune_a, kind=KN, subject=land) == any_kind
    of_kind = rule(kind=KN)
    assert classify.route(unit=tree.commune_a, kind=KN, subject=land) == of_kind
    of_subject = rule(subject=land)
    assert classify.route(unit=tree.commune_a, kind=KN, subject=land) == of_subject
    of_level = rule(level="commune")
    assert classify.route(unit=tree.commune_a, kind=KN, subject=land) == of_level
    of_level_and_kind = rule(level="commune", kind=KN)
    assert classify.route(unit=tree.commune_a, kind=KN, subject=land) == of_level_and_kind
    # a rule for another level, subject or kind never applies
    rule(level="province", subject=land, kind=KN)
    rule(level="commune", subject=Subject.objects.get(name=POLICY), kind=KN)
    rule(level="commune", subject=land, kind=TC)
    assert classify.route(unit=tree.commune_a, kind=KN, subject=land) == of_level_and_kind
    assert classify.route(unit=tree.province, kind=KN, subject=None) == of_kind


def test_inactive_rules_are_ignored_and_ties_go_to_the_older(db, tree) -> None:
    older = rule(kind=KN, level="commune", body="Cũ hơn")
    rule(kind=KN, level="commune", body="Mới hơn")
    rule(kind=KN, level="commune", unit=tree.commune_a, active=False)
    assert classify.route(unit=tree.commune_a, kind=KN, subject=None) == older
    older.active = False
    older.save()
    assert classify.route(unit=tree.commune_a, kind=KN, subject=None).body == "Mới hơn"


def test_no_rule_no_body(db, tree) -> None:
    result = classify.suggest(unit=tree.commune_a, content=LETTERS[0][0])
    assert result.kind == KN and (result.body, result.handling, result.basis, result.rule_id) == ("", "", "", None)
    assert classify.route(unit=None, kind=KN, subject=None) is None
    national = rule(kind=KN)
    rule(kind=KN, level="commune")
    assert classify.route(unit=None, kind=KN, subject=None) == national


def test_the_load_routing_command_speaks_vietnamese(db, capsys) -> None:
    call_command("load_routing")
    call_command("load_routing")
    out = capsys.readouterr().out.splitlines()
    n = len(routing.DEFAULT_RULES)
    assert out[0] == f"Đã thêm {n} quy tắc định tuyến mặc định; bảng có {n} quy tắc."
    assert out[1].startswith("Đã thêm 0 quy tắc")


def test_the_administrator_edits_the_routing_table(db, personas, settings) -> None:
    from django.test import Client

    from danvan.petitions import admin_routing  # noqa: F401 (until petitions/admin.py imports it)

    settings.DANVAN_2FA_REQUIRED_ROLES = []
    routing.load_defaults()
    client = Client()
    client.force_login(personas.admin)
    page = client.get("/admin/petitions/routingrule/")
    assert page.status_code == 200 and "Chủ tịch UBND cấp xã" in page.content.decode()
    assert client.get("/admin/petitions/routingrule/add/").status_code == 200
    other = Client()
    other.force_login(personas.supervisor)
    assert other.get("/admin/petitions/routingrule/").status_code == 302


# --- the officers' past decisions -------------------------------------------------------------------


class LetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Letter

    received_on = datetime.date(2026, 3, 2)
    channel = "post"
    kind = KN
    content = "Nội dung"


#: Matters whose words no cue knows, with the kind and field the officers gave them.
TRAINING = {
    (PA, PLANNING): ["cột điện", "dây điện võng", "trạm biến áp", "điện lực", "chập điện"],
    (KNG, OTHER): ["học phí", "sách giáo khoa", "bữa ăn bán trú", "giáo viên hợp đồng", "xe đưa đón"],
    (KN, LAND): ["bờ rào", "góc ao", "con mương", "mảnh vườn", "hàng cây ranh"],
    (TC, CORRUPTION): ["phong bao", "quà cáp", "lót tay", "chi ngoài", "tiền cà phê"],
}


def train_letters(unit, count: int = 240, seed: int = 11) -> list[Letter]:
    rng = random.Random(seed)
    names = {name: Subject.objects.get(name=name) for _, name in TRAINING}
    classes = itertools.cycle(TRAINING.items())
    letters = []
    for _ in range(count):
        (kind, name), vocabulary = next(classes)
        first, second = rng.sample(vocabulary, 2)
        content = (
            f"Kính gửi các cấp. Tôi viết về việc {first} và {second} ở thôn {rng.randint(1, 30)}. Mong được quan tâm."
        )
        letters.append(LetterFactory.build(unit=unit, kind=kind, subject=names[name], content=content))
    return Letter.objects.bulk_create(letters)


QUERY = "Tôi viết về chuyện cột điện và trạm biến áp ở thôn 31."


def test_with_enough_decided_letters_the_model_speaks_and_says_so(db, tree) -> None:
    train_letters(tree.commune_a)
    assert classify.kind_from_cues(QUERY)[0] == ""  # the cues know nothing of electricity
    result = classify.suggest(unit=tree.commune_a, content=QUERY)
    assert result.kind == PA and result.subject is not None and result.subject.name == PLANNING
    assert result.kind_reason.startswith("Mô hình học: theo 240 đơn cán bộ đã phân loại (khả năng ")
    assert result.subject_reason.startswith("Mô hình học: theo 240 đơn cán bộ đã phân loại")


def test_the_model_and_the_cues_agreeing_is_said(db, tree) -> None:
    train_letters(tree.commune_a)
    result = classify.suggest(unit=tree.commune_a, content="Tôi xin tố cáo cán bộ nhận phong bao, quà cáp, lót tay.")
    assert result.kind == TC
    assert (
        result.kind_reason.startswith("Mô hình học: ")
        and '; khớp dấu hiệu: có từ "tố cáo cán bộ"' in result.kind_reason
    )


def test_below_two_hundred_letters_only_the_cues_speak(db, tree) -> None:
    train_letters(tree.commune_a, count=classify.MIN_TRAINING_LETTERS - 1)
    result = classify.suggest(unit=tree.commune_a, content=QUERY)
    assert result.kind == "" and result.kind_reason == "Không thấy dấu hiệu rõ của loại đơn nào"
    result = classify.suggest(unit=tree.commune_a, content=LETTERS[0][0])
    assert result.kind == KN and result.kind_reason.startswith("Dấu hiệu trong đơn: ")


def test_the_model_is_kept_per_process_and_retrained_at_most_once_an_hour(db, tree, monkeypatch) -> None:
    now = [1000.0]
    monkeypatch.setattr(classify, "_clock", lambda: now[0])
    trainings = []
    real_train = classify._train
    monkeypatch.setattr(classify, "_train", lambda rows, at: trainings.append(len(rows)) or real_train(rows, at))
    train_letters(tree.commune_a, count=199)
    classify.suggest(unit=tree.commune_a, content=QUERY)
    classify.suggest(unit=tree.commune_a, content=QUERY)
    assert trainings == [199]  # "too few letters" is kept for the hour too
    train_letters(tree.commune_a, count=41, seed=12)
    now[0] += 600
    assert classify.suggest(unit=tree.commune_a, content=QUERY).kind == ""
    assert trainings == [199]
    now[0] += classify.RETRAIN_SECONDS
    assert classify.suggest(unit=tree.commune_a, content=QUERY).kind == PA
    assert trainings == [199, 240]
    classify.suggest(unit=tree.commune_a, content=QUERY)
    assert trainings == [199, 240]


def test_a_failing_model_leaves_the_cues_to_answer(db, tree, monkeypatch) -> None:
    train_letters(tree.commune_a)

    def broken(rows, at):
        raise MemoryError

    monkeypatch.setattr(classify, "_train", broken)
    result = classify.suggest(unit=tree.commune_a, content=LETTERS[0][0])
    assert result.kind == KN and result.kind_reason.startswith("Dấu hiệu trong đơn: ")


def test_the_model_never_suggests_an_inactive_subject(db, tree) -> None:
    train_letters(tree.commune_a)
    Subject.objects.filter(name=PLANNING).update(active=False)
    result = classify.suggest(unit=tree.commune_a, content=QUERY)
    assert result.kind == PA and result.subject is None


@pytest.mark.django_db(transaction=True)
def test_in_production_the_training_runs_beside_the_requests(tree, monkeypatch) -> None:
    monkeypatch.setattr(classify, "TRAIN_IN_BACKGROUND", True)
    train_letters(tree.commune_a)
    first = classify.suggest(unit=tree.commune_a, content=QUERY)
    assert first.kind == ""  # the request did not wait: the cues answered alone
    assert classify._thread is not None
    classify._thread.join(timeout=120)
    assert not classify._thread.is_alive()
    again = classify.suggest(unit=tree.commune_a, content=QUERY)
    assert again.kind == PA and again.kind_reason.startswith("Mô hình học: theo 240 đơn")
