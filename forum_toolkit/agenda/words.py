"""The words the council's round and agenda documents add themselves, in the town's languages.

German is the original; the other languages are drafts awaiting review by native speakers, like the
consultation files' translations. A word missing in a language falls back to German, marked
``[de] ...`` so that the gap shows (the methods' explanations exist in German and English only).
"""

from __future__ import annotations

LANGUAGES = ("de", "en", "ar", "fa", "kmr", "ru", "uk", "tr")


def _w(de, en, ar, fa, kmr, ru, uk, tr) -> dict[str, str]:
    return dict(zip(LANGUAGES, (de, en, ar, fa, kmr, ru, uk, tr)))


WORDS: dict[str, dict[str, str]] = {
    # The round's consultation
    "round_title": _w(
        "Welche Vorschläge kommen auf die Tagesordnung?", "Which proposals go on the agenda?",
        "أي الاقتراحات تدخل جدول الأعمال؟", "کدام پیشنهادها در دستور کار قرار بگیرند؟",
        "Kîjan pêşniyar dikevin rojevê?", "Какие предложения войдут в повестку дня?",
        "Які пропозиції увійдуть до порядку денного?", "Hangi öneriler gündeme alınsın?",
    ),
    "round_page": _w("Abstimmung", "Vote", "التصويت", "رأی‌گیری", "Dengdan", "Голосование", "Голосування", "Oylama"),
    "round_ranking": _w(
        "Welche {top} Vorschläge sind Ihnen am wichtigsten? Bringen Sie sie in eine Reihenfolge. Platz 1 ist am wichtigsten.",
        "Which {top} proposals matter most to you? Put them in order. Place 1 is the most important.",
        "ما هي الاقتراحات الـ {top} الأهم بالنسبة لكم؟ رتّبوها. المرتبة 1 هي الأهم.",
        "کدام {top} پیشنهاد برای شما مهم‌تر است؟ آن‌ها را به ترتیب بچینید. رتبه‌ی 1 از همه مهم‌تر است.",
        "Kîjan {top} pêşniyar ji bo we herî girîng in? Wan li pey hev rêz bikin. Cihê 1 herî girîng e.",
        "Выберите самые важные для вас предложения ({top}) и расставьте их по порядку. Место 1 – самое важное.",
        "Виберіть найважливіші для вас пропозиції ({top}) і розставте їх по порядку. Місце 1 – найважливіше.",
        "Sizin için en önemli {top} öneri hangileri? Onları sıraya koyun. 1. sıra en önemlisidir.",
    ),
    "round_approval": _w(
        "Kreuzen Sie jeden Vorschlag an, den Sie unterstützen.", "Tick every proposal you support.",
        "ضعوا علامة على كل اقتراح تدعمونه.", "هر پیشنهادی را که از آن حمایت می‌کنید علامت بزنید.",
        "Her pêşniyara ku hûn piştgirî didin nîşan bikin.", "Отметьте каждое предложение, которое вы поддерживаете.",
        "Позначте кожну пропозицію, яку ви підтримуєте.", "Desteklediğiniz her öneriyi işaretleyin.",
    ),
    "round_dots": _w(
        "Verteilen Sie {budget} Punkte auf die Vorschläge, höchstens {per} auf einen Vorschlag.",
        "Spread {budget} dots over the proposals, at most {per} on one proposal.",
        "وزّعوا {budget} نقاط على الاقتراحات، {per} نقاط على الأكثر لاقتراح واحد.",
        "{budget} امتیاز را بین پیشنهادها تقسیم کنید، حداکثر {per} امتیاز برای یک پیشنهاد.",
        "{budget} xalan li ser pêşniyaran belav bikin, herî zêde {per} ji bo pêşniyarekê.",
        "Распределите {budget} баллов между предложениями, не больше {per} на одно предложение.",
        "Розподіліть {budget} балів між пропозиціями, не більше {per} на одну пропозицію.",
        "{budget} puanı önerilere dağıtın, bir öneriye en fazla {per} puan.",
    ),
    "round_grades": _w(
        "Wie wichtig ist Ihnen jeder Vorschlag?", "How important is each proposal to you?",
        "ما مدى أهمية كل اقتراح بالنسبة لكم؟", "هر پیشنهاد چقدر برای شما مهم است؟",
        "Her pêşniyar ji bo we çiqas girîng e?", "Насколько важно для вас каждое предложение?",
        "Наскільки важлива для вас кожна пропозиція?", "Her öneri sizin için ne kadar önemli?",
    ),
    "grade_0": _w("nicht wichtig", "not important", "غير مهم", "مهم نیست", "ne girîng e", "не важно", "не важливо", "önemli değil"),
    "grade_1": _w("etwas wichtig", "a little important", "مهم قليلًا", "کمی مهم", "hinekî girîng", "немного важно", "трохи важливо", "biraz önemli"),
    "grade_2": _w("wichtig", "important", "مهم", "مهم", "girîng", "важно", "важливо", "önemli"),
    "grade_3": _w("sehr wichtig", "very important", "مهم جدًا", "خیلی مهم", "pir girîng", "очень важно", "дуже важливо", "çok önemli"),
    "machine_marker": _w(
        "(maschinell übersetzt)", "(machine translation)", "(ترجمة آلية)", "(ترجمه‌ی ماشینی)",
        "(wergera makîneyê)", "(машинный перевод)", "(машинний переклад)", "(makine çevirisi)",
    ),
    # The agenda document
    "agenda": _w("Tagesordnung", "Agenda", "جدول الأعمال", "دستور کار", "Rojev", "Повестка дня", "Порядок денний", "Gündem"),
    "item": _w("Punkt {n}", "Item {n}", "البند {n}", "بند {n}", "Xala {n}", "Пункт {n}", "Пункт {n}", "Madde {n}"),
    "original": _w(
        "Original ({language})", "Original ({language})", "النص الأصلي ({language})", "متن اصلی ({language})",
        "Orîjînal ({language})", "Оригинал ({language})", "Оригінал ({language})", "Orijinal ({language})",
    ),
    "translated_human": _w(
        "übersetzt von Freiwilligen", "translated by volunteers", "ترجمة متطوعين", "ترجمه‌ی داوطلبان",
        "ji aliyê dilxwazan ve hatiye wergerandin", "перевод волонтёров", "переклад волонтерів", "gönüllülerin çevirisi",
    ),
    "translated_machine": _w(
        "maschinell übersetzt, nicht geprüft", "machine translation, not checked", "ترجمة آلية، لم تُراجَع",
        "ترجمه‌ی ماشینی، بررسی‌نشده", "wergera makîneyê, nehatiye kontrolkirin", "машинный перевод, не проверен",
        "машинний переклад, не перевірений", "makine çevirisi, kontrol edilmedi",
    ),
    "no_translation": _w(
        "Noch keine Übersetzung ({language})", "No translation yet ({language})", "لا توجد ترجمة بعد ({language})",
        "هنوز ترجمه‌ای نیست ({language})", "Hêj werger tune ye ({language})", "Перевода пока нет ({language})",
        "Перекладу ще немає ({language})", "Henüz çeviri yok ({language})",
    ),
    "authors": _w(
        "{n} Einwohner:innen haben das vorgeschlagen.", "{n} residents proposed this.", "اقترح هذا {n} من السكان.",
        "{n} نفر از ساکنان این را پیشنهاد کردند.", "{n} niştecîhan ev pêşniyar kir.", "Это предложили жители: {n}.",
        "Це запропонували мешканці: {n}.", "Bunu {n} sakin önerdi.",
    ),
    "by_tie_break": _w(
        "Dieser Platz wurde durch die Regel für Gleichstand entschieden.", "The tie-break rule decided this place.",
        "حُسم هذا المكان بقاعدة التعادل.", "این جایگاه با قاعده‌ی تساوی تعیین شد.", "Ev cih bi qaîdeya wekheviyê hate diyarkirin.",
        "Это место определило правило при равенстве голосов.", "Це місце визначило правило за рівності голосів.",
        "Bu sıra eşitlik kuralıyla belirlendi.",
    ),
    "how_counted": _w("Wie gezählt wurde", "How the votes were counted", "كيف عُدّت الأصوات", "رأی‌ها چگونه شمرده شد",
                      "Deng çawa hatin jimartin", "Как считали голоса", "Як рахували голоси", "Oylar nasıl sayıldı"),
    "count_line": _w(
        "Verfahren: {method}. Abgegebene Stimmzettel: {ballots}. Punkte auf der Tagesordnung: {seats}.",
        "Method: {method}. Ballots handed in: {ballots}. Items on the agenda: {seats}.",
        "الطريقة: {method}. عدد الاستمارات المُسلَّمة: {ballots}. عدد البنود في جدول الأعمال: {seats}.",
        "روش: {method}. تعداد برگه‌های رأی: {ballots}. تعداد بندهای دستور کار: {seats}.",
        "Rêbaz: {method}. Pusulayên hatine dayîn: {ballots}. Xalên li ser rojevê: {seats}.",
        "Метод: {method}. Сдано бюллетеней: {ballots}. Пунктов в повестке дня: {seats}.",
        "Метод: {method}. Здано бюлетенів: {ballots}. Пунктів у порядку денному: {seats}.",
        "Yöntem: {method}. Teslim edilen oy pusulası: {ballots}. Gündemdeki madde sayısı: {seats}.",
    ),
    "tie_break_earliest": _w(
        "Regel für Gleichstand: der früher eingereichte Vorschlag geht vor.",
        "Tie-break rule: the proposal submitted earlier comes first.",
        "قاعدة التعادل: الاقتراح الذي قُدِّم أولًا يتقدّم.", "قاعده‌ی تساوی: پیشنهادی که زودتر ثبت شده جلوتر است.",
        "Qaîdeya wekheviyê: pêşniyara ku berê hatiye dayîn pêşî tê.", "Правило при равенстве: вперёд идёт предложение, поданное раньше.",
        "Правило за рівності: уперед іде пропозиція, подана раніше.", "Eşitlik kuralı: daha önce verilen öneri öne geçer.",
    ),
    "tie_break_seed": _w(
        "Regel für Gleichstand: eine Zufallsreihenfolge aus der vorher veröffentlichten Zahl {seed}; jede und jeder kann sie nachrechnen.",
        "Tie-break rule: a random order from the number {seed}, published before the count; anyone can recompute it.",
        "قاعدة التعادل: ترتيب عشوائي من الرقم {seed} الذي نُشر قبل العدّ؛ يمكن لأي شخص أن يعيد حسابه.",
        "قاعده‌ی تساوی: یک ترتیب تصادفی از عدد {seed} که پیش از شمارش اعلام شد؛ هر کسی می‌تواند آن را دوباره حساب کند.",
        "Qaîdeya wekheviyê: rêzeke tesadufî ji hejmara {seed} ku berî jimartinê hate weşandin; her kes dikare wê dîsa hesab bike.",
        "Правило при равенстве: случайный порядок из числа {seed}, опубликованного до подсчёта; его может пересчитать каждый.",
        "Правило за рівності: випадковий порядок із числа {seed}, оприлюдненого до підрахунку; його може перерахувати кожен.",
        "Eşitlik kuralı: sayımdan önce yayımlanan {seed} sayısından rastgele bir sıra; herkes yeniden hesaplayabilir.",
    ),
    "tie_break_unused": _w(
        "Es gab keinen Gleichstand, den die Regel entscheiden musste.", "No tie had to be broken.",
        "لم يكن هناك تعادل يجب حسمه.", "هیچ تساوی‌ای نبود که لازم باشد تعیین شود.", "Tu wekhevî tune bû ku divê bihata diyarkirin.",
        "Не было равенства, которое нужно было разрешать.", "Не було рівності, яку треба було розв'язувати.", "Çözülmesi gereken bir eşitlik olmadı.",
    ),
    "tie_break_used": _w(
        "Gleichstand ({at}) zwischen {tied}: die Regel wählte {chosen}.", "Tie ({at}) between {tied}: the rule chose {chosen}.",
        "تعادل ({at}) بين {tied}: اختارت القاعدة {chosen}.", "تساوی ({at}) بین {tied}: قاعده {chosen} را انتخاب کرد.",
        "Wekhevî ({at}) di navbera {tied} de: qaîdeyê {chosen} hilbijart.", "Равенство ({at}) между {tied}: правило выбрало {chosen}.",
        "Рівність ({at}) між {tied}: правило вибрало {chosen}.", "{tied} arasında eşitlik ({at}): kural {chosen} seçti.",
    ),
    "steps": _w("Die Schritte der Auszählung", "The steps of the count", "خطوات العدّ", "مرحله‌های شمارش", "Gavên jimartinê",
                "Шаги подсчёта", "Кроки підрахунку", "Sayımın adımları"),
    "proposal": _w("Vorschlag", "Proposal", "الاقتراح", "پیشنهاد", "Pêşniyar", "Предложение", "Пропозиція", "Öneri"),
    "number": _w("Zahl", "Number", "العدد", "عدد", "Hejmar", "Число", "Число", "Sayı"),
    "round": _w("Runde {n}", "Round {n}", "الجولة {n}", "دور {n}", "Gera {n}", "Раунд {n}", "Раунд {n}", "{n}. tur"),
    "eliminated": _w("scheidet aus: {name}", "drops out: {name}", "يخرج: {name}", "حذف می‌شود: {name}", "derdikeve: {name}",
                     "выбывает: {name}", "вибуває: {name}", "elenir: {name}"),
    "elected": _w("gewählt: {name}", "elected: {name}", "فاز: {name}", "انتخاب شد: {name}", "hate hilbijartin: {name}",
                  "избрано: {name}", "обрано: {name}", "seçildi: {name}"),
    "exhausted": _w("Stimmzettel ohne weitere Wahl: {n}", "ballots with no further choice: {n}", "استمارات بلا اختيار آخر: {n}",
                    "برگه‌های بدون انتخاب دیگر: {n}", "pusulayên bê hilbijartina din: {n}", "бюллетеней без следующего выбора: {n}",
                    "бюлетенів без наступного вибору: {n}", "başka seçimi olmayan pusula: {n}"),
    "pairwise": _w(
        "Direkter Vergleich: Die Zahl sagt, wie viele Stimmzettel den Vorschlag der Zeile vor den der Spalte setzen.",
        "Head to head: the number says how many ballots put the row's proposal above the column's.",
        "المقارنة المباشرة: يبيّن الرقم عدد الاستمارات التي وضعت اقتراح السطر قبل اقتراح العمود.",
        "مقایسه‌ی دوبه‌دو: عدد نشان می‌دهد چند برگه پیشنهاد سطر را بالاتر از پیشنهاد ستون گذاشته‌اند.",
        "Berhevdana rasterast: hejmar nîşan dide ka çend pusulayan pêşniyara rêzê danîne ser ya stûnê.",
        "Сравнение один на один: число показывает, сколько бюллетеней ставят предложение строки выше предложения столбца.",
        "Порівняння один на один: число показує, скільки бюлетенів ставлять пропозицію рядка вище за пропозицію стовпця.",
        "Birebir karşılaştırma: sayı, kaç pusulanın satırdaki öneriyi sütundakinin önüne koyduğunu gösterir.",
    ),
    "quota": _w("Quote (so viele Stimmen braucht ein Platz): {n}", "Quota (votes a place needs): {n}", "الحصة (الأصوات اللازمة لمكان): {n}",
                "سهمیه (رأی لازم برای یک جایگاه): {n}", "Kota (dengên ku cihek hewce dike): {n}", "Квота (сколько голосов нужно для места): {n}",
                "Квота (скільки голосів потрібно для місця): {n}", "Kota (bir yer için gereken oy): {n}"),
    "scores": _w("Stimmen", "Votes", "الأصوات", "رأی‌ها", "Deng", "Голоса", "Голоси", "Oylar"),
    # Accountability
    "report": _w(
        "Was aus den Themen wurde", "What became of the topics", "ماذا حدث للمواضيع", "موضوع‌ها به کجا رسیدند",
        "Çi hat serê mijaran", "Что стало с темами", "Що сталося з темами", "Konulara ne oldu",
    ),
    "status": _w("Stand", "Status", "الحالة", "وضعیت", "Rewş", "Статус", "Статус", "Durum"),
    "date": _w("Datum", "Date", "التاريخ", "تاریخ", "Dîrok", "Дата", "Дата", "Tarih"),
    "note": _w("Notiz", "Note", "ملاحظة", "یادداشت", "Not", "Заметка", "Примітка", "Not"),
    "history": _w("Verlauf", "History", "السجل", "سابقه", "Dîrok", "История", "Історія", "Geçmiş"),
    "no_status": _w("noch kein Stand", "no status yet", "لا توجد حالة بعد", "هنوز وضعیتی ثبت نشده", "hêj rewş tune",
                    "статуса пока нет", "статусу ще немає", "henüz durum yok"),
    "scheduled": _w("auf der Tagesordnung", "scheduled", "مُدرَج في جدول الأعمال", "در دستور کار", "di rojevê de", "в повестке дня",
                    "у порядку денному", "gündemde"),
    "discussed": _w("besprochen", "discussed", "نوقش", "بحث شد", "hate nîqaşkirin", "обсуждено", "обговорено", "görüşüldü"),
    "decided": _w("beschlossen", "decided", "تقرّر", "تصویب شد", "biryar hate dayîn", "принято решение", "ухвалено рішення", "karar verildi"),
    "in_progress": _w("in Arbeit", "in progress", "قيد التنفيذ", "در حال انجام", "di pêvajoyê de", "в работе", "у роботі", "devam ediyor"),
    "done": _w("erledigt", "done", "أُنجِز", "انجام شد", "qediya", "выполнено", "виконано", "tamamlandı"),
    "declined": _w("abgelehnt", "declined", "رُفض", "رد شد", "hate redkirin", "отклонено", "відхилено", "reddedildi"),
}

