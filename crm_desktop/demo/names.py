"""Word lists for the demo data: Persian names, titles, organisations, places and streets.

Names come with a Latin spelling for e-mail addresses. A few are spelled the way an Arabic
keyboard layout types them (ي, ك) and a few last names are compounds joined by ZWNJ («علی‌پور»),
so that search normalisation and Persian sorting get exercised by every demo database.
Letters that code-point order puts after ی (پ چ ژ گ) start names on purpose.
"""

from __future__ import annotations

ZWNJ = "\u200c"

# (Persian, Latin) pairs.
MALE_FIRST_NAMES = (
    ("علی", "ali"), ("محمد", "mohammad"), ("حسین", "hossein"), ("رضا", "reza"), ("مهدی", "mahdi"),
    ("امیر", "amir"), ("حسن", "hasan"), ("مصطفی", "mostafa"), ("سعید", "saeed"), ("مجید", "majid"),
    ("احمد", "ahmad"), ("محسن", "mohsen"), ("جواد", "javad"), ("حمید", "hamid"), ("ابوالفضل", "abolfazl"),
    ("امیرحسین", "amirhossein"), ("محمدرضا", "mohammadreza"), ("علیرضا", "alireza"), ("بهروز", "behrouz"),
    ("بهزاد", "behzad"), ("فرهاد", "farhad"), ("کاظم", "kazem"), ("کامران", "kamran"), ("کوروش", "kourosh"),
    ("داریوش", "dariush"), ("پیمان", "peyman"), ("پویا", "pouya"), ("پرویز", "parviz"), ("پرهام", "parham"),
    ("پژمان", "pejman"), ("چنگیز", "changiz"), ("ژوبین", "zhobin"), ("گودرز", "goudarz"), ("گشتاسب", "goshtasb"),
    ("یوسف", "yousef"), ("یاسر", "yaser"), ("وحید", "vahid"), ("هادی", "hadi"), ("هومن", "houman"),
    ("نیما", "nima"), ("نوید", "navid"), ("میلاد", "milad"), ("مرتضی", "morteza"), ("مسعود", "masoud"),
    ("مهران", "mehran"), ("منصور", "mansour"), ("عباس", "abbas"), ("عرفان", "erfan"), ("عماد", "emad"),
    ("غلامرضا", "gholamreza"), ("فرشید", "farshid"), ("فریدون", "fereydoun"), ("قاسم", "ghasem"),
    ("کیوان", "keyvan"), ("کیانوش", "kianoush"), ("سجاد", "sajjad"), ("سامان", "saman"), ("سیاوش", "siavash"),
    ("شهرام", "shahram"), ("شاهین", "shahin"), ("صادق", "sadegh"), ("طاها", "taha"), ("ذبیح" + ZWNJ + "الله", "zabihollah"),
    ("روح" + ZWNJ + "الله", "rouhollah"), ("اسماعیل", "esmaeil"), ("ایمان", "iman"), ("آرش", "arash"),
    ("آرمان", "arman"), ("بابک", "babak"), ("بردیا", "bardia"), ("تیمور", "teymour"), ("جلال", "jalal"),
    ("خسرو", "khosrow"), ("داوود", "davoud"), ("رامین", "ramin"), ("زانیار", "zaniar"), ("سهراب", "sohrab"),
    ("شایان", "shayan"), ("اکبر", "akbar"), ("اصغر", "asghar"), ("حامد", "hamed"), ("ثامن", "samen"),
    ("ظهیر", "zahir"), ("ضیا", "zia"), ("یعقوب", "yaghoub"), ("اردشیر", "ardeshir"), ("کیارش", "kiarash"),
    # typed with an Arabic keyboard layout
    ("علي", "ali"), ("كاظم", "kazem"), ("يوسف", "yousef"), ("كامران", "kamran"),
)

