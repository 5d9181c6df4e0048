"""Demo content of the news section: categories and a year of reform news with images.

The articles are written for this project from public facts reported by provinces (see
/work/shared/seeds: numbers of dossiers, electronic documents, SIPAS percentages...); no
sentence is copied. Images are drawn here with Pillow (a colour field and a few shapes), so
the demo needs no files; each is stored once as a Wagtail image with its alt text.
Dates follow the day the demo is loaded, so the archive always shows the last twelve months:
each article keeps its day and month and takes the latest year that puts it on or before
today; "{y}", "{py}" and "{m}" in its text become that year, the year before and the month.
Articles reporting on an inspection are dated the day after it ended (inspections.demo's
schedule); the two about events of 2025 (the inspection of the former districts, the end of
the district level) keep their dates. Running `load` again updates the same pages and images.
"""

from __future__ import annotations

import datetime
import io

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

from home.demo import publish, upsert_child
from inspections.demo import NEWS_ABOUT_INSPECTIONS, schedule
from news.models import NewsCategory, NewsIndexPage, NewsPage

AUTHOR = "Ban Biên tập"

CATEGORIES = [
    # (slug, name, description, colour of the demo images)
    (
        "cai-cach-thu-tuc-hanh-chinh",
        "Cải cách thủ tục hành chính",
        "Rà soát, đơn giản hóa thủ tục; cơ chế một cửa, một cửa liên thông.",
        (163, 18, 27),
    ),
    (
        "chinh-quyen-dien-tu",
        "Chính quyền điện tử",
        "Dịch vụ công trực tuyến, văn bản điện tử, chữ ký số và chuyển đổi số.",
        (11, 78, 162),
    ),
    (
        "kiem-tra-cchc",
        "Kiểm tra CCHC",
        "Kết quả các đoàn kiểm tra cải cách hành chính và việc khắc phục.",
        (138, 75, 0),
    ),
    (
        "chi-dao-dieu-hanh",
        "Chỉ đạo điều hành",
        "Chỉ đạo của Ủy ban nhân dân tỉnh và Ban Chỉ đạo CCHC tỉnh.",
        (29, 107, 53),
    ),
    (
        "chi-so-cchc-va-su-hai-long",
        "Chỉ số CCHC và sự hài lòng",
        "Chỉ số PAR Index, SIPAS và đánh giá của người dân, doanh nghiệp.",
        (90, 40, 120),
    ),
]


def _p(*paragraphs: str) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


