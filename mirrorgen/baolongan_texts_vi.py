# ruff: noqa: E501
"""Vietnamese text bank for the offline mirror (all invented, except the seed article of the fixture).

Placeholders filled by the generator: ``{place}`` (bare name, e.g. "Cần Giuộc"), ``{dv}`` (unit with its kind,
e.g. "huyện Cần Giuộc"), ``{year}``, ``{n}`` (a small number), ``{pct}`` (a percentage with a decimal comma).
"""

from __future__ import annotations

PLACES: list[tuple[str, str]] = [
    ("Cần Giuộc", "huyện Cần Giuộc"),
    ("Cần Đước", "huyện Cần Đước"),
    ("Bến Lức", "huyện Bến Lức"),
    ("Đức Hòa", "huyện Đức Hòa"),
    ("Đức Huệ", "huyện Đức Huệ"),
    ("Thủ Thừa", "huyện Thủ Thừa"),
    ("Tân Trụ", "huyện Tân Trụ"),
    ("Châu Thành", "huyện Châu Thành"),
    ("Tân Thạnh", "huyện Tân Thạnh"),
    ("Thạnh Hóa", "huyện Thạnh Hóa"),
    ("Mộc Hóa", "huyện Mộc Hóa"),
    ("Vĩnh Hưng", "huyện Vĩnh Hưng"),
    ("Tân Hưng", "huyện Tân Hưng"),
    ("Kiến Tường", "thị xã Kiến Tường"),
    ("Tân An", "TP. Tân An"),
]

AUTHORS: list[str] = [
    "Huỳnh Hương",
    "Ngọc Như",
    "Mộc Châu",
    "Phương Thảo",
    "Quốc Thanh",
    "Vũ Hoàng",
    "Thanh Hiểu",
    "Hữu Bằng",
    "Minh Trí",
    "Thanh Mỹ",
    "Kim Ngân",
    "Đức Hạnh",
    "Gia Hân",
    "Bảo Trân",
    "Tấn Phát",
]

AUTHOR_PAIRS: list[tuple[str, str]] = [
    ("Hữu Bằng", "Thanh Hiểu"),
    ("Ngọc Như", "Minh Trí"),
    ("Quốc Thanh", "Kim Ngân"),
    ("Vũ Hoàng", "Đức Hạnh"),
]

AGENCIES: list[str] = ["(TTXVN/Vietnam+)", "(TTXVN)", "(Vietnam+)"]
SOURCE_URLS: list[str] = [
    "https://www.vietnamplus.vn/dong-bang-song-cuu-long-chu-dong-ung-pho-xam-nhap-man-post{n}.vnp",
    "https://www.vietnamplus.vn/xuat-khau-gao-tiep-tuc-tang-truong-post{n}.vnp",
    "https://www.vietnamplus.vn/tang-cuong-phong-chong-dich-benh-tren-dan-gia-cam-post{n}.vnp",
    "https://www.vietnamplus.vn/day-nhanh-tien-do-cac-du-an-giao-thong-trong-diem-post{n}.vnp",
]

UI: dict[str, str] = {
    "site_name": "Báo Long An",
    "title_suffix": " - Báo Long An",
    "lang_switch_self": "Tiếng Việt",
    "lang_switch_other": "English",
    "home": "Trang chủ",
    "newest": "Tin mới",
    "read_more": "Xem thêm",
    "next": "Trang sau &gt;",
    "prev": "&lt; Trang trước",
    "share": "Chia sẻ bài viết",
    "related": "Tin liên quan",
    "comments": "Ý kiến bạn đọc",
    "comment_button": "Gửi ý kiến",
    "comment_hint": "Ý kiến của bạn sẽ được biên tập trước khi đăng.",
    "search": "Tìm kiếm",
    "search_q": "long+an",
    "footer": (
        "Cơ quan chủ quản: Tỉnh ủy Long An. Giấy phép hoạt động báo điện tử số 348/GP-BTTTT do Bộ Thông tin "
        "và Truyền thông cấp. Tổng Biên tập: Nguyễn Văn Tâm. Địa chỉ: 14 Nguyễn Đình Chiểu, Phường 1, "
        "TP. Tân An, tỉnh Long An. Điện thoại: (0272) 3826 391. Email: baolongan@baolongan.vn. "
        "Ghi rõ nguồn Báo Long An khi phát hành lại thông tin từ website này."
    ),
    "not_found_title": "Không tìm thấy trang",
    "not_found_text": "Trang bạn yêu cầu không tồn tại hoặc đã bị xóa.",
}

READER_COMMENTS: list[tuple[str, str]] = [
    ("Nguyễn Thị Lan", "Bài viết rất thiết thực, mong tỉnh tiếp tục quan tâm đầu tư cho vùng sâu, vùng xa."),
    ("Trần Văn Phúc", "Đường ở xã tôi đã được nâng cấp, đi lại thuận tiện hơn nhiều. Cảm ơn Báo Long An."),
    ("Lê Minh Tâm", "Đề nghị ngành chức năng kiểm tra thêm tình trạng xe quá tải trên tuyến này."),
    ("Phạm Hồng Nhung", "Rất tự hào về quê hương Long An, chúc các cô chú nông dân được mùa được giá."),
]

INTRO_PAGE: list[str] = [
    "Báo Long An là cơ quan ngôn luận của Đảng bộ, chính quyền và Nhân dân tỉnh Long An.",
    "Báo phát hành báo in, báo điện tử tiếng Việt và tiếng Anh, phục vụ bạn đọc trong và ngoài tỉnh.",
    "Mọi thông tin liên hệ, góp ý, quảng cáo xin gửi về Tòa soạn theo địa chỉ ghi ở cuối trang.",
]

