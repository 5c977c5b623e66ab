"""Names in every script of the region, as delegates write them."""

NAMES = [
    ("Gyöngyvér", "Kovács"),  # Hungarian ő ű
    ("Łukasz", "Żółkiewski"),  # Polish
    ("Şükrü", "Ğündüz İnal"),  # Turkish dotted and dotless i
    ("Řehoř", "Dvořák Ěmil"),  # Czech
    ("Ștefan", "Țurcanu"),  # Romanian comma below
    ("Məmməd", "Əliyev"),  # Azerbaijani schwa
    ("Gʻulom", "Oʻzbekov"),  # Uzbek modifier letter turned comma
    ("Олена", "Ковальчук"),  # Ukrainian
    ("Ғалым", "Қасымов"),  # Kazakh Cyrillic
    ("Γιώργος", "Κωστόπουλος"),  # Greek
    ("ნინო", "ბერიძე"),  # Georgian
    ("Հայկ", "Պետրոսյան"),  # Armenian
    ("محمد رضا", "احمدی"),  # Persian
    ("مهدی", "می‌خواهی"),  # Persian with ZWNJ
    ("ځلمی", "ښکلی"),  # Pashto letters without presentation forms
    ("عبدالله", "خان"),  # Urdu / Arabic (the Allah ligature)
    ("ڕێبین", "ئەحمەد"),  # Sorani Kurdish
    ("فریده", "پوپل"),  # Dari
    ("শেখ", "হাসিনা ক্ষিতীশ"),  # Bengali conjuncts and reordered vowel signs
]
