"""Compiled patterns the event builder uses to find objects, actors, bearings and
background clauses around a trigger (tables only, no logic beyond matching).
"""
from __future__ import annotations

import re

from mapper.extract.sides import CIVILIAN_WORDS


# --------------------------------------------------------------------------- event building

# words between a trigger and its object that end the object search
_CAPTURE_GAP_BLOCK = re.compile(r"\b(?:by|with|against|after|before|since|while|during|following|than|"
                                r"leading|linking|connecting|through|between|roads?\s+to|highway\s+to|"
                                r"said|says|told|from|under|amid)\b|[;:()]", re.IGNORECASE)
_TOWARD_RE = re.compile(r"\b(?:toward|towards|to|into|in\s+the\s+direction\s+of|for)\s+(?:the\s+)?"
                        r"(?:\w+\s+){0,3}$", re.IGNORECASE)
_FROM_RE = re.compile(r"\b(?:from|out\s+of|of|in|inside|at)\s+(?:[\w’'\-]+\s+){0,4}$", re.IGNORECASE)
_FEATURE_WORDS = (r"(?:towns?|city|cities|villages?|districts?|areas?|neighbou?rhoods?|quarters?|suburbs?|hills?|"
                  r"hilltops?|mountains?|farms?|bases?|fields?|oil\s+fields?|positions?|dams?|settlements?|"
                  r"localities|locality|hamlets?|heights?|crossroads?|roundabouts?|schools?|factories|factory)")
#: what may stand between two coordinated objects of one verb ("X and Y", "X, Y, and Z",
#: "X, as well as the villages of Y", "X (alt. name), Y", "X and Y neighbourhoods"); list
#: items the gazetteer does not know ("A, B, C and D" with B unknown) are skipped over
_COORD_RE = re.compile(
    r"^\s*(?:\([^()]{1,60}\)\s*)?(?:" + _FEATURE_WORDS + r"\b\s*)?"
    r"(?:,\s*(?:and\s+|or\s+)?(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2}\s*(?:\([^()]{1,60}\)\s*)?)*"
    r"(?:,\s*|\s+)?(?:(?:and|as\s+well\s+as|along\s+with|together\s+with|plus|in\s+addition\s+to|"
    r"including|&)\s*:?\s+)?(?:(?:the|a|an)\s+)?(?:(?:nearby|strategic|key|important|local|large|small|main|"
    r"whole|entire|adjacent|neighbouring|neighboring)\s+|[a-z][\w\-]*\s+(?=" + _FEATURE_WORDS + r"\s+of\s+$))?"
    r"(?:" + _FEATURE_WORDS + r"\s+of\s+)?"
    # unknown items before the next known one: "the villages of A and B" with A unknown
    r"(?:[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2}\s*(?:\([^()]{1,60}\)\s*)?(?:,\s*and\s+|,\s*|\s+and\s+))*$")
