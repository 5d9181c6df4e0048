"""Demo content: procedures a province's one-stop offices handle, written by us.

Codes, time limits, fees and legal bases are public facts of the national catalogue; the
sentences are ours. The records go through the same import path as a real file
(`importing.write_records`), so re-running updates in place and duplicates nothing; then a
form file (a tiny generated PDF) is attached to the birth registration's declaration.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from agencies.models import Agency, AgencyKind
from procedures_catalog.choices import ChannelMode, OnlineLevel, ProcedureStatus
from procedures_catalog.importing import ProcedureRecord, write_records
from procedures_catalog.models import LifeSituation, ProcedurePage

COMMUNE = "Ủy ban nhân dân cấp xã"
JUSTICE = "Sở Tư pháp tỉnh Đồng Tháp"
CONSTRUCTION = "Sở Xây dựng tỉnh Đồng Tháp"
FINANCE = "Sở Tài chính tỉnh Đồng Tháp"
AGRICULTURE = "Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp"
POLICE = "Công an tỉnh Đồng Tháp"
CENTRE = "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp"

LIFE_SITUATIONS = [
    ("Có con nhỏ", "Khai sinh, nhận cha mẹ con, đăng ký cư trú cho trẻ."),
    ("Kết hôn", "Xác nhận tình trạng hôn nhân, đăng ký kết hôn và các việc sau đó."),
    ("Khi có người thân qua đời", "Khai tử và các giấy tờ liên quan."),
    ("Khởi sự kinh doanh", "Thành lập hộ kinh doanh, doanh nghiệp và đăng ký thuế ban đầu."),
    ("Xây nhà", "Giấy phép xây dựng nhà ở riêng lẻ và thủ tục liên quan."),
    ("Mua bán, chuyển nhượng nhà đất", "Đăng ký biến động, cấp giấy chứng nhận quyền sử dụng đất."),
    ("Chuyển nơi ở", "Đăng ký thường trú, tạm trú, xác nhận thông tin cư trú."),
]

CIVIL_STATUS_BASIS = ["123/2015/NĐ-CP", "04/2020/TT-BTP", "85/2019/TT-BTC", "57/QĐ-UBND"]


def _channels(time: str | None, unit: str, fee: str | None, online=True, post=True):
    modes = [ChannelMode.IN_PERSON]
    if online:
        modes.append(ChannelMode.ONLINE)
    if post:
        modes.append(ChannelMode.POST)
    return [
        {
            "mode": mode,
            "time_limit": time,
            "time_unit": unit if time else "",
            "time_note": "" if time else "Giải quyết ngay trong ngày nếu nhận hồ sơ trước 15 giờ",
            "fee_amount": fee,
            "currency": "VND",
            "fee_note": "",
            "description": "",
        }
        for mode in modes
    ]


def _doc(name, originals=1, copies=0, case="", required=True, note=""):
    return {
        "case": case,
        "name": name,
        "originals": originals,
        "copies": copies,
        "required": required,
        "note": note,
        "form_name": "",
    }


ID_PAPER = _doc(
    "Giấy tờ tùy thân có ảnh của người nộp hồ sơ (xuất trình nếu không khai thác được từ "
    "Cơ sở dữ liệu quốc gia về dân cư)",
    originals=0,
    copies=0,
)

STEPS_COMMUNE = [
    {"title": "Bước 1", "description": "Chuẩn bị hồ sơ theo danh mục giấy tờ bên dưới."},
    {
        "title": "Bước 2",
        "description": "Nộp hồ sơ tại Bộ phận một cửa của Ủy ban nhân dân cấp xã, qua bưu chính "
        "hoặc trên Cổng Dịch vụ công.",
    },
    {
        "title": "Bước 3",
        "description": "Công chức tư pháp - hộ tịch kiểm tra hồ sơ; hồ sơ chưa đủ thì được "
        "hướng dẫn bổ sung một lần bằng văn bản.",
    },
    {"title": "Bước 4", "description": "Nhận kết quả tại nơi nộp hoặc qua bưu chính."},
]
STEPS_PROVINCE = [
    {"title": "Bước 1", "description": "Chuẩn bị hồ sơ theo danh mục giấy tờ bên dưới."},
    {
        "title": "Bước 2",
        "description": "Nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh, qua bưu chính "
        "hoặc trên Cổng Dịch vụ công.",
    },
    {"title": "Bước 3", "description": "Cơ quan chuyên môn thẩm định hồ sơ và trình ký."},
    {"title": "Bước 4", "description": "Nhận kết quả tại Trung tâm hoặc qua bưu chính."},
]


def _record(code, name, field, levels, agency, **extra) -> ProcedureRecord:
    commune = "cap_xa" in levels
    defaults = {
        "implementing_agencies": [agency],
        "steps": STEPS_COMMUNE if commune else STEPS_PROVINCE,
        "applicants": ["Công dân Việt Nam"],
        "receiving_address": (
            "Bộ phận một cửa của Ủy ban nhân dân xã, phường nơi cư trú"
            if commune
            else "Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp, số 12 đường Lý Thường "
            "Kiệt, phường Cao Lãnh"
        ),
        "online_url": "https://dichvucong.gov.vn/",
        "number_of_sets": 1,
        "source_url": "https://dichvucong.gov.vn/",
    }
    defaults.update(extra)
    defaults["legal_basis"] = [
        {"number": n, "title": ""} if isinstance(n, str) else n
        for n in defaults.get("legal_basis", [])
    ]
    return ProcedureRecord(code=code, name=name, field=field, levels=levels, **defaults)


def demo_records() -> list[ProcedureRecord]:
    free = "0"
    hotich = "Hộ tịch"
    records = [
        _record(
            "1.001193",
            "Đăng ký khai sinh",
            hotich,
            ["cap_xa"],
            COMMUNE,
            summary="Đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam; "
            "miễn lệ phí khi đăng ký đúng hạn.",
            online_level=OnlineLevel.FULL,
            channels=_channels("1", "ngay_lam_viec", free),
            documents=[
                _doc("Tờ khai đăng ký khai sinh theo mẫu"),
                _doc(
                    "Giấy chứng sinh do cơ sở y tế cấp",
                    case="Trẻ sinh tại cơ sở y tế",
                ),
                _doc(
                    "Văn bản của người làm chứng xác nhận việc sinh; nếu không có người làm "
                    "chứng thì giấy cam đoan về việc sinh",
                    case="Trẻ sinh ngoài cơ sở y tế",
                ),
                _doc(
                    "Biên bản xác nhận việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập",
                    case="Trẻ bị bỏ rơi",
                ),
                ID_PAPER,
            ],
            results=["Giấy khai sinh (bản chính)", "Bản sao Giấy khai sinh nếu có yêu cầu"],
            legal_basis=[*CIVIL_STATUS_BASIS, "15/2015/TT-BTP"],
            life_situations=["Có con nhỏ"],
            requirements="Người đi đăng ký là cha, mẹ, ông, bà hoặc người thân thích khác của trẻ.",
        ),
        _record(
            "1.000894",
            "Đăng ký kết hôn",
            hotich,
            ["cap_xa"],
            COMMUNE,
            summary="Hai bên nam, nữ cùng có mặt khi đăng ký; "
            "nhận Giấy chứng nhận kết hôn trong ngày.",
            online_level=OnlineLevel.PARTIAL,
            channels=_channels("1", "ngay_lam_viec", free),
            documents=[
                _doc("Tờ khai đăng ký kết hôn theo mẫu"),
                _doc(
                    "Giấy xác nhận tình trạng hôn nhân do nơi cư trú trước đây cấp",
                    case="Người đăng ký từng cư trú ở nơi khác",
                ),
                ID_PAPER,
            ],
            results=["Giấy chứng nhận kết hôn (mỗi bên một bản chính)"],
            requirements="Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; tự nguyện; không thuộc trường "
            "hợp cấm kết hôn theo Luật Hôn nhân và gia đình.",
            legal_basis=[*CIVIL_STATUS_BASIS, "52/2014/QH13"],
            life_situations=["Kết hôn"],
        ),
        _record(
            "1.004873",
            "Cấp Giấy xác nhận tình trạng hôn nhân",
            hotich,
            ["cap_xa"],
            COMMUNE,
            online_level=OnlineLevel.FULL,
            channels=_channels("3", "ngay_lam_viec", free),
            documents=[
                _doc("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu"),
                _doc(
                    "Bản án, quyết định ly hôn đã có hiệu lực hoặc giấy chứng tử của vợ/chồng",
                    originals=0,
                    copies=1,
                    case="Người đã từng kết hôn",
                ),
                ID_PAPER,
            ],
            results=["Giấy xác nhận tình trạng hôn nhân, có giá trị 6 tháng"],
            legal_basis=CIVIL_STATUS_BASIS,
            life_situations=["Kết hôn", "Mua bán, chuyển nhượng nhà đất"],
        ),
        _record(
            "1.000656",
            "Đăng ký khai tử",
            hotich,
            ["cap_xa"],
            COMMUNE,
            online_level=OnlineLevel.FULL,
            channels=_channels("1", "ngay_lam_viec", free),
            documents=[
                _doc("Tờ khai đăng ký khai tử theo mẫu"),
                _doc(
                    "Giấy báo tử hoặc giấy tờ thay giấy báo tử do cơ quan có thẩm quyền cấp",
                ),
                ID_PAPER,
            ],
            results=["Trích lục khai tử (bản chính)"],
            requirements="Đăng ký trong 15 ngày kể từ ngày có người chết.",
            legal_basis=CIVIL_STATUS_BASIS,
            life_situations=["Khi có người thân qua đời"],
        ),
        _record(
            "1.001022",
            "Đăng ký nhận cha, mẹ, con",
            hotich,
            ["cap_xa"],
            COMMUNE,
            online_level=OnlineLevel.PARTIAL,
            channels=_channels("3", "ngay_lam_viec", free),
            documents=[
                _doc("Tờ khai đăng ký nhận cha, mẹ, con theo mẫu"),
                _doc(
                    "Văn bản của cơ quan y tế, giám định hoặc cơ quan có thẩm quyền xác nhận "
                    "quan hệ cha, mẹ, con; nếu không có thì các chứng cứ khác",
                    originals=1,
                    copies=1,
                ),
                ID_PAPER,
            ],
            results=["Trích lục đăng ký nhận cha, mẹ, con"],
            legal_basis=CIVIL_STATUS_BASIS,
            life_situations=["Có con nhỏ"],
        ),
        _record(
            "1.004884",
            "Đăng ký lại khai sinh",
            hotich,
            ["cap_xa"],
            COMMUNE,
            online_level=OnlineLevel.PARTIAL,
            channels=_channels("5", "ngay_lam_viec", free),
            documents=[
                _doc("Tờ khai đăng ký lại khai sinh theo mẫu"),
                _doc("Bản sao Giấy khai sinh hoặc giấy tờ có nội dung khai sinh", 0, 1),
                _doc("Văn bản cam đoan về việc đã đăng ký khai sinh nhưng không còn lưu sổ"),
            ],
            results=["Giấy khai sinh (bản chính) ghi “Đăng ký lại”"],
            legal_basis=CIVIL_STATUS_BASIS,
        ),
        _record(
            "1.004837",
            "Đăng ký giám hộ",
            hotich,
            ["cap_xa"],
            COMMUNE,
            online_level=OnlineLevel.PARTIAL,
            channels=_channels("3", "ngay_lam_viec", free),
            documents=[
                _doc("Tờ khai đăng ký giám hộ theo mẫu"),
                _doc("Văn bản cử người giám hộ", case="Giám hộ cử"),
                _doc(
                    "Giấy tờ chứng minh điều kiện làm giám hộ đương nhiên",
                    0,
                    1,
                    case="Giám hộ đương nhiên",
                ),
            ],
            results=["Trích lục đăng ký giám hộ"],
            legal_basis=CIVIL_STATUS_BASIS,
            life_situations=["Có con nhỏ"],
        ),
        _record(
            "1.004859",
            "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc",
            hotich,
            ["cap_xa"],
            COMMUNE,
            online_level=OnlineLevel.PARTIAL,
            channels=_channels("3", "ngay_lam_viec", free),
            documents=[
                _doc("Tờ khai theo mẫu"),
                _doc("Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung", 0, 1),
            ],
            results=["Trích lục thay đổi, cải chính, bổ sung hộ tịch"],
            legal_basis=CIVIL_STATUS_BASIS,
        ),
        _record(
            "2.000635",
            "Cấp bản sao trích lục hộ tịch, bản sao Giấy khai sinh",
            hotich,
            ["cap_tinh", "cap_xa"],
            COMMUNE,
            online_level=OnlineLevel.FULL,
            channels=_channels(None, "", "8000"),
            documents=[_doc("Tờ khai cấp bản sao trích lục hộ tịch theo mẫu"), ID_PAPER],
            results=["Bản sao trích lục hộ tịch hoặc bản sao Giấy khai sinh"],
            legal_basis=CIVIL_STATUS_BASIS,
            applicants=["Công dân Việt Nam", "Người nước ngoài"],
        ),
        _record(
            "2.000815",
            "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền cấp",
            "Chứng thực",
            ["cap_xa", "co_quan_khac"],
            COMMUNE,
            channels=_channels(None, "", "2000", online=False, post=False),
            documents=[
                _doc("Bản chính giấy tờ, văn bản cần chứng thực", 1, 0),
                _doc("Bản sao cần chứng thực", 0, 1, required=False),
            ],
            results=["Bản sao được chứng thực từ bản chính"],
            legal_basis=["23/2015/NĐ-CP", "01/2020/TT-BTP", "226/2016/TT-BTC"],
            applicants=["Công dân Việt Nam", "Người nước ngoài", "Doanh nghiệp"],
        ),
        _record(
            "2.000884",
            "Chứng thực chữ ký trong giấy tờ, văn bản",
            "Chứng thực",
            ["cap_xa", "co_quan_khac"],
            COMMUNE,
            channels=_channels(None, "", "10000", online=False, post=False),
            documents=[
                _doc("Giấy tờ, văn bản cần chứng thực chữ ký"),
                ID_PAPER,
            ],
            results=["Giấy tờ, văn bản đã được chứng thực chữ ký"],
            legal_basis=["23/2015/NĐ-CP", "01/2020/TT-BTP", "226/2016/TT-BTC"],
        ),
        _record(
            "3.000333",
            "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú "
            "tại Việt Nam",
            "Lý lịch tư pháp",
            ["cap_tinh"],
            JUSTICE,
            online_level=OnlineLevel.FULL,
            channels=_channels("10", "ngay", "200000"),
            documents=[
                _doc("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu"),
                _doc("Bản chụp giấy tờ tùy thân", 0, 1),
            ],
            results=["Phiếu lý lịch tư pháp số 1 hoặc số 2"],
            legal_basis=["28/2009/QH12", "111/2010/NĐ-CP", "244/2016/TT-BTC"],
            applicants=["Công dân Việt Nam", "Người nước ngoài"],
        ),
        # Residence
        _record(
            "1.004194",
            "Đăng ký thường trú",
            "Đăng ký, quản lý cư trú",
            ["cap_xa"],
            "Công an cấp xã",
            online_level=OnlineLevel.FULL,
            channels=_channels("7", "ngay_lam_viec", "20000"),
            documents=[
                _doc("Tờ khai thay đổi thông tin cư trú (mẫu CT01)"),
                _doc("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", 0, 1),
                _doc(
                    "Văn bản đồng ý cho đăng ký thường trú của chủ hộ hoặc chủ sở hữu chỗ ở",
                    case="Đăng ký vào chỗ ở của người khác",
                ),
            ],
            results=["Thông tin cư trú được cập nhật trong Cơ sở dữ liệu về cư trú"],
            legal_basis=["68/2020/QH14", "154/2024/NĐ-CP", "53/2025/TT-BCA", "75/2022/TT-BTC"],
            life_situations=["Chuyển nơi ở", "Có con nhỏ"],
        ),
        _record(
            "1.004222",
            "Đăng ký tạm trú",
            "Đăng ký, quản lý cư trú",
            ["cap_xa"],
            "Công an cấp xã",
            online_level=OnlineLevel.FULL,
            channels=_channels("3", "ngay_lam_viec", "15000"),
            documents=[
                _doc("Tờ khai thay đổi thông tin cư trú (mẫu CT01)"),
                _doc("Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp", 0, 1),
            ],
            results=["Thông tin tạm trú được cập nhật trong Cơ sở dữ liệu về cư trú"],
            legal_basis=["68/2020/QH14", "154/2024/NĐ-CP", "53/2025/TT-BCA"],
            life_situations=["Chuyển nơi ở"],
        ),
        _record(
            "1.003197",
            "Xóa đăng ký thường trú",
            "Đăng ký, quản lý cư trú",
            ["cap_xa"],
            "Công an cấp xã",
            online_level=OnlineLevel.FULL,
            channels=_channels("5", "ngay_lam_viec", free, post=False),
            documents=[_doc("Tờ khai thay đổi thông tin cư trú (mẫu CT01)")],
            results=["Thông tin thường trú được xóa trong Cơ sở dữ liệu về cư trú"],
            legal_basis=["68/2020/QH14", "154/2024/NĐ-CP", "53/2025/TT-BCA"],
            life_situations=["Chuyển nơi ở"],
        ),
        # Land
        _record(
            "1.012753",
            "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu",
            "Đất đai",
            ["cap_xa"],
            COMMUNE,
            online_level=OnlineLevel.PARTIAL,
            channels=_channels("20", "ngay_lam_viec", "100000"),
            documents=[
                _doc("Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu"),
                _doc("Giấy tờ về quyền sử dụng đất (nếu có)", 0, 1, required=False),
                _doc("Chứng từ thực hiện nghĩa vụ tài chính (nếu có)", 0, 1, required=False),
            ],
            results=["Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất"],
            legal_basis=["31/2024/QH15", "101/2024/NĐ-CP", "151/2025/NĐ-CP"],
            applicants=["Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài"],
            life_situations=["Mua bán, chuyển nhượng nhà đất", "Xây nhà"],
        ),
        _record(
            "1.013977",
            "Đăng ký biến động quyền sử dụng đất do chia, tách, hợp nhất, sáp nhập",
            "Đất đai",
            ["cap_tinh"],
            AGRICULTURE,
            online_level=OnlineLevel.PARTIAL,
            channels=_channels("15", "ngay_lam_viec", "50000"),
            documents=[
                _doc("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo mẫu"),
                _doc("Giấy chứng nhận đã cấp"),
                _doc("Hợp đồng, văn bản về việc chia, tách, hợp nhất", 1, 1),
            ],
            results=["Giấy chứng nhận đã được xác nhận thay đổi hoặc Giấy chứng nhận mới"],
            legal_basis=["31/2024/QH15", "101/2024/NĐ-CP", "226/2025/NĐ-CP"],
            applicants=["Công dân Việt Nam", "Doanh nghiệp"],
            life_situations=["Mua bán, chuyển nhượng nhà đất"],
        ),
        _record(
            "1.013992",
            "Đăng ký biến động chuyển mục đích sử dụng đất không phải xin phép",
            "Đất đai",
            ["cap_tinh"],
            AGRICULTURE,
            online_level=OnlineLevel.PARTIAL,
            channels=_channels("7", "ngay_lam_viec", free),
            documents=[
                _doc("Đơn đăng ký biến động đất đai theo mẫu"),
                _doc("Giấy chứng nhận đã cấp"),
            ],
            results=["Giấy chứng nhận đã được xác nhận thay đổi"],
            legal_basis=["31/2024/QH15", "151/2025/NĐ-CP"],
            life_situations=["Xây nhà"],
        ),
        # Construction
        _record(
            "1.013225",
            "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
            "Hoạt động xây dựng",
            ["cap_xa"],
            COMMUNE,
            online_level=OnlineLevel.PARTIAL,
            channels=_channels("15", "ngay", "75000"),
            documents=[
                _doc("Đơn đề nghị cấp giấy phép xây dựng theo mẫu"),
                _doc("Giấy tờ chứng minh quyền sử dụng đất", 0, 1),
                _doc("Hai bộ bản vẽ thiết kế xây dựng", 2, 0),
                _doc(
                    "Bản kê khai kinh nghiệm của tổ chức, cá nhân thiết kế",
                    case="Công trình có tầng hầm",
                    required=False,
                ),
            ],
            results=["Giấy phép xây dựng"],
            legal_basis=["50/2014/QH13", "62/2020/QH14", "175/2024/NĐ-CP", "140/2025/NĐ-CP"],
            applicants=["Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài"],
            life_situations=["Xây nhà"],
        ),
        _record(
            "1.013227",
            "Gia hạn giấy phép xây dựng nhà ở riêng lẻ",
            "Hoạt động xây dựng",
            ["cap_xa"],
            COMMUNE,
            online_level=OnlineLevel.PARTIAL,
            channels=_channels("5", "ngay_lam_viec", free),
            documents=[
                _doc("Đơn đề nghị gia hạn giấy phép xây dựng theo mẫu"),
                _doc("Bản chính giấy phép xây dựng đã được cấp"),
            ],
            results=["Giấy phép xây dựng được gia hạn"],
            legal_basis=["50/2014/QH13", "62/2020/QH14", "140/2025/NĐ-CP"],
            life_situations=["Xây nhà"],
        ),
        _record(
            "1.009994",
            "Cấp giấy phép xây dựng công trình cấp đặc biệt, cấp I, cấp II",
            "Hoạt động xây dựng",
            ["cap_tinh"],
            CONSTRUCTION,
            online_level=OnlineLevel.PARTIAL,
            channels=_channels("20", "ngay", "150000", post=False),
            documents=[
                _doc("Đơn đề nghị cấp giấy phép xây dựng theo mẫu"),
                _doc("Giấy tờ chứng minh quyền sử dụng đất", 0, 1),
                _doc("Quyết định phê duyệt dự án, văn bản thẩm định thiết kế", 0, 1),
                _doc("Hai bộ bản vẽ thiết kế xây dựng", 2, 0),
            ],
            results=["Giấy phép xây dựng"],
            legal_basis=["50/2014/QH13", "62/2020/QH14", "175/2024/NĐ-CP", "12/QĐ-UBND"],
            applicants=["Doanh nghiệp", "Tổ chức (không bao gồm doanh nghiệp, HTX)"],
        ),
        # Business
        _record(
            "2.000720",
            "Đăng ký thành lập hộ kinh doanh",
            "Thành lập và hoạt động của hộ kinh doanh",
            ["cap_xa"],
            COMMUNE,
            online_level=OnlineLevel.FULL,
            channels=_channels("3", "ngay_lam_viec", "100000"),
            documents=[
                _doc("Giấy đề nghị đăng ký hộ kinh doanh theo mẫu"),
                _doc(
                    "Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh",
                    case="Hộ gia đình cùng đăng ký",
                ),
                _doc("Văn bản ủy quyền", case="Nộp thay người khác", required=False),
            ],
            results=["Giấy chứng nhận đăng ký hộ kinh doanh"],
            legal_basis=["168/2025/NĐ-CP", "47/2019/TT-BTC"],
            life_situations=["Khởi sự kinh doanh"],
        ),
        _record(
            "2.002044",
            "Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên",
            "Thành lập và hoạt động của doanh nghiệp",
            ["cap_tinh"],
            FINANCE,
            online_level=OnlineLevel.FULL,
            channels=_channels("3", "ngay_lam_viec", "50000"),
            documents=[
                _doc("Giấy đề nghị đăng ký doanh nghiệp theo mẫu"),
                _doc("Điều lệ công ty"),
                _doc("Bản sao giấy tờ pháp lý của chủ sở hữu", 0, 1),
            ],
            results=["Giấy chứng nhận đăng ký doanh nghiệp"],
            legal_basis=["59/2020/QH14", "168/2025/NĐ-CP", "47/2019/TT-BTC"],
            applicants=["Công dân Việt Nam", "Doanh nghiệp", "Người nước ngoài"],
            life_situations=["Khởi sự kinh doanh"],
        ),
        _record(
            "2.002045",
            "Đăng ký thành lập doanh nghiệp tư nhân",
            "Thành lập và hoạt động của doanh nghiệp",
            ["cap_tinh"],
            FINANCE,
            online_level=OnlineLevel.FULL,
            channels=_channels("3", "ngay_lam_viec", "50000"),
            documents=[
                _doc("Giấy đề nghị đăng ký doanh nghiệp theo mẫu"),
                _doc("Bản sao giấy tờ pháp lý của chủ doanh nghiệp tư nhân", 0, 1),
            ],
            results=["Giấy chứng nhận đăng ký doanh nghiệp"],
            legal_basis=["59/2020/QH14", "168/2025/NĐ-CP"],
            life_situations=["Khởi sự kinh doanh"],
        ),
        # The old business registration procedure, replaced in 2025 (kept readable).
        _record(
            "2.000575",
            "Đăng ký thành lập doanh nghiệp tư nhân (theo Nghị định 01/2021/NĐ-CP)",
            "Thành lập và hoạt động của doanh nghiệp",
            ["cap_tinh"],
            FINANCE,
            status=ProcedureStatus.ABOLISHED,
            decision_number="1868/QĐ-BTC",
            decision_date="2025-06-03",
            successor_code="2.002045",
            channels=_channels("3", "ngay_lam_viec", "50000"),
            documents=[_doc("Giấy đề nghị đăng ký doanh nghiệp theo mẫu cũ")],
            legal_basis=["01/2021/NĐ-CP", "59/2020/QH14"],
        ),
        _record(
            "1.001612",
            "Cấp Giấy chứng nhận đủ điều kiện an toàn thực phẩm cho cơ sở kinh doanh "
            "dịch vụ ăn uống",
            "An toàn thực phẩm",
            ["cap_tinh"],
            "Sở Y tế tỉnh Đồng Tháp",
            online_level=OnlineLevel.PARTIAL,
            channels=_channels("20", "ngay_lam_viec", "700000"),
            documents=[
                _doc("Đơn đề nghị cấp Giấy chứng nhận theo mẫu"),
                _doc("Bản thuyết minh về cơ sở vật chất, trang thiết bị", 1, 0),
                _doc("Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp chế biến", 0, 1),
            ],
            results=["Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"],
            legal_basis=["55/2010/QH12", "15/2018/NĐ-CP", "67/2021/TT-BTC"],
            applicants=["Doanh nghiệp", "Hợp tác xã"],
            life_situations=["Khởi sự kinh doanh"],
        ),
    ]
    return records


PDF_FORM = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
    b"/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
    b"4 0 obj<</Length 62>>stream\nBT /F1 16 Tf 72 770 Td (TO KHAI DANG KY KHAI SINH - MAU) Tj ET\n"
    b"endstream endobj\n"
    b"5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
FORM_TITLE = "Tờ khai đăng ký khai sinh (mẫu)"


def form_document():
    """The demo's one form file, a valid one-page PDF made here, stored as a Wagtail document."""
    Document = get_document_model()
    document = Document.objects.filter(title=FORM_TITLE).first()
    if document is None:
        document = Document(title=FORM_TITLE)
        document.file.save("to-khai-dang-ky-khai-sinh.pdf", ContentFile(PDF_FORM), save=False)
        document.save()
    return document


