//! The word lists the shape generators draw from, written for this
//! crate. Lists are comma-separated, most frequent first; an entry may
//! list other spellings after `/` (`Zhang/Chang`). Company and business
//! names are made up.

/// A naming culture of inventors: given and family names with their
/// romanisations, and how often a member has a middle name.
pub(super) struct InventorCulture {
    pub(super) given: &'static str,
    pub(super) family: &'static str,
    /// Percent of people with a middle name (shown as an initial).
    pub(super) middle_percent: u32,
    /// Percent of people with a second family name (Hispanic).
    pub(super) second_family_percent: u32,
}

/// Positions in [`INVENTOR_CULTURES`] the generator treats apart.
pub(super) const KOREAN: usize = 1;
pub(super) const ENGLISH: usize = 5;
pub(super) const GERMAN: usize = 6;

pub(super) const INVENTOR_CULTURES: [InventorCulture; 7] = [
    InventorCulture {
        given: "Wei,Jing,Li/Lee,Min,Jun/Chun,Lei,Yan,Hui,Jian/Chien,Hong,Ming,Hao,Tao,Bin,Yong,\
Qiang/Chiang,Xin/Hsin,Ping,Feng,Bo,Yu,Yi,Gang,Chao,Xiaoming/Hsiao-Ming,Zhiwei/Chih-Wei,\
Yifan,Haoran,Xiaoling/Hsiao-Ling,Jianhua/Chien-Hua,Weiming,Xiaodong/Hsiao-Tung,Zhiqiang,\
Jianguo,Hongwei,Yuxin,Lijun,Guoqing,Shuang,Zhen/Chen",
        family: "Wang,Li/Lee,Zhang/Chang,Liu/Lau,Chen/Chan,Yang,Huang/Hwang,Zhao/Chao,Wu/Woo,\
Zhou/Chou,Xu/Hsu,Sun,Ma,Zhu/Chu,Hu,Guo/Kuo,He/Ho,Lin/Lam,Gao/Kao,Luo/Lo,Zheng/Cheng,\
Liang/Leung,Xie/Hsieh,Song/Sung,Tang,Han,Feng,Deng/Teng,Cao/Tsao,Peng",
        middle_percent: 5,
        second_family_percent: 0,
    },
    InventorCulture {
        given: "Min-Jun,Ji-Hoon,Seung-Ho,Sung-Min/Seong-Min,Hyun-Woo,Jae-Hyun,Dong-Hyun,\
Young-Soo/Yeong-Su,Jin-Woo,Sang-Hoon,Ji-Young,Eun-Ji,Soo-Jin/Su-Jin,Hye-Jin,Min-Ji,\
Jung-Hoon/Jeong-Hun,Kyung-Soo,Hyun-Jung,Seo-Yeon,Tae-Hoon,Joon-Ho/Jun-Ho,Sung-Hoon,\
Jae-Won,Young-Ho,Dong-Wook",
        family: "Kim/Gim,Lee/Yi/Rhee,Park/Pak/Bak,Choi/Choe,Jung/Chung/Jeong,Kang,Cho/Jo,\
Yoon/Yun,Jang/Chang,Lim/Im,Han,Oh,Seo/Suh,Shin/Sin,Kwon,Hwang,Ahn/An,Song,Yoo/Yu,Hong",
        middle_percent: 0,
        second_family_percent: 0,
    },
    InventorCulture {
        given: "Hiroshi,Takashi,Makoto,Kenji,Satoshi,Yuichi/Yuuichi,Kazuhiro,Hiroyuki,Tetsuya,\
Masahiro,Takeshi,Yoshihiro,Naoki,Koji/Kouji/Kohji,Shinichi/Shin-ichi,Daisuke,Akira,\
Yusuke/Yuusuke,Kenichi/Ken-ichi,Tomohiro,Yuko/Yuuko,Keiko,Naoko,Tomoko,Yoko/Youko,Junko,\
Akiko,Yumi,Mayumi,Shota/Shouta",
        family: "Sato/Satoh/Satou,Suzuki,Takahashi,Tanaka,Watanabe,Ito/Itoh/Itou,Yamamoto,\
Nakamura,Kobayashi,Kato/Katoh/Katou,Yoshida,Yamada,Sasaki,Yamaguchi,Matsumoto,Inoue,\
Kimura,Hayashi,Shimizu,Yamazaki/Yamasaki,Mori,Abe,Ikeda,Hashimoto,Ishikawa,Ono/Ohno,\
Saito/Saitoh,Goto/Gotoh,Endo/Endoh,Kondo/Kondoh",
        middle_percent: 0,
        second_family_percent: 0,
    },
    InventorCulture {
        given: "Rajesh,Amit,Sanjay,Suresh,Ramesh,Vijay,Anil,Ravi,Rahul,Deepak,Sunil,Ashok,Manoj,\
Arun,Srinivas/Shrinivas/Sreenivas,Venkat,Prakash,Mohammed/Mohammad/Muhammad,Ajay,Vivek,\
Praveen/Pravin,Sandeep/Sundeep,Priya,Lakshmi/Laxmi,Anjali,Kavita/Kavitha,Sunita,Deepa,\
Pooja/Puja,Swati/Swathi",
        family: "Kumar,Singh,Sharma,Patel,Gupta,Reddy,Rao,Shah,Iyer/Iyyer,Nair,Mehta,Joshi,\
Agarwal/Aggarwal/Agrawal,Srinivasan/Shrinivasan,Krishnan,Subramanian/Subramaniam,Venkatesh,\
Chatterjee/Chaterjee,Banerjee/Bannerjee,Mukherjee/Mukerjee,Das,Pillai,Menon,Verma,Mishra,\
Pandey,Jain,Bhat/Bhatt,Raman,Naidu",
        middle_percent: 20,
        second_family_percent: 0,
    },
    InventorCulture {
        given: "Jose/José,Juan,Carlos,Luis,Jorge,Miguel,Francisco,Antonio,Jesus/Jesús,Alejandro,\
Manuel,Pedro,Ricardo,Fernando,Javier,Rafael,Roberto,Eduardo,Sergio,Raul/Raúl,Maria/María,\
Ana,Carmen,Laura,Patricia,Monica/Mónica,Sofia/Sofía,Adriana,Gabriela,Claudia",
        family: "Garcia/García,Rodriguez/Rodríguez,Martinez/Martínez,Hernandez/Hernández,\
Lopez/López,Gonzalez/González,Perez/Pérez,Sanchez/Sánchez,Ramirez/Ramírez,Torres,Flores,\
Rivera,Gomez/Gómez,Diaz/Díaz,Cruz,Morales,Reyes,Gutierrez/Gutiérrez,Ortiz,Jimenez/Jiménez,\
Ruiz,Alvarez/Álvarez,Castillo,Romero,Vargas,Mendoza,Herrera,Medina,Aguilar,Silva",
        middle_percent: 15,
        second_family_percent: 30,
    },
    InventorCulture {
        given: "James,John,Robert,Michael,William,David,Richard,Joseph,Thomas,Charles,\
Christopher,Daniel,Matthew,Mark,Steven,Paul,Andrew,Kevin,Brian,Eric,Jeffrey,Scott,Gregory,\
Timothy,Jason,Mary,Jennifer,Linda,Elizabeth,Susan,Karen,Lisa,Sarah,Laura,Emily,Anne,\
Catherine,Rebecca,Julie,Rachel,Douglas,Peter,Alan,Bruce,Keith",
        family: "Smith,Johnson,Williams,Brown,Jones,Miller,Davis,Wilson,Anderson,Taylor,\
Thomas,Moore,Martin,Jackson,Thompson,White,Harris,Clark,Lewis,Robinson,Walker,Young,Allen,\
King,Wright,Scott,Hill,Green,Adams,Baker,Nelson,Carter,Mitchell,Roberts,Campbell,Evans,\
Turner,Parker,Collins,Edwards,Stewart,Morris,Murphy,Cook,Rogers,Morgan,Cooper,Peterson,\
Bailey,Reed,Kelly,Howard,Cox,Ward,Richardson,Watson,Brooks,Wood,Bennett,Gray,Hughes,Price,\
Sanders,Myers,Long,Ross,Foster,Powell,Jenkins,Perry,Russell,Sullivan,Bell,Coleman,Butler,\
Henderson,Barnes,Fisher,Simmons,Jordan,Patterson,Hamilton,Graham,Reynolds,Griffin,Wallace,\
West,Cole,Hayes,Bryant,Gibson,Ellis,Stevens,Murray,Ford,Marshall,Owens,Harrison,McDonald,\
Woods,Kennedy,Wells,Henry,Freeman,Webb,Tucker,Burns,Crawford,Olson,Simpson,Porter,Hunter,\
Gordon,Shaw,Snyder,Mason,Dixon,Hunt,Hicks,Holmes,Palmer,Wagner,Black,Robertson,Boyd,Rose,\
Stone,Fox,Warren,Mills,Meyer,Rice,Schmidt,Daniels,Ferguson,Nichols,Stephens,Weaver,Ryan,\
Gardner,Payne,Grant,Dunn,Spencer,Hawkins,Arnold,Pierce,Hansen,Peters,Hart,Bradley,Knight,\
Elliott,Cunningham,Duncan,Armstrong,Hudson,Carroll,Lane,Riley,Andrews,Ray,Berry,Perkins,\
Hoffman,Johnston,Matthews,Richards,Willis,Carpenter,Lawrence,Chapman,Watkins,Greene,\
Wheeler,Harper,Burke,Larson,Morrison,Franklin,Carlson,Austin,Carr,Lawson,Jacobs,OBrien,\
Lynch,Bishop,Montgomery,Oliver,Jensen,Harvey,Williamson,Gilbert,Dean,Sims,Howell,Reid,\
Hanson,Garrett,Burton,Fuller,Welch,Lucas,Fields,Little,Banks,Day,Walsh,Bowman,Schultz,\
Fowler,Davidson,Brewer,May,Holland,Newman,Pearson,Curtis,Douglas,Schneider,Barrett,Keller,\
Wade,Stanley,Hopkins,Barnett,Bates,Chambers,Caldwell,Beck,Lambert,Byrd,Craig,Lowe,Frazier,\
Powers,Neal,Leonard,Gregory,Sutton,Fleming,Rhodes,Shelton,Schwartz,Norris,Jennings,Watts",
        middle_percent: 55,
        second_family_percent: 0,
    },
    InventorCulture {
        given: "Thomas,Michael,Andreas,Stefan,Frank,Markus,Christian,Martin,Peter,Klaus,\
Jürgen,Wolfgang,Matthias,Alexander,Tobias,Florian,Bernd,Uwe,Ralf,Jörg,Sabine,Claudia,\
Petra,Andrea,Julia,Katrin,Anja",
        family: "Müller,Schmidt,Schneider,Fischer,Weber,Meyer/Meier/Maier,Wagner,Becker,\
Schulz,Hoffmann,Schäfer,Koch,Bauer,Richter,Klein,Wolf,Schröder,Neumann,Schwarz,\
Zimmermann,Braun,Krüger,Hofmann,Hartmann,Lange,Schmitt,Werner,Schmitz,Krause,Lehmann,\
Köhler,Jäger,Möller,Böhm,Günther",
        middle_percent: 15,
        second_family_percent: 0,
    },
];