#: a locative modifier inside a list: "X, outside Y, and Z" / "X near Y and Z": Y only locates X
_MODIFIER_GAP_RE = re.compile(
    r"^\s*(?:\([^()]{1,60}\)\s*)?(?:" + _FEATURE_WORDS + r"\b\s*)?,?\s*(?:just\s+|about\s+|some\s+)?"
    r"(?:outside|near|around|close\s+to|in\s+the\s+(?:\w+\s+)?(?:countryside|outskirts|vicinity)\s+of|"
    r"(?:\w+\s+)?(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
    r"south-east|south-west)(?:ern)?\s+(?:of|part\s+of|side\s+of|outskirts\s+of)|on\s+the\s+outskirts\s+of|"
    r"at\s+the\s+(?:\w+\s+)?(?:entrance|edge|gates?)\s+(?:to|of))\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE)
_DIRECTION = (r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|"
              r"south-east|south-west)(?:ern)?")
#: a locating tail after a list item, before the list goes on: "X in the city centre, and Y",
#: "the A and B neighbourhoods in the northern and the C neighbourhood", "X to the south, Y",
#: "X in Z's northern outskirts, as well as Y" (the gap starts after Z)
_LOC_TAIL_RE = re.compile(
    r"^\s*(?:" + _FEATURE_WORDS + r"\b\s*)?(?:"
    r"['’]s\s+(?:(?:" + _DIRECTION + r"|eastern|western|inner|outer|rural|northern|southern)\s+)?"
    r"(?:outskirts|countryside|suburbs?|parts?|sides?|edges?|districts?|cent(?:er|re)|periphery)"
    r"|,?\s*(?:in|on|at|to|inside)\s+the\s+(?:(?:city|town|village)\s+)?(?:(?:far|" + _DIRECTION + r")\s+)?"
    r"(?:" + _DIRECTION + r"|cent(?:er|re)|outskirts|suburbs?|parts?|sides?|edges?|periphery|(?:city|town|village)\s+itself)"
    r"(?:\s+(?:and\s+(?:the\s+)?)?" + _DIRECTION + r")?"
    r"(?:\s+(?:parts?|sides?|outskirts|suburbs?|edges?|periphery))?(?:\s+of\s+the\s+(?:city|town|village))?"
    r")(?=\s*(?:,|and\b|as\s+well\s+as\b|along\s+with\b|together\s+with\b|plus\b))",
    re.IGNORECASE)
#: a list item the gazetteer does not know, glossed by a name it knows: "A, B (B'), C" with B
#: unknown: the gap before B' ends in "B (", B' is the list item
_COORD_GLOSS_RE = re.compile(
    r"^\s*(?:\)\s*)?(?:,\s*(?:and\s+|or\s+)?(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2}\s*)+\($")
#: a counted object ("captured 10 more villages", "several other sites"): names follow in a list
_NUM = (r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
        r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)")
_COUNT_OBJ_RE = re.compile(
    r"\s+(?:(?:at\s+least|some|about|around|over|more\s+than|nearly|almost|another|a\s+further|a\s+total\s+of|"
    r"the\s+remaining|all(?:\s+of)?(?:\s+the)?|most(?:\s+of)?(?:\s+the)?)\s+(?:(?:\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|several|many|other|more)\s+)?|(?:the\s+)?(?:" + _NUM + r"(?:\s*(?:to|or|-|–)\s*" + _NUM + r")?|"
    r"several|multiple|many|numerous|dozens\s+of|a\s+number\s+of|a\s+series\s+of|other|more|(?:half\s+)?a\s+dozen|"
    r"a\s+handful\s+of|a\s+couple\s+of|scores\s+of|tens\s+of|a\s+string\s+of|a\s+few)\s+)(?:(?:more|other|new|further|"
    r"additional|nearby|small|strategic|surrounding|neighbouring|neighboring)\s+)*(?:[\w’'\-]+\s+)?"
    r"(?:villages|towns|areas|hills|hilltops|positions|sites|points|neighbou?rhoods|districts|farms|settlements|"
    r"localities|checkpoints|hamlets|mountains|heights|outposts|bases|oil\s+fields|fields|quarters|buildings|"
    r"locations|strongholds)\b"
    # an unnamed single object: "captured a village / another hill to the south of X"
    r"|\s+(?:a|an|another|one\s+more|one\s+other|one)\s+(?:(?:more|other|new|further|nearby|small|large|"
    r"strategic|key|important|second|third|fourth|fifth)\s+)*(?:village|town|hill|hilltop|position|site|point|"
    r"neighbou?rhood|district|farm|settlement|locality|checkpoint|hamlet|mountain|height|outpost|base|area|"
    r"building|location|stronghold)\b(?!\s+(?:of|called|named|known)\b)", re.IGNORECASE)
#: the opening of the named list after a counted object: ", including", ":", "such as", ", A ..."
_LIST_LEAD_RE = re.compile(
    r"(?:,|:|\(|\bincluding|\bnamely|\bsuch\s+as|\bamong\s+them|\bamong\s+which|\bas\s+well\s+as|"
    r"\balong\s+with|\btogether\s+with|\band)\s*:?\s*(?:the\s+)?(?:(?:large|small|strategic|nearby|key|"
    r"important)\s+|[a-z][\w\-]*\s+(?=" + _FEATURE_WORDS + r"\s+of\s+$))?(?:" + _FEATURE_WORDS + r"\s+of\s+)?$",
    re.IGNORECASE)
#: a gerund subject governed by a modal: "capturing it would sever the road" (not "..., paving the way")
_GERUND_MODAL_RE = re.compile(r"[^,;]{0,80}?\s(?:will|would|could|may|might|should|must|can|is\s+(?:expected|likely|"
                              r"set)|was\s+(?:expected|likely)|(?:is|was|would\s+be)\s+(?:only\s+)?(?:a|just\s+a)\s+[\"“‘']?(?:matter|question)\s+of)\b",
                              re.IGNORECASE)

_BEARING_WORDS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
                  "southwest": 225.0, "west": 270.0, "northwest": 315.0}
