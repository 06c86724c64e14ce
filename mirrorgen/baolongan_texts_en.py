# ruff: noqa: E501
"""English text bank for the offline mirror (all invented): adaptations of Long An local news.

Placeholders filled by the generator: ``{place}`` (e.g. "Can Giuoc"), ``{dv}`` (e.g. "Can Giuoc district"),
``{year}``, ``{n}``, ``{pct}``.
"""

from __future__ import annotations

PLACES: list[tuple[str, str]] = [
    ("Can Giuoc", "Can Giuoc district"),
    ("Can Duoc", "Can Duoc district"),
    ("Ben Luc", "Ben Luc district"),
    ("Duc Hoa", "Duc Hoa district"),
    ("Duc Hue", "Duc Hue district"),
    ("Thu Thua", "Thu Thua district"),
    ("Tan Tru", "Tan Tru district"),
    ("Chau Thanh", "Chau Thanh district"),
    ("Tan Thanh", "Tan Thanh district"),
    ("Thanh Hoa", "Thanh Hoa district"),
    ("Moc Hoa", "Moc Hoa district"),
    ("Vinh Hung", "Vinh Hung district"),
    ("Tan Hung", "Tan Hung district"),
    ("Kien Tuong", "Kien Tuong town"),
    ("Tan An", "Tan An city"),
]

AUTHORS: list[str] = [
    "Huynh Huong",
    "Ngoc Nhu",
    "Moc Chau",
    "Phuong Thao",
    "Minh Tri",
    "Thanh My",
    "Kim Ngan",
    "Bao Tran",
    "Thanh Hieu",
    "Huu Bang",
    "Gia Han",
    "Tan Phat",
]
AUTHOR_PAIRS: list[tuple[str, str]] = [("Huu Bang", "Thanh Hieu"), ("Ngoc Nhu", "Minh Tri")]
TRANSLATORS: list[str] = ["Hoang Yen", "Bao Ngoc", "Khanh Linh"]
AGENCIES: list[str] = ["VNA", "VNA/Vietnam+", "VGP"]

UI: dict[str, str] = {
    "site_name": "Long An Online",
    "title_suffix": " - Long An Online",
    "lang_switch_self": "English",
    "lang_switch_other": "Vietnamese",
    "home": "Home",
    "newest": "Latest news",
    "read_more": "Read more",
    "next": "Next page &gt;",
    "prev": "&lt; Previous",
    "share": "Share",
    "related": "Related news",
    "comments": "Readers' comments",
    "comment_button": "Send",
    "comment_hint": "Comments are moderated before publication.",
    "search": "Search",
    "search_q": "dragon+fruit",
    "footer": (
        "Long An Online - the English edition of Bao Long An, the voice of the Party Committee, the authorities "
        "and the people of Long An province. Licence No. 348/GP-BTTTT issued by the Ministry of Information and "
        "Communications. Address: 14 Nguyen Dinh Chieu street, Ward 1, Tan An city, Long An province. "
        "Tel: (0272) 3826 391. Please cite Long An Online when republishing."
    ),
    "not_found_title": "Page not found",
    "not_found_text": "The page you requested does not exist or has been removed.",
}

READER_COMMENTS: list[tuple[str, str]] = [
    ("Peter M.", "I visited Tan An last year. Friendly people and great food. Hope to come back soon."),
    ("Linh Tran", "Proud of my hometown Long An! Thanks for the English news."),
    ("David K.", "Where can I buy these dragon fruits in Ho Chi Minh City?"),
]

INTRO_PAGE: list[str] = [
    "Long An Online is the English-language edition of Bao Long An newspaper.",
    "It brings news of Long An province - the gateway between Ho Chi Minh City and the Mekong Delta - to readers around the world.",
    "For advertising and cooperation, please contact the editorial office at the address below.",
]

