"""Hand-written word tables shared by the extraction modules.

Everything here is data: the modules that use it compile it into regular expressions
once, at import time.
"""

from __future__ import annotations

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
DIGIT_SCALES = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000,
    "mn": 1_000_000, "billion": 1_000_000_000, "bn": 1_000_000_000,
}

# Vague quantities and the interval ANNOTATION.md gives each (longest phrases first).
VAGUE = {
    "hundreds of thousands": (200_000, 999_999),
    "tens of thousands": (20_000, 99_999),
    "several hundred thousand": (200_000, 900_000),
    "several thousand": (2_000, 9_000),
    "several hundred": (200, 900),
    "several dozen": (24, 99),
    "a few thousand": (2_000, 5_000),
    "a few hundred": (200, 500),
    "a few dozen": (24, 60),
    "a couple of dozen": (24, 24),
    "millions": (2_000_000, 9_999_999),
    "thousands": (2_000, 9_999),
    "hundreds": (200, 999),
    "dozens": (24, 99),
    "scores": (40, 99),
    "a handful": (2, 5),
    "a few": (2, 5),
    "several": (3, 9),
}

# Words written before a figure that bound it: (low is kept, high is kept, approximate).
LOWER_BOUNDS = (
    "more than", "over", "above", "at least", "no fewer than", "no less than",
    "not less than", "in excess of", "upwards of", "exceeding", "exceeded", "exceeds",
    "exceed", "passed", "passes", "passing", "pass", "topped", "tops", "top", "surpassed",
    "surpasses", "crossed", "just over", "well over", "more then", "greater than",
)
UPPER_BOUNDS = (
    "up to", "as many as", "fewer than", "less than", "under", "at most", "no more than",
    "not more than", "just under", "as much as", "as high as", "not exceeded",
    "did not exceed", "does not exceed", "not exceeding",
)
APPROXIMATE = (
    "about", "around", "approximately", "roughly", "some", "an estimated", "estimated",
    "nearly", "almost", "close to", "circa", "approx.", "an approximate", "around about",
    "more or less", "or so", "approaching", "close to",
)

# Metric words: each phrase maps to the base metric it names.
METRIC_PHRASES = {
    "killed": (
        "killed", "dead", "died", "die", "dies", "dying", "deaths", "death", "fatalities",
        "fatality", "killings", "slain", "perished", "fatal", "kia", "lost their lives",
        "lost his life", "lost her life", "lost their life", "confirmed dead", "bodies",
        "body", "corpses", "killed in action", "neutralised", "neutralized",
    ),
    "wounded": (
        "wounded", "injured", "injuries", "hurt", "hospitalised", "hospitalized",
        "admitted to hospital", "admitted to hospitals", "treated for injuries",
        "treated in hospital", "wounds", "treated for", "treated in", "treated at",
        "been treated", "being treated", "cared for", "in critical care",
        "in critical condition", "in serious condition", "in intensive care",
        "taken to hospitals", "taken to the hospital", "rushed to hospitals",
        "sought medical help", "sought medical treatment", "sought treatment", "admitted",
        "needed hospital treatment", "needed medical treatment",
    ),
    "casualties": ("casualties", "losses", "casualty"),
    "missing": ("missing", "unaccounted for", "unaccounted"),
    "captured": (
        "captured", "taken prisoner", "taken captive", "taken hostage", "held hostage",
        "held captive", "hostages", "hostage", "prisoners of war", "prisoner of war",
        "prisoners", "prisoner", "captives", "pows", "abducted", "kidnapped", "in captivity",
        "apprehended", "being held", "be held", "still held",
    ),
    "deployed": (
        "deployed", "sent", "dispatched", "stationed", "shipped", "redeployed", "arrived",
        "flew into", "flown into", "transferred", "posted",
    ),
}

# Active verbs written right before the figure: "killing at least 54", "took 251 hostages".
VERBS_BEFORE_FIGURE = {
    "killed": (
        "killing", "killed", "kills", "kill", "claimed the lives of", "claiming the lives of",
        "buried", "burying", "confirmed the deaths of", "verified the deaths of",
        "shot dead", "shooting dead", "executed", "executing", "massacred", "massacring",
        "murdered", "murdering", "slaughtered", "bury", "the killing of", "the killings of",
        "killing of", "killings of", "the deaths of", "the massacre of",
    ),
    "wounded": ("wounding", "wounded", "wounds", "injuring", "injured", "injures", "hurting",
                "treated", "treating"),
    "casualties": ("lost", "losing", "lose", "loses", "suffered", "suffering", "sustained",
                   "killed or wounded", "killed and wounded", "killed or injured",
                   "killed and injured", "killing or wounding", "killing and wounding",
                   "killing or injuring", "killing and injuring"),
    "captured": (
        "took", "taken", "taking", "seized", "seizing", "captured", "capturing", "abducted",
        "kidnapped", "holding", "holds", "held", "the abduction of", "the kidnapping of",
    ),
    "deployed": (
        "sent", "send", "sending", "sends", "dispatched", "dispatch", "dispatching",
        "deployed", "deploy", "deploying", "shipped", "ship", "stationed", "transferred",
        "transfer", "moved", "committed",
    ),
    "": ("left", "leaving", "leaves", "leave"),
}

