//! The word lists the generator draws from, written for this crate.
//!
//! Each list is one comma-separated string, ordered from the most to the
//! least frequent entry, so a Zipf-like draw over the positions gives the
//! skew of real populations (many Smiths, few Ashcrofts). Keeping them as
//! strings keeps the source small; they are split once per generation run.

/// One naming culture: given names by gender, family names, and the
/// relative share of the international population it has.
pub(super) struct Culture {
    /// Weight among the international cultures (English has none: its
    /// share is what remains after the international rate).
    pub(super) weight: u32,
    pub(super) male: &'static str,
    pub(super) female: &'static str,
    pub(super) family: &'static str,
    /// An e-mail provider of the home country, used for a share of its
    /// people's addresses.
    pub(super) domain: &'static str,
}

/// English / US names first, then the international cultures.
pub(super) const CULTURES: [Culture; 12] = [
    Culture {
        weight: 0,
        male: "James,John,Robert,Michael,William,David,Richard,Joseph,Thomas,Charles,\
Christopher,Daniel,Matthew,Anthony,Mark,Donald,Steven,Paul,Andrew,Joshua,Kenneth,Kevin,\
Brian,George,Timothy,Ronald,Edward,Jason,Jeffrey,Ryan,Jacob,Gary,Nicholas,Eric,Jonathan,\
Stephen,Larry,Justin,Scott,Brandon,Benjamin,Samuel,Gregory,Alexander,Frank,Patrick,Raymond,\
Jack,Dennis,Jerry,Tyler,Aaron,Adam,Nathan,Henry,Douglas,Zachary,Peter,Kyle,Ethan,Walter,\
Noah,Jeremy,Christian,Keith,Roger,Terry,Gerald,Harold,Sean,Austin,Carl,Arthur,Lawrence,\
Dylan,Jesse,Jordan,Bryan,Billy,Joe,Bruce,Gabriel,Logan,Albert,Willie,Alan,Wayne,Elijah,\
Randy,Roy,Vincent,Ralph,Eugene,Russell,Bobby,Mason,Philip,Louis,Liam,Oliver,Lucas,Owen,\
Caleb,Isaac,Luke,Hunter,Connor,Evan,Ian,Cameron,Colin,Derek,Trevor,Victor,Martin,Howard,\
Fred,Ernest,Todd,Craig,Shawn,Glenn,Leonard,Stanley,Francis,Marcus,Theodore,Dale,Curtis,Neil,\
Allen,Mitchell,Warren,Chad,Spencer,Grant,Troy,Leo,Max,Miles,Elliott,Rodney,Herbert,Calvin",
        female: "Mary,Patricia,Jennifer,Linda,Elizabeth,Barbara,Susan,Jessica,Sarah,Karen,\
Lisa,Nancy,Betty,Margaret,Sandra,Ashley,Kimberly,Emily,Donna,Michelle,Carol,Amanda,Dorothy,\
Melissa,Deborah,Stephanie,Rebecca,Sharon,Laura,Cynthia,Kathleen,Amy,Angela,Shirley,Anna,\
Brenda,Pamela,Emma,Nicole,Helen,Samantha,Katherine,Christine,Debra,Rachel,Carolyn,Janet,\
Catherine,Heather,Diane,Ruth,Julie,Olivia,Joyce,Virginia,Victoria,Kelly,Lauren,Christina,\
Joan,Evelyn,Judith,Megan,Andrea,Cheryl,Hannah,Jacqueline,Martha,Gloria,Teresa,Ann,Sara,\
Madison,Frances,Kathryn,Janice,Jean,Abigail,Alice,Judy,Sophia,Grace,Denise,Amber,Doris,\
Marilyn,Danielle,Beverly,Isabella,Theresa,Diana,Natalie,Brittany,Charlotte,Marie,Kayla,\
Alexis,Lori,Ava,Mia,Harper,Chloe,Ella,Zoe,Lily,Claire,Hazel,Violet,Lucy,Penelope,Audrey,\
Ruby,Stella,Paige,Molly,Eleanor,Leah,Caroline,Valerie,Wendy,Tiffany,Holly,Erin,Tracy,Joanne,\
Rose,Vanessa,Bethany,Felicity,Gwendolyn,Harriet,Ivy,Josephine,Louise,Miriam,Naomi,Rosemary",
        family: "Smith,Johnson,Williams,Brown,Jones,Garcia,Miller,Davis,Rodriguez,Martinez,\
Hernandez,Lopez,Gonzalez,Wilson,Anderson,Thomas,Taylor,Moore,Jackson,Martin,Lee,Perez,\
Thompson,White,Harris,Sanchez,Clark,Ramirez,Lewis,Robinson,Walker,Young,Allen,King,Wright,\
Scott,Torres,Nguyen,Hill,Flores,Green,Adams,Nelson,Baker,Hall,Rivera,Campbell,Mitchell,\
Carter,Roberts,Gomez,Phillips,Evans,Turner,Diaz,Parker,Cruz,Edwards,Collins,Reyes,Stewart,\
Morris,Morales,Murphy,Cook,Rogers,Gutierrez,Ortiz,Morgan,Cooper,Peterson,Bailey,Reed,Kelly,\
Howard,Ramos,Kim,Cox,Ward,Richardson,Watson,Brooks,Chavez,Wood,James,Bennett,Gray,Mendoza,\
Ruiz,Hughes,Price,Alvarez,Castillo,Sanders,Patel,Myers,Long,Ross,Foster,Jimenez,Powell,\
Jenkins,Perry,Russell,Sullivan,Bell,Coleman,Butler,Henderson,Barnes,Gonzales,Fisher,\
Vasquez,Simmons,Romero,Jordan,Patterson,Alexander,Hamilton,Graham,Reynolds,Griffin,Wallace,\
Moreno,West,Cole,Hayes,Bryant,Herrera,Gibson,Ellis,Tran,Medina,Aguilar,Stevens,Murray,Ford,\
Castro,Marshall,Owens,Harrison,Fernandez,McDonald,Woods,Washington,Kennedy,Wells,Vargas,\
Henry,Chen,Freeman,Webb,Tucker,Guzman,Burns,Crawford,Olson,Simpson,Porter,Hunter,Gordon,\
Mendez,Silva,Shaw,Snyder,Mason,Dixon,Munoz,Hunt,Hicks,Holmes,Palmer,Wagner,Black,Robertson,\
Boyd,Rose,Stone,Salazar,Fox,Warren,Mills,Meyer,Rice,Schmidt,Garza,Daniels,Ferguson,Nichols,\
Stephens,Soto,Weaver,Ryan,Gardner,Payne,Grant,Dunn,Kelley,Spencer,Hawkins,Arnold,Pierce,\
Vazquez,Hansen,Peters,Santos,Hart,Bradley,Knight,Elliott,Cunningham,Duncan,Armstrong,\
Hudson,Carroll,Lane,Riley,Andrews,Alvarado,Ray,Delgado,Berry,Perkins,Hoffman,Johnston,\
Matthews,Pena,Richards,Contreras,Willis,Carpenter,Lawrence,Sandoval,Guerrero,George,Chapman,\
Rios,Estrada,Ortega,Watkins,Greene,Nunez,Wheeler,Valdez,Harper,Burke,Larson,Santiago,\
Maldonado,Morrison,Franklin,Carlson,Austin,Dominguez,Carr,Lawson,Jacobs,OBrien,Lynch,\
Singh,Vega,Bishop,Montgomery,Oliver,Jensen,Harvey,Williamson,Gilbert,Dean,Sims,Espinoza,\
Howell,Li,Wong,Reid,Hanson,Le,McCoy,Garrett,Burton,Fuller,Wang,Weber,Welch,Rojas,Lucas,\
Marquez,Fields,Park,Yang,Little,Banks,Padilla,Day,Walsh,Bowman,Schultz,Luna,Fowler,Mejia,\
Davidson,Acosta,Brewer,May,Holland,Juarez,Newman,Pearson,Curtis,Cortez,Douglas,Schneider,\
Joseph,Barrett,Navarro,Figueroa,Keller,Avila,Wade,Molina,Stanley,Hopkins,Campos,Barnett,\
Bates,Chambers,Caldwell,Beck,Lambert,Miranda,Byrd,Craig,Ayala,Lowe,Frazier,Powers,Neal,\
Leonard,Gregory,Carrillo,Sutton,Fleming,Rhodes,Shelton,Schwartz,Norris,Jennings,Watts,\
Duran,Walters,Cohen,McDaniel,Moran,Parks,Steele,Vaughn,Becker,Holt,DeLeon,Barker,Terry,\
Hale,Leon,Hail,Benson,Haynes,Horton,Miles,Lyons,Pham,Graves,Bush,Thornton,Wolfe,Warner,\
Cabrera,McKinney,Mann,Zimmerman,Dawson,Lara,Fletcher,Page,McCarthy,Love,Robles,Cervantes,\
Solis,Erickson,Reeves,Chang,Klein,Salinas,Fuentes,Baldwin,Daniel,Simon,Velasquez,Hardy,\
Higgins,Aguirre,Lin,Cummings,Chandler,Sharp,Barber,Bowen,Ochoa,Dennis,Robbins,Liu,Ramsey,\
Francis,Griffith,Paul,Blair,OConnor,Cardenas,Pacheco,Cross,Calderon,Quinn,Moss,Swanson,\
Chan,Rivas,Khan,Rodgers,Serrano,Fitzgerald,Rosales,Stevenson,Christensen,Manning,Gill,\
Curry,McLaughlin,Harmon,McGee,Gross,Doyle,Garner,Newton,Burgess,Reese,Walton,Blake,Trujillo,\
Adkins,Brady,Goodman,Roman,Webster,Goodwin,Fischer,Huang,Potter,Delacruz,Montoya,Todd,Wu,\
Hines,Mullins,Castaneda,Malone,Cannon,Tate,Mack,Sherman,Hubbard,Hodges,Zhang,Guerra,Wolf,\
Valencia,Saunders,Franco,Rowe,Gallagher,Farmer,Hammond,Hampton,Townsend,Ingram,Wise,\
Gallegos,Clarke,Barton,Schroeder,Maxwell,Waters,Logan,Camacho,Strickland,Norman,Person,\
Colon,Parsons,Frank,Harrington,Glover,Osborne,Buchanan,Casey,Floyd,Patton,Ibarra,Ball,Tyler,\
Suarez,Bowers,Orozco,Salas,Cobb,Gibbs,Andrade,Bauer,Conner,Moody,Escobar,McGuire,Lloyd,\
Mueller,Hartman,French,Kramer,McBride,Pope,Lindsey,Velazquez,Norton,McCormick,Sparks,Flynn,\
Yates,Hogan,Marsh,Macias,Villanueva,Zamora,Pratt,Stokes,Owen,Ballard,Lang,Brock,Villarreal,\
Charles,Drake,Barrera,Cain,Patrick,Pineda,Burnett,Mercado,Santana,Shepherd,Bautista,Ali,\
Shaffer,Lamb,Trevino,McKenzie,Hess,Beil,Olsen,Cochran,Morton,Nash,Wilkins,Petersen,Briggs,\
Shah,Roth,Nicholson,Holloway,Lozano,Rangel,Flowers,Hoover,Short,Arias,Mora,Valenzuela,\
Bryan,Meyers,Weiss,Underwood,Bass,Greer,Summers,Houston,Carson,Morrow,Clayton,Whitaker,\
Decker,Yoder,Collier,Zuniga,Carey,Wilcox,Melendez,Poole,Roberson,Larsen,Conley,Davenport,\
Copeland,Massey,Lam,Huff,Rocha,Cameron,Jefferson,Hood,Monroe,Anthony,Pittman,Huynh,Randall,\
Singleton,Kirk,Combs,Mathis,Christian,Skinner,Bradford,Richard,Galvan,Wall,Boone,Kirby,\
Wilkinson,Bridges,Bruce,Atkinson,Velez,Meza,Roy,Vincent,York,Hodge,Villa,Abbott,Allison,\
Tapia,Gates,Chase,Sosa,Sweeney,Farrell,Wyatt,Dalton,Horn,Barron,Phelps,Yu,Dickerson,\
Heath,Foley,Atkins,Mathews,Bonilla,Acevedo,Benitez,Zavala,Hensley,Glenn,Cisneros,Harrell,\
Shields,Rubio,Choi,Huffman,Boyer,Garrison,Arroyo,Bond,Kane,Hancock,Callahan,Dillon,Cline,\
Wiggins,Grimes,Arellano,Melton,ONeill,Savage,Ho,Beltran,Pitts,Parrish,Ponce,Rich,Booth,\
Koch,Golden,Ware,Brennan,McDowell,Marks,Cantu,Humphrey,Baxter,Sawyer,Clay,Tanner,Hutchinson,\
Kaur,Berg,Wiley,Gilmore,Russo,Villegas,Hobbs,Keith,Wilkerson,Ahmed,Beard,McClain,Montes,\
Mata,Rosario,Vang,Walter,Henson,ONeal,Mosley,McClure,Beasley,Stephenson,Snow,Huerta,Preston,\
Vance,Barry,Johns,Eaton,Blackwell,Dyer,Prince,MacDonald,Solomon,Guevara,Stafford,English,\
Hurst,Woodard,Cortes,Shannon,Kemp,Nolan,McCullough,Merritt,Murillo,Moon,Salgado,Strong,\
Kline,Cordova,Barajas,Roach,Rosas,Winters,Jacobson,Lester,Knox,Bullock,Kerr,Leach,Meadows,\
Orr,Davila,Whitehead,Pruitt,Kent,Conway,McKee,Barr,David,Dejesus,Marin,Berger,McIntyre,\
Blankenship,Gaines,Palacios,Cuevas,Bartlett,Durham,Dorsey,McCall,ODonnell,Stein,Browning,\
Stout,Lowery,Sloan,McLean,Hendricks,Calhoun,Sexton,Chung,Gentry,Hull,Duarte,Ellison,Nielsen,\
Gillespie,Buck,Middleton,Sellers,Leblanc,Esparza,Hardin,Bradshaw,McIntosh,Howe,Livingston,\
Frost,Glass,Morse,Knapp,Herman,Stark,Bravo,Noble,Spears,Weeks,Corona,Frederick,Buckley,\
McFarland,Hebert,Enriquez,Hickman,Quintero,Randolph,Schaefer,Walls,Trejo,House,Reilly,\
Pennington,Michael,Conrad,Giles,Benjamin,Crosby,Fitzpatrick,Donovan,Mays,Mahoney,Valentine,\
Raymond,Medrano,Hahn,McMillan,Small,Bentley,Felix,Peck,Lucero,Boyle,Hanna,Pace,Rush,Hurley,\
Harding,McConnell,Bernal,Nava,Ayers,Everett,Ventura,Avery,Pugh,Mayer,Bender,Shepard,McMahon,\
Landry,Case,Sampson,Moses,Magana,Blackburn,Dunlap,Gould,Duffy,Vaughan,Herring,McKay,Espinosa,\
Rivers,Farley,Bernard,Ashley,Friedman,Potts,Truong,Costa,Correa,Blevins,Nixon,Clements,Fry,\
Delarosa,Best,Benton,Lugo,Portillo,Dougherty,Crane,Haley,Phan,Villalobos,Blanchard,Horne,\
Finley,Quintana,Lynn,Esquivel,Kaufman,Van Dyke,St. John",
        domain: "gmail.com",
    },
    // German
    Culture {
        weight: 10,
        male: "Lukas,Jürgen,Jörg,Stefan,Matthias,Uwe,Klaus,Günter,Dieter,Florian,Tobias,Maximilian,Björn,Horst",
        female: "Anna,Ursula,Sabine,Katrin,Petra,Jutta,Brigitte,Annegret,Lena,Dörte,Birgit,Käthe,Renate,Gisela",
        family: "Müller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Schulz,Hoffmann,\
Schäfer,Koch,Bauer,Richter,Klein,Wolf,Schröder,Neumann,Schwarz,Zimmermann,Braun,Krüger,\
Hofmann,Hartmann,Lange,Schmitt,Werner,Schmitz,Krause,Meier,Lehmann,Köhler,Groß,Weiß,Jäger,\
Möller,Böhm,Voß,Keßler,Günther",
        domain: "gmx.de",
    },
    // French
    Culture {
        weight: 8,
        male: "François,Jérôme,Stéphane,Thierry,Benoît,Olivier,Sébastien,Étienne,Rémi,Gaël,Mathis,Loïc",
        female: "Hélène,Élodie,Céline,Amélie,Chloé,Océane,Françoise,Cécile,Noémie,Manon,Margaux,Solène",
        family: "Martin,Bernard,Dubois,Thomas,Robert,Richard,Petit,Durand,Leroy,Moreau,Simon,\
Laurent,Lefèvre,Michel,Garnier,Faure,Rousseau,Blanc,Guérin,Muller,Henry,Roussel,Nicolas,\
Perrin,Morin,Mathieu,Clément,Gauthier,Dumont,Lopez,Fontaine,Chevalier,Robin,Masson,\
Sanchez,Gérard,Boyer,Denis,Lemaître,Bérenger",
        domain: "orange.fr",
    },
    // Spanish
    Culture {
        weight: 20,
        male: "José,Juan,Luis,Carlos,Jesús,Javier,Miguel,Ángel,Sergio,Raúl,Andrés,Martín,Iván,Rubén,Óscar,Joaquín,Alejandro,Adrián",
        female: "María,Carmen,Lucía,Sofía,Isabel,Dolores,Mercedes,Inés,Raquel,Beatriz,Ana,Verónica,Mónica,Rocío,Begoña,Ángela,Pilar,Nuria",
        family: "García,Rodríguez,González,Fernández,López,Martínez,Sánchez,Pérez,Gómez,\
Martín,Jiménez,Ruiz,Hernández,Díaz,Moreno,Muñoz,Álvarez,Romero,Alonso,Gutiérrez,Navarro,\
Torres,Domínguez,Vázquez,Ramos,Gil,Ramírez,Serrano,Blanco,Molina,Morales,Suárez,Ortega,\
Delgado,Castro,Ortiz,Rubio,Marín,Sanz,Núñez,Iglesias,Medina,Garrido,Cortés,Castillo,\
Santos,Lozano,Guerrero,Cano,Prieto,Méndez,Cruz,Calvo,Gallego,Vidal,León,Márquez,Herrera,\
Peña,Flores,Cabrera,Campos,Vega,Fuentes,Carrasco,Diez,Caballero,Reyes,Nieto,Aguilar,\
Pascual,Santana,Herrero,Montero,Lorenzo,Hidalgo,Giménez,Ibáñez,Ferrer,Durán,de la Cruz",
        domain: "hotmail.es",
    },
    // Polish
    Culture {
        weight: 8,
        male: "Łukasz,Paweł,Michał,Krzysztof,Piotr,Tomasz,Wojciech,Józef,Jakub,Grzegorz,Bartłomiej,Maciej",
        female: "Małgorzata,Agnieszka,Katarzyna,Magdalena,Joanna,Ewa,Barbara,Zofia,Beata,Dorota,Jadwiga,Halina",
        family: "Nowak,Kowalski,Wiśniewski,Wójcik,Kowalczyk,Kamiński,Lewandowski,Zieliński,\
Szymański,Woźniak,Dąbrowski,Kozłowski,Jankowski,Mazur,Kwiatkowski,Krawczyk,Piotrowski,\
Grabowski,Nowakowski,Pawłowski,Michalski,Nowicki,Adamczyk,Dudek,Zając,Wieczorek,Jabłoński,\
Król,Majewski,Olszewski,Jaworski,Wróbel,Malinowski,Pawlak,Witkowski,Walczak,Stępień,Górski",
        domain: "wp.pl",
    },
    // Nordic
    Culture {
        weight: 5,
        male: "Søren,Bjørn,Lars,Anders,Jørgen,Mikael,Henrik,Åke,Göran,Magnus,Nils,Ståle",
        female: "Åsa,Ingrid,Kirsten,Sigrid,Maja,Astrid,Solveig,Björk,Linnéa,Ragnhild,Mette,Bodil",
        family: "Jensen,Nielsen,Hansen,Pedersen,Andersen,Christensen,Larsen,Sørensen,\
Rasmussen,Jørgensen,Johansson,Andersson,Karlsson,Nilsson,Eriksson,Larsson,Olsson,\
Persson,Svensson,Gustafsson,Sjöberg,Lindström,Åberg,Strøm,Bækgaard,Håkansson,Hägglund,\
Østergaard,Berg,Dahl,Haugen,Solberg,Lie,Halvorsen,Kristiansen",
        domain: "outlook.com",
    },
    // Italian
    Culture {
        weight: 8,
        male: "Giuseppe,Giovanni,Antonio,Mario,Luigi,Francesco,Niccolò,Lorenzo,Matteo,Alessandro,Stefano,Andrea",
        female: "Giulia,Francesca,Chiara,Giuseppina,Rosa,Angela,Alessia,Federica,Martina,Elisa,Sara,Graziella",
        family: "Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci,Marino,Greco,\
Bruno,Gallo,Conti,De Luca,Mancini,Costa,Giordano,Rizzo,Lombardi,Moretti,Barbieri,Fontana,\
Santoro,Mariani,Rinaldi,Caruso,Ferrara,Galli,Martini,Leone,Longo,Gentile,Martinelli,\
Vitale,Lombardo,Serra,Coppola,De Santis,D'Angelo,Marchetti,Parisi,Villa,Conte,Ferraro",
        domain: "libero.it",
    },
    // Dutch
    Culture {
        weight: 5,
        male: "Jan,Sjoerd,Pieter,Joost,Maarten,Bram,Daan,Sander,Thijs,Ruud,Wouter,Gijs",
        female: "Anouk,Femke,Sanne,Marieke,Lotte,Eline,Ilse,Noor,Saskia,Anke,Mirjam,Joke",
        family: "de Jong,Jansen,de Vries,van den Berg,van Dijk,Bakker,Janssen,Visser,Smit,\
Meijer,de Boer,Mulder,de Groot,Bos,Vos,Peters,Hendriks,van Leeuwen,Dekker,Brouwer,de Wit,\
Dijkstra,Smits,de Graaf,van der Meer,van der Linden,Kok,Jacobs,de Haan,Vermeulen",
        domain: "ziggo.nl",
    },
    // Turkish
    Culture {
        weight: 4,
        male: "Mehmet,Mustafa,Ahmet,Ali,Hüseyin,Hasan,İbrahim,Murat,Ömer,Yusuf,Emre,Çağrı",
        female: "Ayşe,Fatma,Emine,Hatice,Zeynep,Elif,Özlem,Gül,Şule,Derya,Büşra,Merve",
        family: "Yılmaz,Kaya,Demir,Şahin,Çelik,Yıldız,Yıldırım,Öztürk,Aydın,Özdemir,Arslan,\
Doğan,Kılıç,Aslan,Çetin,Kara,Koç,Kurt,Özkan,Şimşek,Polat,Korkmaz,Erdoğan,Güneş",
        domain: "hotmail.com",
    },
    // Vietnamese
    Culture {
        weight: 8,
        male: "Minh,Hùng,Dũng,Tuấn,Quang,Thành,Hiếu,Long,Phúc,Khánh,Huy,Đức",
        female: "Lan,Hương,Linh,Mai,Ngọc,Thảo,Trang,Hằng,Phương,Vy,Hoa,Nhung",
        family: "Nguyễn,Trần,Lê,Phạm,Hoàng,Huỳnh,Phan,Vũ,Võ,Đặng,Bùi,Đỗ,Hồ,Ngô,Dương,Lý",
        domain: "yahoo.com",
    },
    // Chinese, romanised
    Culture {
        weight: 12,
        male: "Wei,Jun,Hao,Jian,Lei,Yong,Tao,Ming,Qiang,Bo,Xiang,Zhiwei,Haoran,Yifan",
        female: "Li,Fang,Jing,Min,Yan,Xiu,Hui,Ling,Xiaoling,Mei,Ying,Qian,Xue,Yue",
        family: "Wang,Li,Zhang,Liu,Chen,Yang,Huang,Zhao,Wu,Zhou,Xu,Sun,Ma,Zhu,Hu,Guo,He,\
Lin,Gao,Luo,Zheng,Liang,Xie,Song,Tang,Han,Feng,Deng,Cao,Peng",
        domain: "qq.com",
    },
    // Indian
    Culture {
        weight: 12,
        male: "Rahul,Amit,Rajesh,Sanjay,Vijay,Arjun,Suresh,Anil,Ravi,Deepak,Aditya,Vikram,Pranav,Rohan",
        female: "Priya,Ananya,Pooja,Sunita,Anjali,Kavita,Neha,Divya,Lakshmi,Meera,Aishwarya,Shreya,Deepika,Sneha",
        family: "Patel,Sharma,Singh,Kumar,Gupta,Shah,Reddy,Rao,Iyer,Nair,Mehta,Joshi,Desai,\
Agarwal,Chopra,Malhotra,Kapoor,Banerjee,Chatterjee,Mukherjee,Das,Bose,Pillai,Menon,\
Srinivasan,Krishnan,Verma,Mishra,Pandey,Bhatt",
        domain: "rediffmail.com",
    },
];