# Topic banks. Every title is a template; the generator makes titles unique.
TOPICS: dict[str, dict[str, list[str]]] = {
    "chinhtri": {
        "titles": [
            "{place} đẩy mạnh phong trào thi đua yêu nước năm {year}",
            "{place}: Tổng kết công tác xây dựng Đảng năm {year}",
            "Hội đồng nhân dân {dv} tổ chức kỳ họp thường lệ",
            "{place} nâng cao chất lượng hoạt động của hệ thống chính trị cơ sở",
            "Lãnh đạo tỉnh tiếp xúc cử tri {place}",
            "{place} triển khai học tập, quán triệt nghị quyết mới của Tỉnh ủy",
            "{place} sơ kết 6 tháng thực hiện nhiệm vụ phát triển kinh tế - xã hội",
            "Đoàn công tác của tỉnh làm việc với {dv}",
            "{place} phát huy vai trò giám sát của Mặt trận Tổ quốc",
            "{place}: Cải cách hành chính gắn với chuyển đổi số",
            "Khen thưởng tập thể, cá nhân tiêu biểu của {dv}",
            "{place} chuẩn bị chu đáo cho đại hội đảng bộ cơ sở",
        ],
        "leads": [
            "Năm {year}, {dv} tập trung chỉ đạo thực hiện nhiều giải pháp đồng bộ, tạo chuyển biến rõ nét trong công tác xây dựng Đảng và hệ thống chính trị.",
            "Chiều qua, lãnh đạo {dv} tổ chức hội nghị đánh giá kết quả thực hiện nhiệm vụ chính trị và triển khai phương hướng thời gian tới.",
            "Với quyết tâm cao, cấp ủy, chính quyền {dv} đã lãnh đạo hoàn thành nhiều chỉ tiêu quan trọng, tạo nền tảng cho giai đoạn tiếp theo.",
            "Phong trào thi đua yêu nước ở {dv} được triển khai rộng khắp, thu hút đông đảo cán bộ, đảng viên và người dân tham gia.",
        ],
        "paras": [
            "Theo báo cáo, trong năm, toàn {dv} kết nạp {n} đảng viên mới, đạt và vượt chỉ tiêu được giao. Công tác kiểm tra, giám sát được thực hiện thường xuyên, kịp thời chấn chỉnh những hạn chế, thiếu sót ở cơ sở.",
            "Bí thư Huyện ủy nhấn mạnh, các cấp ủy cần tiếp tục đổi mới phương thức lãnh đạo, nâng cao năng lực lãnh đạo và sức chiến đấu của tổ chức cơ sở đảng, gắn trách nhiệm người đứng đầu với kết quả thực hiện nhiệm vụ.",
            "Công tác dân vận được chú trọng, nhiều mô hình “Dân vận khéo” được nhân rộng. Qua đó, người dân đồng thuận hiến đất làm đường, đóng góp kinh phí xây dựng cầu, cống và các công trình phúc lợi ở địa phương.",
            "Tại kỳ họp, các đại biểu tập trung thảo luận, chất vấn nhiều vấn đề cử tri quan tâm như tiến độ giải quyết hồ sơ đất đai, chất lượng nước sạch nông thôn, an toàn giao thông trên các tuyến đường huyện.",
            "Cử tri kiến nghị tỉnh sớm đầu tư nâng cấp tuyến đường liên xã, giải quyết dứt điểm tình trạng ngập úng vào mùa mưa và quan tâm hơn nữa đến chế độ, chính sách đối với cán bộ không chuyên trách ở ấp, khu phố.",
            "Trả lời cử tri, lãnh đạo tỉnh ghi nhận các ý kiến xác đáng và cho biết sẽ chỉ đạo các sở, ngành liên quan rà soát, có văn bản trả lời cụ thể trong thời gian sớm nhất.",
            "Việc ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính giúp giảm thời gian đi lại cho người dân. Tỷ lệ hồ sơ được tiếp nhận trực tuyến đạt {pct}%, tăng đáng kể so với cùng kỳ.",
            "Ủy ban Mặt trận Tổ quốc {dv} phối hợp các đoàn thể tổ chức giám sát {n} cuộc, tập trung vào việc thực hiện chính sách an sinh xã hội, quản lý đất đai và xây dựng nông thôn mới.",
            "Dịp này, {n} tập thể và nhiều cá nhân có thành tích xuất sắc trong phong trào thi đua được khen thưởng. Các cơ quan, đơn vị cũng ký kết giao ước thi đua cho năm tiếp theo.",
            "Thời gian tới, địa phương tiếp tục thực hiện tốt quy chế dân chủ ở cơ sở, tăng cường đối thoại với Nhân dân, giải quyết kịp thời những bức xúc chính đáng, không để phát sinh điểm nóng.",
        ],
        "captions": [
            "Quang cảnh hội nghị",
            "Lãnh đạo {dv} trao giấy khen cho các tập thể tiêu biểu",
            "Đại biểu biểu quyết thông qua nghị quyết tại kỳ họp",
            "Cử tri {place} phát biểu ý kiến tại buổi tiếp xúc",
        ],
        "subheads": ["Nhiều chuyển biến tích cực", "Lấy dân làm gốc", "Tiếp tục đổi mới"],
    },
    "phapluat": {
        "titles": [
            "Công an {place} triệt phá đường dây đánh bạc qua mạng",
            "Xét xử lưu động vụ án trộm cắp tài sản tại {dv}",
            "{place}: Tạm giữ đối tượng lừa đảo chiếm đoạt tiền đặt cọc mua đất",
            "Tăng cường tuyên truyền pháp luật cho người dân vùng biên giới {place}",
            "Phát hiện cơ sở kinh doanh hàng giả tại {dv}",
            "{place} xử lý nghiêm vi phạm nồng độ cồn dịp cuối năm",
            "Cảnh giác với thủ đoạn giả danh cơ quan chức năng gọi điện lừa đảo",
            "Tòa án nhân dân {dv} nâng cao chất lượng hòa giải, đối thoại",
        ],
        "leads": [
            "Công an {dv} vừa phối hợp các đơn vị nghiệp vụ khám phá vụ án, thu giữ nhiều tang vật liên quan.",
            "Thời gian gần đây, trên địa bàn {dv} xảy ra một số vụ việc với thủ đoạn tinh vi, gây thiệt hại tài sản của người dân.",
            "Nhằm nâng cao ý thức chấp hành pháp luật, ngành chức năng {dv} đã triển khai nhiều hình thức tuyên truyền phù hợp với từng nhóm đối tượng.",
        ],
        "paras": [
            "Qua công tác nắm tình hình, lực lượng công an phát hiện nhóm đối tượng thường xuyên tụ tập tại một căn nhà ở ấp {n}, xã ven sông để tổ chức đánh bạc ăn tiền. Khi bị kiểm tra, các đối tượng bỏ chạy nhưng bị lực lượng chức năng khống chế.",
            "Tại cơ quan công an, các đối tượng khai nhận hành vi phạm tội của mình. Hiện vụ việc đang được củng cố hồ sơ để xử lý theo quy định pháp luật.",
            "Theo cơ quan chức năng, đối tượng tự giới thiệu là chủ đất, đưa ra mức giá thấp hơn thị trường để người mua đặt cọc. Sau khi nhận tiền, đối tượng tắt điện thoại, bỏ trốn khỏi địa phương.",
            "Tại phiên tòa, hội đồng xét xử phân tích tính chất nguy hiểm của hành vi, đồng thời tuyên phạt bị cáo mức án tương xứng, góp phần răn đe, phòng ngừa chung.",
            "Công an tỉnh khuyến cáo người dân không cung cấp mã OTP, số tài khoản ngân hàng cho người lạ; khi nhận được cuộc gọi đáng ngờ cần báo ngay cho công an nơi gần nhất.",
            "Trong đợt cao điểm, lực lượng cảnh sát giao thông lập biên bản {n} trường hợp vi phạm, tạm giữ nhiều phương tiện, chủ yếu là lỗi vi phạm nồng độ cồn và chạy quá tốc độ.",
            "Đội quản lý thị trường kiểm tra, phát hiện hàng trăm sản phẩm giả mạo nhãn hiệu, không rõ nguồn gốc. Toàn bộ số hàng đã được niêm phong, tạm giữ để tiếp tục xác minh.",
            "Bên cạnh việc xử lý vi phạm, các ngành chú trọng hòa giải ở cơ sở. Nhiều mâu thuẫn, tranh chấp nhỏ về ranh đất, lối đi chung được giải quyết thấu tình, đạt lý ngay tại ấp.",
            "Các buổi tuyên truyền được lồng ghép trong sinh hoạt chi hội, họp dân ở ấp, khu phố, tập trung vào các quy định về phòng, chống ma túy, an toàn giao thông và phòng, chống tội phạm công nghệ cao.",
        ],
        "captions": [
            "Lực lượng chức năng làm việc với các đối tượng",
            "Tang vật thu giữ trong vụ án",
            "Quang cảnh phiên tòa xét xử lưu động",
            "Cảnh sát giao thông kiểm tra nồng độ cồn người điều khiển phương tiện",
        ],
        "subheads": ["Thủ đoạn tinh vi", "Xử lý nghiêm vi phạm", "Chủ động phòng ngừa"],
    },
    "kinhte": {
        "titles": [
            "{place}: Thu hút đầu tư vào các khu công nghiệp tăng mạnh",
            "Doanh nghiệp {place} tăng tốc sản xuất những tháng cuối năm",
            "Đẩy nhanh tiến độ nâng cấp đường tỉnh qua {dv}",
            "Kim ngạch xuất khẩu của {dv} tăng so với cùng kỳ",
            "{place} tháo gỡ khó khăn cho doanh nghiệp nhỏ và vừa",
            "Chợ quê {place} nhộn nhịp trở lại",
            "Cầu mới nối liền hai bờ sông ở {dv} chính thức thông xe",
            "{place} phát triển sản phẩm OCOP gắn với thương mại điện tử",
        ],
        "leads": [
            "Những tháng gần đây, hoạt động sản xuất, kinh doanh trên địa bàn {dv} có nhiều khởi sắc, đơn hàng tăng, người lao động có việc làm ổn định.",
            "Nhờ hạ tầng giao thông được đầu tư đồng bộ, {dv} trở thành điểm đến hấp dẫn của nhiều nhà đầu tư trong và ngoài nước.",
            "Công trình được người dân mong đợi từ lâu, khi hoàn thành sẽ giúp rút ngắn thời gian đi lại và thúc đẩy giao thương hàng hóa.",
        ],
        "paras": [
            "Trong {year}, {dv} thu hút thêm {n} dự án đầu tư với tổng vốn đăng ký hàng nghìn tỉ đồng, chủ yếu vào lĩnh vực chế biến thực phẩm, cơ khí, logistics và vật liệu xây dựng.",
            "Đại diện một doanh nghiệp may mặc cho biết, đơn vị đã có đơn hàng đến hết quý I năm sau nên đang tuyển thêm lao động, đồng thời cải thiện bữa ăn ca và chế độ phúc lợi cho công nhân.",
            "Tuyến đường dài hơn {n} km được mở rộng mặt đường, xây mới hệ thống thoát nước và chiếu sáng. Nhà thầu đang huy động tối đa nhân lực, máy móc để kịp thông xe trước Tết.",
            "Theo Sở Công Thương, kim ngạch xuất khẩu của tỉnh tăng {pct}% so với cùng kỳ, trong đó gạo, hạt điều, hàng dệt may và sản phẩm cơ khí là những mặt hàng chủ lực.",
            "Nhiều doanh nghiệp nhỏ và vừa phản ánh khó khăn về vốn và mặt bằng sản xuất. Địa phương đã tổ chức hội nghị đối thoại, kết nối ngân hàng với doanh nghiệp để kịp thời tháo gỡ vướng mắc.",
            "Khu chợ được xây dựng lại khang trang với hơn {n} sạp hàng, bảo đảm phòng cháy, chữa cháy và vệ sinh môi trường. Tiểu thương phấn khởi vì lượng khách mua sắm tăng rõ rệt.",
            "Các sản phẩm OCOP như lạp xưởng Cần Giuộc, bánh tráng Hậu Nghĩa, gạo Nàng Thơm Chợ Đào được giới thiệu trên sàn thương mại điện tử, giúp cơ sở sản xuất mở rộng thị trường tiêu thụ.",
            "Cây cầu bê tông cốt thép thay thế cho chiếc phà cũ, giúp hàng nghìn học sinh và người dân hai bờ không còn cảnh lụy đò mỗi ngày. Nhiều hộ dân dọc tuyến đã mở thêm quán ăn, tiệm tạp hóa.",
            "Để phát triển bền vững, tỉnh ưu tiên thu hút các dự án công nghệ cao, thân thiện môi trường, đồng thời chú trọng đào tạo nguồn nhân lực tại chỗ đáp ứng nhu cầu của doanh nghiệp.",
        ],
        "captions": [
            "Công nhân làm việc tại một doanh nghiệp trong khu công nghiệp",
            "Thi công mở rộng tuyến đường qua {dv}",
            "Cầu mới chính thức đưa vào sử dụng",
            "Sản phẩm OCOP của {dv} được giới thiệu tại hội chợ",
        ],
        "subheads": ["Khởi sắc sản xuất", "Hạ tầng đi trước", "Kết nối thị trường"],
    },
    "nongnghiep": {
        "titles": [
            "Nông dân {place} xuống giống vụ Đông Xuân {year}",
            "Thanh long {place} được mùa, được giá",
            "{place} mở rộng diện tích lúa chất lượng cao",
            "Mô hình trồng chanh không hạt cho thu nhập ổn định ở {dv}",
            "Nông dân {place} ứng dụng máy bay không người lái phun thuốc",
            "Hợp tác xã ở {dv} liên kết tiêu thụ nông sản",
            "{place}: Nuôi tôm công nghệ cao mang lại hiệu quả",
            "Nông dân {place} chủ động phòng, chống xâm nhập mặn",
        ],
        "leads": [
            "Những ngày này, trên các cánh đồng ở {dv}, nông dân tranh thủ thời tiết thuận lợi để xuống giống, chăm sóc lúa.",
            "Nhờ áp dụng tiến bộ kỹ thuật và liên kết tiêu thụ, nhiều nông dân {dv} đã nâng cao hiệu quả sản xuất trên cùng diện tích đất.",
            "Vụ này, giá bán ổn định giúp nông dân {dv} có lãi khá, an tâm đầu tư cho vụ tiếp theo.",
        ],
        "paras": [
            "Theo Phòng Nông nghiệp và Phát triển nông thôn, vụ Đông Xuân năm nay toàn {dv} xuống giống hơn {n} nghìn héc-ta lúa, chủ yếu là các giống chất lượng cao như Đài thơm 8, OM 5451, Nàng Hoa 9.",
            "Ông Nguyễn Văn Tư, ngụ xã ven kênh, cho biết gia đình canh tác 3 héc-ta lúa. Nhờ sạ thưa, bón phân cân đối theo khuyến cáo, chi phí sản xuất giảm đáng kể, năng suất đạt khoảng 7 tấn/héc-ta.",
            "Thanh long ruột đỏ Châu Thành đang vào mùa thu hoạch chính. Thương lái đến tận vườn thu mua với giá từ 15.000 - 20.000 đồng/kg, nhà vườn có lãi khá sau nhiều vụ thua lỗ.",
            "Để đáp ứng yêu cầu xuất khẩu, nhiều hộ trồng thanh long chuyển sang sản xuất theo tiêu chuẩn VietGAP, ghi chép nhật ký đồng ruộng và sử dụng đèn LED tiết kiệm điện để xử lý ra hoa trái vụ.",
            "Sử dụng thiết bị bay không người lái giúp phun thuốc đều, tiết kiệm nước và thuốc bảo vệ thực vật, đồng thời giảm nguy cơ phơi nhiễm hóa chất cho người lao động.",
            "Hợp tác xã hiện có {n} thành viên, liên kết với doanh nghiệp bao tiêu toàn bộ sản phẩm theo giá sàn. Nhờ vậy, xã viên yên tâm sản xuất, không còn lo cảnh được mùa mất giá.",
            "Mô hình chanh không hạt cho thu hoạch quanh năm, mỗi héc-ta mang lại lợi nhuận 200 - 300 triệu đồng/năm. Nhiều hộ ở vùng Đồng Tháp Mười đã mạnh dạn chuyển đổi từ đất lúa kém hiệu quả.",
            "Trước diễn biến xâm nhập mặn, địa phương vận hành hệ thống cống ngăn mặn, khuyến cáo nông dân tích trữ nước ngọt, theo dõi độ mặn trước khi lấy nước vào ruộng.",
            "Ngành nông nghiệp tiếp tục hướng dẫn nông dân giảm lượng giống gieo sạ, áp dụng quy trình “1 phải 5 giảm”, từng bước xây dựng vùng nguyên liệu lúa chất lượng cao, phát thải thấp.",
            "Nuôi tôm thẻ chân trắng trong ao lót bạt, có mái che giúp kiểm soát tốt môi trường nước, hạn chế dịch bệnh. Mỗi vụ, người nuôi thu lãi vài trăm triệu đồng trên mỗi ao.",
        ],
        "captions": [
            "Nông dân {place} xuống giống lúa vụ mới",
            "Thu hoạch thanh long tại {dv}",
            "Máy bay không người lái phun thuốc trên cánh đồng lúa",
            "Xã viên hợp tác xã thu hoạch nông sản",
            "Ao nuôi tôm công nghệ cao ở {dv}",
        ],
        "subheads": ["Giảm chi phí, tăng lợi nhuận", "Liên kết bền vững", "Ứng phó thời tiết bất thường"],
    },
    "moitruong": {
        "titles": [
            "{place} ra quân làm sạch kênh rạch",
            "Nâng cấp hệ thống thoát nước chống ngập ở {dv}",
            "{place} chỉnh trang đô thị, xây dựng tuyến phố văn minh",
            "Xử lý rác thải sinh hoạt ở nông thôn {place}",
            "Người dân {place} khắc phục hậu quả triều cường",
            "{place} trồng thêm cây xanh trên các tuyến đường",
        ],
        "leads": [
            "Hưởng ứng phong trào bảo vệ môi trường, hàng trăm đoàn viên, thanh niên và người dân {dv} đã tham gia khơi thông dòng chảy.",
            "Tình trạng ngập cục bộ sau mỗi cơn mưa lớn đang được {dv} tập trung khắc phục bằng nhiều giải pháp.",
            "Bộ mặt đô thị {dv} ngày càng khang trang, sạch đẹp nhờ sự chung tay của chính quyền và người dân.",
        ],
        "paras": [
            "Lực lượng ra quân đã vớt bỏ lục bình, nạo vét hơn {n} km kênh nội đồng, thu gom hàng tấn rác thải tồn đọng. Nhiều đoạn kênh trước đây bị bồi lắng nay đã thông thoáng.",
            "Dự án cải tạo hệ thống thoát nước có tổng vốn đầu tư hàng chục tỉ đồng, xây mới cống hộp dọc các tuyến đường nội ô, giúp tiêu thoát nước nhanh khi mưa lớn kết hợp triều cường.",
            "Mỗi tuần, các tuyến phố văn minh được ra quân dọn dẹp vệ sinh vào sáng chủ nhật. Hộ kinh doanh ký cam kết không lấn chiếm vỉa hè, không xả rác ra đường.",
            "Hiện toàn {dv} có {n} xã được thu gom rác thải sinh hoạt. Người dân được hướng dẫn phân loại rác tại nguồn, tận dụng rác hữu cơ để ủ phân bón cho cây trồng.",
            "Đợt triều cường vừa qua làm nhiều đoạn bờ bao bị sạt lở, nước tràn vào vườn cây ăn trái. Chính quyền địa phương đã huy động lực lượng gia cố bờ bao, hỗ trợ người dân khắc phục thiệt hại.",
            "Cùng với trồng cây xanh, {dv} đầu tư hệ thống đèn chiếu sáng tiết kiệm năng lượng, lắp đặt thùng rác công cộng tại các công viên, khu vực đông dân cư.",
            "Theo đánh giá của ngành tài nguyên và môi trường, ý thức của người dân trong bảo vệ môi trường đã có chuyển biến rõ nét, tình trạng xả rác xuống sông, kênh giảm đáng kể.",
            "Mùa lũ năm nay, nước từ thượng nguồn đổ về vùng Đồng Tháp Mười ở mức trung bình. Các huyện biên giới chủ động phương án bảo vệ lúa Thu Đông và di dời hộ dân ở vùng trũng thấp.",
        ],
        "captions": [
            "Đoàn viên, thanh niên vớt lục bình trên kênh",
            "Thi công hệ thống thoát nước tại {dv}",
            "Một góc đô thị {place}",
            "Người dân gia cố bờ bao sau triều cường",
        ],
        "subheads": ["Chung tay vì môi trường", "Đô thị xanh, sạch, đẹp"],
    },
    "xahoi": {
        "titles": [
            "{place} chăm lo Tết cho hộ nghèo, gia đình chính sách",
            "Trao nhà tình nghĩa cho người có công ở {dv}",
            "Trường học ở {place} sẵn sàng cho năm học mới",
            "{place}: Nâng cao chất lượng khám, chữa bệnh tại trạm y tế xã",
            "Học sinh {place} đạt nhiều giải trong kỳ thi học sinh giỏi cấp tỉnh",
            "{place} giảm hơn {n} hộ nghèo sau một năm",
            "Ngày hội việc làm thu hút đông đảo thanh niên {place}",
            "Bữa cơm nghĩa tình ở bệnh viện {place}",
        ],
        "leads": [
            "Thực hiện chủ trương không để ai bị bỏ lại phía sau, {dv} đã huy động nhiều nguồn lực chăm lo đời sống người dân khó khăn.",
            "Những ngày này, thầy cô giáo ở {dv} đang khẩn trương chuẩn bị cơ sở vật chất để đón học sinh tựu trường.",
            "Nhiều năm qua, những tấm lòng hảo tâm ở {dv} đã lặng lẽ sẻ chia với người bệnh nghèo, lan tỏa tinh thần tương thân tương ái.",
        ],
        "paras": [
            "Dịp này, {dv} trao {n} phần quà, mỗi phần gồm gạo, nhu yếu phẩm và tiền mặt cho hộ nghèo, hộ cận nghèo, gia đình chính sách, giúp các hộ có thêm điều kiện đón Tết đầm ấm.",
            "Căn nhà tình nghĩa được xây dựng kiên cố với diện tích 60 m², tổng kinh phí 80 triệu đồng do các doanh nghiệp và nhà hảo tâm đóng góp. Bà Năm xúc động cảm ơn sự quan tâm của chính quyền.",
            "Năm học mới, toàn {dv} có hơn {n} nghìn học sinh các cấp. Ngành giáo dục đã sửa chữa phòng học, bổ sung bàn ghế, sách giáo khoa và bố trí đủ giáo viên cho các trường.",
            "Trạm y tế xã được đầu tư máy siêu âm, máy đo điện tim và kết nối phần mềm quản lý hồ sơ sức khỏe. Người dân không phải lên tuyến trên đối với những bệnh thông thường.",
            "Nhờ được vay vốn ưu đãi nuôi bò, chị Lê Thị Hoa ở ấp Bình Hòa đã thoát nghèo. Từ 1 con bò giống ban đầu, đến nay gia đình chị có 5 con, cuộc sống ổn định hơn.",
            "Tại ngày hội, hơn 30 doanh nghiệp tham gia tuyển dụng với hàng nghìn vị trí việc làm, từ lao động phổ thông đến kỹ sư, nhân viên kỹ thuật. Nhiều bạn trẻ được phỏng vấn, nhận việc ngay tại chỗ.",
            "Mỗi sáng, nhóm thiện nguyện nấu hàng trăm suất cơm, cháo miễn phí phát cho bệnh nhân và người nhà. Nguồn kinh phí do các mạnh thường quân trong và ngoài tỉnh đóng góp.",
            "Đội tuyển học sinh giỏi của huyện đoạt {n} giải, trong đó có giải nhất môn Ngữ văn và Vật lý. Đây là kết quả của quá trình bồi dưỡng công phu của thầy và trò.",
            "Để giảm nghèo bền vững, địa phương chú trọng dạy nghề gắn với giải quyết việc làm, hỗ trợ sinh kế như cây giống, con giống và hướng dẫn kỹ thuật sản xuất cho người dân.",
        ],
        "captions": [
            "Trao quà cho hộ nghèo tại {dv}",
            "Bàn giao nhà tình nghĩa",
            "Học sinh trong ngày tựu trường",
            "Khám bệnh cho người dân tại trạm y tế xã",
            "Thanh niên tìm hiểu thông tin tuyển dụng tại ngày hội",
        ],
        "subheads": [
            "Không để ai bị bỏ lại phía sau",
            "Chăm lo sức khỏe người dân",
            "Nối dài những tấm lòng",
        ],
    },
    "covid": {
        "titles": [
            "{place} tổ chức tiêm vắc-xin phòng Covid-19 cho người dân",
            "{place} thiết lập khu cách ly tập trung",
            "Đưa hàng hóa thiết yếu đến người dân vùng phong tỏa ở {dv}",
            "{place}: Học sinh trở lại trường sau thời gian học trực tuyến",
        ],
        "leads": [
            "Trước diễn biến phức tạp của dịch Covid-19, {dv} đã triển khai quyết liệt các biện pháp phòng, chống dịch, bảo vệ sức khỏe Nhân dân.",
            "Những ngày cao điểm của dịch Covid-19, lực lượng tuyến đầu ở {dv} không quản ngày đêm bám địa bàn, hỗ trợ người dân.",
        ],
        "paras": [
            "Theo Trung tâm Y tế huyện, đợt này tiêm cho hơn {n} nghìn người từ 18 tuổi trở lên. Các điểm tiêm được bố trí khoa học, bảo đảm giãn cách, có đội cấp cứu túc trực.",
            "Khu cách ly tập trung được bố trí tại ký túc xá trường học với gần 200 giường. Người cách ly được cung cấp suất ăn 3 bữa mỗi ngày và được nhân viên y tế theo dõi sức khỏe thường xuyên.",
            "Trong thời gian thực hiện Chỉ thị 16, các tổ Covid cộng đồng đi từng nhà nắm tình hình, nhận đặt hàng và giao nhu yếu phẩm tận nơi, không để người dân nào thiếu ăn.",
            "Năm {year}, dịch Covid-19 diễn biến phức tạp làm ảnh hưởng lớn đến sản xuất, kinh doanh. Nhiều doanh nghiệp phải thực hiện phương án “3 tại chỗ” để duy trì hoạt động.",
            "Trước khi đón học sinh trở lại, các trường tổ chức khử khuẩn phòng học, bố trí bàn ghế giãn cách, lắp đặt bồn rửa tay và xây dựng kịch bản xử lý khi phát hiện ca nghi nhiễm.",
            "Nhiều tấm lòng hảo tâm đã gửi gạo, rau củ, trứng đến các “ATM gạo”, điểm “Siêu thị 0 đồng”, kịp thời hỗ trợ lao động mất việc, người bán vé số bị ảnh hưởng bởi dịch.",
        ],
        "captions": [
            "Nhân viên y tế tiêm vắc-xin cho người dân",
            "Tổ Covid cộng đồng giao nhu yếu phẩm",
            "Học sinh rửa tay sát khuẩn trước khi vào lớp",
        ],
        "subheads": ["Chống dịch như chống giặc", "Từng bước thích ứng an toàn"],
    },
    "quocphong": {
        "titles": [
            "{place} tổ chức lễ giao nhận quân năm {year}",
            "Diễn tập khu vực phòng thủ {dv} thành công",
            "Bộ đội Biên phòng tuần tra bảo vệ biên giới ở {place}",
            "Xây dựng lực lượng dân quân vững mạnh ở {dv}",
            "Hội thao quốc phòng lực lượng vũ trang {place}",
            "Trao nhà đồng đội cho quân nhân khó khăn ở {dv}",
        ],
        "leads": [
            "Sáng nay, {dv} tổ chức lễ giao nhận quân trang trọng, tiễn thanh niên lên đường làm nghĩa vụ quân sự.",
            "Cuộc diễn tập nhằm nâng cao năng lực lãnh đạo, chỉ đạo, điều hành của cấp ủy, chính quyền và khả năng sẵn sàng chiến đấu của lực lượng vũ trang địa phương.",
            "Trên tuyến biên giới giáp Campuchia, cán bộ, chiến sĩ Bộ đội Biên phòng ngày đêm bám chốt, giữ vững chủ quyền, an ninh biên giới.",
        ],
        "paras": [
            "Năm nay, {dv} có {n} thanh niên lên đường nhập ngũ, trong đó nhiều người có trình độ cao đẳng, đại học. Các tân binh đều bảo đảm tiêu chuẩn sức khỏe, chính trị theo quy định.",
            "Thay mặt tân binh, em Nguyễn Hoàng Phúc hứa sẽ ra sức học tập, rèn luyện, hoàn thành tốt nhiệm vụ, xứng đáng với niềm tin của gia đình và quê hương.",
            "Qua các giai đoạn diễn tập, các lực lượng phối hợp nhịp nhàng, xử trí linh hoạt các tình huống, bảo đảm an toàn tuyệt đối về người và vũ khí, trang bị.",
            "Đồn Biên phòng phối hợp lực lượng dân quân và người dân các ấp biên giới tổ chức tuần tra, kịp thời phát hiện, ngăn chặn các hành vi xuất nhập cảnh trái phép, buôn lậu.",
            "Những năm qua, phong trào Toàn dân tham gia bảo vệ chủ quyền lãnh thổ, an ninh biên giới quốc gia được người dân Kiến Tường, Mộc Hóa, Vĩnh Hưng, Tân Hưng hưởng ứng tích cực.",
            "Lực lượng dân quân thường trực được huấn luyện thường xuyên, vừa tham gia giữ gìn an ninh trật tự, vừa hỗ trợ người dân thu hoạch lúa, phòng chống thiên tai.",
            "Căn nhà đồng đội trị giá 70 triệu đồng do cán bộ, chiến sĩ lực lượng vũ trang tỉnh đóng góp, giúp gia đình quân nhân có nơi ở ổn định, yên tâm công tác.",
            "Hội thao là dịp để các đơn vị kiểm tra, đánh giá kết quả huấn luyện, rèn luyện thể lực, đồng thời tạo không khí thi đua sôi nổi trong lực lượng vũ trang.",
        ],
        "captions": [
            "Tân binh {place} lên đường nhập ngũ",
            "Lực lượng tham gia diễn tập xử lý tình huống",
            "Bộ đội Biên phòng tuần tra trên tuyến biên giới",
            "Dân quân giúp dân thu hoạch lúa",
        ],
        "subheads": ["Sẵn sàng nhận nhiệm vụ", "Vững vàng nơi biên giới"],
    },
    "vanhoa": {
        "titles": [
            "Đường hoa xuân {place} thu hút du khách dịp Tết",
            "Lễ hội Làm Chay ở Tân An thu hút đông người tham dự",
            "Khai mạc Hội thi Đờn ca tài tử {dv}",
            "{place} phát triển du lịch sinh thái gắn với vùng Đồng Tháp Mười",
            "Giải bóng đá thiếu niên {place} năm {year}",
            "Bảo tồn nghề làm bánh tráng truyền thống ở {dv}",
            "Về {place} thăm di tích lịch sử cách mạng",
            "Nhộn nhịp làng hoa kiểng ngày cận Tết ở {dv}",
        ],
        "leads": [
            "Những ngày cận Tết, không khí xuân tràn ngập khắp các tuyến phố, làng quê {dv}.",
            "Với những nét đặc trưng riêng, {dv} đang từng bước khai thác tiềm năng du lịch, góp phần quảng bá hình ảnh quê hương Long An.",
            "Hoạt động văn hóa, văn nghệ, thể thao diễn ra sôi nổi, góp phần nâng cao đời sống tinh thần cho người dân {dv}.",
        ],
        "paras": [
            "Đường hoa năm nay được trang trí với hàng nghìn chậu hoa cúc, vạn thọ, mai vàng cùng nhiều tiểu cảnh mang đậm nét văn hóa Nam Bộ, thu hút đông đảo người dân đến tham quan, chụp ảnh.",
            "Lễ hội Làm Chay diễn ra từ ngày 14 đến 16 tháng Giêng âm lịch với các nghi thức truyền thống, rước đèn, múa lân và nhiều trò chơi dân gian, là nét sinh hoạt văn hóa đặc sắc của người dân Tân An.",
            "Hội thi có {n} tiết mục của các câu lạc bộ đờn ca tài tử trong huyện. Nhiều nghệ nhân lớn tuổi cùng các em thiếu nhi biểu diễn, cho thấy loại hình nghệ thuật này đang được trao truyền qua các thế hệ.",
            "Khu du lịch sinh thái với rừng tràm bạt ngàn, những cánh sen hồng và món cá lóc nướng trui hấp dẫn du khách. Mùa nước nổi, du khách được trải nghiệm đi xuồng, giăng lưới, hái bông điên điển.",
            "Giải đấu quy tụ {n} đội bóng đến từ các xã, thị trấn. Các trận đấu diễn ra hấp dẫn, thu hút đông đảo khán giả đến cổ vũ.",
            "Nghề làm bánh tráng ở đây có từ hàng trăm năm. Mỗi ngày, các lò bánh thức dậy từ 3 giờ sáng để tráng bánh, phơi trên những giàn tre dài, tạo nên khung cảnh bình dị của làng quê.",
            "Khu di tích là nơi ghi dấu nhiều sự kiện lịch sử quan trọng của quân và dân Long An trong hai cuộc kháng chiến, hiện là địa chỉ giáo dục truyền thống cho thế hệ trẻ.",
            "Nhà vườn cho biết, năm nay hoa kiểng được giá, nhiều thương lái từ TP. Hồ Chí Minh về đặt mua sớm. Các loại cúc mâm xôi, vạn thọ, mai ghép được ưa chuộng nhất.",
            "Sở Văn hóa, Thể thao và Du lịch cho biết, trong {year}, tỉnh đón hơn {n}0.000 lượt khách, doanh thu từ du lịch tăng so với cùng kỳ.",
        ],
        "captions": [
            "Du khách chụp ảnh tại đường hoa xuân",
            "Tiết mục biểu diễn tại hội thi",
            "Du khách trải nghiệm đi xuồng trong rừng tràm",
            "Những giàn bánh tráng phơi nắng ở {dv}",
            "Khu di tích lịch sử tại {place}",
        ],
        "subheads": ["Sắc xuân quê nhà", "Giữ hồn văn hóa", "Hấp dẫn du khách"],
    },
    "tacgia": {
        "titles": [
            "Tập thơ mới của tác giả quê {place}",
            "Nhà văn trẻ {place} và những trang viết về vùng đất phương Nam",
            "Ra mắt tuyển tập truyện ngắn về Đồng Tháp Mười",
            "Hồi ức chiến trường trong tác phẩm của cựu chiến binh {place}",
        ],
        "leads": [
            "Tác phẩm là những trang viết chân thực, giàu cảm xúc về quê hương và con người Long An.",
            "Với giọng văn mộc mạc, tác giả đưa người đọc trở về với ký ức làng quê Nam Bộ.",
        ],
        "paras": [
            "Tập thơ gồm {n} bài, viết về mẹ, về dòng sông Vàm Cỏ và những cánh đồng lúa quê nhà. Ngôn ngữ giản dị nhưng giàu hình ảnh, chạm đến cảm xúc của người đọc.",
            "Tác giả chia sẻ, nhiều năm làm giáo viên ở vùng biên giới đã cho chị chất liệu quý để viết nên những câu chuyện về học trò nghèo và những người lặng lẽ bám đất, bám làng.",
            "Tuyển tập tập hợp tác phẩm của nhiều cây bút trong tỉnh, tái hiện cuộc sống mùa nước nổi, những chuyến đò đêm, những mùa gặt của người dân Đồng Tháp Mười.",
            "Cuốn hồi ký ghi lại những năm tháng chiến đấu gian khổ của đơn vị ông trên chiến trường Long An, với những đồng đội đã nằm lại để quê hương được hòa bình.",
            "Buổi ra mắt sách có sự tham gia của đông đảo hội viên Hội Văn học nghệ thuật tỉnh, học sinh, sinh viên và bạn đọc yêu văn chương.",
        ],
        "captions": ["Tác giả ký tặng sách cho bạn đọc", "Bìa tập sách mới ra mắt"],
        "subheads": ["Những trang viết từ quê nhà"],
    },
}