/// A country of inventors: its code, cities (`City|ST` in the US, a
/// city's other spelling after `/`), its inventors' cultures (percent,
/// in [`INVENTOR_CULTURES`] order), the stems and legal forms of its
/// companies, and its share of assignees (percent).
pub(super) struct Country {
    pub(super) code: &'static str,
    pub(super) cities: &'static str,
    pub(super) cultures: [u32; 7],
    pub(super) stems: &'static str,
    pub(super) legal_forms: &'static str,
    pub(super) assignee_percent: u32,
}

pub(super) const US: usize = 0;

pub(super) const COUNTRIES: [Country; 10] = [
    Country {
        code: "US",
        cities: "San Jose|CA,Sunnyvale|CA,Mountain View|CA/Mt. View|CA,Santa Clara|CA,\
San Diego|CA,Palo Alto|CA,Cupertino|CA,Austin|TX,Houston|TX,Seattle|WA,Redmond|WA,\
Portland|OR,Hillsboro|OR,Boston|MA,Cambridge|MA,Armonk|NY,Yorktown Heights|NY,\
New York|NY,Rochester|NY,Chicago|IL,Minneapolis|MN,Raleigh|NC,Durham|NC,Phoenix|AZ,\
Chandler|AZ,Boise|ID,Ann Arbor|MI,Detroit|MI,Princeton|NJ,Pittsburgh|PA,Atlanta|GA,\
Columbus|OH,Cincinnati|OH,Indianapolis|IN,Denver|CO,Boulder|CO,Salt Lake City|UT,\
Madison|WI,Milwaukee|WI,Saint Louis|MO/St. Louis|MO",
        cultures: [22, 6, 4, 20, 8, 40, 0],
        stems: "Northbridge,Bluewater,Summit,Pinecrest,Redwood,Keystone,Silverline,Cascade,\
Ironwood,Lakeshore,Meridian,Pioneer,Granite,Horizon,Clearpath,Beacon,Sterling,Liberty,\
Frontier,Atlas,Vanguard,Highland,Crescent,Evergreen,Westfield,Oakmont,Brightwater,\
Stonebridge,Riverside,Eastgate",
        legal_forms: "Inc.,Corporation,LLC,Incorporated,Corp.",
        assignee_percent: 40,
    },
    Country {
        code: "JP",
        cities: "Tokyo,Osaka,Kawasaki,Yokohama,Kyoto,Nagoya,Kobe,Hitachi,Toyota,Kariya,\
Hamamatsu,Tsukuba",
        cultures: [3, 0, 95, 0, 0, 2, 0],
        stems: "Kanto,Hokuriku,Sanwa,Daiwa,Nippon,Tohoku,Kyoei,Shinwa,Yamato,Asahi,Fujimi,\
Mitsuwa,Chuo,Kansai,Seiko,Taiyo,Hikari,Meisei,Kyushu,Shikoku",
        legal_forms: "Co., Ltd.,Corporation,K.K.",
        assignee_percent: 18,
    },
    Country {
        code: "KR",
        cities: "Seoul,Suwon,Yongin,Daejeon,Hwaseong,Seongnam,Incheon,Ulsan",
        cultures: [3, 95, 0, 0, 0, 2, 0],
        stems: "Hanbit,Daesung,Samil,Hyundo,Sejin,Kumsung,Daehan,Hanul,Mirae,Saehan,Jinsung,\
Dongbang",
        legal_forms: "Co., Ltd.,Corporation",
        assignee_percent: 10,
    },
    Country {
        code: "CN",
        cities: "Beijing,Shanghai,Shenzhen,Hangzhou,Guangzhou,Nanjing,Wuhan,Chengdu,Suzhou,\
Xi'an/Xian",
        cultures: [100, 0, 0, 0, 0, 0, 0],
        stems: "Huaxin,Zhongke,Tianyu,Xinhua,Jinhai,Haitong,Hengda,Zhongxing,Longda,Tianhe,\
Huarui,Shenghua",
        legal_forms: "Co., Ltd.,Technology Co., Ltd.,Group Co., Ltd.",
        assignee_percent: 10,
    },
    Country {
        code: "TW",
        cities: "Hsinchu,Taipei,Taichung,Tainan,Zhubei/Chupei",
        cultures: [100, 0, 0, 0, 0, 0, 0],
        stems: "Formosa,Hsinyuan,Taiwei,Jinghong,Yuanta,Lianhua",
        legal_forms: "Co., Ltd.,Corporation,Inc.",
        assignee_percent: 5,
    },
    Country {
        code: "IN",
        cities: "Bangalore/Bengaluru,Hyderabad,Chennai,Pune,Mumbai,New Delhi,Noida,\
Gurgaon/Gurugram",
        cultures: [0, 0, 0, 100, 0, 0, 0],
        stems: "Bharat,Sahyadri,Ganga,Vistara,Kaveri,Deccan,Himalaya,Indus",
        legal_forms: "Pvt. Ltd.,Limited",
        assignee_percent: 4,
    },
    Country {
        code: "DE",
        cities: "Munich/München,Stuttgart,Erlangen,Berlin,Hamburg,Ludwigshafen,Leverkusen,\
Darmstadt,Nuremberg/Nürnberg,Karlsruhe",
        cultures: [4, 0, 0, 5, 2, 4, 85],
        stems: "Rheinland,Nordstern,Hansa,Alpen,Schwarzwald,Elbtal,Isartal,Neckar,Weserland,\
Taunus",
        legal_forms: "GmbH,AG",
        assignee_percent: 6,
    },
    Country {
        code: "MX",
        cities: "Monterrey,Guadalajara,Mexico City/Ciudad de Mexico,Queretaro/Querétaro",
        cultures: [0, 0, 0, 0, 100, 0, 0],
        stems: "Azteca,Sierra Madre,Norteña,Pacifico",
        legal_forms: "SA",
        assignee_percent: 2,
    },
    Country {
        code: "ES",
        cities: "Madrid,Barcelona,Valencia,Sevilla/Seville,Bilbao",
        cultures: [0, 0, 0, 0, 95, 5, 0],
        stems: "Iberica,Levante,Cantabrica,Mediterranea",
        legal_forms: "SA",
        assignee_percent: 2,
    },
    Country {
        code: "GB",
        cities: "London,Cambridge,Oxford,Manchester,Edinburgh,Bristol",
        cultures: [6, 0, 0, 10, 2, 82, 0],
        stems: "Albion,Thames,Pennine,Cotswold,Wessex,Mercia",
        legal_forms: "Limited,Ltd.",
        assignee_percent: 3,
    },
];