_BEARING_RE = re.compile(r"\b(north-east|north-west|south-east|south-west|northeast|northwest|southeast|southwest|"
                         r"north|south|east|west)(?:ward|wards)?\b", re.IGNORECASE)   # longest first: "north-east" = 45
_REPORT_FRAME_RE = re.compile(r"^.*\b(?:that|said|says|told\s+[\w\s]{1,40}?|reported|according\s+to\s+[^,]{1,60},)\s+",
                              re.IGNORECASE | re.DOTALL)
_CIVILIAN_RE = re.compile(r"\b(?:civilians?|residents?|people|famil(?:y|ies)|inhabitants|refugees|children|"
                          r"women|displaced|locals|thousands|hundreds|dozens|majority|many|most|those|"
                          r"others|population)\b", re.IGNORECASE)
_FIGHTING_SUBJ_RE = re.compile(r"\b(?:fighting|clashes|battles?|violence)\s*$", re.IGNORECASE)
_BACKGROUND_RE = re.compile(r"\b(?:first|previously|originally|earlier\s+in\s+the\s+war|last\s+year|"
                            r"years?\s+ago)\b", re.IGNORECASE)
# a trigger inside a backer phrase: "Backed by Russian air strikes, the army ..."
_BACKER_PRE_RE = re.compile(r"\b(?:backed|supported|aided|covered)\s+(?:by|with)\s+(?:[\w\-’']+\s+){0,3}$",
                            re.IGNORECASE)
_FORCING_RE = re.compile(r"\b(?:forcing|forced|compelling|obliging)\s+((?:[\w’'\-]+\s+){0,4}?)to\s+$", re.IGNORECASE)
_BY_AGENT_RE = re.compile(r"\s+(?:carried\s+out\s+|launched\s+)?by\s+([^,;.]{1,60}?)(?=\s+(?:on|in|near|against|at|targeting)\b|[,;.]|$)",
                          re.IGNORECASE)
_PRONOUN_RE = re.compile(r"(?:^|[\s,“\"])(?:they|it|its\s+\w+|their\s+\w+|the\s+latter|these\s+forces)$",
                         re.IGNORECASE)
_IT_OBJ_RE = re.compile(r"\s+(?:it|them)\b", re.IGNORECASE)
_POSS_BEFORE_RE = re.compile(r"\b(?:its|it|the\s+city['’]s|the\s+town['’]s)\s+$", re.IGNORECASE)

