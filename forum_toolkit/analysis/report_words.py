"""The words the town report adds itself, in the town's languages.

German is the original; the other languages are drafts awaiting review by native speakers, like the
consultation files' translations. A word missing in a language falls back to German, marked
``[de] ...`` so that the gap shows.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "participation": {
        "de": "Wer hat mitgemacht?", "en": "Who took part?", "ar": "مَن شارك؟", "fa": "چه کسانی شرکت کردند؟",
        "kmr": "Kê beşdar bû?", "ru": "Кто участвовал?", "uk": "Хто взяв участь?", "tr": "Kimler katıldı?",
    },
    "ballots": {
        "de": "Abgegebene Stimmzettel: {n}", "en": "Ballots handed in: {n}", "ar": "عدد الاستمارات المُسلَّمة: {n}",
        "fa": "تعداد برگه‌های رأی: {n}", "kmr": "Pusulayên hatine dayîn: {n}", "ru": "Сдано бюллетеней: {n}",
        "uk": "Здано бюлетенів: {n}", "tr": "Teslim edilen oy pusulası: {n}",
    },
    "by_language": {
        "de": "nach Sprache", "en": "by language", "ar": "حسب اللغة", "fa": "بر اساس زبان", "kmr": "li gorî ziman",
        "ru": "по языку", "uk": "за мовою", "tr": "dile göre",
    },
    "by_channel": {
        "de": "nach Weg der Teilnahme", "en": "by way of taking part", "ar": "حسب طريقة المشاركة",
        "fa": "بر اساس روش شرکت", "kmr": "li gorî awayê beşdarbûnê", "ru": "по способу участия",
        "uk": "за способом участі", "tr": "katılım yoluna göre",
    },
    "tablet": {"de": "Tablet", "en": "tablet", "ar": "جهاز لوحي", "fa": "تبلت", "kmr": "tablet", "ru": "планшет", "uk": "планшет", "tr": "tablet"},
    "phone": {"de": "eigenes Handy", "en": "own phone", "ar": "الهاتف الشخصي", "fa": "تلفن همراه خود", "kmr": "telefona xwe", "ru": "свой телефон", "uk": "власний телефон", "tr": "kendi telefonu"},
    "paper": {"de": "Papier", "en": "paper", "ar": "ورق", "fa": "کاغذ", "kmr": "kaxez", "ru": "бумага", "uk": "папір", "tr": "kâğıt"},
    "assisted": {"de": "mit Hilfe", "en": "with help", "ar": "بمساعدة", "fa": "با کمک", "kmr": "bi alîkariyê", "ru": "с помощью", "uk": "з допомогою", "tr": "yardımla"},
    "no_answer": {"de": "keine Angabe", "en": "no answer", "ar": "بدون إجابة", "fa": "بدون پاسخ", "kmr": "bê bersiv", "ru": "нет ответа", "uk": "немає відповіді", "tr": "cevap yok"},
    "results": {"de": "Ergebnisse", "en": "Results", "ar": "النتائج", "fa": "نتایج", "kmr": "Encam", "ru": "Результаты", "uk": "Результати", "tr": "Sonuçlar"},
    "answers": {"de": "{n} Antworten", "en": "{n} answers", "ar": "{n} إجابة", "fa": "{n} پاسخ", "kmr": "{n} bersiv", "ru": "ответов: {n}", "uk": "відповідей: {n}", "tr": "{n} cevap"},
    "dots": {"de": "Punkte", "en": "dots", "ar": "نقاط", "fa": "امتیاز", "kmr": "xal", "ru": "баллы", "uk": "бали", "tr": "puan"},
    "order": {
        "de": "Reihenfolge nach der Schulze-Methode", "en": "Order by the Schulze method", "ar": "الترتيب حسب طريقة شولتسه",
        "fa": "ترتیب به روش شولتسه", "kmr": "Rêz li gorî rêbaza Schulze", "ru": "Порядок по методу Шульце",
        "uk": "Порядок за методом Шульце", "tr": "Schulze yöntemine göre sıralama",
    },
    "agreement": {
        "de": "Worin sind sich die Gruppen einig?", "en": "What do the groups agree on?", "ar": "على ماذا تتفق المجموعات؟",
        "fa": "گروه‌ها درباره‌ی چه چیزی هم‌نظرند؟", "kmr": "Kom li ser çi li hev dikin?", "ru": "В чём группы согласны?",
        "uk": "У чому групи згодні?", "tr": "Gruplar neyde hemfikir?",
    },
    "agreement_note": {
        "de": "Anteil, der zustimmt, in jeder Gruppe ({by}). Einigkeit: hoch nur, wenn alle gezeigten Gruppen zustimmen (0 bis 1; in Klammern: wie viele Gruppen).",
        "en": "Share who agree, in each group ({by}). Consensus: high only when every group shown agrees (0 to 1; in brackets: how many groups).",
        "ar": "نسبة الموافقين في كل مجموعة ({by}). الإجماع: مرتفع فقط عندما توافق كل المجموعات المعروضة (من 0 إلى 1؛ بين القوسين: عدد المجموعات).",
        "fa": "سهم موافقان در هر گروه ({by}). هم‌نظری: فقط وقتی بالاست که همه‌ی گروه‌های نشان‌داده‌شده موافق باشند (0 تا 1؛ در پرانتز: تعداد گروه‌ها).",
        "kmr": "Para kesên ku razî ne, di her komê de ({by}). Lihevhatin: tenê bilind e dema ku hemû komên nîşandayî razî bin (0 heta 1; di kevanan de: çend kom).",
        "ru": "Доля согласных в каждой группе ({by}). Согласие: высокое, только если согласны все показанные группы (от 0 до 1; в скобках: сколько групп).",
        "uk": "Частка згодних у кожній групі ({by}). Згода: висока, лише коли згодні всі показані групи (від 0 до 1; у дужках: скільки груп).",
        "tr": "Her grupta katılanların payı ({by}). Uzlaşı: yalnızca gösterilen tüm gruplar katıldığında yüksektir (0 ile 1 arası; parantez içinde: kaç grup).",
    },
    "consensus": {"de": "Einigkeit", "en": "consensus", "ar": "الإجماع", "fa": "هم‌نظری", "kmr": "lihevhatin", "ru": "согласие", "uk": "згода", "tr": "uzlaşı"},
    "privacy": {
        "de": "× heißt: weniger als {threshold} Personen, oder eine Zahl, aus der sich eine so kleine Gruppe ausrechnen ließe. So kann niemand einzelne Personen erkennen. Freie Texte zeigt dieser Bericht nie.",
        "en": "× means: fewer than {threshold} people, or a number from which such a small group could be worked out. So nobody can be singled out. This report never shows free text.",
        "ar": "× تعني: أقل من {threshold} أشخاص، أو رقمًا يمكن منه حساب مجموعة صغيرة كهذه. هكذا لا يمكن التعرف على أي شخص. لا يعرض هذا التقرير النصوص الحرة أبدًا.",
        "fa": "× یعنی: کمتر از {threshold} نفر، یا عددی که از آن می‌شد چنین گروه کوچکی را حساب کرد. این‌طور هیچ‌کس شناسایی نمی‌شود. این گزارش هیچ‌وقت متن‌های آزاد را نشان نمی‌دهد.",
        "kmr": "× tê wateya: kêmtir ji {threshold} kesan, an hejmarek ku mirov dikare komeke wisa biçûk jê hesab bike. Bi vî awayî kes nayê naskirin. Ev rapor tu caran nivîsên azad nîşan nade.",
        "ru": "× означает: меньше {threshold} человек или число, из которого можно вычислить такую маленькую группу. Так никого нельзя узнать. Свободные тексты этот отчёт не показывает никогда.",
        "uk": "× означає: менше {threshold} осіб або число, з якого можна обчислити таку малу групу. Так нікого не можна впізнати. Вільних текстів цей звіт ніколи не показує.",
        "tr": "× şu anlama gelir: {threshold} kişiden az, ya da böyle küçük bir grubun hesaplanabileceği bir sayı. Böylece kimse tanınamaz. Bu rapor serbest metinleri asla göstermez.",
    },
    "made": {
        "de": "Erstellt mit forum_toolkit aus {n} Stimmzetteln der Sitzung {session}.",
        "en": "Made with forum_toolkit from {n} ballots of session {session}.",
        "ar": "أُعدّ باستخدام forum_toolkit من {n} استمارة في الجلسة {session}.",
        "fa": "ساخته‌شده با forum_toolkit از {n} برگه‌ی رأی نشست {session}.",
        "kmr": "Bi forum_toolkit ji {n} pusulayên rûniştina {session} hatiye çêkirin.",
        "ru": "Сделано с forum_toolkit по {n} бюллетеням сессии {session}.",
        "uk": "Зроблено з forum_toolkit за {n} бюлетенями сесії {session}.",
        "tr": "{session} oturumunun {n} oy pusulasından forum_toolkit ile hazırlandı.",
    },
}


def word(key: str, language: str, **values) -> str:
    """The report's word `key` in `language`, else German marked ``[de]``."""
    by_language = WORDS[key]
    text = by_language.get(language)
    if text is None:
        text = "[de] " + by_language["de"]
    return text.format(**values)