/// A technology field: the words of its company names, its patent
/// classes (CPC groups) and the words of its patent titles.
pub(super) struct Field {
    pub(super) company_words: &'static str,
    pub(super) classes: &'static str,
    /// Things the patents are about.
    pub(super) nouns: &'static str,
    /// What the patents do with them.
    pub(super) actions: &'static str,
}

pub(super) const FIELDS: [Field; 8] = [
    Field {
        company_words: "Semiconductor,Electronics,Microsystems,Silicon",
        classes: "H01L21/02,H01L21/768,H01L23/522,H01L27/088,H01L29/66,H01L29/78,H01L21/311,\
H10B12/00,H01L21/8234,H01L23/528",
        nouns: "semiconductor device,transistor,gate structure,memory cell,interconnect,\
dielectric layer,wafer,substrate,contact plug,fin structure,capacitor,metal gate",
        actions: "manufacturing,forming,etching,patterning,fabricating,packaging",
    },
    Field {
        company_words: "Software,Data Systems,Computing,Technologies",
        classes: "G06F3/0484,G06F9/50,G06F16/245,G06F21/62,G06N20/00,G06N3/08,G06F11/07,\
G06F12/08,G06F16/27,G06F9/455",
        nouns: "neural network,machine learning model,virtual machine,database query,\
distributed system,user interface,cache,data pipeline,storage volume,container,\
recommendation,search index",
        actions: "processing,training,managing,scheduling,allocating,indexing,migrating",
    },
    Field {
        company_words: "Communications,Networks,Wireless,Telecom",
        classes: "H04W72/04,H04W24/02,H04L5/00,H04L1/18,H04W76/27,H04B7/06,H04L67/10,\
H04W56/00,H04W74/08,H04B7/0456",
        nouns: "wireless communication,base station,user equipment,beam,channel state \
information,uplink transmission,reference signal,network node,random access procedure,\
carrier aggregation",
        actions: "transmitting,receiving,configuring,reporting,selecting,measuring",
    },
    Field {
        company_words: "Display,Optics,Photonics,Visual",
        classes: "G02F1/1333,G09G3/32,H10K59/12,G02B27/01,G09G3/20,G02F1/1368,H10K50/80,\
G02B6/12,G09G3/3233",
        nouns: "display panel,pixel circuit,light emitting element,organic layer,liquid \
crystal,backlight unit,optical film,head-mounted display,touch sensor,thin film transistor",
        actions: "driving,manufacturing,compensating,sensing,encapsulating",
    },
    Field {
        company_words: "Motor,Automotive,Mobility,Vehicle Systems",
        classes: "B60W30/09,B60L58/12,F02D41/00,B62D15/02,B60W50/14,G08G1/16,B60W60/00,\
B60L53/10,F16H61/02",
        nouns: "vehicle,control device,battery pack,engine,driver assistance system,\
steering system,charging station,transmission,braking system,sensor fusion",
        actions: "controlling,estimating,charging,detecting,assisting,monitoring",
    },
    Field {
        company_words: "Pharmaceuticals,Therapeutics,Biosciences,Life Sciences",
        classes: "A61K31/4725,A61P35/00,C07D471/04,A61K9/20,C07K16/28,A61K39/395,\
C12N15/113,A61K45/06,C07D401/14,A61P29/00",
        nouns: "compound,pharmaceutical composition,antibody,kinase inhibitor,oral \
formulation,fusion protein,oligonucleotide,crystalline form,salt,prodrug",
        actions: "treating,preparing,administering,inhibiting,formulating",
    },
    Field {
        company_words: "Medical,Surgical,Healthcare,Devices",
        classes: "A61B5/00,A61B17/00,A61M25/00,A61F2/24,A61N1/36,A61B34/30,A61B5/145,\
A61M5/142,A61F2/82",
        nouns: "medical device,catheter,implant,surgical instrument,glucose sensor,stent,\
infusion pump,heart valve,electrode lead,robotic arm",
        actions: "delivering,monitoring,implanting,stimulating,measuring",
    },
    Field {
        company_words: "Materials,Chemical,Energy,Advanced Materials",
        classes: "H01M10/0525,H01M4/62,C08L23/06,C08K3/04,H01M4/525,C01B32/182,\
C08G18/48,H01M10/0567,C09D5/00",
        nouns: "lithium secondary battery,positive electrode,polymer composition,\
electrolyte solution,separator,carbon material,coating composition,catalyst,\
polyurethane foam,active material",
        actions: "producing,preparing,coating,synthesizing,recycling",
    },
];

