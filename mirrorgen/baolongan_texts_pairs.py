# ruff: noqa: E501
"""Translated stories of the mirror (all invented): Vietnamese originals and the English edition's versions.

The English is written the way the paper's translators work, not from a template over the Vietnamese:
shortened, sentences reordered, paragraphs dropped, names printed without marks, numbers in English style
(``1.637`` → ``1,637``, ``tỉ đồng`` → ``VND … billion``), dates as ``April 28``, now and then a phrase added
for foreign readers. Beside them: Vietnamese articles of the same week on the same topic and place that no
English article translates, and English articles whose original the archive does not hold.

Each story: its sections (Vietnamese and English section slug, subsection or None), the Vietnamese
publication time, how many days later the English version appeared, whether both show the same image file.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

STORIES: list[dict[str, Any]] = [
    {
        "id": "phuoc-ly-bridge",
        "vi_section": ("kinh-te", None),
        "en_section": ("economy", None),
        "date": datetime(2024, 4, 28, 9, 10),
        "lag_days": 3,
        "share_image": True,
        "vi": {
            "title": "Cần Giuộc khánh thành cầu Phước Lý",
            "lead": "Sáng 28/4, UBND huyện Cần Giuộc tổ chức lễ khánh thành và đưa vào sử dụng cầu Phước Lý bắc qua sông Cần Giuộc, nối xã Phước Lý với xã Long Thượng.",
            "paras": [
                "Cầu Phước Lý dài 312 m, rộng 12 m, có tổng vốn đầu tư 86,5 tỉ đồng từ ngân sách tỉnh và huyện. Công trình được khởi công vào tháng 6/2022, hoàn thành sớm hơn kế hoạch gần 2 tháng.",
                "Phát biểu tại buổi lễ, Chủ tịch UBND huyện Cần Giuộc - Nguyễn Thành Tâm cho biết, trước đây, người dân hai xã phải đi đò hoặc đi vòng hơn 9 km qua thị trấn Cần Giuộc. Cây cầu mới giúp 1.240 hộ dân đi lại thuận tiện, học sinh không còn phải qua sông bằng đò mỗi ngày.",
                "Theo ông Tâm, cầu còn mở ra cơ hội phát triển cho vùng rau màu Long Thượng, giúp thương lái vào tận ruộng thu mua, giảm chi phí vận chuyển cho nông dân.",
                "Bà Lê Thị Mỹ Dung, người dân ấp Phước Hậu, xã Phước Lý, xúc động: “Gia đình tôi chờ cây cầu này mấy chục năm rồi. Giờ con cháu đi học, đi làm không còn lo mưa gió, nước lớn”.",
                "Dịp này, UBND huyện khen thưởng 5 tập thể và 8 cá nhân có đóng góp tích cực trong công tác bồi thường, giải phóng mặt bằng để thi công công trình.",
            ],
            "caption": "Cắt băng khánh thành cầu Phước Lý",
        },
        "en": {
            "title": "Phuoc Ly bridge opens to traffic in Can Giuoc",
            "lead": "A new bridge over the Can Giuoc river, linking Phuoc Ly and Long Thuong communes, was opened on April 28.",
            "paras": [
                "Until now, residents of the two communes had to take a ferry or make a detour of more than 9 km through Can Giuoc town. The bridge will serve 1,240 households, and pupils no longer have to cross the river by boat every day, said Nguyen Thanh Tam, Chairman of the Can Giuoc district People's Committee.",
                "The 312-metre, 12-metre-wide bridge cost VND 86.5 billion, funded by the provincial and district budgets. Work began in June 2022 and was finished nearly two months ahead of schedule.",
                '"My family has waited for this bridge for decades," said Le Thi My Dung, who lives in Phuoc Hau hamlet.',
            ],
            "caption": "Officials cut the ribbon to open Phuoc Ly bridge",
        },
    },
    {
        "id": "dragon-fruit-price",
        "vi_section": ("kinh-te", "nong-nghiep"),
        "en_section": ("economy", "agriculture"),
        "date": datetime(2023, 8, 14, 7, 45),
        "lag_days": 6,
        "share_image": False,
        "vi": {
            "title": "Thanh long Châu Thành được giá, nhà vườn phấn khởi",
            "lead": "Những ngày này, giá thanh long ruột đỏ tại huyện Châu Thành tăng lên 28.000 - 32.000 đồng/kg, cao gấp đôi so với cùng kỳ năm trước.",
            "paras": [
                "Theo Phòng Nông nghiệp và Phát triển nông thôn huyện Châu Thành, toàn huyện hiện có 7.890 ha thanh long, trong đó 2.150 ha đạt tiêu chuẩn VietGAP. Sản lượng vụ này ước đạt 165.000 tấn.",
                "Ông Võ Văn Khởi, ấp Bình Trị 2, xã Thanh Vĩnh Đông, có 1,8 ha thanh long cho biết, với giá hiện nay, sau khi trừ chi phí, mỗi héc-ta ông lãi khoảng 350 triệu đồng.",
                "Nguyên nhân giá tăng là do thị trường Trung Quốc mở cửa trở lại, nhiều doanh nghiệp ký hợp đồng thu mua xuất khẩu sang châu Âu và Ấn Độ.",
                "Tuy nhiên, ngành nông nghiệp khuyến cáo nông dân không ồ ạt mở rộng diện tích, tập trung nâng cao chất lượng, liên kết với hợp tác xã và doanh nghiệp để ổn định đầu ra.",
            ],
            "caption": "Nông dân xã Thanh Vĩnh Đông thu hoạch thanh long",
        },
        "en": {
            "title": "Dragon fruit fetches high prices in Chau Thanh",
            "lead": "Red-flesh dragon fruit is selling for VND 28,000 - 32,000 per kg in Chau Thanh district, double the price of a year ago, as the Chinese market has reopened and firms have signed export deals for Europe and India.",
            "paras": [
                "The district grows 7,890 hectares of the fruit, 2,150 of them certified to VietGAP, Vietnam's standard of good farming practice. This crop's output is estimated at 165,000 tonnes.",
                "Vo Van Khoi, who farms 1.8 hectares in Thanh Vinh Dong commune, said he made a profit of about VND 350 million per hectare at current prices.",
                "Agricultural officials nevertheless advise farmers not to expand their orchards in a rush.",
            ],
            "caption": "Harvesting dragon fruit in Thanh Vinh Dong commune",
        },
    },
    {
        "id": "saltwater-tan-tru",
        "vi_section": ("kinh-te", "moi-truong-do-thi"),
        "en_section": ("economy", "environment"),
        "date": datetime(2024, 3, 5, 8, 20),
        "lag_days": 0,
        "share_image": True,
        "vi": {
            "title": "Tân Trụ: Mặn xâm nhập sâu, người dân chủ động trữ nước ngọt",
            "lead": "Độ mặn trên sông Vàm Cỏ Tây đoạn qua huyện Tân Trụ đã lên tới 6,8‰, cao hơn trung bình nhiều năm, đe dọa vườn cây ăn trái và nước sinh hoạt của người dân.",
            "paras": [
                "Theo Trạm Thủy lợi huyện Tân Trụ, ngày 3/3, độ mặn đo được tại cống Bình Lãng là 6,8‰, tăng 2,1‰ so với cùng kỳ. Huyện đã đóng 46 cống ngăn mặn và nạo vét 23 km kênh nội đồng để trữ nước ngọt.",
                "Hiện có khoảng 1.320 ha thanh long và cây ăn trái tại các xã Bình Lãng, Quê Mỹ Thạnh, Lạc Tấn có nguy cơ bị ảnh hưởng. Ngành chức năng khuyến cáo nông dân kiểm tra độ mặn trước khi tưới, không tưới khi độ mặn trên 1‰.",
                "Ông Đỗ Minh Hiếu, xã Quê Mỹ Thạnh, cho biết gia đình đã đào ao, lót bạt chứa hơn 400 m³ nước ngọt từ đầu mùa khô để tưới cho 1 ha chanh.",
                "Để bảo đảm nước sinh hoạt, huyện phối hợp Trung tâm Nước sạch và Vệ sinh môi trường nông thôn tỉnh cấp miễn phí 180 bồn chứa nước cho hộ nghèo, hộ cận nghèo.",
            ],
            "caption": "Đóng cống ngăn mặn tại xã Bình Lãng",
        },
        "en": {
            "title": "Tan Tru farmers store fresh water as salinity rises",
            "lead": "Salinity on the Vam Co Tay river in Tan Tru district has reached 6.8 per mille, higher than the average of many years.",
            "paras": [
                "Some 1,320 hectares of dragon fruit and fruit trees in Binh Lang, Que My Thanh and Lac Tan communes are at risk. Farmers are advised to measure salinity before watering and not to irrigate when it exceeds 1 per mille.",
                "On March 3 the level measured at the Binh Lang sluice was 6.8 per mille, 2.1 higher than a year earlier. The district has closed 46 sluice gates against salt water and dredged 23 km of field canals to store fresh water.",
                "The district will also give 180 free water tanks to poor and near-poor households.",
            ],
            "caption": "Closing a sluice gate against salt water in Binh Lang commune",
        },
    },
    {
        "id": "fdi-half-year",
        "vi_section": ("kinh-te", None),
        "en_section": ("economy", None),
        "date": datetime(2024, 7, 9, 14, 30),
        "lag_days": 9,
        "share_image": False,
        "vi": {
            "title": "6 tháng đầu năm, Long An thu hút 52 dự án FDI",
            "lead": "Theo Sở Kế hoạch và Đầu tư, 6 tháng đầu năm 2024, tỉnh cấp mới 52 dự án có vốn đầu tư trực tiếp nước ngoài với tổng vốn đăng ký hơn 1,21 tỉ USD, tăng 147,4% so với cùng kỳ.",
            "paras": [
                "Đến nay, toàn tỉnh có 1.637 dự án FDI còn hiệu lực với tổng vốn hơn 12,8 tỉ USD, đứng thứ hai vùng Đồng bằng sông Cửu Long. Các nhà đầu tư lớn đến từ Hàn Quốc, Nhật Bản, Singapore và Trung Quốc.",
                "Ngoài ra, tỉnh còn thu hút 86 dự án đầu tư trong nước với tổng vốn 23.460 tỉ đồng, tập trung vào các khu công nghiệp dọc Quốc lộ 1 và tuyến đường Vành đai 3.",
                "Giám đốc Sở Kế hoạch và Đầu tư Trương Văn Nam cho biết, tỉnh ưu tiên các dự án công nghệ cao, thân thiện môi trường; đồng thời đẩy nhanh giải phóng mặt bằng các khu công nghiệp Prodezi, Phúc Long và Tân Lập.",
                "Trong 6 tháng cuối năm, Long An đặt mục tiêu thu hút thêm 40 dự án FDI, tổ chức xúc tiến đầu tư tại Hàn Quốc và Nhật Bản vào tháng 9.",
            ],
            "caption": "Sản xuất tại một doanh nghiệp FDI ở huyện Đức Hòa",
        },
        "en": {
            "title": "Long An draws 52 new FDI projects in six months",
            "lead": "Long An licensed 52 foreign direct investment (FDI) projects with registered capital of more than USD 1.21 billion in the first half of 2024, up 147.4 percent year on year.",
            "paras": [
                "The province now has 1,637 valid FDI projects worth more than USD 12.8 billion in total, the second highest in the Mekong Delta. Most investors come from South Korea, Japan, Singapore and China.",
                "According to Truong Van Nam, director of the provincial Department of Planning and Investment, priority goes to high-tech and environmentally friendly projects, and land clearance is being sped up at the Prodezi, Phuc Long and Tan Lap industrial parks.",
                "The province aims to attract 40 more FDI projects by the end of the year and will hold investment promotion events in South Korea and Japan in September.",
            ],
            "caption": "A factory of a foreign-invested firm in Duc Hoa district",
        },
    },
    {
        "id": "gambling-duc-hoa",
        "vi_section": ("phap-luat", None),
        "en_section": ("politics", "law"),
        "date": datetime(2022, 11, 16, 10, 5),
        "lag_days": 5,
        "share_image": True,
        "vi": {
            "title": "Đức Hòa: Triệt phá đường dây đánh bạc qua mạng hơn 350 triệu đồng",
            "lead": "Công an huyện Đức Hòa vừa triệt phá đường dây đánh bạc qua mạng do Trần Văn Lộc (SN 1988, ngụ xã Hựu Thạnh) cầm đầu, tạm giữ 19 đối tượng.",
            "paras": [
                "Qua công tác nắm tình hình, Công an huyện phát hiện từ tháng 7/2022, Lộc cùng đồng bọn sử dụng trang web cá độ bóng đá đặt máy chủ ở nước ngoài, tổ chức cho người chơi tại các xã Hựu Thạnh, Đức Lập Hạ và Mỹ Hạnh Nam đánh bạc.",
                "Khoảng 21 giờ ngày 12/11, lực lượng chức năng đồng loạt kiểm tra 4 địa điểm, thu giữ 23 điện thoại di động, 2 máy tính xách tay và 41 triệu đồng tiền mặt. Tổng số tiền các đối tượng giao dịch qua tài khoản ngân hàng hơn 350 triệu đồng.",
                "Tại cơ quan công an, Lộc khai nhận hưởng hoa hồng 5% trên mỗi lượt cá cược. Vụ việc đang được tiếp tục điều tra, mở rộng.",
                "Công an huyện khuyến cáo người dân không tham gia cá độ, đánh bạc qua mạng dưới mọi hình thức; phát hiện hành vi vi phạm thì báo ngay cho cơ quan công an gần nhất.",
            ],
            "caption": "Tang vật thu giữ trong vụ án",
        },
        "en": {
            "title": "Duc Hoa police bust online betting ring",
            "lead": "Police in Duc Hoa district have broken up an online football betting ring allegedly run by Tran Van Loc, 34, from Huu Thanh commune, and detained 19 people.",
            "paras": [
                "Raids at four locations on the night of November 12 seized 23 mobile phones, two laptops and VND 41 million in cash. More than VND 350 million passed through the suspects' bank accounts.",
                "Since July 2022 the group had used a betting website with servers abroad to take bets from people in Huu Thanh, Duc Lap Ha and My Hanh Nam communes, police said. Loc admitted taking a 5 percent commission on every bet.",
            ],
            "caption": "Exhibits seized in the case",
        },
    },
    {
        "id": "council-session",
        "vi_section": ("thoi-su-chinh-tri", "long-an"),
        "en_section": ("politics", None),
        "date": datetime(2023, 12, 7, 16, 40),
        "lag_days": 2,
        "share_image": False,
        "vi": {
            "title": "Bế mạc kỳ họp thứ 14 HĐND tỉnh khóa X",
            "lead": "Chiều 7/12, sau 3 ngày làm việc, kỳ họp thứ 14 HĐND tỉnh khóa X bế mạc, thông qua 28 nghị quyết quan trọng.",
            "paras": [
                "Tại kỳ họp, các đại biểu thống nhất chỉ tiêu tăng trưởng kinh tế năm 2024 đạt 8,5%, thu ngân sách nhà nước 22.680 tỉ đồng, tỷ lệ hộ nghèo giảm còn dưới 0,8%.",
                "Kỳ họp dành nhiều thời gian cho phiên chất vấn. Giám đốc các sở Giao thông vận tải, Tài nguyên và Môi trường đã trả lời về tiến độ tuyến đường tỉnh 830 và việc cấp giấy chứng nhận quyền sử dụng đất.",
                "Kết quả lấy phiếu tín nhiệm đối với 31 người giữ chức vụ do HĐND tỉnh bầu cho thấy tỷ lệ tín nhiệm cao đạt 95,6%.",
                "Phát biểu bế mạc, Chủ tịch HĐND tỉnh Hoàng Minh Đức đề nghị UBND tỉnh, các sở, ngành sớm cụ thể hóa các nghị quyết, giải quyết dứt điểm các kiến nghị của cử tri.",
            ],
            "caption": "Quang cảnh kỳ họp",
        },
        "en": {
            "title": "Provincial People's Council ends 14th session",
            "lead": "Long An's People's Council, the provincial legislature, closed its 14th session on December 7, adopting 28 resolutions after three days of work.",
            "paras": [
                "Deputies set a target of 8.5 percent economic growth for 2024, state budget revenue of VND 22.68 trillion and a poverty rate below 0.8 percent.",
                "In a vote of confidence on 31 officials elected by the council, the share of high confidence votes reached 95.6 percent.",
                "Council Chairman Hoang Minh Duc asked the provincial People's Committee and departments to put the resolutions into practice soon.",
            ],
            "caption": "The session",
        },
    },
    {
        "id": "blood-festival",
        "vi_section": ("doi-song-xa-hoi", None),
        "en_section": ("society", "health"),
        "date": datetime(2019, 1, 13, 11, 25),
        "lag_days": 4,
        "share_image": False,
        "vi": {
            "title": "Lễ hội Xuân hồng tiếp nhận 1.240 đơn vị máu",
            "lead": "Ngày 13/1, tại Nhà Văn hóa Thanh niên TP.Tân An, Ban Chỉ đạo vận động hiến máu tình nguyện tỉnh tổ chức Lễ hội Xuân hồng năm 2019.",
            "paras": [
                "Lễ hội thu hút hơn 1.500 người đăng ký, trong đó 1.240 người đủ điều kiện hiến máu. Lượng máu tiếp nhận sẽ bổ sung cho Bệnh viện Đa khoa Long An và Bệnh viện Chợ Rẫy dịp trước, trong và sau Tết.",
                "Năm 2018, toàn tỉnh tiếp nhận 31.562 đơn vị máu, đạt 105,2% kế hoạch. Nhiều người hiến máu trên 30 lần như anh Phan Quốc Việt (phường 3, TP.Tân An) với 42 lần hiến.",
                "Theo bác sĩ Lý Thanh Tùng, Trưởng khoa Huyết học - Truyền máu Bệnh viện Đa khoa Long An, những tuần trước Tết lượng máu dự trữ thường thiếu hụt do học sinh, sinh viên về quê.",
            ],
            "caption": "Đoàn viên thanh niên tham gia hiến máu",
        },
        "en": {
            "title": "Pink Spring festival collects 1,240 blood units",
            "lead": "A total of 1,240 people gave blood at the Pink Spring festival held in Tan An city on January 13.",
            "paras": [
                "The blood will supply Long An General Hospital and Cho Ray Hospital before, during and after Tet, the Lunar New Year holiday, when reserves usually run short because students go home, said Dr Ly Thanh Tung, head of the hospital's haematology and blood transfusion department.",
                "Some 1,500 people registered for the event. In 2018 the province collected 31,562 units, 105.2 percent of its plan. Phan Quoc Viet from Ward 3 has given blood 42 times.",
            ],
            "caption": "Young volunteers give blood",
        },
    },
    {
        "id": "tet-gifts",
        "vi_section": ("doi-song-xa-hoi", None),
        "en_section": ("society", None),
        "date": datetime(2021, 1, 25, 15, 0),
        "lag_days": 7,
        "share_image": True,
        "vi": {
            "title": "Hơn 18.500 phần quà Tết đến với hộ nghèo",
            "lead": "Ủy ban MTTQ Việt Nam tỉnh cho biết, đến ngày 25/1, các cấp Mặt trận đã vận động trao 18.560 phần quà Tết cho hộ nghèo, gia đình chính sách với tổng trị giá hơn 9,2 tỉ đồng.",
            "paras": [
                "Mỗi phần quà gồm tiền mặt và nhu yếu phẩm trị giá từ 500.000 đến 1 triệu đồng. Nguồn kinh phí do doanh nghiệp, nhà hảo tâm đóng góp vào Quỹ Vì người nghèo các cấp.",
                "Bên cạnh đó, tỉnh hỗ trợ xây dựng 126 căn nhà Đại đoàn kết cho hộ nghèo, mỗi căn trị giá 50 triệu đồng, bàn giao trước ngày 5/2.",
                "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh Nguyễn Thị Thu Vân cho biết, năm nay do ảnh hưởng của dịch Covid-19, việc trao quà được tổ chức tại từng ấp, khu phố, tránh tập trung đông người.",
                "Mục tiêu là không để hộ nghèo nào không có Tết, mọi người, mọi nhà đều được đón Tết vui tươi, an toàn.",
            ],
            "caption": "Trao quà Tết cho hộ nghèo huyện Tân Thạnh",
        },
        "en": {
            "title": "Over 18,500 Tet gifts for poor households",
            "lead": "The Vietnam Fatherland Front in Long An has given 18,560 gifts worth a total of more than VND 9.2 billion to poor households and families of war invalids and martyrs ahead of Tet, the Lunar New Year festival.",
            "paras": [
                "Each gift of cash and essentials is worth VND 500,000 to VND 1 million, paid for by businesses and donors through the Fund for the Poor.",
                "The province is also building 126 houses for poor households at VND 50 million each, to be handed over before February 5.",
                "Because of the Covid-19 pandemic, gifts are handed out in each hamlet to avoid crowds, said Nguyen Thi Thu Van, chairwoman of the provincial Fatherland Front Committee.",
            ],
            "caption": "Tet gifts for poor households in Tan Thanh district",
        },
    },
    {
        "id": "don-ca-tai-tu",
        "vi_section": ("van-hoa-giai-tri", None),
        "en_section": ("culture-sports", None),
        "date": datetime(2018, 9, 22, 20, 15),
        "lag_days": 11,
        "share_image": False,
        "vi": {
            "title": "Bế mạc Liên hoan Đờn ca tài tử tỉnh lần thứ VII",
            "lead": "Tối 22/9, tại thị trấn Cần Đước, Sở Văn hóa, Thể thao và Du lịch tổ chức bế mạc và trao giải Liên hoan Đờn ca tài tử tỉnh Long An lần thứ VII.",
            "paras": [
                "Liên hoan có 26 đội với hơn 380 nghệ nhân, diễn viên không chuyên đến từ 15 huyện, thị xã, thành phố tham gia, biểu diễn 104 tiết mục.",
                "Ban tổ chức trao 1 giải nhất cho đội huyện Cần Đước, 2 giải nhì cho đội huyện Tân Trụ và thị xã Kiến Tường. Nghệ nhân Trương Văn Sáu (78 tuổi) được trao giải nghệ nhân cao tuổi nhất.",
                "Theo Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch Lê Thanh Bình, toàn tỉnh hiện có 312 câu lạc bộ đờn ca tài tử với gần 4.000 thành viên.",
            ],
            "caption": "Tiết mục của đội huyện Cần Đước",
        },
        "en": {
            "title": "Can Duoc team wins provincial Don ca tai tu festival",
            "lead": "The team of Can Duoc district took first prize at the 7th provincial festival of Don ca tai tu, the amateur music of southern Vietnam recognised by UNESCO, which closed in Can Duoc town on September 22.",
            "paras": [
                "Some 380 artists in 26 teams from 15 localities performed 104 pieces. The teams of Tan Tru district and Kien Tuong town won second prizes, while 78-year-old Truong Van Sau was honoured as the oldest performer.",
                "Long An has 312 Don ca tai tu clubs with nearly 4,000 members.",
            ],
            "caption": "Performers of Can Duoc district",
        },
    },
    {
        "id": "military-recruits",
        "vi_section": ("quoc-phong-an-ninh", None),
        "en_section": ("politics", None),
        "date": datetime(2020, 2, 14, 8, 0),
        "lag_days": 1,
        "share_image": True,
        "vi": {
            "title": "1.450 thanh niên Long An lên đường nhập ngũ",
            "lead": "Sáng 14/2, các huyện, thị xã, thành phố trong tỉnh đồng loạt tổ chức lễ giao nhận quân năm 2020, tiễn 1.450 thanh niên lên đường thực hiện nghĩa vụ quân sự.",
            "paras": [
                "Trong số thanh niên nhập ngũ năm nay có 187 người có trình độ cao đẳng, đại học và 23 đảng viên. Các tân binh được giao cho Sư đoàn 8, Lữ đoàn 25 Đặc công và Bộ đội Biên phòng tỉnh.",
                "Tại huyện Đức Huệ, Phó Bí thư Tỉnh ủy Phạm Văn Cảnh dự lễ, tặng quà và động viên các tân binh. Mỗi tân binh được huyện tặng 2 triệu đồng.",
                "Để phòng, chống dịch Covid-19, lễ giao nhận quân được tổ chức gọn, các tân binh được đo thân nhiệt và phát khẩu trang.",
            ],
            "caption": "Tân binh huyện Đức Huệ tại lễ giao nhận quân",
        },
        "en": {
            "title": "1,450 young people join the army",
            "lead": "Long An sent 1,450 young people to military service at send-off ceremonies held in every district on February 14.",
            "paras": [
                "This year's recruits include 187 college or university graduates and 23 Party members. They will serve in the 8th Division, the 25th Special Forces Brigade and the provincial Border Guard.",
                "Because of the Covid-19 outbreak the ceremonies were kept short, and recruits had their temperature checked. In Duc Hue district, Deputy Secretary of the provincial Party Committee Pham Van Canh gave gifts to the recruits, each of whom also received VND 2 million from the district.",
            ],
            "caption": "Recruits of Duc Hue district at the ceremony",
        },
    },
    {
        "id": "ocop-stars",
        "vi_section": ("kinh-te", None),
        "en_section": ("economy", None),
        "date": datetime(2025, 3, 18, 10, 50),
        "lag_days": 8,
        "share_image": False,
        "vi": {
            "title": "Long An có thêm 17 sản phẩm OCOP 4 sao",
            "lead": "UBND tỉnh vừa công nhận 17 sản phẩm đạt chuẩn OCOP 4 sao, nâng tổng số sản phẩm OCOP của tỉnh lên 135 sản phẩm.",
            "paras": [
                "Các sản phẩm mới được công nhận gồm lạp xưởng Cần Giuộc, bánh tráng Hậu Nghĩa, gạo thơm Chợ Đào, trà mãng cầu Thạnh Hóa và mật ong rừng tràm Tân Hưng.",
                "Theo Sở Nông nghiệp và Phát triển nông thôn, doanh thu của các chủ thể OCOP năm 2024 đạt 1.850 tỉ đồng, tăng 21,3% so với năm trước. Có 64 sản phẩm đã bán trên sàn thương mại điện tử.",
                "Bà Huỳnh Thị Kim Phượng, Giám đốc Hợp tác xã Mãng cầu Thạnh Hóa cho biết, sau khi đạt 4 sao, đơn hàng của hợp tác xã tăng gấp 3 lần, đặc biệt từ các siêu thị ở TP.HCM.",
            ],
            "caption": "Sản phẩm OCOP của tỉnh tại hội chợ",
        },
        "en": {
            "title": "Seventeen more Long An products get four OCOP stars",
            "lead": "Long An has recognised 17 more products with four stars under OCOP, the national One Commune One Product programme, bringing its total to 135.",
            "paras": [
                "The newly rated products include Can Giuoc Chinese sausage, Hau Nghia rice paper, Cho Dao fragrant rice, Thanh Hoa custard apple tea and melaleuca honey from Tan Hung.",
                "Orders at the Thanh Hoa Custard Apple Cooperative have tripled since it got four stars, mostly from supermarkets in Ho Chi Minh City, its director Huynh Thi Kim Phuong said.",
                "OCOP producers earned VND 1.85 trillion in 2024, up 21.3 percent, and 64 products are sold on e-commerce platforms.",
            ],
            "caption": "OCOP products at a fair",
        },
    },
    {
        "id": "new-rural-thanh-phu",
        "vi_section": ("thoi-su-chinh-tri", None),
        "en_section": ("politics", None),
        "date": datetime(2017, 10, 10, 9, 30),
        "lag_days": 13,
        "share_image": False,
        "vi": {
            "title": "Xã Thạnh Phú đạt chuẩn nông thôn mới",
            "lead": "Sáng 10/10, UBND huyện Thạnh Hóa tổ chức lễ công bố xã Thạnh Phú đạt chuẩn nông thôn mới, là xã đầu tiên của huyện về đích.",
            "paras": [
                "Sau 6 năm triển khai, xã Thạnh Phú đã đạt 19/19 tiêu chí. Tổng vốn huy động xây dựng nông thôn mới hơn 126 tỉ đồng, trong đó nhân dân đóng góp 14,7 tỉ đồng và hiến hơn 38.000 m² đất làm đường.",
                "Thu nhập bình quân đầu người của xã năm 2017 đạt 36,5 triệu đồng/năm, tăng gần gấp đôi so với năm 2011. Tỷ lệ hộ nghèo giảm từ 14,2% xuống còn 2,9%.",
                "Chủ tịch UBND xã Thạnh Phú Ngô Văn Lực cho biết, xã sẽ tiếp tục nâng chất các tiêu chí, phấn đấu trở thành xã nông thôn mới nâng cao.",
                "Dịp này, huyện trao bằng công nhận và hỗ trợ xã 1 tỉ đồng để xây dựng công trình phúc lợi.",
            ],
            "caption": "Trao bằng công nhận xã đạt chuẩn nông thôn mới",
        },
        "en": {
            "title": "Thanh Phu becomes Thanh Hoa's first new-style rural commune",
            "lead": "Thanh Phu has become the first commune of Thanh Hoa district to meet all 19 criteria of the new-style rural area programme, Vietnam's national drive to modernise the countryside.",
            "paras": [
                "Over six years the commune raised more than VND 126 billion, VND 14.7 billion of it from local people, who also gave over 38,000 square metres of land for roads.",
                "Average income per person reached VND 36.5 million this year, almost double the 2011 figure, and the poverty rate fell from 14.2 percent to 2.9 percent, according to Ngo Van Luc, chairman of the commune People's Committee.",
            ],
            "caption": "The commune receives its certificate",
        },
    },
    {
        "id": "traffic-q1",
        "vi_section": ("phap-luat", None),
        "en_section": ("politics", "law"),
        "date": datetime(2024, 4, 3, 15, 10),
        "lag_days": 14,
        "share_image": False,
        "vi": {
            "title": "Quý I, tai nạn giao thông làm 41 người chết",
            "lead": "Theo Ban An toàn giao thông tỉnh, quý I/2024, toàn tỉnh xảy ra 58 vụ tai nạn giao thông, làm chết 41 người, bị thương 37 người.",
            "paras": [
                "So với cùng kỳ, số vụ giảm 12,5%, số người chết giảm 6 người. Nguyên nhân chủ yếu là chạy quá tốc độ, không nhường đường và sử dụng rượu bia khi điều khiển phương tiện.",
                "Các tuyến có nhiều tai nạn nhất là Quốc lộ 1, Quốc lộ 50 và Quốc lộ N2 đoạn qua các huyện Bến Lức, Cần Giuộc và Đức Hòa.",
                "Trong quý, lực lượng cảnh sát giao thông phát hiện, xử lý 14.286 trường hợp vi phạm, phạt tiền hơn 29,6 tỉ đồng, tước 2.134 giấy phép lái xe.",
                "Phó Trưởng ban An toàn giao thông tỉnh Lê Hoàng Phúc đề nghị các địa phương tăng cường tuyên truyền, xử lý nghiêm vi phạm nồng độ cồn.",
            ],
            "caption": "Cảnh sát giao thông kiểm tra nồng độ cồn",
        },
        "en": {
            "title": "Road accidents kill 41 in first quarter",
            "lead": "Fifty-eight road accidents killed 41 people and injured 37 in Long An in the first three months of 2024, down 12.5 percent from a year earlier in the number of crashes.",
            "paras": [
                "Traffic police handled 14,286 violations in the quarter, issuing fines of over VND 29.6 billion and revoking 2,134 driving licences.",
                "Most crashes happened on National Highways 1, 50 and N2 through Ben Luc, Can Giuoc and Duc Hoa districts, mainly because of speeding, failing to give way and drink-driving.",
            ],
            "caption": "Police check a driver for alcohol",
        },
    },
    {
        "id": "dengue-ben-luc",
        "vi_section": ("doi-song-xa-hoi", None),
        "en_section": ("society", "health"),
        "date": datetime(2022, 7, 20, 9, 40),
        "lag_days": 6,
        "share_image": True,
        "vi": {
            "title": "Sốt xuất huyết tăng cao, Bến Lức dẫn đầu số ca mắc",
            "lead": "Từ đầu năm đến ngày 17/7, toàn tỉnh ghi nhận 2.315 ca sốt xuất huyết, tăng gấp 3,4 lần so với cùng kỳ, trong đó có 3 ca tử vong.",
            "paras": [
                "Huyện Bến Lức có số ca mắc cao nhất với 412 ca, tiếp theo là huyện Đức Hòa 367 ca và TP.Tân An 295 ca. Các ổ dịch tập trung ở khu nhà trọ công nhân gần các khu công nghiệp.",
                "Trung tâm Kiểm soát bệnh tật tỉnh đã phun hóa chất diệt muỗi tại 48 ổ dịch, tổ chức chiến dịch diệt lăng quăng tại 15.600 hộ gia đình.",
                "Bác sĩ Nguyễn Hữu Danh, Giám đốc Trung tâm Kiểm soát bệnh tật tỉnh khuyến cáo, người dân cần đậy kín dụng cụ chứa nước, ngủ mùng, khi có dấu hiệu sốt cao liên tục phải đến cơ sở y tế ngay.",
            ],
            "caption": "Phun hóa chất diệt muỗi tại khu nhà trọ ở Bến Lức",
        },
        "en": {
            "title": "Dengue cases triple, Ben Luc worst hit",
            "lead": "Long An has recorded 2,315 dengue fever cases so far this year, 3.4 times as many as a year earlier, and three patients have died.",
            "paras": [
                "Ben Luc district has the most cases with 412, followed by Duc Hoa with 367 and Tan An city with 295. Outbreaks are concentrated in rented rooms of workers near industrial parks, where water is often stored in open containers in which mosquitoes breed.",
                "The provincial Centre for Disease Control has sprayed insecticide at 48 outbreak sites, its director Dr Nguyen Huu Danh said, urging people to cover water containers and sleep under mosquito nets.",
            ],
            "caption": "Spraying against mosquitoes at rented rooms in Ben Luc",
        },
    },
]

# Vietnamese articles that no English article translates, each beside a story (same topic, place and week).
# ``twin``: also similar enough to the story's original that one English article has two plausible originals.
DISTRACTORS: list[dict[str, Any]] = [
    {
        "near": "phuoc-ly-bridge",
        "section": ("kinh-te", None),
        "date": datetime(2024, 4, 30, 8, 0),
        "twin": False,
        "vi": {
            "title": "Cần Giuộc khởi công cầu Long Hậu",
            "lead": "Sáng 30/4, huyện Cần Giuộc khởi công xây dựng cầu Long Hậu trên đường tỉnh 826C, dự kiến hoàn thành trong năm 2025.",
            "paras": [
                "Cầu dài 95 m, rộng 9 m, vốn đầu tư 21 tỉ đồng. Khi hoàn thành, cầu thay thế cây cầu sắt xuống cấp, phục vụ xe tải ra vào khu công nghiệp Long Hậu.",
                "Phó Chủ tịch UBND huyện Cần Giuộc Lê Văn Bảy yêu cầu đơn vị thi công bảo đảm an toàn giao thông, lắp đặt biển báo và bố trí người hướng dẫn phương tiện.",
                "Trong năm 2024, huyện đầu tư 14 công trình giao thông với tổng vốn 173 tỉ đồng.",
            ],
            "caption": "Lễ khởi công cầu Long Hậu",
        },
    },
    {
        "near": "saltwater-tan-tru",
        "section": ("kinh-te", "moi-truong-do-thi"),
        "date": datetime(2024, 3, 7, 10, 30),
        "twin": False,
        "vi": {
            "title": "Cần Đước: Gia cố đê bao chống triều cường và xâm nhập mặn",
            "lead": "Huyện Cần Đước đang gia cố 17 km đê bao dọc sông Rạch Cát để bảo vệ 2.600 ha lúa và hoa màu trong mùa khô.",
            "paras": [
                "Theo Phòng Nông nghiệp huyện, độ mặn tại xã Long Hựu Đông đã lên 9,3‰. Huyện huy động 520 lượt người cùng máy móc đắp bao, vá các đoạn đê bị sạt lở.",
                "Ông Phan Văn Mười, xã Long Hựu Tây, cho biết nhiều hộ đã chuyển sang nuôi tôm nước lợ trên diện tích lúa kém hiệu quả.",
            ],
            "caption": "Gia cố đê bao tại xã Long Hựu Đông",
        },
    },
    {
        "near": "fdi-half-year",
        "section": ("kinh-te", None),
        "date": datetime(2024, 7, 11, 9, 0),
        "twin": True,
        "vi": {
            "title": "Hội nghị xúc tiến đầu tư với doanh nghiệp Hàn Quốc",
            "lead": "Ngày 11/7, UBND tỉnh tổ chức hội nghị gặp gỡ hơn 120 doanh nghiệp Hàn Quốc đang tìm hiểu cơ hội đầu tư tại Long An.",
            "paras": [
                "Tại hội nghị, lãnh đạo tỉnh giới thiệu tỉnh hiện có 1.637 dự án FDI còn hiệu lực, trong đó doanh nghiệp Hàn Quốc có 214 dự án với tổng vốn 2,3 tỉ USD.",
                "Đại diện Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam Kim Sung-ho đề nghị tỉnh hỗ trợ thủ tục, đào tạo lao động kỹ thuật cho các nhà máy.",
                "Dịp này, tỉnh trao giấy chứng nhận đầu tư cho 3 dự án với tổng vốn 165 triệu USD tại khu công nghiệp Tân Lập.",
            ],
            "caption": "Hội nghị gặp gỡ doanh nghiệp Hàn Quốc",
        },
    },
    {
        "near": "gambling-duc-hoa",
        "section": ("phap-luat", None),
        "date": datetime(2022, 11, 18, 14, 0),
        "twin": False,
        "vi": {
            "title": "Đức Hòa: Bắt đối tượng trộm cắp xe máy",
            "lead": "Công an xã Đức Lập Hạ, huyện Đức Hòa vừa bắt giữ Nguyễn Văn Hậu (SN 1995) về hành vi trộm cắp tài sản.",
            "paras": [
                "Trong tháng 10, Hậu thực hiện 6 vụ trộm xe máy tại các khu nhà trọ công nhân ở xã Đức Lập Hạ và xã Mỹ Hạnh Nam, rồi mang đi bán được 62 triệu đồng.",
                "Công an huyện khuyến cáo người dân khóa xe cẩn thận, lắp camera giám sát tại các khu nhà trọ.",
            ],
            "caption": "Đối tượng cùng tang vật",
        },
    },
    {
        "near": "dengue-ben-luc",
        "section": ("doi-song-xa-hoi", None),
        "date": datetime(2022, 7, 22, 16, 20),
        "twin": True,
        "vi": {
            "title": "TP.Tân An ra quân diệt lăng quăng phòng sốt xuất huyết",
            "lead": "Sáng 22/7, TP.Tân An tổ chức chiến dịch diệt lăng quăng, phòng chống sốt xuất huyết với sự tham gia của hơn 600 đoàn viên, hội viên.",
            "paras": [
                "Từ đầu năm, TP.Tân An ghi nhận 295 ca sốt xuất huyết, chủ yếu ở phường 4, phường 6 và xã Hướng Thọ Phú. Toàn tỉnh có 2.315 ca mắc.",
                "Các đội xung kích đến từng hộ gia đình hướng dẫn lật úp vật dụng chứa nước, thả cá diệt lăng quăng và phát tờ rơi tuyên truyền.",
                "Phó Chủ tịch UBND TP.Tân An Trần Thị Ngọc Hà đề nghị các phường, xã duy trì chiến dịch hằng tuần đến hết mùa mưa.",
            ],
            "caption": "Đoàn viên hướng dẫn người dân diệt lăng quăng",
        },
    },
]

# English articles whose Vietnamese original the archive does not hold, in the window of a story's original.
UNPARTNERED: list[dict[str, Any]] = [
    {
        "near": "phuoc-ly-bridge",
        "section": ("economy", None),
        "date": datetime(2024, 5, 2, 10, 0),
        "en": {
            "title": "Can Giuoc sausage makers prepare for the export season",
            "lead": "Producers of the famous Chinese-style sausage of Can Giuoc district are stepping up output for orders from abroad.",
            "paras": [
                "The district has 37 sausage workshops employing about 900 workers. Nine of them have obtained food safety certificates for export to Australia and South Korea this year.",
                "Tran Quoc Hung, who runs a family workshop in Truong Binh commune, said he now processes 2.5 tonnes of pork a day, twice as much as last year.",
            ],
            "caption": "Drying sausages in Truong Binh commune",
        },
    },
    {
        "near": "dengue-ben-luc",
        "section": ("society", "health"),
        "date": datetime(2022, 7, 26, 9, 0),
        "en": {
            "title": "Ben Luc hospital opens a dengue ward",
            "lead": "Ben Luc District Medical Centre has set aside a separate ward with 60 beds for children with dengue fever.",
            "paras": [
                "The centre has treated 176 child patients since June, director Vo Thanh Nhan said. Severe cases are sent to the Children's Hospital 1 in Ho Chi Minh City.",
                "Parents are urged to take children to a doctor when a high fever lasts for more than two days.",
            ],
            "caption": "Doctors examine a child at the new ward",
        },
    },
]

# The provincial portal (``longan_gov.py``) pairs its own items the same way: Vietnamese news of the portal
# and the English portal's version of it (categories are the portal's own).
PORTAL_STORIES: list[dict[str, Any]] = [
    {
        "id": "portal-rice-exports",
        "vi_category": "Kinh tế",
        "en_category": "Enterprise",
        "date": datetime(2019, 10, 8, 9, 0),
        "lag_days": 4,
        "vi": {
            "title": "9 tháng, xuất khẩu gạo của tỉnh đạt 612 triệu USD",
            "lead": "Theo Sở Công Thương, 9 tháng năm 2019, kim ngạch xuất khẩu gạo của tỉnh đạt 612,4 triệu USD, tăng 8,7% so với cùng kỳ.",
            "paras": [
                "Sản lượng gạo xuất khẩu đạt 1,27 triệu tấn, chủ yếu sang Philippines, Malaysia và các nước châu Phi. Gạo thơm chiếm 46% sản lượng, giá bình quân 482 USD/tấn.",
                "Giám đốc Sở Công Thương Trần Văn Tâm cho biết, toàn tỉnh có 23 doanh nghiệp xuất khẩu gạo, trong đó Công ty Lương thực Long An chiếm gần 1/4 kim ngạch.",
                "Để giữ thị trường, tỉnh khuyến khích doanh nghiệp liên kết với nông dân xây dựng vùng nguyên liệu đạt chuẩn, truy xuất được nguồn gốc.",
            ],
        },
        "en": {
            "title": "Long An earns USD 612 million from rice exports in nine months",
            "lead": "Long An exported 1.27 million tonnes of rice worth USD 612.4 million in the first nine months of 2019, up 8.7 percent year on year.",
            "paras": [
                "Fragrant rice accounted for 46 percent of the volume, at an average price of USD 482 per tonne. The main buyers were the Philippines, Malaysia and African countries.",
                "The province has 23 rice exporters, said Tran Van Tam, Director of the provincial Department of Industry and Trade.",
            ],
        },
    },
    {
        "id": "portal-korean-park",
        "vi_category": "Kinh tế",
        "en_category": "Investment and Cooperation",
        "date": datetime(2017, 5, 16, 14, 30),
        "lag_days": 9,
        "vi": {
            "title": "Trao giấy chứng nhận đầu tư khu công nghiệp Đức Hòa III - Việt Hàn",
            "lead": "Chiều 16/5, UBND tỉnh trao giấy chứng nhận đầu tư dự án khu công nghiệp Đức Hòa III - Việt Hàn với diện tích 312,5 ha, tổng vốn 2.156 tỉ đồng.",
            "paras": [
                "Dự án do Công ty TNHH Việt Hàn làm chủ đầu tư, dự kiến thu hút 75 doanh nghiệp và tạo việc làm cho khoảng 18.000 lao động khi đi vào hoạt động.",
                "Phó Chủ tịch UBND tỉnh Phạm Văn Rạnh đề nghị chủ đầu tư sớm hoàn thành bồi thường, giải phóng mặt bằng và xây dựng nhà ở cho công nhân.",
            ],
        },
        "en": {
            "title": "Investment certificate granted for Duc Hoa III - Viet Han industrial park",
            "lead": "The provincial People's Committee on May 16 granted an investment certificate for the 312.5-hectare Duc Hoa III - Viet Han industrial park, a project worth VND 2.156 trillion.",
            "paras": [
                "Once in operation, the park is expected to draw 75 enterprises and employ about 18,000 workers. Vice Chairman of the provincial People's Committee Pham Van Ranh asked the investor to finish site clearance soon and to build housing for workers.",
            ],
        },
    },
    {
        "id": "portal-shrimp-disease",
        "vi_category": "Nông nghiệp - Nông thôn",
        "en_category": "Agriculture, Forestry and Fisheries",
        "date": datetime(2020, 6, 2, 8, 15),
        "lag_days": 0,
        "vi": {
            "title": "Cần Đước: Hơn 140 ha tôm nuôi bị thiệt hại do dịch bệnh",
            "lead": "Từ đầu năm đến nay, huyện Cần Đước có 143,6 ha tôm nuôi bị thiệt hại do bệnh đốm trắng và hoại tử gan tụy, tập trung ở các xã Long Hựu Đông, Tân Chánh.",
            "paras": [
                "Chi cục Chăn nuôi và Thú y tỉnh đã cấp 3.500 lít hóa chất Chlorine để xử lý ao nuôi bị bệnh. Tổng diện tích nuôi tôm của huyện là 2.870 ha.",
                "Ông Lê Văn Chín, xã Tân Chánh, cho biết 2 ao tôm thẻ chân trắng của gia đình bị bệnh khi được 40 ngày tuổi, thiệt hại khoảng 120 triệu đồng.",
            ],
        },
        "en": {
            "title": "Disease hits 143 hectares of shrimp ponds in Can Duoc",
            "lead": "White spot disease and acute hepatopancreatic necrosis have damaged 143.6 hectares of shrimp ponds in Can Duoc district since the start of the year, mostly in Long Huu Dong and Tan Chanh communes.",
            "paras": [
                "Le Van Chin from Tan Chanh commune lost two ponds of white-leg shrimp at 40 days old, a loss of about VND 120 million. The provincial veterinary agency has supplied 3,500 litres of chlorine to treat affected ponds; the district farms 2,870 hectares of shrimp.",
            ],
        },
    },
]