FEMALE_FIRST_NAMES = (
    ("فاطمه", "fatemeh"), ("زهرا", "zahra"), ("مریم", "maryam"), ("زینب", "zeinab"), ("معصومه", "masoumeh"),
    ("سارا", "sara"), ("نرگس", "narges"), ("مهسا", "mahsa"), ("الهام", "elham"), ("لیلا", "leila"),
    ("نازنین", "nazanin"), ("ستاره", "setareh"), ("شیرین", "shirin"), ("پریسا", "parisa"), ("پروین", "parvin"),
    ("پگاه", "pegah"), ("پرستو", "parastoo"), ("چکاوک", "chakavak"), ("ژاله", "zhaleh"), ("ژینا", "zhina"),
    ("گلاره", "gelareh"), ("گلناز", "golnaz"), ("گیتا", "gita"), ("آزاده", "azadeh"), ("آیدا", "aida"),
    ("آناهیتا", "anahita"), ("اعظم", "azam"), ("بهاره", "bahareh"), ("بیتا", "bita"), ("ترانه", "taraneh"),
    ("ثریا", "soraya"), ("جمیله", "jamileh"), ("حدیث", "hadis"), ("حمیده", "hamideh"), ("خدیجه", "khadijeh"),
    ("دریا", "darya"), ("راحله", "raheleh"), ("رویا", "roya"), ("ریحانه", "reyhaneh"), ("سمیرا", "samira"),
    ("سپیده", "sepideh"), ("سیمین", "simin"), ("شهلا", "shahla"), ("شبنم", "shabnam"), ("صدیقه", "sedigheh"),
    ("طاهره", "tahereh"), ("عاطفه", "atefeh"), ("غزاله", "ghazaleh"), ("فرشته", "fereshteh"), ("فریبا", "fariba"),
    ("کبری", "kobra"), ("کیمیا", "kimia"), ("لادن", "ladan"), ("مینا", "mina"), ("مهناز", "mahnaz"),
    ("منیژه", "manizheh"), ("نسرین", "nasrin"), ("نگار", "negar"), ("هانیه", "haniyeh"), ("هستی", "hasti"),
    ("یاسمن", "yasaman"), ("یگانه", "yeganeh"), ("ملیکا", "melika"), ("محدثه", "mohaddeseh"), ("فرزانه", "farzaneh"),
    ("ندا", "neda"), ("نیلوفر", "niloufar"), ("ساناز", "sanaz"), ("طناز", "tannaz"), ("ماهرخ", "mahrokh"),
    ("ضحی", "zoha"), ("ذکیه", "zakiyeh"), ("ویدا", "vida"), ("اکرم", "akram"), ("شکوفه", "shekoufeh"),
    # typed with an Arabic keyboard layout
    ("مليكا", "melika"), ("كيميا", "kimia"), ("ياسمن", "yasaman"),
)

LAST_NAMES = (
    ("محمدی", "mohammadi"), ("احمدی", "ahmadi"), ("حسینی", "hosseini"), ("رضایی", "rezaei"), ("موسوی", "mousavi"),
    ("کریمی", "karimi"), ("رحیمی", "rahimi"), ("جعفری", "jafari"), ("صادقی", "sadeghi"), ("نوری", "nouri"),
    ("قاسمی", "ghasemi"), ("حیدری", "heydari"), ("اکبری", "akbari"), ("کاظمی", "kazemi"), ("عباسی", "abbasi"),
    ("ابراهیمی", "ebrahimi"), ("یوسفی", "yousefi"), ("نجفی", "najafi"), ("مرادی", "moradi"), ("کرمانی", "kermani"),
    ("تهرانی", "tehrani"), ("شیرازی", "shirazi"), ("اصفهانی", "esfahani"), ("تبریزی", "tabrizi"),
    ("پورمحمدی", "pourmohammadi"), ("امیری", "amiri"), ("باقری", "bagheri"), ("بهرامی", "bahrami"),
    ("پاکزاد", "pakzad"), ("پارسا", "parsa"), ("پناهی", "panahi"), ("چراغی", "cheraghi"), ("چگینی", "chegini"),
    ("ژیان", "zhian"), ("گودرزی", "goudarzi"), ("گلستانی", "golestani"), ("گرجی", "gorji"), ("ثابتی", "sabeti"),
    ("جلالی", "jalali"), ("خسروی", "khosravi"), ("خلیلی", "khalili"), ("دهقان", "dehghan"),
    ("ذوالفقاری", "zolfaghari"), ("رستمی", "rostami"), ("زارعی", "zarei"), ("ساعدی", "saedi"),
    ("سلطانی", "soltani"), ("شریفی", "sharifi"), ("شجاعی", "shojaei"), ("صفری", "safari"), ("ضیایی", "ziaei"),
    ("طاهری", "taheri"), ("ظریف", "zarif"), ("عزیزی", "azizi"), ("غفاری", "ghaffari"), ("فتحی", "fathi"),
    ("فرهادی", "farhadi"), ("قربانی", "ghorbani"), ("کامرانی", "kamrani"), ("لطفی", "lotfi"),
    ("مختاری", "mokhtari"), ("میرزایی", "mirzaei"), ("نادری", "naderi"), ("نظری", "nazari"), ("وحیدی", "vahidi"),
    ("هاشمی", "hashemi"), ("یزدانی", "yazdani"), ("آقایی", "aghaei"), ("آزادی", "azadi"), ("اسدی", "asadi"),
    ("افشار", "afshar"), ("بابایی", "babaei"), ("توکلی", "tavakoli"), ("طباطبایی", "tabatabaei"),
    ("میرزاخانی", "mirzakhani"), ("امیرخانی", "amirkhani"), ("فراهانی", "farahani"), ("کاشانی", "kashani"),
    # compounds joined by ZWNJ
    ("محمدی" + ZWNJ + "پور", "mohammadipour"), ("علی" + ZWNJ + "پور", "alipour"), ("حسن" + ZWNJ + "زاده", "hasanzadeh"),
    ("قلی" + ZWNJ + "زاده", "gholizadeh"), ("ملک" + ZWNJ + "زاده", "malekzadeh"), ("شاه" + ZWNJ + "حسینی", "shahhosseini"),
    ("نیک" + ZWNJ + "نام", "niknam"), ("خوش" + ZWNJ + "نویس", "khoshnevis"), ("صادقی" + ZWNJ + "نژاد", "sadeghinejad"),
    ("رضایی" + ZWNJ + "فر", "rezaeifar"), ("کریمی" + ZWNJ + "نیا", "kariminia"), ("گل" + ZWNJ + "محمدی", "golmohammadi"),
    ("پور" + ZWNJ + "حسینی", "pourhosseini"), ("چهل" + ZWNJ + "تنی", "cheheltani"), ("ژاله" + ZWNJ + "وند", "zhalehvand"),
    # typed with an Arabic keyboard layout
    ("كريمي", "karimi"), ("يوسفي", "yousefi"), ("كاظمي", "kazemi"), ("علي" + ZWNJ + "پور", "alipour"),
)