# How each method works, for a council: German and English (the others fall back to German, marked).
METHODS: dict[str, dict[str, str]] = {
    "plurality": {"de": "Mehrheitswahl: Jede erste Wahl zählt eine Stimme; die meisten Stimmen gewinnen."},
    "borda": {"de": "Borda-Zählung: Ein Vorschlag bekommt einen Punkt für jeden Vorschlag, vor den er gesetzt wurde; die meisten Punkte gewinnen."},
    "approval": {"de": "Zustimmungswahl: Jede Person kreuzt alle Vorschläge an, die sie unterstützt; die meisten Kreuze gewinnen."},
    "dots": {"de": "Punktabstimmung: Jede Person verteilt ihre Punkte auf die Vorschläge; die meisten Punkte gewinnen."},
    "score": {"de": "Bewertung: Jede Person gibt jedem Vorschlag Punkte; die höchste Summe gewinnt."},
    "instant-runoff": {"de": "Integrierte Stichwahl: Der Vorschlag mit den wenigsten ersten Wahlen scheidet aus, seine Stimmzettel zählen für ihre nächste Wahl, bis einer mehr als die Hälfte hat."},
    "coombs": {"de": "Coombs: Solange kein Vorschlag mehr als die Hälfte der ersten Wahlen hat, scheidet der Vorschlag aus, der am häufigsten auf dem letzten Platz steht."},
    "copeland": {"de": "Copeland: Jeder Vorschlag wird mit jedem anderen direkt verglichen; jeder Sieg zählt +1, jede Niederlage −1; die beste Bilanz gewinnt."},
    "minimax": {"de": "Minimax: Für jeden Vorschlag wird seine größte Niederlage im direkten Vergleich gemessen; die kleinste größte Niederlage gewinnt."},
    "schulze": {"de": "Schulze: Ein Vorschlag schlägt einen anderen, wenn er über eine stärkere Kette direkter Siege zu ihm führt; es gewinnt der Vorschlag, den kein anderer auf diese Weise schlägt."},
    "ranked-pairs": {"de": "Rangpaare: Die direkten Siege werden vom größten Abstand an festgehalten; ein Sieg, der den schon festgehaltenen widerspräche, wird übersprungen."},
    "majority-judgment": {"de": "Mehrheitsurteil: Jede Person bewertet jeden Vorschlag; der Vorschlag mit der besten mittleren Bewertung (Median) gewinnt."},
    "stv": {"de": "Übertragbare Einzelstimme: Wer die Quote erreicht, ist gewählt; überzählige Stimmen und die Stimmen ausgeschiedener Vorschläge gehen an die nächste Wahl."},
    "equal-shares": {"de": "Methode der gleichen Anteile: Alle bekommen das gleiche Budget; jeder Platz wird von den Unterstützenden bezahlt, so bekommt jede Gruppe Plätze im Verhältnis ihrer Größe."},
}


def word(key: str, in_language: str, /, **values: object) -> str:
    """The word in `in_language`, else German marked ``[de]``; `values` fill its {placeholders}."""
    forms = WORDS[key]
    text = forms[in_language] if in_language in forms else f"[de] {forms['de']}"
    return text.format(**values)


def method_explanation(name: str, summary: str, language: str) -> str:
    """How the method works in `language`: German, English (the registry's summary), else German marked."""
    if language == "en":
        return summary
    german = METHODS.get(name, {}).get("de", summary)
    return german if language == "de" else f"[de] {german}"
