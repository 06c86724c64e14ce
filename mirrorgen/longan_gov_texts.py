"""Invented texts for the portal mirror (both editions): title templates per category, leads, body sentences.

`{place}` is a district or town of Long An, `{n}` a small number. Everything here is written for the mirror;
none of it is copied from the real portal.
"""

from __future__ import annotations

from typing import NotRequired, TypedDict


class Story(TypedDict):
    """A fixed story of the English portal (written for the mirror)."""

    title: str
    lead: str
    paragraphs: tuple[str, ...]
    image: NotRequired[str]
    caption: NotRequired[str]
    source: NotRequired[str]


PLACES_VI = (
    "Tân An", "Bến Lức", "Đức Hòa", "Cần Giuộc", "Cần Đước", "Châu Thành", "Tân Trụ", "Thủ Thừa",
    "Thạnh Hóa", "Tân Thạnh", "Mộc Hóa", "Kiến Tường", "Vĩnh Hưng", "Tân Hưng", "Đức Huệ",
)  # fmt: skip
PLACES_EN = (
    "Tan An", "Ben Luc", "Duc Hoa", "Can Giuoc", "Can Duoc", "Chau Thanh", "Tan Tru", "Thu Thua",
    "Thanh Hoa", "Tan Thanh", "Moc Hoa", "Kien Tuong", "Vinh Hung", "Tan Hung", "Duc Hue",
)  # fmt: skip

# Category name (as the portal writes it) -> title templates.
CATEGORIES_VI: dict[str, tuple[str, ...]] = {
    "Chính trị - Xã hội": (
        "{place} tổng kết công tác dân vận năm {year}",
        "Lãnh đạo tỉnh tiếp xúc cử tri huyện {place}",
        "{place} triển khai kế hoạch cải cách hành chính năm {year}",
        "Hội nghị sơ kết {n} tháng thực hiện nghị quyết tại {place}",
    ),
    "Kinh tế": (
        "{place} thu hút thêm {n} dự án đầu tư",
        "Doanh nghiệp ở {place} đẩy mạnh xuất khẩu năm {year}",
        "{place} phát triển cụm công nghiệp gắn với bảo vệ môi trường",
        "Thu ngân sách của {place} đạt {n}% dự toán",
    ),
    "Văn hóa - Thể thao": (
        "{place} tổ chức hội thi văn nghệ quần chúng năm {year}",
        "Khai mạc giải bóng đá thanh niên huyện {place}",
        "{place} bảo tồn di tích lịch sử gắn với du lịch",
        "Ngày hội đọc sách ở {place} thu hút {n} học sinh",
    ),
    "Nông nghiệp - Nông thôn": (
        "{place} chuyển đổi {n} ha lúa sang trồng cây ăn trái",
        "Nông dân {place} áp dụng quy trình sản xuất sạch",
        "{place} về đích nông thôn mới nâng cao năm {year}",
        "Mô hình nuôi tôm công nghệ cao ở {place} cho lãi khá",
    ),
}
CATEGORIES_EN: dict[str, tuple[str, ...]] = {
    "Enterprise": (
        "{place} enterprises expand exports in {year}",
        "New factory opens in {place} industrial park",
        "{place} supports {n} small businesses with digital tools",
        "Business forum in {place} connects local producers",
    ),
    "Culture - Sport": (
        "{place} hosts traditional boat race for {n} teams",
        "Folk music festival held in {place}",
        "{place} restores historic communal house",
        "Youth football tournament kicks off in {place}",
    ),
    "Investment and Cooperation": (
        "{place} attracts {n} new investment projects",
        "Japanese delegation explores investment in {place}",
        "{place} improves business environment in {year}",
        "Long An and partners sign cooperation deals in {place}",
    ),
    "Agriculture, Forestry and Fisheries": (
        "{place} farmers switch {n} hectares to fruit trees",
        "High-tech shrimp farming expands in {place}",
        "{place} plants {n} hectares of melaleuca forest",
        "Clean rice model brings higher income in {place}",
    ),
}

LEADS_VI = (
    "Thời gian qua, huyện {place} đã tập trung chỉ đạo quyết liệt nhiều giải pháp và đạt kết quả tích cực.",
    "Sáng nay, UBND huyện {place} tổ chức hội nghị đánh giá kết quả thực hiện nhiệm vụ và bàn phương hướng thời gian tới.",
    "Với sự vào cuộc của cả hệ thống chính trị, {place} đã hoàn thành nhiều chỉ tiêu quan trọng trong năm.",
    "Người dân {place} phấn khởi khi nhiều công trình, mô hình mới phát huy hiệu quả thiết thực.",
)
LEADS_EN = (
    "Over the past years, {place} district has carried out many solutions and achieved positive results.",
    "This morning, the People's Committee of {place} held a conference to review the work done and set new targets.",
    "With the joint efforts of local authorities and residents, {place} has completed many important targets.",
    "Residents of {place} are pleased as new projects and models bring practical benefits.",
)