INTERVIEWS: list[list[str]] = [
    [
        "- PV: Xin ông cho biết những kết quả nổi bật của địa phương trong năm qua?",
        "Ông Nguyễn Văn Sáu: Dù gặp nhiều khó khăn nhưng địa phương hoàn thành phần lớn chỉ tiêu đề ra. Sản xuất nông nghiệp ổn định, nhiều công trình giao thông được đầu tư, đời sống người dân được nâng lên.",
        "- PV: Thời gian tới, địa phương tập trung vào những nhiệm vụ trọng tâm nào?",
        "Ông Nguyễn Văn Sáu: Chúng tôi tiếp tục đẩy mạnh cải cách hành chính, thu hút đầu tư, chăm lo an sinh xã hội và giữ vững an ninh trật tự trên địa bàn.",
        "- PV: Xin cảm ơn ông!",
    ],
    [
        "- PV: Thưa bà, ngành nông nghiệp đã hỗ trợ nông dân như thế nào để ứng phó hạn mặn?",
        "Bà Trần Thị Mai: Ngành đã chủ động dự báo, thông tin kịp thời về độ mặn, hướng dẫn nông dân bố trí lịch thời vụ né mặn và tích trữ nước ngọt phục vụ sản xuất.",
        "- PV: Bà có khuyến cáo gì với bà con trong vụ tới?",
        "Bà Trần Thị Mai: Bà con nên sử dụng giống ngắn ngày, chịu mặn, tuân thủ lịch xuống giống và theo dõi thường xuyên thông tin của cơ quan chuyên môn.",
    ],
    [
        "- PV: Điều gì khiến anh quyết định khởi nghiệp tại quê nhà?",
        "Anh Lê Hoàng Nam: Tôi thấy nông sản quê mình rất ngon nhưng chưa có thương hiệu. Tôi muốn làm ra sản phẩm sạch, có bao bì đẹp để đưa đến người tiêu dùng thành phố.",
        "- PV: Khó khăn lớn nhất hiện nay là gì?",
        "Anh Lê Hoàng Nam: Khó nhất là vốn và kênh phân phối. May mắn là tôi được Đoàn Thanh niên hỗ trợ kết nối, giới thiệu sản phẩm tại các hội chợ.",
    ],
]