MALE_TITLES = ("آقای",)
FEMALE_TITLES = ("خانم",)
ANY_TITLES = ("دکتر", "مهندس")
ALL_TITLES = MALE_TITLES + FEMALE_TITLES + ANY_TITLES

# Organisations: «{kind} {brand}» and friends (see generate.organisation_names).
BRANDS = (
    ("آریا", "arya"), ("پارس" + ZWNJ + "گستر", "parsgostar"), ("سپهر", "sepehr"), ("نوین" + ZWNJ + "پرداز", "novinpardaz"),
    ("البرز", "alborz"), ("دماوند", "damavand"), ("کیان", "kian"), ("مهرگان", "mehregan"), ("آفتاب", "aftab"),
    ("پیشگامان", "pishgaman"), ("فن" + ZWNJ + "آوران", "fanavaran"), ("سازه" + ZWNJ + "گستر", "sazehgostar"),
    ("پویا", "pouya"), ("نیک" + ZWNJ + "اندیش", "nikandish"), ("ایده" + ZWNJ + "پردازان", "idehpardazan"), ("راهبرد", "rahbord"),
    ("آسمان", "aseman"), ("مهر", "mehr"), ("ستاره", "setareh"), ("گلستان", "golestan"), ("چکاد", "chakad"),
    ("ژرف", "zharf"), ("زاگرس", "zagros"), ("خلیج فارس", "persiangulf"), ("کوثر", "kowsar"), ("طلوع", "tolou"),
    ("ثمین", "samin"), ("هامون", "hamoon"), ("ارغوان", "arghavan"), ("بهار", "bahar"), ("تابان", "taban"),
    ("نگین", "negin"), ("صدف", "sadaf"), ("الماس", "almas"), ("رایان", "rayan"), ("داده" + ZWNJ + "پردازی ایران", "datairan"),
    ("كوير", "kavir"), ("ياس", "yas"),  # typed with an Arabic keyboard layout
)
COMPANY_ACTIVITIES = (
    "بازرگانی", "مهندسی", "تولیدی", "پخش", "فنی و مهندسی", "حمل و نقل", "خدمات مسافرتی", "نرم" + ZWNJ + "افزاری",
    "ساختمانی", "صنایع غذایی", "تجهیزات پزشکی", "بازرگانی بین" + ZWNJ + "المللی",
)
COMPANY_SUFFIXES = ("", "", "", " (سهامی خاص)", " (مسئولیت محدود)")
SHOP_GOODS = (
    "لوازم خانگی", "پوشاک", "کتاب", "لوازم" + ZWNJ + "التحریر", "موبایل", "فرش", "لوازم یدکی", "مصالح ساختمانی",
    "رایانه", "عینک", "گل و گیاه", "شیرینی", "لوازم آرایشی",
)
BANKS = (
    "ملت", "ملی", "صادرات", "تجارت", "سپه", "پاسارگاد", "سامان", "پارسیان", "اقتصاد نوین", "رفاه کارگران",
    "کشاورزی", "مسکن", "شهر", "آینده",
)
INSURERS = ("ایران", "آسیا", "البرز", "دانا", "پارسیان", "رازی", "سامان")
# Templates; {brand} {goods} {bank} {insurer} {street} {city} {last} {n} {activity} are filled in.
ORGANISATION_TEMPLATES = (
    ("شرکت {activity} {brand}", 30),
    ("فروشگاه {goods} {brand}", 14),
    ("بانک {bank} شعبه {street}", 8),
    ("بیمه {insurer} نمایندگی {n}", 4),
    ("داروخانه دکتر {last}", 5),
    ("مطب دکتر {last}", 4),
    ("دفتر اسناد رسمی شماره {n} {city}", 4),
    ("آموزشگاه زبان {brand}", 4),
    ("رستوران {brand}", 4),
    ("هتل {brand}", 2),
    ("کلینیک دندانپزشکی {brand}", 3),
    ("آژانس مسافرتی {brand}", 3),
    ("چاپخانه {brand}", 2),
    ("انتشارات {brand}", 2),
    ("گروه صنعتی {brand}", 3),
    ("مؤسسه حسابرسی {brand}", 2),
    ("شهرداری منطقه {n} {city}", 1),
    ("دفتر پیشخوان دولت {street}", 2),
)