TOPICS: dict[str, dict[str, list[str]]] = {
    "politics": {
        "titles": [
            "{place} promotes patriotic emulation movement in {year}",
            "Provincial leaders meet voters in {place}",
            "{dv} reviews Party building work in {year}",
            "People's Council of {dv} holds regular session",
            "{place} speeds up administrative reform and digital transformation",
            "Outstanding collectives and individuals in {place} honoured",
            "Long An delegation works with {dv} on socio-economic targets",
        ],
        "leads": [
            "In {year}, {dv} carried out many synchronous measures, bringing clear changes to Party building and the political system.",
            "Leaders of {dv} held a conference to review the implementation of political tasks and set out directions for the coming period.",
            "The emulation movement in {dv} has spread widely, attracting officials, Party members and local people.",
        ],
        "paras": [
            "According to the report, {dv} admitted {n} new Party members during the year, exceeding the target. Inspection and supervision were carried out regularly, promptly correcting shortcomings at the grassroots level.",
            "The Secretary of the district Party Committee stressed that Party committees must keep renewing their leadership methods and link the responsibility of leaders with the results of their units.",
            "Mass mobilisation work received attention, with many models of skilful mass mobilisation replicated. Local people agreed to donate land for roads and contributed funds to build bridges and sewers.",
            "At the session, deputies discussed issues of public concern such as land dossiers, the quality of rural clean water and traffic safety on district roads.",
            "Voters proposed that the province soon upgrade inter-commune roads, solve flooding in the rainy season and pay more attention to part-time officials in hamlets and quarters.",
            "The application of information technology in handling administrative procedures saves people time. The rate of dossiers received online reached {pct} percent, a sharp rise over the same period.",
            "On this occasion, {n} collectives and many individuals with outstanding achievements in the emulation movement were awarded certificates of merit.",
            "In the coming time, the locality will continue to implement grassroots democracy, strengthen dialogue with residents and promptly settle their legitimate concerns.",
        ],
        "captions": [
            "Overview of the conference",
            "Leaders of {dv} present certificates of merit",
            "Voters in {place} raise their opinions",
        ],
        "subheads": ["Positive changes", "People at the centre"],
    },
    "law": {
        "titles": [
            "{place} police bust online gambling ring",
            "Mobile trial of property theft case held in {dv}",
            "Beware of scammers posing as authorities on the phone",
            "{place} strictly handles drink-driving violations at year end",
        ],
        "leads": [
            "The police of {dv} have coordinated with professional units to uncover a case and seize many exhibits.",
            "Recently, several cases with sophisticated tricks have occurred in {dv}, causing property losses to residents.",
        ],
        "paras": [
            "Acting on a tip-off, police found a group of people regularly gathering at a house in hamlet {n} to gamble. When inspected, the suspects tried to flee but were detained.",
            "The provincial police advise people not to give OTP codes or bank account numbers to strangers and to report suspicious calls to the nearest police station.",
            "During the peak campaign, traffic police recorded {n} violations and temporarily seized many vehicles, mainly for drink-driving and speeding.",
            "At the trial, the panel of judges analysed the dangerous nature of the acts and handed down an appropriate sentence, contributing to general deterrence.",
            "Alongside handling violations, local authorities focus on grassroots mediation. Many small disputes over land boundaries and shared paths have been settled right in the hamlets.",
        ],
        "captions": ["Police work with the suspects", "The mobile trial"],
        "subheads": ["Sophisticated tricks"],
    },
    "economy": {
        "titles": [
            "Investment into {place} industrial parks rises sharply",
            "{place} businesses speed up production in final months of year",
            "Provincial road through {dv} to be upgraded",
            "Export turnover of {dv} increases",
            "New bridge in {dv} opens to traffic",
            "{place} develops OCOP products on e-commerce platforms",
            "Long An attracts {n} new FDI projects",
        ],
        "leads": [
            "In recent months, production and business activities in {dv} have flourished, with more orders and stable jobs for workers.",
            "Thanks to synchronous transport infrastructure, {dv} has become an attractive destination for domestic and foreign investors.",
            "The long-awaited project will shorten travel time and boost the movement of goods once completed.",
        ],
        "paras": [
            "In {year}, {dv} attracted {n} more investment projects worth thousands of billions of VND, mainly in food processing, mechanical engineering, logistics and building materials.",
            "A representative of a garment company said it has orders until the end of the first quarter of next year and is recruiting more workers while improving meals and welfare.",
            "The road, more than {n} km long, is being widened with a new drainage and lighting system. The contractor is mobilising maximum manpower and machinery to open it before Tet.",
            "According to the provincial Department of Industry and Trade, export turnover rose {pct} percent year on year, with rice, cashew nuts, textiles and machinery as key items.",
            "The reinforced concrete bridge replaces the old ferry, so thousands of pupils and residents on both banks no longer depend on boats every day.",
            "OCOP products such as Can Giuoc Chinese sausage, Hau Nghia rice paper and Cho Dao fragrant rice are now sold on e-commerce platforms, helping producers reach new markets.",
            "To develop sustainably, the province gives priority to high-tech, environmentally friendly projects and to training the local workforce to meet the needs of enterprises.",
        ],
        "captions": [
            "Workers at a factory in an industrial park",
            "Construction on the road through {dv}",
            "The new bridge opens to traffic",
        ],
        "subheads": ["Production flourishes", "Infrastructure first"],
    },
    "agriculture": {
        "titles": [
            "{place} farmers sow winter-spring rice crop",
            "Chau Thanh dragon fruit enjoys good harvest and prices",
            "{place} expands high-quality rice area",
            "Seedless lime brings stable income to {place} farmers",
            "Farmers in {place} use drones to spray crops",
            "{place} cooperative links up with firms to sell farm produce",
            "High-tech shrimp farming pays off in {dv}",
            "{place} farmers take measures against saltwater intrusion",
        ],
        "leads": [
            "These days, farmers in {dv} are taking advantage of favourable weather to sow and tend their rice.",
            "By applying technical advances and linking up with buyers, many farmers in {dv} have increased their income on the same area of land.",
            "Stable prices this season have given farmers in {dv} a good profit.",
        ],
        "paras": [
            "According to the district agriculture office, farmers in {dv} sowed more than {n} thousand hectares of rice this winter-spring crop, mainly high-quality varieties such as Dai Thom 8 and OM 5451.",
            "Mr Nguyen Van Tu said his family grows three hectares of rice. Thanks to sparse sowing and balanced fertilising, production costs fell sharply while yields reached about seven tonnes per hectare.",
            "Red-flesh dragon fruit in Chau Thanh district is in its main harvest. Traders come to the orchards to buy at 15,000 - 20,000 VND per kg, giving growers a good profit after several losing seasons.",
            "To meet export requirements, many dragon fruit growers have switched to VietGAP standards, keeping farm diaries and using energy-saving LED lamps to make the plants flower off-season.",
            "Using drones to spray pesticides saves water and chemicals and reduces workers' exposure to them.",
            "The cooperative now has {n} members and a contract with a company that buys all of its produce at a floor price, so members no longer fear a bumper crop with low prices.",
            "Seedless lime can be harvested all year round and brings a profit of 200 - 300 million VND per hectare a year. Many households in the Dong Thap Muoi area have converted inefficient rice land.",
            "Facing saltwater intrusion, the locality operates sluice gates to keep out salt water and advises farmers to store fresh water and check salinity before irrigating their fields.",
            "Raising white-leg shrimp in lined ponds with roofs helps farmers control water quality and limit disease, earning them hundreds of millions of VND per pond each crop.",
        ],
        "captions": [
            "Farmers in {place} sow a new rice crop",
            "Harvesting dragon fruit in {dv}",
            "A drone sprays a rice field",
        ],
        "subheads": ["Lower costs, higher profits", "Sustainable links"],
    },
    "environment": {
        "titles": [
            "{place} clears canals and ditches",
            "Drainage system upgraded to fight flooding in {dv}",
            "{place} copes with high tides",
            "Dong Thap Muoi braces for the flood season",
        ],
        "leads": [
            "Hundreds of young people and residents of {dv} have joined hands to clear the waterways.",
            "Local flooding after every heavy rain is being tackled in {dv} with many solutions.",
        ],
        "paras": [
            "Volunteers removed water hyacinth, dredged more than {n} km of field canals and collected tonnes of waste. Many canal sections that used to be silted up are now clear.",
            "The drainage project, worth tens of billions of VND, builds new box culverts along inner-city streets so that water drains quickly during heavy rain and high tides.",
            "The recent high tide broke several dyke sections and flooded fruit orchards. Local authorities mobilised forces to reinforce the dykes and help residents recover.",
            "This year, floodwater from upstream reaching the Dong Thap Muoi area is at an average level. Border districts have plans to protect the autumn-winter rice crop and relocate households in low-lying areas.",
            "Residents are guided to sort waste at source and to compost organic waste for use as fertiliser.",
        ],
        "captions": [
            "Young people remove water hyacinth from a canal",
            "Residents reinforce a dyke after a high tide",
        ],
        "subheads": ["Joining hands for the environment"],
    },
    "society": {
        "titles": [
            "{place} takes care of poor households at Tet",
            "Gratitude house handed over to family of war veteran in {dv}",
            "{place} schools ready for new academic year",
            "Quality of commune health stations improved in {place}",
            "{place} reduces number of poor households",
            "Job fair attracts young people in {place}",
            "Free meals for patients at {place} hospital",
        ],
        "leads": [
            "Following the motto of leaving no one behind, {dv} has mobilised many resources to care for people in difficulty.",
            "Teachers in {dv} are busy preparing classrooms to welcome pupils back to school.",
            "For many years, kind-hearted people in {dv} have quietly shared with poor patients.",
        ],
        "paras": [
            "On this occasion, {dv} presented {n} gifts of rice, essential goods and cash to poor and near-poor households and policy beneficiary families so that they could enjoy a warm Tet.",
            "The 60-square-metre house cost 80 million VND, donated by businesses and benefactors. Mrs Nam was moved to tears as she thanked the local authorities.",
            "This school year, {dv} has more than {n} thousand pupils. The education sector has repaired classrooms, added desks and textbooks and assigned enough teachers to every school.",
            "The commune health station has been equipped with an ultrasound machine and an electrocardiograph, so residents no longer need to go to higher-level hospitals for common illnesses.",
            "Thanks to a preferential loan to raise cows, Ms Le Thi Hoa escaped poverty. From one breeding cow, her family now has five.",
            "More than 30 companies joined the fair, offering thousands of jobs from unskilled labour to engineers. Many young people were interviewed and hired on the spot.",
            "Every morning, a volunteer group cooks hundreds of free meals for patients and their relatives, funded by donors inside and outside the province.",
            "To reduce poverty sustainably, the locality focuses on vocational training linked to jobs, and supports livelihoods with seedlings, breeding animals and technical guidance.",
        ],
        "captions": [
            "Gifts presented to poor households in {dv}",
            "Pupils on the first day of school",
            "Doctors examine local residents",
        ],
        "subheads": ["Leaving no one behind", "Caring for people's health"],
    },
    "covid": {
        "titles": [
            "{place} vaccinates residents against Covid-19",
            "{place} sets up centralised quarantine area",
            "Essential goods delivered to locked-down areas in {dv}",
            "{place} pupils return to school after online learning",
        ],
        "leads": [
            "Facing the complicated developments of the Covid-19 pandemic, {dv} has drastically implemented prevention measures to protect public health.",
        ],
        "paras": [
            "According to the district health centre, more than {n} thousand people aged 18 and over were vaccinated in this round. Vaccination sites ensured distancing and had emergency teams on standby.",
            "The quarantine area, set up in a school dormitory, has nearly 200 beds. People in quarantine receive three meals a day and regular health checks.",
            "Under Directive 16, community Covid teams visited every house, took orders and delivered essential goods to the door so that no one went hungry.",
            "Before welcoming pupils back, schools disinfected classrooms, spaced out desks, installed hand-washing basins and prepared plans for suspected cases.",
            "Many benefactors sent rice, vegetables and eggs to rice ATMs and zero-dong supermarkets to support workers who lost their jobs during the pandemic.",
        ],
        "captions": ["A health worker gives a vaccine shot", "Community Covid team delivers goods"],
        "subheads": ["Safe adaptation"],
    },
    "defence": {
        "titles": [
            "{place} holds military enlistment ceremony in {year}",
            "Border guards patrol the border in {place}",
            "Defence zone exercise in {dv} a success",
        ],
        "leads": [
            "This morning, {dv} held a solemn ceremony to see off young people joining the army.",
            "Along the border with Cambodia, officers and soldiers of the Border Guard stay at their posts day and night to protect border sovereignty and security.",
        ],
        "paras": [
            "This year, {n} young people in {dv} joined the army, many of them with college or university degrees.",
            "The border post coordinates with the militia and residents of border hamlets to patrol the area and prevent illegal border crossings and smuggling.",
            "Through the stages of the exercise, the forces coordinated smoothly and handled situations flexibly, ensuring absolute safety of people and weapons.",
            "The standing militia trains regularly, helping to maintain security and order and also helping farmers harvest rice and prevent natural disasters.",
        ],
        "captions": ["New recruits in {place} join the army", "Border guards on patrol"],
        "subheads": ["Ready for duty"],
    },
    "culture": {
        "titles": [
            "{place} spring flower street attracts visitors at Tet",
            "Lam Chay festival in Tan An draws large crowds",
            "Don ca tai tu contest opens in {dv}",
            "{place} youth football tournament {year}",
            "Preserving traditional rice paper making in {dv}",
            "Ornamental flower villages in {dv} bustle ahead of Tet",
            "Book on the Dong Thap Muoi land launched",
        ],
        "leads": [
            "In the days before Tet, the spring atmosphere fills the streets and villages of {dv}.",
            "Cultural, artistic and sports activities have taken place enthusiastically, enriching the spiritual life of people in {dv}.",
        ],
        "paras": [
            "This year's flower street is decorated with thousands of pots of chrysanthemums, marigolds and yellow apricot blossoms along with miniature landscapes in southern style, drawing crowds of visitors.",
            "The Lam Chay festival runs from the 14th to the 16th day of the first lunar month with traditional rituals, lantern processions, lion dances and folk games.",
            "The contest features {n} performances by don ca tai tu clubs. Elderly artisans performed together with children, showing how the art form is passed on through generations.",
            "The tournament gathers {n} teams from communes and townships. The matches were exciting and drew many spectators.",
            "Rice paper making here dates back hundreds of years. Every day, the workshops start at 3 a.m. and dry the sheets on long bamboo racks.",
            "Gardeners say ornamental flowers fetch good prices this year, with many traders from Ho Chi Minh City ordering early.",
            "The collection brings together works by many writers of the province, recreating life in the flood season and the harvests of Dong Thap Muoi.",
        ],
        "captions": [
            "Visitors take photos at the flower street",
            "A performance at the contest",
            "Rice paper drying in {dv}",
        ],
        "subheads": ["Colours of spring", "Keeping the soul of culture"],
    },
    "travel": {
        "titles": [
            "Sailing down the Vam Co rivers",
            "A day at Lang Sen wetland reserve",
            "Exploring the melaleuca forest of {place}",
            "{place} develops eco-tourism in Dong Thap Muoi",
            "Visiting revolutionary relics in {place}",
            "Homestays open in {dv}",
            "Tasting Can Giuoc's famous Chinese sausage",
        ],
        "leads": [
            "With its own characteristics, {dv} is tapping its tourism potential and promoting the image of Long An.",
            "Only a short drive from Ho Chi Minh City, {place} offers visitors a peaceful taste of the Mekong Delta countryside.",
        ],
        "paras": [
            "The eco-tourism site has vast melaleuca forests, pink lotus ponds and grilled snakehead fish. In the flood season, visitors can paddle boats, cast nets and pick sesbania flowers.",
            "The relic site marks many important events of the Long An army and people in the two resistance wars and is now a place for educating young people about tradition.",
            "According to the provincial Department of Culture, Sports and Tourism, the province welcomed more than {n}0,000 visitors in {year}, with tourism revenue up on the previous year.",
            "Boats leave the Tan An wharf in the early morning, following the Vam Co Tay river past orchards, brick kilns and stilt houses.",
            "Homestay owners serve home-cooked meals of fish braised in clay pots, sour soup and seasonal vegetables picked from the garden.",
            "Lang Sen wetland reserve in Tan Hung is home to many rare bird species. The best time to visit is from September to December, when the water is high.",
            "Visitors can cycle along quiet rural roads, stop at a rice field or join farmers in picking dragon fruit.",
        ],
        "captions": [
            "Tourists paddle through the melaleuca forest",
            "Lotus ponds at Lang Sen",
            "A homestay in {dv}",
        ],
        "subheads": ["Peaceful countryside", "Taste of the delta"],
    },
}

INTERVIEWS: list[list[str]] = [
    [
        "- Reporter: Could you tell us about the outstanding results of the locality last year?",
        "Mr Nguyen Van Sau: Despite many difficulties, the district met most of its targets. Farming was stable, many roads were built and people's lives improved.",
        "- Reporter: What are the key tasks for the coming time?",
        "Mr Nguyen Van Sau: We will continue administrative reform, attract investment, ensure social welfare and maintain security and order.",
    ],
    [
        "- Reporter: How has the agriculture sector helped farmers cope with drought and salinity?",
        "Ms Tran Thi Mai: We forecast salinity in advance, shared information promptly and guided farmers to adjust the crop calendar and store fresh water.",
        "- Reporter: Thank you very much!",
    ],
]

CLOSERS: list[str] = [
    "The programme will continue until the end of the year.",
    "On this occasion, the organisers presented certificates of merit to outstanding collectives and individuals.",
]

IMAGE_WORDS: list[str] = [
    "DSC_0{n}",
    "IMG_2{n}",
    "thanh long",
    "lang sen",
    "don ca tai tu",
    "hoi nghi (2)",
    "khai mạc",
]