# (slug, date, category slug, title, standfirst, body blocks, tags)
ARTICLES = [
    (
        "ke-hoach-cchc-nam",
        datetime.date(2025, 1, 8),
        "chi-dao-dieu-hanh",
        "Tỉnh ban hành Kế hoạch cải cách hành chính năm {y}",
        "Kế hoạch giao nhiệm vụ cụ thể cho từng sở, ngành và địa phương, gắn kết quả cải cách "
        "hành chính với đánh giá người đứng đầu.",
        [
            *_p(
                "Ủy ban nhân dân tỉnh vừa ban hành kế hoạch cải cách hành chính năm {y} với "
                "sáu nhóm nội dung: cải cách thể chế, thủ tục hành chính, tổ chức bộ máy, chế "
                "độ công vụ, tài chính công và xây dựng chính quyền điện tử.",
                "Mỗi nhiệm vụ có cơ quan chủ trì, thời hạn và sản phẩm đầu ra. Kết quả thực "
                "hiện là căn cứ để đánh giá, xếp loại tập thể và người đứng đầu cuối năm.",
            ),
            ("heading", "Lấy sự hài lòng của người dân làm thước đo"),
            *_p(
                "Kế hoạch đặt mục tiêu nâng chỉ số hài lòng của người dân, tổ chức đối với sự "
                "phục vụ của các sở, ngành lên trên 85% và giảm số hồ sơ trễ hạn ở cấp xã."
            ),
        ],
        ["kế hoạch CCHC", "năm {y}"],
    ),
    (
        "hoi-nghi-tong-ket-cchc-nam-truoc",
        datetime.date(2025, 1, 21),
        "chi-dao-dieu-hanh",
        "Tổng kết cải cách hành chính năm {py}: nhiều chỉ tiêu vượt kế hoạch",
        "Ban Chỉ đạo CCHC tỉnh đánh giá năm {py} có chuyển biến rõ ở thủ tục hành chính và "
        "chính quyền điện tử, nhưng còn tình trạng hồ sơ trễ hạn ở một số địa phương.",
        [
            *_p(
                "Trong năm, hệ thống thông tin giải quyết thủ tục hành chính của tỉnh tiếp "
                "nhận 235.970 hồ sơ và đã giải quyết 224.304 hồ sơ theo cơ chế một cửa liên "
                "thông.",
                "Ban Chỉ đạo yêu cầu các đơn vị còn hồ sơ trễ hạn phân tích nguyên nhân, công "
                "khai lời xin lỗi với người dân và báo cáo kết quả khắc phục theo quý.",
            ),
            (
                "quote",
                {
                    "text": "Mỗi hồ sơ trễ hạn là một lần người dân phải chờ đợi; đơn vị nào "
                    "để trễ phải chịu trách nhiệm giải trình.",
                    "attribution": "Trưởng Ban Chỉ đạo CCHC tỉnh",
                },
            ),
        ],
        ["tổng kết", "hồ sơ trễ hạn"],
    ),
    (
        "so-lieu-dich-vu-cong-truc-tuyen-thang-2",
        datetime.date(2025, 2, 12),
        "chinh-quyen-dien-tu",
        "1.888 dịch vụ công trực tuyến được cung cấp trên cổng dịch vụ công của tỉnh",
        "Số dịch vụ công trực tuyến tăng, nhưng tỷ lệ hồ sơ nộp trực tuyến vẫn thấp so với "
        "số hồ sơ nộp trực tiếp.",
        [
            *_p(
                "Theo số liệu của Sở Nội vụ, cổng dịch vụ công của tỉnh đang cung cấp 1.888 "
                "dịch vụ công trực tuyến. Trong đó có 794 dịch vụ một phần và 294 dịch vụ "
                "toàn trình.",
                "Tỷ lệ hồ sơ được nộp và giải quyết trực tuyến đạt 12,15% ở nhóm dịch vụ một "
                "phần và 26,06% ở nhóm dịch vụ toàn trình.",
            ),
            (
                "table",
                {
                    "caption": "Dịch vụ công trực tuyến theo mức độ",
                    "table": {
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "data": [
                            ["Mức độ", "Số dịch vụ"],
                            ["Cung cấp thông tin", "800"],
                            ["Một phần", "794"],
                            ["Toàn trình", "294"],
                        ],
                    },
                },
            ),
        ],
        ["dịch vụ công trực tuyến", "chuyển đổi số"],
    ),
    (
        "van-ban-dien-tu-lien-thong",
        datetime.date(2025, 2, 26),
        "chinh-quyen-dien-tu",
        "Hơn 83 nghìn văn bản điện tử được trao đổi liên thông giữa các cơ quan",
        "Hệ thống quản lý văn bản và điều hành đã kết nối từ cấp tỉnh đến cấp xã, giảm mạnh "
        "văn bản giấy.",
        _p(
            "Từ đầu năm, các cơ quan nhà nước trong tỉnh đã gửi, nhận 83.730 văn bản điện tử "
            "qua hệ thống quản lý văn bản và điều hành.",
            "Văn bản đi được ký số trước khi phát hành; bản giấy chỉ còn dùng cho một số loại "
            "văn bản mật theo quy định.",
        ),
        ["văn bản điện tử", "chuyển đổi số"],
    ),
    (
        "cap-chu-ky-so",
        datetime.date(2025, 3, 5),
        "chinh-quyen-dien-tu",
        "Cấp 2.191 chữ ký số cho cán bộ, công chức và cơ quan",
        "Chữ ký số giúp văn bản điện tử có giá trị pháp lý như bản giấy và rút ngắn thời gian "
        "luân chuyển hồ sơ.",
        _p(
            "Tỉnh đã cấp 2.191 chữ ký số, gồm 1.640 chữ ký số cá nhân và 551 chữ ký số tổ "
            "chức; ngoài ra có 500 chữ ký số trên sim dành cho lãnh đạo thường xuyên đi công "
            "tác.",
            "Sở Khoa học và Công nghệ hướng dẫn các đơn vị rà soát, thu hồi chữ ký số của "
            "người đã nghỉ hưu hoặc chuyển công tác.",
        ),
        ["chữ ký số"],
    ),
    (
        "kiem-tra-cchc-huyen-lai-vung-lap-vo",
        datetime.date(2025, 3, 14),
        "kiem-tra-cchc",
        "Đoàn kiểm tra CCHC làm việc tại huyện Lai Vung và huyện Lấp Vò",
        "Hai huyện có mô hình hay trong hỗ trợ người dân, nhưng còn hồ sơ trễ hạn chưa có thư "
        "xin lỗi và tỷ lệ nộp hồ sơ trực tuyến thấp.",
        [
            *_p(
                "Đoàn kiểm tra do Phó Giám đốc Sở Nội vụ làm trưởng đoàn đã kiểm tra bộ phận "
                "một cửa và việc giải quyết thủ tục hành chính tại hai huyện.",
                "Huyện Lai Vung duy trì mô hình sinh viên tình nguyện hướng dẫn người dân nộp "
                "hồ sơ trực tuyến; huyện Lấp Vò nhận và trả kết quả qua mạng xã hội Zalo. Qua "
                "bưu điện công ích, Lấp Vò đã nhận hơn 2.000 hồ sơ, Lai Vung nhận 530 hồ sơ.",
            ),
            ("heading", "Những hạn chế phải khắc phục"),
            *_p(
                "Đoàn ghi nhận còn hồ sơ trễ hạn chưa gửi thư xin lỗi, một số hồ sơ không có "
                "phiếu hẹn và chưa được nhập vào phần mềm một cửa điện tử. Từ đầu năm, Lấp Vò "
                "chỉ nhận 7 hồ sơ trực tuyến, Lai Vung nhận 97 hồ sơ."
            ),
        ],
        ["kiểm tra CCHC", "Lai Vung", "Lấp Vò"],
    ),
    (
        "cong-bo-danh-muc-van-ban-het-hieu-luc",
        datetime.date(2025, 3, 27),
        "cai-cach-thu-tuc-hanh-chinh",
        "Công bố danh mục văn bản hết hiệu lực năm {py}",
        "Sở Tư pháp đã rà soát và tham mưu công bố 58 văn bản hết hiệu lực toàn bộ và 31 văn "
        "bản hết hiệu lực một phần.",
        _p(
            "Danh mục được công bố bằng quyết định của Chủ tịch Ủy ban nhân dân tỉnh, nêu rõ "
            "lý do và thời điểm hết hiệu lực của từng văn bản.",
            "Người dân có thể tra cứu danh mục và tình trạng hiệu lực của từng văn bản tại mục "
            "Văn bản của cổng thông tin.",
        ),
        ["văn bản quy phạm pháp luật", "rà soát văn bản"],
    ),
    (
        "ket-qua-giai-quyet-ho-so-quy-1",
        datetime.date(2025, 4, 9),
        "cai-cach-thu-tuc-hanh-chinh",
        "Quý I: Trung tâm Phục vụ hành chính công tiếp nhận 2.084 hồ sơ",
        "Phần lớn hồ sơ được giải quyết đúng hạn; 10 hồ sơ trễ hạn đã được xin lỗi người dân.",
        [
            *_p(
                "Trong quý I, Trung tâm Phục vụ hành chính công tỉnh tiếp nhận 2.084 hồ sơ, "
                "giải quyết đúng hạn 1.604 hồ sơ, trễ hạn 10 hồ sơ; 470 hồ sơ đang trong hạn "
                "giải quyết.",
            ),
            (
                "table",
                {
                    "caption": "Hồ sơ tiếp nhận qua phần mềm một cửa toàn tỉnh, quý I",
                    "table": {
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "data": [
                            ["Tình trạng", "Số hồ sơ"],
                            ["Đúng hạn", "11.881"],
                            ["Trễ hạn", "955"],
                            ["Đang giải quyết", "1.759"],
                            ["Tổng", "14.595"],
                        ],
                    },
                },
            ),
        ],
        ["một cửa", "hồ sơ trễ hạn"],
    ),
    (
        "cat-giam-thoi-han-giai-quyet",
        datetime.date(2025, 4, 23),
        "cai-cach-thu-tuc-hanh-chinh",
        "904 thủ tục hành chính được cắt giảm thời hạn giải quyết",
        "Tỉnh tiếp tục rà soát để rút ngắn thời gian giải quyết so với quy định của trung ương.",
        _p(
            "Trong tổng số 1.722 thủ tục thuộc thẩm quyền giải quyết của các cấp chính quyền "
            "trên địa bàn, đã có 904 thủ tục được cắt giảm thời hạn.",
            "Các sở, ngành được giao đề xuất thêm phương án đơn giản hóa, nhất là nhóm thủ "
            "tục về đất đai, xây dựng và đầu tư.",
        ),
        ["đơn giản hóa thủ tục"],
    ),
    (
        "kiem-tra-so-tu-phap",
        datetime.date(2025, 5, 22),
        "kiem-tra-cchc",
        "Kiểm tra cải cách hành chính tại Sở Tư pháp",
        "Sở công khai đầy đủ thủ tục hành chính, nhưng việc công bố thủ tục mới sửa đổi còn chậm.",
        _p(
            "Đoàn kiểm tra đánh giá cao việc Sở Tư pháp áp dụng hệ thống quản lý chất lượng "
            "theo tiêu chuẩn ISO và số hóa hồ sơ lý lịch tư pháp.",
            "Đoàn đề nghị sở rút ngắn thời gian tham mưu công bố thủ tục hành chính sau khi "
            "văn bản của trung ương có hiệu lực, và bổ sung ghế chờ tại khu vực tiếp dân.",
        ),
        ["kiểm tra CCHC", "Sở Tư pháp"],
    ),
    (
        "phan-anh-kien-nghi",
        datetime.date(2025, 6, 4),
        "chi-dao-dieu-hanh",
        "Hệ thống tiếp nhận phản ánh, kiến nghị xử lý 85 ý kiến trong hai tháng",
        "Người dân, doanh nghiệp gửi ý kiến về thủ tục, thái độ phục vụ và hạ tầng; các ý kiến "
        "đều được chuyển đến cơ quan có thẩm quyền.",
        _p(
            "Trong hai tháng, hệ thống đã tiếp nhận và chuyển xử lý 85 phản ánh, kiến nghị. "
            "Kết quả trả lời được công khai để người gửi theo dõi.",
            "Ủy ban nhân dân tỉnh yêu cầu thủ trưởng các cơ quan trả lời đúng hạn và không để "
            "phản ánh bị chuyển vòng giữa các đơn vị.",
        ),
        ["phản ánh kiến nghị"],
    ),
    (
        "sap-xep-don-vi-hanh-chinh-hai-cap",
        datetime.date(2025, 6, 30),
        "chi-dao-dieu-hanh",
        "Chính quyền địa phương hai cấp chính thức vận hành từ ngày 1/7",
        "Cấp huyện kết thúc hoạt động; thủ tục trước đây do huyện giải quyết được chuyển về "
        "cấp tỉnh hoặc cấp xã.",
        _p(
            "Từ ngày 1/7/2025, tỉnh tổ chức chính quyền địa phương theo hai cấp: tỉnh và xã. "
            "Các bộ phận một cửa cấp huyện chuyển thành điểm tiếp nhận của các xã, phường mới.",
            "Hồ sơ đang giải quyết dở dang được bàn giao cho cơ quan tiếp nhận mới, bảo đảm "
            "người dân không phải nộp lại.",
        ),
        ["chính quyền hai cấp", "sắp xếp đơn vị hành chính"],
    ),
    (
        "so-tay-huong-dan-thu-tuc-cap-xa",
        datetime.date(2025, 7, 16),
        "cai-cach-thu-tuc-hanh-chinh",
        "Phát hành sổ tay hướng dẫn thủ tục hành chính cấp xã",
        "Sổ tay giúp công chức mới ở các xã, phường tra cứu nhanh hồ sơ, thời hạn và lệ phí "
        "của các thủ tục thường gặp.",
        _p(
            "Sổ tay tập hợp các thủ tục về hộ tịch, chứng thực, đất đai và bảo trợ xã hội "
            "thường phát sinh ở cấp xã sau khi sắp xếp đơn vị hành chính.",
            "Bản điện tử được đăng trên cổng thông tin để người dân cùng tham khảo trước khi "
            "đến nộp hồ sơ.",
        ),
        ["cấp xã", "hướng dẫn"],
    ),
    (
        "chi-so-sipas",
        datetime.date(2025, 8, 6),
        "chi-so-cchc-va-su-hai-long",
        "Chỉ số hài lòng về sự phục vụ của các sở, ngành đạt 83,93%",
        "Kết quả khảo sát cho thấy người dân đánh giá cao việc tiếp cận thông tin, nhưng còn "
        "phàn nàn về thời gian chờ.",
        [
            *_p(
                "Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ hành chính của các "
                "sở, ngành đạt 83,93%; của các địa phương đạt 78,79%.",
                "Các tiêu chí về công chức giải quyết công việc và kết quả giải quyết được "
                "chấm điểm cao; tiêu chí tiếp cận dịch vụ có điểm thấp nhất.",
            ),
            (
                "table",
                {
                    "caption": "Chỉ số hài lòng (SIPAS)",
                    "table": {
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "data": [
                            ["Khối", "Tỷ lệ hài lòng"],
                            ["Sở, ngành", "83,93%"],
                            ["Địa phương", "78,79%"],
                        ],
                    },
                },
            ),
        ],
        ["SIPAS", "sự hài lòng"],
    ),
    (
        "kiem-tra-mot-cua-cap-xa",
        datetime.date(2025, 8, 20),
        "kiem-tra-cchc",
        "Kiểm tra bộ phận một cửa cấp xã sau sắp xếp",
        "Cơ sở vật chất của một số điểm tiếp nhận chưa đáp ứng yêu cầu; đoàn kiểm tra đề nghị "
        "khắc phục trước cuối năm.",
        _p(
            "Đoàn kiểm tra của Sở Nội vụ đã làm việc tại các xã, phường mới hình thành, tập "
            "trung vào bộ phận một cửa và việc niêm yết thủ tục hành chính.",
            "Một số nơi còn thiếu máy tra cứu, ghế chờ và khu vực viết hồ sơ; việc chấp hành "
            "giờ làm việc chưa nghiêm.",
        ),
        ["kiểm tra CCHC", "cấp xã", "một cửa"],
    ),
    (
        "chi-so-par-index",
        datetime.date(2025, 9, 3),
        "chi-so-cchc-va-su-hai-long",
        "Chỉ số cải cách hành chính của tỉnh tăng bậc",
        "Tỉnh đứng thứ 45/63 trong bảng xếp hạng PAR Index; điểm thấp chủ yếu ở lĩnh vực "
        "chính quyền điện tử.",
        _p(
            "Kết quả Chỉ số cải cách hành chính do Bộ Nội vụ công bố đặt tỉnh ở vị trí 45/63, "
            "cải thiện so với năm trước.",
            "Ban Chỉ đạo giao các sở, ngành phân tích từng tiêu chí bị trừ điểm và xây dựng "
            "phương án khắc phục ngay trong quý IV.",
        ),
        ["PAR Index"],
    ),
    (
        "ky-cam-ket-cchc",
        datetime.date(2025, 9, 24),
        "chi-dao-dieu-hanh",
        "Lãnh đạo các sở, ngành ký cam kết 15 nội dung cải cách hành chính",
        "Cam kết gắn với trách nhiệm người đứng đầu và được đánh giá khi xếp loại cuối năm.",
        _p(
            "Tại hội nghị, lãnh đạo các sở, ngành ký cam kết hoàn thành 15 nội dung cải cách "
            "hành chính mà Ủy ban nhân dân tỉnh đề ra.",
            "Trọng tâm là tăng cường kỷ luật, kỷ cương của cán bộ, công chức và đẩy mạnh "
            "chính quyền số.",
        ),
        ["kỷ luật kỷ cương", "người đứng đầu"],
    ),
    (
        "iso-9001-2015",
        datetime.date(2025, 10, 8),
        "cai-cach-thu-tuc-hanh-chinh",
        "72 cơ quan duy trì hệ thống quản lý chất lượng ISO 9001:2015",
        "Việc chuyển đổi sang phiên bản mới giúp chuẩn hóa quy trình giải quyết hồ sơ.",
        _p(
            "Hiện có 72 cơ quan, đơn vị áp dụng và duy trì hệ thống quản lý chất lượng theo "
            "tiêu chuẩn quốc gia TCVN ISO 9001:2015.",
            "Sở Khoa học và Công nghệ sẽ kiểm tra việc áp dụng tại các xã, phường mới trong "
            "quý IV.",
        ),
        ["ISO 9001"],
    ),
    (
        "kiem-tra-ho-so-tre-han-cap-xa",
        datetime.date(2025, 10, 15),
        "kiem-tra-cchc",
        "Nhiều hồ sơ trễ hạn tại xã được kiểm tra trong tháng {m}",
        "Đoàn kiểm tra yêu cầu xã rà soát toàn bộ hồ sơ tồn đọng và báo cáo kết quả trong 45 ngày.",
        _p(
            "Qua kiểm tra xác suất, đoàn phát hiện nhiều hồ sơ đất đai quá hạn nhưng chưa có "
            "văn bản xin lỗi và hẹn lại thời gian trả kết quả.",
            "Đoàn cũng ghi nhận xã đã bố trí công chức hướng dẫn người dân nộp hồ sơ trực "
            "tuyến ngay tại bộ phận một cửa.",
        ),
        ["kiểm tra CCHC", "hồ sơ trễ hạn"],
    ),
    (
        "dich-vu-cong-toan-trinh",
        datetime.date(2025, 11, 5),
        "chinh-quyen-dien-tu",
        "Đẩy mạnh dịch vụ công trực tuyến toàn trình theo Nghị định 42/2022/NĐ-CP",
        "Các thủ tục đủ điều kiện phải được cung cấp toàn trình; cán bộ một cửa hướng dẫn "
        "người dân nộp hồ sơ trên điện thoại.",
        _p(
            "Sở Nội vụ đề nghị các cơ quan rà soát thủ tục đủ điều kiện cung cấp toàn trình, "
            "tích hợp thanh toán trực tuyến và trả kết quả điện tử.",
            "Người dân nộp trực tuyến được giảm lệ phí ở một số thủ tục và không phải đến cơ "
            "quan nhiều lần.",
        ),
        ["dịch vụ công trực tuyến"],
    ),
    (
        "kiem-tra-so-xay-dung",
        datetime.date(2025, 11, 20),
        "kiem-tra-cchc",
        "Kiểm tra CCHC tại Sở Xây dựng: thủ tục cấp phép cần rút ngắn",
        "Đoàn kiểm tra đề nghị sở rà soát quy trình nội bộ để giảm số bước trình ký.",
        _p(
            "Sở Xây dựng đã công khai đầy đủ thủ tục hành chính và tiếp nhận hồ sơ qua cổng "
            "dịch vụ công.",
            "Tuy vậy, quy trình nội bộ của một số thủ tục cấp phép còn nhiều bước, khiến hồ sơ "
            "dễ bị trễ hạn khi lãnh đạo đi công tác.",
        ),
        ["kiểm tra CCHC", "Sở Xây dựng"],
    ),
    (
        "danh-gia-xep-loai-cong-chuc",
        datetime.date(2025, 12, 10),
        "chi-dao-dieu-hanh",
        "Đánh giá, xếp loại cán bộ, công chức gắn với kết quả CCHC",
        "Kết quả thực hiện nhiệm vụ cải cách hành chính là một tiêu chí khi xếp loại cuối năm.",
        _p(
            "Năm trước, toàn tỉnh đánh giá 21.635 cán bộ, công chức, viên chức; 8,36% hoàn "
            "thành xuất sắc nhiệm vụ và 0,54% không hoàn thành nhiệm vụ.",
            "Năm nay, đơn vị để hồ sơ trễ hạn kéo dài hoặc không khắc phục kết luận kiểm tra "
            "đúng hạn sẽ bị xem xét khi xếp loại người đứng đầu.",
        ),
        ["đánh giá công chức"],
    ),
    (
        "so-ket-cchc-cuoi-nam",
        datetime.date(2025, 12, 26),
        "chi-dao-dieu-hanh",
        "Ban Chỉ đạo CCHC tỉnh đánh giá kết quả năm {y}",
        "Tỉnh hoàn thành phần lớn nhiệm vụ của kế hoạch; việc khắc phục sau kiểm tra ở một số "
        "đơn vị còn chậm.",
        _p(
            "Ban Chỉ đạo ghi nhận tỉnh đã hoàn thành 21 hoạt động và đang duy trì 57 hoạt động "
            "của kế hoạch cải cách hành chính.",
            "Những đơn vị còn yêu cầu khắc phục quá hạn được công khai trên trang theo dõi khắc "
            "phục của cổng thông tin và phải báo cáo tiến độ hằng tháng.",
        ),
        ["tổng kết", "khắc phục sau kiểm tra"],
    ),
]