JOB_TITLES = (
    "مدیرعامل", "مدیر فروش", "کارشناس فروش", "حسابدار", "مدیر مالی", "منشی", "کارشناس منابع انسانی",
    "برنامه" + ZWNJ + "نویس", "مهندس عمران", "وکیل", "پزشک", "مدیر بازرگانی", "کارمند", "مسئول دفتر", "نماینده فروش",
    "تکنسین", "مدیر پروژه", "کارشناس IT", "رئیس شعبه", "انباردار", "راننده", "کارشناس بیمه", "طراح گرافیک",
    "کارپرداز", "مشاور", "سرپرست کارگاه",
)
UNITS = (
    "فروش", "مالی", "اداری", "منابع انسانی", "فناوری اطلاعات", "تولید", "بازرگانی", "حقوقی", "انبار", "پشتیبانی",
    "روابط عمومی", "خرید", "کنترل کیفیت", "مدیریت",
)

# Provinces with their landline area code (without the trunk 0) and some of their cities;
# the weight is roughly how often an office's contacts live there.
PROVINCES = (
    ("تهران", "21", ("تهران", "ری", "شهریار", "اسلامشهر", "ورامین", "پردیس", "دماوند"), 30),
    ("البرز", "26", ("کرج", "فردیس", "نظرآباد", "هشتگرد"), 6),
    ("اصفهان", "31", ("اصفهان", "کاشان", "نجف" + ZWNJ + "آباد", "خمینی" + ZWNJ + "شهر", "شاهین" + ZWNJ + "شهر"), 7),
    ("خراسان رضوی", "51", ("مشهد", "نیشابور", "سبزوار", "تربت حیدریه"), 7),
    ("فارس", "71", ("شیراز", "مرودشت", "کازرون", "فسا"), 5),
    ("آذربایجان شرقی", "41", ("تبریز", "مراغه", "مرند", "میانه"), 5),
    ("خوزستان", "61", ("اهواز", "آبادان", "دزفول", "خرمشهر"), 4),
    ("قم", "25", ("قم",), 3),
    ("کرمان", "34", ("کرمان", "رفسنجان", "سیرجان", "بم"), 3),
    ("گیلان", "13", ("رشت", "لاهیجان", "انزلی", "آستارا"), 3),
    ("مازندران", "11", ("ساری", "بابل", "آمل", "قائم" + ZWNJ + "شهر", "چالوس"), 4),
    ("یزد", "35", ("یزد", "میبد", "اردکان"), 2),
    ("همدان", "81", ("همدان", "ملایر", "نهاوند"), 2),
    ("کرمانشاه", "83", ("کرمانشاه", "اسلام" + ZWNJ + "آباد غرب"), 2),
    ("گلستان", "17", ("گرگان", "گنبد کاووس"), 2),
    ("مرکزی", "86", ("اراک", "ساوه", "خمین"), 2),
    ("قزوین", "28", ("قزوین", "تاکستان"), 2),
    ("زنجان", "24", ("زنجان", "ابهر"), 1),
    ("سمنان", "23", ("سمنان", "شاهرود", "گرمسار"), 1),
    ("اردبیل", "45", ("اردبیل", "پارس" + ZWNJ + "آباد"), 1),
    ("آذربایجان غربی", "44", ("ارومیه", "خوی", "مهاباد"), 2),
    ("کردستان", "87", ("سنندج", "سقز", "مریوان"), 1),
    ("لرستان", "66", ("خرم" + ZWNJ + "آباد", "بروجرد"), 1),
    ("ایلام", "84", ("ایلام",), 1),
    ("هرمزگان", "76", ("بندرعباس", "قشم", "کیش"), 2),
    ("بوشهر", "77", ("بوشهر", "برازجان"), 1),
    ("سیستان و بلوچستان", "54", ("زاهدان", "چابهار", "زابل"), 1),
    ("کهگیلویه و بویراحمد", "74", ("یاسوج",), 1),
    ("چهارمحال و بختیاری", "38", ("شهرکرد",), 1),
    ("خراسان شمالی", "58", ("بجنورد",), 1),
    ("خراسان جنوبی", "56", ("بیرجند",), 1),
)