/// First parts of the rare English surnames the generator composes for
/// its long tail (`Ash` + `` + `ford`, `Harr` + `ing` + `ton`).
pub(super) const SURNAME_HEADS: &str = "Ash,Black,Brad,Brook,Bur,Craw,Dun,Fair,Hal,Harr,Hol,\
Kel,Lang,Mar,Pem,Rad,Stan,Thorn,Whit,Wood,Ald,Bar,Chad,Cran,Dal,Elm,Fen,Gold,Green,Hart,\
Hay,Kings,Lock,Mid,Nor,Pen,Red,Rush,Shel,Stock,Sut,Wel,Wes,Win,Yar,Ather,Bex,Cal,Dray,Emer";

/// Middle parts, often empty.
pub(super) const SURNAME_MIDDLES: &str = ",,,,,,,,ing,er";

/// Last parts.
pub(super) const SURNAME_TAILS: &str = "ford,ley,ton,wick,well,worth,by,field,more,ham,dale,\
bury,combe,stead,wood,ridge,shaw,man,croft,hurst,low,mere,thorpe,wright,brook,cott,den,\
gate,haven,stone";

/// English given names and their nicknames: formal name, then nicknames
/// separated by `/`. Every pair is one `crate::normalize` recognises.
pub(super) const NICKNAMES: &str = "Abigail=Abby,Albert=Al/Bert,Alexander=Alex/Alec,\
Amanda=Mandy,Andrew=Andy/Drew,Angela=Angie,Anthony=Tony,Barbara=Barb/Babs,Benjamin=Ben/Benny,\
Beverly=Bev,Calvin=Cal,Catherine=Kate/Cathy/Katie,Charles=Charlie/Chuck,Christina=Chris/Tina,\
Christine=Chris/Tina,Christopher=Chris/Kit,Cynthia=Cindy,Daniel=Dan/Danny,Deborah=Deb/Debbie,\
Donald=Don,Dorothy=Dot/Dottie,Douglas=Doug,Edward=Ed/Eddie/Ted/Ned,\
Elizabeth=Liz/Beth/Betty/Lizzie/Eliza,Eugene=Gene,Frances=Fran,Gerald=Gerry/Jerry,\
Gregory=Greg,Harold=Hal/Harry,Henry=Hank/Harry,Herbert=Herb/Bert,Isabella=Bella/Izzy,\
Jacqueline=Jackie,James=Jim/Jimmy/Jamie,Jeffrey=Jeff,Jennifer=Jen/Jenny,Jessica=Jess/Jessie,\
John=Jack/Johnny,Jonathan=Jon,Joseph=Joe/Joey,Joshua=Josh,Judith=Judy,Katherine=Kate/Kathy/Katie,\
Kathleen=Kathy/Kate,Kathryn=Kathy/Kate,Kenneth=Ken/Kenny,Kimberly=Kim,Lawrence=Larry,\
Leonard=Len/Lenny,Margaret=Peggy/Maggie/Meg/Marge,Matthew=Matt,Melissa=Missy/Mel,\
Michael=Mike/Mikey/Mick,Mitchell=Mitch,Nathan=Nate,Nicholas=Nick/Nicky,Pamela=Pam,\
Patricia=Pat/Patty/Trish,Patrick=Pat/Paddy,Penelope=Penny,Peter=Pete,Philip=Phil,\
Raymond=Ray,Rebecca=Becky/Becca,Richard=Rick/Dick/Rich,Robert=Bob/Rob/Bobby,Ronald=Ron/Ronnie,\
Russell=Russ,Samantha=Sam,Samuel=Sam/Sammy,Sandra=Sandy,Stanley=Stan,Stephanie=Steph,\
Stephen=Steve,Steven=Steve,Susan=Sue/Susie,Theodore=Ted/Teddy/Theo,Thomas=Tom/Tommy,\
Timothy=Tim/Timmy,Victoria=Vicky/Tori,Vincent=Vince,Walter=Walt/Wally,\
William=Bill/Will/Billy/Liam,Zachary=Zach/Zack";