# Articles about dated events, kept on their day whenever the demo is loaded.
FIXED_DATES = {"sap-xep-don-vi-hanh-chinh-hai-cap"}

# Slugs used by earlier versions of this demo, removed so a reload leaves no stale copy.
RETIRED_SLUGS = [
    "trien-khai-ke-hoach-cchc-nam-2025",
    "hoi-nghi-tong-ket-cchc-nam-2024",
    "chi-so-sipas-2024",
    "so-ket-cchc-nam-2025",
    "kiem-tra-cchc-cap-xa-thang-8",
    "kiem-tra-cchc-thang-10",
]

IMAGE_SIZE = (1200, 675)


def article_date(slug: str, written: datetime.date, today: datetime.date) -> datetime.date:
    """The day an article is dated when the demo is loaded on `today` (see the module doc)."""
    if slug in NEWS_ABOUT_INSPECTIONS:
        _start, end = schedule(today)[NEWS_ABOUT_INSPECTIONS[slug]]
        return end + datetime.timedelta(days=1)
    if slug in FIXED_DATES:
        return written
    moved = written.replace(year=today.year)
    return moved if moved <= today else written.replace(year=today.year - 1)


def _fill(value, date: datetime.date):
    """`value` (text, or lists and dicts of it) with {y}, {py} and {m} filled in for `date`."""
    if isinstance(value, str):
        return value.format(y=date.year, py=date.year - 1, m=date.month)
    if isinstance(value, (list, tuple)):
        return type(value)(_fill(item, date) for item in value)
    if isinstance(value, dict):
        return {key: _fill(item, date) for key, item in value.items()}
    return value