SENTENCES_VI = (
    "Theo báo cáo, toàn huyện có {n} hộ dân tham gia mô hình, tăng gần gấp đôi so với cùng kỳ.",
    "Ông Nguyễn Văn Bảy, Chủ tịch UBND huyện, cho biết địa phương sẽ tiếp tục hỗ trợ người dân về vốn và kỹ thuật.",
    "Nhiều tuyến đường giao thông nông thôn được bê tông hóa, tạo điều kiện thuận lợi cho việc đi lại và vận chuyển hàng hóa.",
    "Các ngành chức năng tăng cường kiểm tra, hướng dẫn cơ sở thực hiện đúng quy định.",
    "Hội nghị đã khen thưởng {n} tập thể và cá nhân có thành tích xuất sắc.",
    "Năm tới, huyện phấn đấu nâng thu nhập bình quân đầu người lên trên {n} triệu đồng mỗi năm.",
    "Bà Trần Thị Hoa, một người dân trong ấp, chia sẻ gia đình bà có thu nhập ổn định hơn nhờ mô hình mới.",
    "Địa phương chú trọng đào tạo nghề cho lao động nông thôn, gắn với giải quyết việc làm tại chỗ.",
    "Công tác cải cách thủ tục hành chính được đẩy mạnh, rút ngắn thời gian giải quyết hồ sơ cho người dân và doanh nghiệp.",
    "Tổng kinh phí thực hiện khoảng {n} tỉ đồng, từ ngân sách và nguồn vận động xã hội hóa.",
    "Phát biểu chỉ đạo, đồng chí Phó Chủ tịch UBND tỉnh đề nghị huyện tiếp tục phát huy những kết quả đạt được.",
    "Bên cạnh kết quả đạt được, địa phương vẫn còn một số khó khăn như thiếu vốn và thị trường tiêu thụ chưa ổn định.",
    "Hoạt động thu hút đông đảo cán bộ, đoàn viên và nhân dân tham gia hưởng ứng.",
    "Dịp này, ban tổ chức trao {n} suất quà cho các gia đình chính sách và hộ có hoàn cảnh khó khăn.",
)
SENTENCES_EN = (
    "According to the report, {n} households have joined the model, nearly double the figure of the same period last year.",
    "Mr. Nguyen Van Bay, Chairman of the district People's Committee, said the locality would keep supporting residents with capital and techniques.",
    "Many rural roads have been concreted, making travel and the transport of goods easier.",
    "Relevant agencies have stepped up inspections and guided local units to follow regulations.",
    "At the conference, {n} collectives and individuals were commended for their outstanding achievements.",
    "Next year, the district strives to raise average income per capita to over VND {n} million a year.",
    "Ms. Tran Thi Hoa, a local resident, said her family now has a more stable income thanks to the new model.",
    "The locality focuses on vocational training for rural workers, linked with creating jobs on the spot.",
    "Administrative procedure reform has been promoted, shortening the time needed to process applications.",
    "The total cost is about VND {n} billion, from the state budget and social contributions.",
    "Speaking at the event, the Vice Chairman of the provincial People's Committee asked the district to build on its results.",
    "Besides the achievements, the locality still faces difficulties such as a lack of capital and unstable markets.",
    "The event attracted a large number of officials, youth union members and local people.",
    "On this occasion, the organisers presented {n} gifts to policy beneficiary families and poor households.",
)
CAPTIONS_VI = (
    "Quang cảnh hội nghị tại {place}",
    "Lãnh đạo huyện {place} thăm mô hình sản xuất",
    "Người dân {place} tham gia hoạt động",
)
CAPTIONS_EN = (
    "An overview of the conference in {place}",
    "District leaders visit a production model in {place}",
    "Local people in {place} join the event",
)
AUTHORS_VI = ("Thanh Hiểu", "Ngọc Mận", "Hoàng Vũ", "Minh Thư", "Phan Thanh", "Kim Ngân")
AUTHORS_EN = ("Translated by Hoang Yen", "Translated by Minh Chau", "Translated by Thu Hang")

# The real English example (ID 620, [seen] title and date); the text is written for the mirror.
DRAGON_FRUIT: Story = {
    "title": "Chau Thanh aims to improve quality of dragon fruits",
    "lead": "Chau Thanh district has set out a plan to raise the quality of dragon fruits to meet the requirements of demanding export markets.",
    "paragraphs": (
        "Chau Thanh is the largest dragon fruit growing area of Long An, with thousands of hectares planted by local farmers.",
        "The district encourages farmers to apply VietGAP standards, use fewer chemicals and keep records of every stage of production.",
        "Cooperatives will be supported to build packing houses and to sign contracts with exporters.",
    ),
    "image": "/PublishingImages/2020-03/Châu Thành cải thiện chất lượng trái thanh long 2332020.jpg",
    "caption": "Dragon fruit garden in Chau Thanh district",
}
# A 2010 wire story filed in an English category.
WIRE_2010: Story = {
    "title": "Long An calls for investment in infrastructure projects",
    "lead": "The southern province of Long An is calling for investment in a number of infrastructure projects to serve its industrial zones, according to the provincial People's Committee.",
    "paragraphs": (
        "The province plans to upgrade roads linking its industrial zones with Ho Chi Minh City and the Mekong Delta.",
        "Investors will be offered preferential land rents and quick administrative procedures, the committee said.",
        "Long An currently has more than a dozen industrial zones in operation or under construction.",
    ),
    "source": "Source: VNA",
}