def load(home, out) -> None:
    for order, (name, description) in enumerate(LIFE_SITUATIONS):
        LifeSituation.objects.update_or_create(
            name=name, defaults={"description": description, "sort_order": order}
        )
    _resolve_agencies()
    result = write_records([(0, record) for record in demo_records()])
    page = ProcedurePage.objects.get(code="1.001193")
    declaration = page.documents.order_by("sort_order").first()
    document = form_document()
    if declaration is not None and declaration.form_id != document.pk:
        declaration.form = document
        declaration.save()
        page.save_revision().publish()
    out.write(
        f"Thủ tục: {result.created} mới, {result.updated} cập nhật, {result.unchanged} không đổi."
    )


def _resolve_agencies() -> None:
    """Make sure the generic agencies the demo cites exist beside the demo province's ones."""
    for name, kind in (
        (COMMUNE, AgencyKind.PEOPLES_COMMITTEE),
        ("Công an cấp xã", AgencyKind.UNIT),
        ("Sở Y tế tỉnh Đồng Tháp", AgencyKind.DEPARTMENT),
        (JUSTICE, AgencyKind.DEPARTMENT),
        (CONSTRUCTION, AgencyKind.DEPARTMENT),
        (FINANCE, AgencyKind.DEPARTMENT),
        (AGRICULTURE, AgencyKind.DEPARTMENT),
        (POLICE, AgencyKind.DEPARTMENT),
        (CENTRE, AgencyKind.SERVICE_CENTRE),
    ):
        Agency.objects.get_or_create(name=name, defaults={"kind": kind})