/// Street names, most common first.
pub(super) const STREETS: &str = "Main,Oak,Pine,Maple,Cedar,Elm,Washington,Lake,Hill,Park,\
Walnut,Sunset,Lincoln,Jackson,Church,River,Highland,Spring,Willow,Center,Franklin,Ridge,\
Meadow,Jefferson,Chestnut,Forest,Madison,Adams,Dogwood,Lakeview,Hickory,Birch,Cherry,\
Mill,Valley,Spruce,Sycamore,Grove,Magnolia,Poplar,Lee,Railroad,Wilson,Broad,Laurel,Holly,\
Woodland,Prospect,Smith,Green,Church Hill,Bay,Orchard,College,Union,Market,Water,Front,\
Bridge,High,School,Academy,Liberty,Locust,Cottage,Heritage,Fairview,Summit,Windsor,\
Hawthorn,Aspen,Juniper,Primrose,Rosewood,Briarwood,Quail,Fox Run,Deer Creek,Old Mill,\
Country Club,Kings,Queens,Harbor,Ocean,Bayview,Canyon,Mesa,Cypress,Palm,Mountain View,\
Second,Third,Fourth,Fifth,Sixth,Seventh,Eighth,Ninth,Tenth";

/// Street types: full word, then its usual abbreviation.
pub(super) const STREET_TYPES: [(&str, &str); 12] = [
    ("Street", "St"),
    ("Avenue", "Ave"),
    ("Road", "Rd"),
    ("Drive", "Dr"),
    ("Lane", "Ln"),
    ("Court", "Ct"),
    ("Boulevard", "Blvd"),
    ("Place", "Pl"),
    ("Way", "Way"),
    ("Terrace", "Ter"),
    ("Circle", "Cir"),
    ("Parkway", "Pkwy"),
];

