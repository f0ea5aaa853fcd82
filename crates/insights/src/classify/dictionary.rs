//! The intent dictionaries: Russian and English cue phrases with their weights (see `lexicon` for
//! the stem notation). A weight is roughly "how sure this phrase alone makes us": 3 is decisive
//! («перезвоните», «сколько стоит», «refund»), 1 a hint, below 1 a tie-breaker.

use super::Intent;

#[rustfmt::skip]
pub(crate) const CUES: &[(Intent, f64, &[&str])] = &[
    (Intent::WantsCall, 3.0, &[
        "перезвон", "созвон", "позвон", "звонок", "звонк", "наберите", "набрать", "call me", "call back", "callback",
        "phone call", "ring me", "give me a call", "call=",
    ]),
    (Intent::WantsCall, 2.0, &[
        "звонит", "свяжит", "связат", "по телефону", "телефонный разговор", "contact me", "reach me", "a call",
    ]),
    (Intent::WantsCall, 1.0, &[
        "удобно", "удобное время", "консультац", "номер=", "speak with", "talk to",
    ]),
    (Intent::PriceQuestion, 3.0, &[
        "сколько стоит", "сколько стоят", "стоимост", "почем=", "прайс", "цена=", "цену=", "цены=", "цен=", "ценам=",
        "ценах=", "ценник", "расценк", "по деньгам", "смет", "how much", "price", "pricing", "quote", "cost",
    ]),
    (Intent::PriceQuestion, 2.0, &[
        "стоит", "стоить", "скока=", "скидк", "дешевл", "сколько будет", "во сколько", "rates=", "rate=", "discount",
        "fee=", "fees=", "tariff",
    ]),
    (Intent::PriceQuestion, 1.0, &[
        "скольк", "бюджет", "дорог", "выйдет", "тариф", "budget", "expensive",
    ]),
    (Intent::ProductInfo, 2.0, &[
        "подробн", "расскаж", "информац", "характеристик", "толщин", "технолог", "портфолио", "интеграц", "гаранти",
        "материал", "есть ли", "можно ли", "подходит ли", "работаете ли", "делаете ли", "входит", "отлича",
        "more about", "tell me", "details", "information", "info=", "integrat", "feature", "warranty", "made of",
        "how long", "document", "is there", "do you", "does=", "can i",
    ]),
    (Intent::ProductInfo, 1.0, &[
        "срок", "сколько времени", "какая=", "какие=", "какой=", "каков", "фото", "пример", "возможн", "функц",
        "доставля", "доставк", "склад", "комплект", "материал", "узнать", "посмотреть", "интерес", "подходит",
        "бывают", "ставите", "what=", "which", "deliver", "shipping", "available", "support=", "app=", "material",
    ]),
    (Intent::ReadyToBuy, 3.0, &[
        "оформ", "оплат", "предоплат", "аванс", "реквизит", "выстав", "беру=", "берем=",
        "возьмем", "купить", "куплю", "приобрес", "бронир", "заброниров", "ready to", "buy=", "purchase", "proceed",
        "go ahead", "deposit", "payment", "pay=", "let's do", "we'll take", "take it",
    ]),
    (Intent::ReadyToBuy, 2.0, &[
        "договор", "счет=", "счета=", "счет на", "подпис", "соглас", "готов=", "готова=", "готовы=",
        "решили", "начинаем", "invoice", "contract", "order", "sign=", "book=",
    ]),
    (Intent::ReadyToBuy, 1.0, &[
        "брать", "давайте", "картой", "юрлиц", "переводить", "card=", "transfer",
    ]),
    (Intent::Complaint, 3.0, &[
        "жалоб", "претенз", "недовол", "вернит", "возврат", "брак=", "ужасн", "отвратит", "безобраз", "разочаров",
        "неустойк", "недопостав", "обман", "кошмар", "не отвеча", "не перезвон", "не позвон", "не работает",
        "нахамил", "хамств", "refund", "complain", "terrible", "awful", "unacceptable", "disappoint", "money back",
        "overcharg", "worst", "still waiting", "nobody answers", "not working",
    ]),
    (Intent::Complaint, 2.0, &[
        "поврежд", "опоздан", "задерж", "сорвал", "требую", "протека", "треснул", "трещин", "списали", "молчит",
        "до сих пор", "так и не", "плохо", "плохой", "криво", "обещал", "не пришл", "не устраива", "broken", "crash",
        "damaged", "late=", "charged", "cancel", "poor", "bad=", "wrong=",
    ]),
    (Intent::Complaint, 1.0, &[
        "щели", "дует", "исправ", "руководител", "мусор", "nobody", "no one",
    ]),
    (Intent::Spam, 3.0, &[
        "казино", "фриспин", "без вложений", "пассивн", "крипт", "биткоин", "usdt", "займ", "раскрутк", "накрутк",
        "вашего сайта", "увеличим продаж", "ставки на спорт", "продам", "casino", "bitcoin", "crypto", "forex",
        "airdrop", "backlink", "guest post", "your website", "first page", "prize", "viagra", "click here", "dating",
        "double your", "dear sir", "money from home",
    ]),
    (Intent::Spam, 2.0, &[
        "заработ", "доход", "выигр", "приз=", "без отказа", "рассылк", "подписчик", "лайк", "таргет", "бонус",
        "регистрир", "базы клиентов", "размещение ссылок", "поздравляем", "оптом", "предлагаем", "invest",
        "followers", "likes", "earn", "rank=", "congratulations", "claim", "won=", "signals", "no experience",
        "we offer", "prescription", "traffic",
    ]),
    (Intent::Spam, 1.0, &[
        "сделаем", "разработаем", "настроим", "всего за", "we can", "топ=", "сотрудничеств", "директ", "партнер",
        "телеграм", "гарантией", "cheap", "free=", "vip", "tokens", "seo=",
    ]),
    (Intent::Other, 2.0, &[
        "подума", "посовет", "не актуал", "неактуал", "ошибся", "ошиблись", "кто это", "уже купили", "отпуск",
        "праздник", "think about", "get back", "wrong chat", "wrong number", "browsing", "who is this", "happy",
        "not now", "no thanks",
    ]),
    (Intent::Other, 1.0, &[
        "спасибо", "благодар", "ок=", "окей", "понял", "понятн", "хорошо", "да=", "нет=", "ага=", "позже", "пока=",
        "thanks", "thank", "ok=", "okay", "later", "sorry", "fine=", "yes=", "no=",
    ]),
    (Intent::Other, 0.5, &[
        "здравствуйте", "здрасте", "привет", "добрый", "доброе", "hello", "hi=", "hey=", "good morning",
    ]),
    // Wider everyday vocabulary (added after the first fresh set showed the gaps; see docs/ai.md).
    (Intent::WantsCall, 3.0, &[
        "звякни", "звякните", "phone me", "ring=", "on the phone", "by phone",
    ]),
    (Intent::WantsCall, 2.0, &[
        "голосом", "дозвон", "поговорить", "обсудить по телефону", "talk=", "speak=",
    ]),
    (Intent::WantsCall, 1.0, &[
        "пообщаться", "обсудить", "discuss",
    ]),
    (Intent::PriceQuestion, 3.0, &[
        "обойдет", "по= чем=", "estimate", "расчет", "рассчит", "посчита",
    ]),
    (Intent::PriceQuestion, 2.0, &[
        "за= м=", "за= квадрат", "per square", "per m", "рассрочк", "какая сумма", "в какую сумму", "afford",
    ]),
    (Intent::ProductInfo, 2.0, &[
        "из чего", "как работает", "как устроен", "состав", "included", "include", "how does", "compatible",
        "works with", "work with", "можно у вас", "по времени",
    ]),
    (Intent::ProductInfo, 1.0, &[
        "утепл", "package", "делаете", "what's", "how=",
    ]),
    (Intent::ReadyToBuy, 3.0, &[
        "куда= перевести", "куда= скинуть", "куда= платить", "куда= оплатить", "my card", "go with", "sign it",
        "нам= подходит",
    ]),
    (Intent::ReadyToBuy, 1.5, &[
        "заказ", "решил", "решились", "берем", "забираем", "привезти",
    ]),
    (Intent::Complaint, 3.0, &[
        "плесен", "промерза", "ужас", "сломал", "not impressed", "chargeback", "hung up", "unhappy", "frustrat",
        "ridiculous", "never again", "rude=", "still no",
    ]),
    (Intent::Complaint, 2.0, &[
        "не= те=", "не= тот=", "не= та=", "не= то=", "серьезно", "гниет", "сгнил", "потек", "долго грузится",
        "грузится", "теряем", "уходят", "what a mess",
    ]),
    (Intent::Complaint, 1.0, &[
        "что делать будем", "холодно", "почему", "why=",
    ]),
    (Intent::Spam, 3.0, &[
        "без залога", "арбитраж", "выгодное предложение", "singles", "взломан", "outsourc", "offshore",
        "expert developers", "low cost",
    ]),
    (Intent::Spam, 2.0, &[
        "кредит", "обучение", "бесплатно", "affordable", "team of", "для бизнеса",
    ]),
    (Intent::Other, 2.0, &[
        "хорошего дня", "присматрива", "got it", "have a nice", "just looking", "напишу позже", "напишу вам",
    ]),
    (Intent::Other, 1.0, &[
        "напишу", "нового года",
    ]),
];

/// Words that cancel the cue right after them («не позвонили» is not a request for a call).
pub(crate) const NEGATORS: &[&str] = &["не", "нет", "not", "no", "don't", "dont", "never", "didn't", "didnt"];

/// Link shorteners and top-level domains that spam favours.
pub(crate) const SUSPICIOUS_LINKS: &[&str] = &[
    "bit.ly",
    "t.me/joinchat",
    ".xyz",
    ".top",
    ".club",
    ".site",
    ".biz",
    ".bet",
    ".win",
    "casino",
    "xn--",
];