# Heads that name people: a figure must count people to be a claim.
PERSON_NOUNS = (
    "people", "persons", "person", "soldiers", "soldier", "troops", "civilians", "civilian",
    "children", "child", "kids", "women", "woman", "men", "man", "servicemen",
    "servicemembers", "service members", "personnel", "fighters", "militants", "combatants",
    "workers", "staff", "staffers", "villagers", "residents", "pilgrims", "passengers",
    "crew", "migrants", "refugees", "students", "pupils", "victims", "officers", "generals",
    "hostages", "prisoners", "captives", "others", "members", "police", "policemen",
    "journalists", "doctors", "medics", "nurses", "patients", "miners", "firefighters",
    "rescuers", "tourists", "campers", "counselors", "counsellors", "deminers", "engineers",
    "marines", "sailors", "guards", "citizens", "nationals", "individuals", "adults",
    "infants", "babies", "bodies", "corpses", "conscripts", "recruits", "reservists",
    "volunteers", "defenders", "paratroopers", "commandos", "insurgents", "rebels",
    "gunmen", "attackers", "detainees", "inmates", "forces", "force", "contingent",
    "infantry", "servicemen", "employees", "aid workers", "teenagers", "boys", "girls",
    "elderly", "family members", "relatives", "worshippers", "shoppers", "spectators",
    "fans", "guests", "occupants", "mourners", "farmers", "fishermen", "labourers",
    "laborers", "more", "dead", "wounded", "injured", "commanders", "scientists", "officials",
    "climbers", "guides", "colleagues", "peacekeepers", "troopers", "servicemembers",
    "palestinians", "israelis", "iranians", "ukrainians", "russians", "americans",
    "britons", "syrians", "sudanese", "koreans", "afghans", "iraqis", "lebanese",
    "yemenis", "libyans", "turks", "moroccans", "chinese", "indians", "pakistanis",
)

MILITARY_NOUNS = (
    "troops", "soldiers", "servicemen", "personnel", "forces", "officers", "generals",
    "engineers", "deminers", "marines", "sailors", "paratroopers", "commandos", "infantry",
    "fighters", "reservists", "conscripts", "recruits", "contingent", "construction workers",
    "advisers", "advisors", "special forces", "units", "peacekeepers", "troopers",
    "reinforcements",
)

# Heads that never count people: a figure quantifying them is not a claim.
NON_PERSON_NOUNS = (
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "metres",
    "meters", "metre", "meter", "feet", "hectares", "acres", "square", "percent", "per",
    "hours", "hour", "days", "day", "weeks", "week", "months", "month", "years", "year",
    "minutes", "seconds", "decades", "times", "vessels", "ships", "boats", "tankers",
    "tanks", "vehicles", "aircraft", "jets", "planes", "helicopters", "drones", "missiles",
    "rockets", "shells", "rounds", "bombs", "strikes", "airstrikes", "attacks", "homes",
    "houses", "buildings", "villages", "towns", "cities", "hospitals", "schools",
    "containers", "tonnes", "tons", "dollars", "euros", "pounds", "magnitude", "points",
    "degrees", "storeys", "floors", "sites", "targets", "positions", "agents", "spies",
    "protesters", "demonstrators", "votes", "seats", "shares", "cases", "animals",
    "cattle", "sheep", "livestock", "launchers", "salvos", "waves", "trucks", "cars",
    "sanctions", "companies", "firms", "countries", "nations", "languages", "pages",
    "articles", "reports", "incidents", "shipments", "flights", "kg", "mph", "barrels",
    "rupees", "yuan", "dinars", "rubles", "roubles", "hryvnias", "shekels", "riyals", "francs",
    "yen", "won", "pesos", "lira", "outlets", "newspapers", "agencies", "organisations",
    "organizations", "groups", "list", "lists", "calls", "tweets", "posts", "messages",
    # what kills, counted instead of its victims: "two quakes that killed ..."
    "hurricanes", "storms", "quakes", "earthquakes", "tremors", "aftershocks", "cyclones",
    "typhoons", "floods", "explosions", "blasts", "avalanches", "landslides", "wildfires",
    "fires", "tornadoes", "eruptions", "bombings", "raids", "shops", "stores", "businesses",
    "structures", "bridges", "tents", "mosques", "churches", "factories", "homes",
)

REPORTING_VERBS = (
    "said", "says", "say", "told", "tells", "reported", "reports", "announced", "announces",
    "estimated", "estimates", "claimed", "claims", "assessed", "assesses",
    "confirmed", "confirms", "added", "stated", "states", "wrote", "writes", "posted",
    "noted", "believes", "believe", "calculated", "calculates", "put",
    "puts", "informed", "warned", "acknowledged", "admitted", "disclosed", "revealed",
    "indicated", "counted", "recorded", "registered", "tallied", "explained", "insisted",
    "declared", "spoke", "speaking", "briefed", "updated", "raised", "gave", "concluded",
    "verified", "documented", "saying",
)

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}

HEDGES = (
    "highly likely", "almost certainly", "very likely", "likely", "probably", "possibly",
    "believed", "believes", "estimated", "an estimated", "reportedly", "allegedly",
    "preliminary", "unconfirmed", "thought to", "feared", "presumed", "according to estimates",
    "unverified", "could not be independently verified",
)