/// US cities, largest first: name, area code, first three ZIP digits.
/// Springfield, Portland, Columbus and Aurora appear twice, in different
/// states, as they do in real address files.
pub(super) const CITIES: &str = "New York 212 100,Los Angeles 213 900,Chicago 312 606,\
Houston 713 770,Phoenix 602 850,Philadelphia 215 191,San Antonio 210 782,San Diego 619 921,\
Dallas 214 752,San Jose 408 951,Austin 512 787,Jacksonville 904 322,Fort Worth 817 761,\
Columbus 614 432,Charlotte 704 282,Indianapolis 317 462,San Francisco 415 941,Seattle 206 981,\
Denver 303 802,Washington 202 200,Boston 617 021,Nashville 615 372,Detroit 313 482,\
Portland 503 972,Las Vegas 702 891,Memphis 901 381,Louisville 502 402,Baltimore 410 212,\
Milwaukee 414 532,Albuquerque 505 871,Tucson 520 857,Fresno 559 937,Sacramento 916 958,\
Kansas City 816 641,Atlanta 404 303,Omaha 402 681,Raleigh 919 276,Miami 305 331,\
Minneapolis 612 554,Tulsa 918 741,Cleveland 216 441,Wichita 316 672,Arlington 817 760,\
New Orleans 504 701,Tampa 813 336,Honolulu 808 968,Aurora 303 800,Anaheim 714 928,\
Pittsburgh 412 152,Cincinnati 513 452,St. Louis 314 631,Saint Paul 651 551,Buffalo 716 142,\
Newark 973 071,Orlando 407 328,Madison 608 537,Durham 919 277,Reno 775 895,Boise 208 837,\
Richmond 804 232,Spokane 509 992,Des Moines 515 503,Birmingham 205 352,Rochester 585 146,\
Salt Lake City 801 841,Providence 401 029,Hartford 860 061,Springfield 413 011,\
Springfield 217 627,Springfield 417 658,Portland 207 041,Columbus 706 319,Aurora 630 605,\
Burlington 802 054,Savannah 912 314,Charleston 843 294,Knoxville 865 379,Ann Arbor 734 481,\
Albany 518 122,Syracuse 315 132,Trenton 609 086,Wilmington 302 198,Manchester 603 031,\
Fargo 701 581,Sioux Falls 605 571,Billings 406 591,Cheyenne 307 820,Anchorage 907 995";