CLOSERS: list[str] = [
    "Được biết, chương trình sẽ tiếp tục được triển khai đến hết năm.",
    "Dịp này, ban tổ chức trao giấy khen cho các tập thể, cá nhân tiêu biểu.",
    "Trước đó, đoàn đã đến thăm, tặng quà cho một số gia đình chính sách trên địa bàn.",
]

# The seed article (id 133682): its visible text is tests/fixtures/seed-article.txt.
SEED: dict[str, object] = {
    "title": "Cần Đước đẩy mạnh phong trào thi đua góp phần hoàn thành xuất sắc nhiệm vụ",
    "lead": "Năm 2021, Cần Đước, tỉnh Long An triển khai, thực hiện công tác thi đua, khen thưởng (TĐKT) trong điều kiện khó khăn do dịch Covid-19 diễn biến phức tạp, kéo dài. Tuy nhiên, với sự phấn đấu, nỗ lực của các cấp, các ngành, cộng đồng doanh nghiệp và người dân toàn huyện cùng sự điều hành quyết liệt của chính quyền địa phương, các phong trào thi đua yêu nước được triển khai, thực hiện tạo sự lan tỏa rộng rãi, tích cực.",
    "caption": "Các cơ quan, đơn vị ký kết giao ước thi đua năm 2022",
    "image": "https://www.baolongan.vn/image/news/2022/20220413/images/ky%20ket%20giao%20uoc%20(1).jpg",
    "author": "Huỳnh Hương",
    "paras": [
        "Chủ tịch UBND, Chủ tịch Hội đồng TĐKT huyện Cần Đước - Huỳnh Văn Quang Hùng cho biết: “Ngay từ đầu năm, UBND huyện ban hành nhiều văn bản chỉ đạo, điều hành và hướng dẫn công tác TĐKT, đặc biệt là ban hành các kế hoạch phát động phong trào thi đua yêu nước trên nhiều lĩnh vực, tổ chức đăng ký, ký kết giao ước thi đua giữa các cơ quan, đơn vị, địa phương.",
        "Ngoài ra, UBND huyện còn chú trọng công tác sơ kết, tổng kết, tuyên dương, khen thưởng tập thể, cá nhân có thành tích xuất sắc trên các lĩnh vực và xem đây là một trong những tiêu chuẩn đánh giá phong trào thi đua”. Do xác định đúng trọng tâm, trọng điểm và phát động TĐKT kịp thời, các phong trào thi đua phát huy hiệu quả. Qua đó, tạo tính lan tỏa tác động tích cực, góp phần thực hiện thắng lợi các chỉ tiêu phát triển KT - XH theo Nghị quyết Huyện ủy, Nghị quyết HĐND huyện trong năm 2021, bảo đảm quốc phòng - an ninh và nâng cao năng lực hiệu quả hoạt động của hệ thống chính trị.",
        "Năm qua, UBND huyện kịp thời cụ thể hóa các chương trình đột phá, công trình trọng điểm theo Nghị quyết Đại hội XII Đảng bộ huyện; tập trung chỉ đạo thực hiện hoàn thành 23/25 chỉ tiêu đạt và vượt theo Nghị quyết Huyện ủy đề ra. Nhiều chỉ tiêu KT - XH đạt và vượt như tổng thu ngân sách được 550 tỉ đồng, đạt 147,4% dự toán tỉnh giao; sản xuất nông nghiệp phát triển ổn định; công nghiệp và thương mại - dịch vụ phát triển khá trong tình hình dịch Covid-19; thực hiện tốt công tác phòng, chống dịch Covid-19 và công tác an sinh xã hội; công tác quân sự, quốc phòng được triển khai đúng kế hoạch, có chất lượng; hoạt động của hệ thống chính trị có nhiều đổi mới, hiệu quả cao;...",
        "Với những kết quả đã đạt năm 2021, toàn huyện có 318 cá nhân được công nhận đạt danh hiệu Chiến sĩ thi đua cấp cơ sở, 72 tập thể và 1.637 cá nhân được công nhận danh hiệu Lao động tiên tiến, 726 tập thể và 2.392 cá nhân được nhận giấy khen hoàn thành xuất sắc nhiệm vụ năm, chuyên đề và đột xuất.",
        "Phát huy những kết quả đã đạt, năm 2022, huyện tiếp tục đổi mới công tác TĐKT, phát hiện, tổng kết và nhân rộng điển hình tiên tiến theo Chỉ thị số 34-CT/TW, ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới công tác TĐKT và Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. Đồng thời, huyện nâng cao, đổi mới nội dung, phương thức và các giải pháp trong tổ chức phong trào thi đua yêu nước./.",
        "Vừa qua, Chủ tịch UBND huyện Cần Đước biểu dương, khen thưởng cho 12 tập thể thực hiện hoàn thành tốt chỉ tiêu được giao năm 2021, công nhận danh hiệu 5 tập thể Lao động tiên tiến; danh hiệu Chiến sĩ thi đua cơ sở cho 13 cá nhân; tặng giấy khen cho 14 tập thể và 139 cá nhân có thành tích hoàn thành tốt nhiệm vụ năm 2021.",
    ],
}

IMAGE_WORDS: list[str] = [
    "khai mạc",
    "hoi nghi",
    "thu hoach lua",
    "thanh-long",
    "trao qua",
    "DSC_0{n}",
    "IMG_2{n}",
    "tan binh",
    "duong hoa",
    "gia-o-vie-n-a-p-du-ng",
    "le hoi",
    "cau moi",
    "kenh",
    "tiêm vắc-xin",
]