STREET_KINDS = ("خیابان", "خیابان", "خیابان", "بلوار", "بزرگراه", "میدان")
STREET_NAMES = (
    "آزادی", "انقلاب", "ولیعصر", "امام خمینی", "شریعتی", "فردوسی", "حافظ", "سعدی", "مطهری", "طالقانی",
    "کارگر", "جمهوری", "پاسداران", "ستارخان", "نیاوران", "شهید بهشتی", "مدرس", "چمران", "کشاورز",
    "پیروزی", "دانشگاه", "بهار", "گلستان", "ملاصدرا", "ژاندارمری", "پاستور", "جردن", "ظفر", "ونک",
    "ميرداماد", "كريمخان زند",  # typed with an Arabic keyboard layout
)
ALLEY_NAMES = (
    "لاله", "نرگس", "یاس", "اقاقیا", "بنفشه", "مریم", "شقایق", "نسترن", "گلها", "پروانه", "سرو", "چنار",
    "ارغوان", "دوم", "سوم", "پنجم", "هفتم", "دوازدهم", "شهید رضایی", "شهید احمدی",
)

EMAIL_DOMAINS = (
    ("gmail.com", 50), ("yahoo.com", 18), ("chmail.ir", 10), ("outlook.com", 8), ("hotmail.com", 6),
    ("mail.ir", 3), ("live.com", 3), ("iran.ir", 2),
)
ORGANISATION_TLDS = (".ir", ".ir", ".ir", ".com", ".co.ir", ".org")

NOTES = (
    "مشتری قدیمی", "پیگیری پیش" + ZWNJ + "فاکتور", "فقط صبح" + ZWNJ + "ها تماس بگیرید", "معرفی از طرف آقای احمدی",
    "بدهی قبلی تسویه شد", "نمایندگی فروش در شهرستان", "برای جلسه ماه بعد دعوت شود", "هدیه نوروزی فرستاده شود",
    "شماره داخلی را بپرسید", "تأمین" + ZWNJ + "کننده کاغذ", "چک" + ZWNJ + "ها معمولاً دیر وصول می" + ZWNJ + "شود",
    "پیامک تبریک تولد", "همکار سابق",
)

# Mobile operator prefixes (after the trunk 0): Hamrah-e Aval, Irancell, Rightel; more weight
# on the old, common ones.
MOBILE_PREFIXES = (
    "912", "912", "912", "912", "911", "913", "914", "915", "916", "917", "918", "919", "910", "990", "991",
    "935", "935", "936", "937", "938", "939", "930", "933", "901", "902", "903", "905", "941",
    "920", "921", "922",
)