/// Consumer e-mail providers, most used first.
pub(super) const EMAIL_DOMAINS: &str = "gmail.com,yahoo.com,hotmail.com,outlook.com,\
icloud.com,aol.com,comcast.net,att.net,msn.com,live.com,verizon.net,protonmail.com,me.com,\
sbcglobal.net,mail.com";

/// Titles by gender (male, female) and generational suffixes.
pub(super) const MALE_TITLES: &str = "Mr.,Dr.,Mr,Prof.";
pub(super) const FEMALE_TITLES: &str = "Mrs.,Ms.,Dr.,Miss,Ms";
pub(super) const SUFFIXES: &str = "Jr.,Sr.,II,III,Jr";

/// Splits a comma-separated list into trimmed entries (empty ones kept:
/// [`SURNAME_MIDDLES`] needs them).
pub(super) fn split_list(list: &'static str) -> Vec<&'static str> {
    list.split(',').map(str::trim).collect()
}

/// The nickname table of [`NICKNAMES`], sorted by formal name for binary
/// search.
#[derive(Debug, Clone)]
pub(super) struct Nicknames(Vec<(&'static str, Vec<&'static str>)>);

impl Nicknames {
    pub(super) fn new() -> Nicknames {
        let mut table: Vec<(&'static str, Vec<&'static str>)> = split_list(NICKNAMES)
            .into_iter()
            .filter_map(|entry| {
                let (formal, short) = entry.split_once('=')?;
                Some((formal, short.split('/').collect()))
            })
            .collect();
        table.sort_unstable_by_key(|(formal, _)| *formal);
        Nicknames(table)
    }

    /// The nicknames of a formal given name (empty when it has none).
    pub(super) fn of(&self, given: &str) -> &[&'static str] {
        self.0
            .binary_search_by_key(&given, |(formal, _)| *formal)
            .ok()
            .and_then(|index| self.0.get(index))
            .map_or(&[], |(_, short)| short.as_slice())
    }
}