#: movement / control verbs whose -ing forms are checked for objectives and adjectives
_MOVE_KINDS = {"capture", "entry", "withdrawal", "advance"}
#: "lost X" / "lost the town of X" (the place is the direct object, no "in", "near" ...)
_LOST_OBJ_GAP_RE = re.compile(r"\s+(?:(?:the|its|their|his|her|key|strategic|town|city|village|district|"
                              r"neighbou?rhood|area|base|airbase|air\s+base|oil|gas|field|hill|mountain|"
                              r"of)\s+)*$", re.IGNORECASE)
#: "lost (control of / most of / the town of) X to Y"
_LOST_TO_GAP_RE = re.compile(r"\s+(?:(?:the|its|their|his|her|key|strategic|town|city|village|district|"
                             r"neighbou?rhood|areas?|base|airbase|air\s+base|oil|gas|field|hill|mountain|most|"
                             r"much|parts?|some|all|large|swathes?|positions?|control|full|complete|total|"
                             r"over|of|in|around|the\s+\w+\s+of)\s+)*$", re.IGNORECASE)
#: kinds whose place must be a real place (no region)
_CONTROL_KINDS = {"capture", "entry", "withdrawal", "control"}
_PLACE_REQUIRED_GAP = 90  # characters between trigger and object at most



#: at most this many words of subject phrase are kept as the actor
ACTOR_MAX_WORDS = 12
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
#: time words and datelines glued in front of a subject
_ACTOR_LEAD_RE = re.compile(
    r"^(?:(?:also|earlier|later|meanwhile|but|and|then|on|since|by|in|at|last|this|early|late|after|"
    r"most|recently|"
    r"overnight|today|yesterday|" + _WEEKDAY + r"|" + _MONTH + r"|\d{1,4}(?:st|nd|rd|th)?)[\s,]+){1,8}",
    re.IGNORECASE)
#: "AMMAN:" / "BEIRUT (Reuters) -" in front of a subject
_ACTOR_DATELINE_RE = re.compile(r"^[A-Z][A-Z'’.\- ]{2,30}(?:\s*\([^)]{1,30}\))?\s*[:–—-]\s+")
#: "Backed by Russian air strikes, " / "With Russian air support, " before a subject
_ACTOR_BACKED_RE = re.compile(r"^(?:backed|supported|aided|helped|with)\b[^,]{0,80},\s*", re.IGNORECASE)
#: the first finite verb after a subject: the actor ends before it
_ACTOR_VERB_RE = re.compile(
    r"\s(?:are|is|was|were|had|has|have|said|says|say|initiated|continued?|continues|stepped|"
    r"confirmed|lost|obliged|forced|managed|began|reportedly|claimed|announced|launched|entered|"
    r"captured|seized|took|recaptured|retook|withdrew|advanced|attacked|shelled|stormed|killed)\b"
    r"|\s(?!(?:armed|backed|led|based|allied)\b)[a-z]{3,}ed\s+(?:their|its|the|a|an|his|her)\b",
    re.IGNORECASE)
#: auxiliaries and catenative verbs at the end of a subject phrase
_ACTOR_TAIL_RE = re.compile(
    r"(?:\s+(?:have|has|had|been|were|was|are|is|then|also|now|in\s+fact|reportedly|first|later|"
    r"finally|eventually|again|already|managed|began|begun|started|tried|continued|attempted|sought|"
    r"able|to|\w+ly))+$", re.IGNORECASE)


#: what may stand between a subject side phrase and its verb: auxiliaries, adverbs,
#: time words, head nouns ("IS fighters", "the army on Tuesday", "rebels have since")
_IMMEDIATE_GAP_RE = re.compile(
    r"(?:['’]s)?(?:\s+(?:have|has|had|been|were|was|are|is|then|also|now|in\s+fact|first|later|finally|"
    r"eventually|again|already|since|once|quickly|managed\s+to|began|begun|started|went\s+on\s+to|"
    r"continued\s+to|(?:on|early|late|last|this|since)\s+" + _WEEKDAY + r"|" + _WEEKDAY + r"|"
    r"(?:on|in|by|since)\s+" + _MONTH + r"(?:\s+\d{1,2})?|(?:this|last|earlier\s+this)\s+(?:week|month|year)|"
    r"fighters|militants|terrorists|forces|troops|units|soldiers|jihadists|gunmen|militias?|group|members|"
    r"men|army|backed|allied|\w+ly|\d{1,2})){0,6}\s*(?:\(\w{2,6}\)\s*)?$",
    re.IGNORECASE)