/// Title patterns: `{a}` an action, `{n}` (`{N}`: at the start) and
/// `{m}` nouns of the field.
pub(super) const TITLE_PATTERNS: &str = "Method for {a} {n},{n} and method of {a} the same,\
System and method for {a} {n},{N} having {m},Apparatus and method for {a} {n},{N} including \
{m},Method of {a} {n} using {m},{N} with improved {m},{N},Techniques for {a} {n}";

/// US cities with their state and telephone area code, largest first,
/// for the government and business shapes.
pub(super) const US_CITIES: &str = "New York|NY|212|100,Los Angeles|CA|213|900,\
Chicago|IL|312|606,Houston|TX|713|770,Phoenix|AZ|602|850,Philadelphia|PA|215|191,\
San Antonio|TX|210|782,San Diego|CA|619|921,Dallas|TX|214|752,San Jose|CA|408|951,\
Austin|TX|512|787,Jacksonville|FL|904|322,Columbus|OH|614|432,Charlotte|NC|704|282,\
Indianapolis|IN|317|462,San Francisco|CA|415|941,Seattle|WA|206|981,Denver|CO|303|802,\
Boston|MA|617|021,Nashville|TN|615|372,Detroit|MI|313|482,Portland|OR|503|972,\
Las Vegas|NV|702|891,Memphis|TN|901|381,Baltimore|MD|410|212,Milwaukee|WI|414|532,\
Albuquerque|NM|505|871,Tucson|AZ|520|857,Sacramento|CA|916|958,Atlanta|GA|404|303,\
Omaha|NE|402|681,Raleigh|NC|919|276,Miami|FL|305|331,Minneapolis|MN|612|554,\
Cleveland|OH|216|441,New Orleans|LA|504|701,Tampa|FL|813|336,Pittsburgh|PA|412|152,\
Cincinnati|OH|513|452,St. Louis|MO|314|631,Buffalo|NY|716|142,Orlando|FL|407|328,\
Madison|WI|608|537,Richmond|VA|804|232,Spokane|WA|509|992,Des Moines|IA|515|503,\
Salt Lake City|UT|801|841,Providence|RI|401|029,Hartford|CT|860|061,Springfield|MA|413|011,\
Springfield|IL|217|627,Springfield|MO|417|658,Savannah|GA|912|314,Charleston|SC|843|294,\
Knoxville|TN|865|379,Ann Arbor|MI|734|481,Albany|NY|518|122,Wilmington|DE|302|198,\
Fargo|ND|701|581,Billings|MT|406|591";