def demo_image(title: str, alt: str, colour: tuple[int, int, int], seed: int):
    """A Wagtail image drawn with Pillow, created once per title (then reused)."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        if existing.description != alt:
            existing.description = alt
            existing.save(update_fields=["description"])
        return existing
    width, height = IMAGE_SIZE
    canvas = PILImage.new("RGB", IMAGE_SIZE, colour)
    draw = ImageDraw.Draw(canvas)
    light = tuple(min(255, c + 90) for c in colour)
    dark = tuple(max(0, c - 60) for c in colour)
    radius = 120 + (seed * 37) % 140
    cx, cy = 200 + (seed * 131) % (width - 400), 160 + (seed * 71) % (height - 320)
    draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=light)
    draw.rectangle((0, height - 140, width, height), fill=dark)
    for i in range(5):
        x = 80 + i * 220 + (seed * 13) % 60
        draw.rectangle((x, height - 260 - (i * seed) % 90, x + 120, height - 140), fill=light)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=82)
    image = image_model(title=title, description=alt)
    image.file = ImageFile(buffer, name=f"tin-tuc-{seed:02d}.jpg")
    image.save()
    return image


def load(home, out) -> None:
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        out.write("Tin tức: không có trang /tin-tuc/, bỏ qua.")
        return
    categories = {}
    colours = {}
    for order, (slug, name, description, colour) in enumerate(CATEGORIES):
        category, _ = NewsCategory.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "sort_order": order}
        )
        categories[slug] = category
        colours[slug] = colour

    NewsPage.objects.child_of(index).filter(slug__in=RETIRED_SLUGS).delete()
    # Images of earlier versions were named after the article's title, which now follows the year.
    get_image_model().objects.filter(title__startswith="Ảnh minh họa: ").delete()
    today = timezone.localdate()
    for seed, (slug, written, category_slug, *text) in enumerate(ARTICLES):
        date = article_date(slug, written, today)
        title, standfirst, body, tags = _fill(text, date)
        category = categories[category_slug]
        image = demo_image(
            f"Ảnh minh họa tin “{slug}”",
            f"Hình minh họa chuyên mục {category.name}",
            colours[category_slug],
            seed + 1,
        )
        body_blocks = [
            *body[:1],
            (
                "image",
                {
                    "image": image,
                    "alt_text": f"Hình minh họa cho bài: {title}",
                    "caption": category.name,
                    "credit": "Ban Biên tập",
                },
            ),
            *body[1:],
        ]
        page = upsert_child(
            index,
            NewsPage,
            slug,
            title=title,
            standfirst=standfirst,
            body=body_blocks,
            date=date,
            category=category,
            author=AUTHOR,
            source="Sở Nội vụ tỉnh Đồng Tháp",
            listing_image=image,
            search_description=standfirst,
        )
        if sorted(t.name for t in page.tags.all()) != sorted(tags):
            page.tags.set(tags)
            publish(page)
    out.write(f"Tin tức: {len(ARTICLES)} bài, {len(CATEGORIES)} chuyên mục.")