#: a side phrase that is the object of a preposition is not a subject ("backed by Turkey")
_PREP_BEFORE_RE = re.compile(r"\b(?:by|with|of|against|from|to|for|on|at|in|into|toward|towards|under|"
                             r"between|among|including|than|fighting|attacking|battling|backing)\s+(?:the\s+)?$"
                             # the agent of a participle with a place name before it: "surrounded by Idlib rebels"
                             r"|\bby\s+(?:the\s+)?(?:(?-i:[A-Z])[\w’'\-]*\s+){1,2}$",
                             re.IGNORECASE)
#: coordinated subjects "Syrian troops and Kurdish fighters": walk back to the first one
_SUBJ_COORD_RE = re.compile(r"^\s*(?:,|and|&|as\s+well\s+as|along\s+with|together\s+with)\s*(?:the\s+)?"
                            r"(?:(?:allied|other|local|pro-\w+|foreign|Shiite|Iraqi|Iranian|Afghan|Lebanese|"
                            r"[\w\-]+-(?:linked|backed|led|allied|affiliated|aligned))\s+)?$",
                            re.IGNORECASE)
#: "with Iraqi forces aided by coalition airstrikes having retaken X"
_WITH_HAVING_RE = re.compile(r"\bwith\s+((?:[\w’'.\-]+\s+){1,10}?)having\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: subordinators that open a clause with its own subject (commas are often missing in the corpus)
_SUBORDINATOR_RE = re.compile(
    r"\b(?:(?P<rel>which|who|whom|that)|since|after|when|whenever|until|till|because|while|before|(?<!\bat\s)once(?!\s+(?:again|more|and\s+for\s+all)\b)|"
    r"whereas|although|though|where|but|(?<!such\s)(?<!well\s)(?<!known\s)(?<!so\s)as(?!\s+(?:well|part|a|an|"
    r"of|for|to|such|if|long|far|much|many|soon|they|it)\b))\b",
    re.IGNORECASE)
#: a verb between a side phrase and "which"/"who": the phrase is no antecedent
_APPOSITION_VERB_RE = re.compile(r"(?<![\-\w])(?:is|are|was|were|has|have|had|\w{2,}ing|\w{3,}ed)\b", re.IGNORECASE)
#: only time words / adverbs between a relative pronoun and its verb ("which on Friday took")
_REL_GAP_RE = re.compile(r"^(?:\s*(?:had|has|have|was|were|then|later|also|now|\w+ly|on|in|last|this|early|"
                         r"late|" + _WEEKDAY + r"|" + _MONTH + r"|\d{1,4}|week|month|year|ago|two|three|days?))*\s*$",
                         re.IGNORECASE)
#: a finite verb inside a subordinate clause before the trigger (the clause has its own subject)
_OWN_VERB_RE = re.compile(r"^\s*\S+.*?\s(?:(?!(?:armed|backed|led|based|allied|besieged|held|controlled)\b)[a-z]{3,}ed|"
                          r"was|were|has|had|have|began|took|came|went|made|left|fled|won|lost|hit|struck)\b",
                          re.IGNORECASE | re.DOTALL)
#: a determiner subject right before the trigger: "while the others", "after some units"
_DET_SUBJECT_RE = re.compile(r"\s*(?:the|a|an|some|many|most|other|others|those|these|several|dozens|hundreds)\b"
                             r"(?:\s+(?!(?:of|in|on|at|from|with|by|and|to)\b)[\w’'\-]+){0,3}\s*", re.IGNORECASE)
#: non-combatants right before a movement verb: "civilians fleeing", "people who fled",
#: "an aid convoy ... entered", "residents have long fled"
_NONCOMBATANT_RE = re.compile(
    r"\b(?:" + CIVILIAN_WORDS + r"|population|syrians|convoys?|aid|trucks|buses|ambulances|talks|negotiations|"
    r"delegations?|teams?|journalists|reporters|patients|wounded|injured|workers|staff|agencies|"
    r"monitors|observers|inspectors|officials|diplomats|envoys?|detainees|prisoners|hostages|"
    r"students|worshippers|pilgrims|migrants|tourists|doctors|volunteers|rescuers|activists?|girls?|"
    r"boys?|bab(?:y|ies)|child|toddlers?|man|woman|victims|survivors|administration|president|diplomacy|"
    r"investors|companies|firms)\b",
    re.IGNORECASE)
#: companions and disguises of fighters are no non-combatant subject
_WITH_FAMILIES_RE = re.compile(r"\b(?:and|with|along\s+with)\s+(?:their|its|his)\s+(?:famil(?:y|ies)|wives|"
                               r"children|relatives|dependents|wounded)\b|\bcivilian\s+(?:clothes|clothing|dress|"
                               r"cars?|vehicles?|disguise)\b", re.IGNORECASE)
#: "evacuated civilians from X": the object is not an armed side
_NONCOMBATANT_OBJ_RE = re.compile(r"\s+(?:[\w’'\-]+\s+){0,3}?(?:civilians?|residents?|people|famil(?:y|ies)|"
                                  r"inhabitants|children|women|wounded|injured|sick|patients|villagers|"
                                  r"staff|workers|embassy|diplomats|nationals|citizens)\b", re.IGNORECASE)


# ----------------------------------------------------------------- round 2 (events): object classes
#: the object before the place is a PART of it or something located in it: "seized buildings in
#: the northern part of X", "took control of parts of X", "overran positions in X", "90% of X",
#: "broke into the prison in X": no event at X (the part itself is the place when named)
_PART_OF_RE = re.compile(
    r"\b(?:(?:parts?|portions?|sections?|sectors?|percent|per\s+cent|half|thirds?|quarters|neighbou?rhoods|"
    r"districts|areas|outskirts|suburbs|edges?|perimeter|centre|center|downtown)\s+(?:of|in|inside|within)"
    r"|(?:territory|territories|ground|headquarters|HQ|offices?|positions?|posts?|buildings?|bases?|neighbou?rhoods?|districts?|quarters?|blocks?|streets?|"
    r"schools?|hospitals?|prisons?|departments?|factor(?:y|ies)|stations?|roundabouts?|squares?|markets?|"
    r"hills?|hilltops?|mountains?|farms?|silos?|checkpoints?)\s+(?:in|inside|within|near|around|outside|at)"
    r"|\d+\s*%\s+of)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|old|[\w\-]+ern)\s+)?"
    r"(?:(?:city|town|village|part|parts)\s+(?:of\s+)?)?$",
    re.IGNORECASE)
#: people or materiel taken "near X" / "in X": a capture of persons or things, not of the place
_NONPLACE_OBJ_RE = re.compile(
    r"\b(?:soldiers?|troops|fighters?|militants?|prisoners?|hostages?|civilians?|members?|commanders?|"
    r"officers?|pilots?|journalists?|translators?|interpreters?|men|women|children|people|jihadists?|"
    r"weapons?|arms|ammunition|munitions|vehicles?|tanks?|documents?|leaflets|equipment|trucks?|cars?|"
    r"drones?|rockets?|missiles?|supplies|caches?|cellphones|phones|maps)\b"
    r"[^,;]{0,50}?\b(?:near|in|at|around|outside|inside|within|on|from|close\s+to)\s+(?:the\s+)?"
    r"(?:[\w’'\-]+\s+){0,3}$",
    re.IGNORECASE)
#: "advance(s)" as a noun: "the SDF advance", "recent advances in X", "As a result of the advance"
_NOMINAL_ADVANCE_PRE_RE = re.compile(
    r"(?:\b(?i:the|a|an|its|their|his|her|this|that|these|those|recent|latest|new|further|rapid|swift|major|"
    r"sudden|continued|ongoing|initial|first|last|government|army|rebel|kurdish|ground|military|such|any|"
    r"whose|of|nearby|significant|slow|steady|quick|big|large|government|regime|opposition|kurdish|turkish|"
    r"syrian|russian|iranian|coalition|pro-government|rebel|jihadist|only|main|possible|general|full)|['’]s?|\b[A-Z]{2,}[a-z]?)\s+$")
_ADVANCE_PREP_AFTER_RE = re.compile(r"\s+(?:on|toward|towards|to|into|against|closer|upon)\b", re.IGNORECASE)
#: "nearly besieged", "almost captured": it did not happen
_ALMOST_RE = re.compile(r"\b(?:nearly|almost|all\s+but)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: a withdrawal with an object or a destination but no origin: "withdrew its fighters to defend X",
#: "retreated east", "retreat back to the west bank", "their retreat into the pocket"
_OBJECT_AFTER_RE = re.compile(r"\s+(?:its|their|his|her|the(?!\s+(?:next|following|same|previous|day|night)\b)"
                              r"|a(?!\s+(?:day|week|few|couple)\b)|an|some|all|most|many)\b"
                              r"|\s+(?:from|out\s+of)\s+(?:those|these|all|several|many|most|some|rural|\w+\s+(?:areas|"
                              r"villages|positions|regions)|the\s+(?:region|areas|countryside|positions|villages))\b",
                              re.IGNORECASE)
_NO_ORIGIN_RE = re.compile(
    r"\s+(?:to|into|towards?|back|further|deeper|across|over|"
    r"behind|inside|(?:north|south|east|west)(?:ern|ward|wards)?|(?:north|south)(?:east|west)(?:ern|ward|wards)?)\b",
    re.IGNORECASE)
#: fighters "fleeing X with their families": people leave, the side is not said to give X up
_WITH_FAMILIES_AFTER_RE = re.compile(r"[^,;]{0,60}?\b(?:with|along\s+with|and)\s+(?:their|its|his)\s+"
                                     r"(?:famil(?:y|ies)|wives|children|relatives)\b", re.IGNORECASE)
#: siege verbs as a passive state: "with the city surrounded", "X being almost fully surrounded"
_SIEGE_STATE_RE = re.compile(r"(?:surrounded|besieged|encircled)$", re.IGNORECASE)
_PASSIVE_STATE_PRE_RE = re.compile(
    r"(?:\b(?-i:was|were|is|are|been|being|remained|remains|now|left|Now)|\bwith\s+(?:[\w’'\-]+\s+){0,7}?[\w’'\-]+)"
    r"\s+(?:(?:\w+ly|completely|fully|almost|nearly|partially|partly|effectively|virtually)\s+){0,3}$",
    re.IGNORECASE)
#: "losing it in an SDF counter-attack": the side of the attack wins the place
_LOST_IN_ATTACK_RE = re.compile(
    r"\s*(?:,\s*)?(?:in|during|after|following|to)\s+(?:an?|the|a\s+subsequent|their)\s+([^,;.]{0,50}?)"
    r"(?:counter-?attacks?|counter-?offensives?|attacks?|offensives?|assaults?|raids?|advances?)\b",
    re.IGNORECASE)
#: "After the capture of A and B, the rebels ...": a nominal capture as the time of the main clause
_NOMINAL_AFTER_RE = re.compile(r"(?:^|[,;]\s*|\b)(?:after|following|upon|with)\s+(?:the\s+)?$", re.IGNORECASE)
#: a road between places: "part of the highway between X and Y" names no captured place
_ROAD_GAP_RE = re.compile(r"\b(?:road|roads|highway|route|motorway|supply\s+lines?)\s+(?:between|from|to|linking|"
                          r"connecting|leading\s+to)\b", re.IGNORECASE)
#: a new predicate between a trigger and a place: ", taking control of", ", capturing", ", and captured"
_NEW_PREDICATE_GAP_RE = re.compile(
    r"(?:,|\band)\s+(?:then\s+|also\s+|later\s+)?(?!(?:including|according|during|following|regarding|"
    r"concerning|surrounding|neighbou?ring|remaining|adjoining|bordering|overlooking|facing|along)\b)"
    r"[a-z]{3,}ing\b"
    # an infinitive of movement or capture: "captured crossroads to advance to X"
    r"|\bto\s+(?:further\s+)?(?:advance|push|move|reach|capture|take|seize|cut|open|secure|attack|enter|retake|"
    r"recapture|besiege|encircle|link|approach|defend|reinforce|protect|relieve|break|storm)\b", re.IGNORECASE)
#: a plural object that "them" refers to: "captured three villages ... recaptured them"
_PLURAL_OBJ_RE = re.compile(r"\b(?:villages|towns|hills|hilltops|areas|positions|points|neighbou?rhoods|districts|"
                            r"farms|settlements|checkpoints|bases|outposts)\b", re.IGNORECASE)
#: a plural combatant noun right before a headline passive ("Jihadists pushed from X", "Nusra
#: Front fighters pushed from X"); a side phrase of the article's side table also counts
#: (:meth:`mapper.extract.events.passives.PassiveMixin._hpass_subject`)
_COMBATANT_HEADS = (r"fighters|troops|forces|militants|units|militias?|jihadists|rebels|insurgents|soldiers|"
                    r"gunmen|terrorists|brigades|battalions")
_HPASS_SUBJECT_RE = re.compile(
    r"(?<![\w\-])(?:" + _COMBATANT_HEADS + r"|extremists|loyalists|guerrill?as|paramilitar(?:y|ies)|mercenaries|"
    r"defenders|divisions|regiments|guards|commandos|factions|groups|holdouts|remnants)\s+$", re.IGNORECASE)
#: what may stand between a subject side phrase and a headline passive: a head noun
#: ("SDF fighters", "Kurdish militia units"), nothing else
_HPASS_GAP_RE = re.compile(r"(?:\s+(?:" + _COMBATANT_HEADS + r"|members))?\s+", re.IGNORECASE)
#: a claim denied right after it (same or next sentence): "X said IS had captured A, but ...
#: IS never captured it", "despite reports that they had captured the town", "A had not been entered"
_DENIAL_AFTER_RE = re.compile(
    r"\b(?:never|did\s+not|didn['’]t|had\s+not|hadn['’]t|has\s+not|hasn['’]t|was\s+not|were\s+not|wasn['’]t|"
    r"weren['’]t)\s+(?:\w+\s+){0,2}?(?:captured|taken|entered|seized|retaken|recaptured|fallen|fall|capture|take|"
    r"enter|seize|lost|lose)\b|\b(?:denied|denies|refuted|dismissed)\s+(?:the\s+|these\s+|this\s+|such\s+)?"
    r"(?:reports?|claims?|\w+\s+(?:reports?|claims?))\b",
    re.IGNORECASE)
#: the losing side is still inside: denies a capture (not an entry)
_STILL_PRESENT_RE = re.compile(r"\b(?:were|was|are|is|remained|remain)\s+still\s+(?:present|inside|holding\s+out)\b"
                               r"|\bstill\s+(?:present|held\s+out)\s+in\b", re.IGNORECASE)
_DESPITE_REPORTS_RE = re.compile(r"\bdespite\s+(?:\w+\s+){0,2}?(?:reports|claims|rumou?rs)\b", re.IGNORECASE)