/// Other ways of writing some city names.
pub(super) const CITY_VARIANTS: [(&str, &str); 6] = [
    ("New York", "New York City"),
    ("St. Louis", "Saint Louis"),
    ("Los Angeles", "LA"),
    ("San Francisco", "SF"),
    ("Salt Lake City", "Salt Lake Cty"),
    ("Las Vegas", "Vegas"),
];

/// A business category: how each listing site labels it, its name
/// patterns (`{A}` a word of `adjectives`, `{N}` a word of `nouns`, `{S}`
/// a surname, `{F}` a given name, `{C}` the city), the legal forms its
/// names carry, whether its businesses have suites, its chains.
pub(super) struct Category {
    pub(super) directory: &'static str,
    pub(super) reviews: &'static str,
    pub(super) names: &'static str,
    pub(super) adjectives: &'static str,
    pub(super) nouns: &'static str,
    pub(super) legal_forms: &'static str,
    /// Percent of names that carry a legal form.
    pub(super) legal_percent: u32,
    pub(super) offices: bool,
    /// Chain names of the category.
    pub(super) chains: &'static str,
}

pub(super) const CATEGORIES: [Category; 14] = [
    Category {
        directory: "Restaurants - Chinese",
        reviews: "chinese",
        names: "{A} {N},{A} {N},{A} {N},{S}'s {N}",
        adjectives: "Golden,Jade,Lucky,Great Wall,Happy,Red Lantern,Imperial,Royal,Dragon,Panda,\
Bamboo,Lotus,China,Peking,Hunan,Szechuan,Mandarin,Shanghai,Canton,Oriental,\
Fortune,Empress,Silk Road,Twin Dragon,Orchid",
        nouns: "Garden,Palace,House,Wok,Kitchen,Star,Bowl,Inn,Express,Pavilion,Court,Buffet,\
Village,Cafe,Dragon,Restaurant,Bistro,Noodle House",
        legal_forms: "Inc.,LLC",
        legal_percent: 15,
        offices: false,
        chains: "Wok Express,Panda Palace",
    },
    Category {
        directory: "Restaurants - Italian",
        reviews: "italian",
        names: "{A} {N},{A} {N},{F}'s Trattoria,{S}'s Italian Kitchen,Osteria {F}",
        adjectives: "Trattoria,Cafe,Osteria,Casa,Ristorante,Villa,Bella,Cucina,Piccola,Taverna,\
Il Forno,La Piazza,Da Vinci,Little Italy,Mama",
        nouns: "Roma,Napoli,Italia,Toscana,Luna,Sole,Mia,Rustica,Bella,Notte,Giardino,Milano,\
Venezia,Firenze,Amalfi,Sorrento,Capri,Siena,Verona,Rosa",
        legal_forms: "Inc.,LLC",
        legal_percent: 15,
        offices: false,
        chains: "Pasta Bella,Olive Grove Trattoria",
    },
    Category {
        directory: "Restaurants - Mexican",
        reviews: "mexican",
        names: "{A} {N},{A} {N},Taqueria {F},Casa {S}",
        adjectives: "El,La,Los,Casa,Taqueria,Cantina,Don,Hacienda,Rancho,Tres,Dos,Plaza",
        nouns: "Sombrero,Fiesta,Mariachi,Compadres,Cocina,Toro,Charro,Jalisco,Azteca,Potrillo,\
Maguey,Nopal,Sol,Agave,Tapatio,Michoacana,Guadalajara,Oaxaca,Puebla,Amigos",
        legal_forms: "Inc.,LLC",
        legal_percent: 15,
        offices: false,
        chains: "Taco Loco,Burrito Barn",
    },
    Category {
        directory: "Restaurants - American",
        reviews: "american (traditional)",
        names: "{A} {N},{A} {N},{S}'s {N},{C} {N},{F}'s Place",
        adjectives: "Main Street,Corner,Liberty,Route 66,Hometown,Blue Plate,Brass Rail,Eagle,Harbor,\
Union,Depot,Old Town,Country,Village,Downtown,Lakeside,Red Barn,Silver Spoon,\
Copper Kettle,Iron Horse",
        nouns: "Diner,Grill,Kitchen,Tavern,Cafe,Bar & Grill,Eatery,Table,Smokehouse,Chophouse,\
Pub,Grille",
        legal_forms: "Inc.,LLC",
        legal_percent: 20,
        offices: false,
        chains: "Burger Barn,Big Sky Grill,Sunny Side Diner",
    },
    Category {
        directory: "Pizza",
        reviews: "pizza",
        names: "{A} {N},{A} {N},{F}'s {N},{S}'s {N},{C} {N}",
        adjectives: "Brick Oven,Napoli,Sicilian,Village,Corner,Hometown,Stone Oven,Original,Famous,\
New York,Chicago,Downtown,Golden Crust,Big Slice,Uptown,Mama Mia,Roma,Tony's,\
Sal's,Vinny's",
        nouns: "Pizza,Pizzeria,Pizza Co.,Pizza & Subs,Pizza Kitchen,Pizza House",
        legal_forms: "Inc.,LLC",
        legal_percent: 15,
        offices: false,
        chains: "Pizza Pronto,Crust & Co.",
    },
    Category {
        directory: "Coffee Shops",
        reviews: "coffee & tea",
        names: "{A} {N},{A} {N},{C} {N}",
        adjectives: "Daily,Morning,Java,Common,Bean,Brew,Roast,Steam,Perk,Grind,Bold,Golden,Rustic,\
Urban,Sunrise,Copper,Blue Door,Black Cat,Red Rooster,Velvet",
        nouns: "Grind,Grounds,Brew,House,Roasters,Coffee,Cafe,Beanery,Cup,Espresso Bar,\
Coffee Co.,Coffee House",
        legal_forms: "LLC,Inc.",
        legal_percent: 20,
        offices: false,
        chains: "Java Junction,Bean & Leaf Coffee",
    },
    Category {
        directory: "Bakeries",
        reviews: "bakeries",
        names: "{A} {N},{A} {N},{S}'s {N},{C} {N}",
        adjectives: "Sweet,Golden,Sunrise,Heavenly,Rolling Pin,Flour,Sugar,Village,Corner,Crumb,\
Butter,Honey,Old World,Artisan,Little,Cinnamon,Blue Ribbon,Hearth",
        nouns: "Bakery,Bakehouse,Bread Co.,Cakes,Pastries,Oven,Treats,Kitchen,Patisserie",
        legal_forms: "Inc.,LLC",
        legal_percent: 20,
        offices: false,
        chains: "Sunrise Donuts",
    },
    Category {
        directory: "Dentists",
        reviews: "general dentistry",
        names: "{S} {N},{A} {N},{S} & {S},{F} {S},{C} {N},{S} Family {N}",
        adjectives: "Bright,Gentle,Smile,Family,Advanced,Modern,Premier,Park,Lakeside,Downtown,\
Radiant,Sunshine,Pearl,Evergreen,Riverside",
        nouns: "Dental,Dental Care,Dentistry,Dental Group,Smiles,Dental Studio,Dental Associates",
        legal_forms: "DDS,PC,LLC",
        legal_percent: 60,
        offices: true,
        chains: "Smile Dental Centers",
    },
    Category {
        directory: "Attorneys",
        reviews: "lawyers",
        names: "{S} & {S},{S} {N},Law Offices of {F} {S},{S} {S} & {S},{S} and Associates,{A} {N}",
        adjectives: "Justice,Liberty,Capital,Summit,Heritage,Keystone,Cornerstone,Guardian,Pinnacle,\
Advocate",
        nouns: "Law Group,Legal,Law Firm,Law Center,Legal Group,Law Partners",
        legal_forms: "LLP,PC,LLC",
        legal_percent: 70,
        offices: true,
        chains: "Justice Law Partners",
    },
    Category {
        directory: "Auto Repair",
        reviews: "auto repair",
        names: "{S}'s {N},{A} {N},{A} {N},{S} Brothers {N},{C} {N}",
        adjectives: "Precision,Quick,Master,Reliable,Express,Family,Honest,Pro,Discount,Premier,Elite,\
Advanced,Complete,Certified,Budget,Main Street,Northside,Southside,Valley,\
Speedway",
        nouns: "Auto Repair,Auto Care,Garage,Transmission,Tire & Brake,Automotive,Auto Service,\
Muffler,Auto Body,Collision",
        legal_forms: "Inc.,LLC,Co.",
        legal_percent: 40,
        offices: false,
        chains: "Speedy Lube,Brake Masters Plus",
    },
    Category {
        directory: "Hardware Stores",
        reviews: "hardware stores",
        names: "{S} {N},{A} {N},{C} {N}",
        adjectives: "Main Street,Village,Valley,Hometown,Builders,Central,Family,Handy,Corner,\
Town & Country,Northside,Lakeside,Pioneer,Frontier,Hilltop",
        nouns: "Hardware,Hardware & Supply,Lumber,Home Center,Supply Co.,Building Supply",
        legal_forms: "Inc.,Co.",
        legal_percent: 50,
        offices: false,
        chains: "Budget Hardware,HandyMart",
    },
    Category {
        directory: "Hair Salons",
        reviews: "hair salons",
        names: "{A} {N},{A} {N},{N} by {F},Studio {F},{F}'s {N}",
        adjectives: "Shear,Cut,Curl,Mane,Top Knot,Chic,Bella,Glamour,Urban,Posh,Golden,Silk,Velvet,\
Style,Luxe,Halo,Mirror Mirror,Blush,Sage,Ivy",
        nouns: "Salon,Studio,Hair Studio,Elegance,Design,Cuts,Hair Co.,Beauty Bar,Hair Lounge,\
Salon & Spa",
        legal_forms: "LLC",
        legal_percent: 15,
        offices: true,
        chains: "Quick Cuts,Supreme Clips",
    },
    Category {
        directory: "Plumbers",
        reviews: "plumbing",
        names: "{S} {N},{A} {N},{S} & Sons {N},{C} {N}",
        adjectives: "Reliable,Allied,A-1,Quality,Express,Precision,Premier,Rapid,Budget,All Star,\
Family,Honest,Blue Wave,Clearwater,Pipeline",
        nouns: "Plumbing,Plumbing & Heating,Rooter,Drain Service,Plumbing Co.,Plumbing & Drain",
        legal_forms: "Inc.,LLC,Co.",
        legal_percent: 50,
        offices: false,
        chains: "Roto-Flow",
    },
    Category {
        directory: "Real Estate Agents",
        reviews: "real estate agents",
        names: "{S} {N},{A} {N},{F} {S} {N},{C} {N}",
        adjectives: "Premier,Keystone,Hometown,Gateway,Landmark,Summit,Heritage,Cornerstone,Pinnacle,\
Coastal,Evergreen,Main Street,Legacy,Horizon,Crown",
        nouns: "Realty,Properties,Homes,Real Estate Group,Real Estate,Realty Group",
        legal_forms: "Inc.,LLC",
        legal_percent: 40,
        offices: true,
        chains: "Key Realty Partners,Century Homes",
    },
];

/// Surnames for business names: English first names' families.
pub(super) const BUSINESS_SURNAMES: &str = "Smith,Johnson,Williams,Brown,Jones,Miller,Davis,\
Garcia,Rodriguez,Wilson,Martinez,Anderson,Taylor,Thomas,Hernandez,Moore,Martin,Jackson,\
Thompson,White,Lopez,Lee,Gonzalez,Harris,Clark,Lewis,Robinson,Walker,Perez,Hall,Young,\
Allen,Sanchez,Wright,King,Scott,Green,Baker,Adams,Nelson,Hill,Ramirez,Campbell,Mitchell,\
Roberts,Carter,Phillips,Evans,Turner,Torres,Parker,Collins,Edwards,Stewart,Flores,Morris,\
Nguyen,Murphy,Rivera,Cook,Rogers,Morgan,Peterson,Cooper,Reed,Bailey,Bell,Gomez,Kelly,\
Howard,Ward,Cox,Diaz,Richardson,Wood,Watson,Brooks,Bennett,Gray,James,Reyes,Cruz,Hughes,\
Price,Myers,Long,Foster,Sanders,Ross,Morales,Powell,Sullivan,Russell,Ortiz,Jenkins,Gutierrez,\
Perry,Butler,Barnes,Fisher,Henderson,Coleman,Simmons,Patterson,Jordan,Reynolds,Hamilton,\
Graham,Kim,Gonzales,Alexander,Ramos,Wallace,Griffin,West,Cole,Hayes,Chavez,Gibson,Bryant,\
Ellis,Stevens,Murray,Ford,Marshall,Owens,McDonald,Harrison,Ruiz,Kennedy,Wells,Alvarez,\
Woods,Mendoza,Castillo,Olson,Webb,Washington,Tucker,Freeman,Burns,Henry,Vasquez,Snyder,\
Simpson,Crawford,Jimenez,Porter,Mason,Shaw,Gordon,Wagner,Hunter,Romero,Hicks,Dixon,Hunt,\
Palmer,Robertson,Black,Holmes,Stone,Meyer,Boyd,Mills,Warren,Fox,Rose,Rice,Moreno,Schmidt,\
Patel,Ferguson,Nichols,Herrera,Medina,Ryan,Fernandez,Weaver,Daniels,Stephens,Gardner";

/// Given names for business names.
pub(super) const BUSINESS_GIVEN: &str = "Tony,Mario,Joe,Sal,Frank,Mike,Dave,Jim,Bob,Maria,Rosa,\
Linda,Carmen,Sam,Eddie,Lou,Gina,Nick,Pete,Ray,Al,Jerry,Lisa,Karen,John,Paul,Steve,Rick,Ann";

/// Address units of offices: how the directory and the reviews site
/// write suite 200.
pub(super) const SUITE_FORMATS: [&str; 5] = [", Suite ", " Ste ", " #", " Ste. ", ", Unit "];
