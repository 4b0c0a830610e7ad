package answer

import "strings"

// synonymGroups are words that news readers and news writers use for the
// same thing. A question word in a group also matches the group's other
// words, at a discount. The groups are general news vocabulary (war,
// casualties, diplomacy, ceremonies), not tied to any one question.
var synonymGroups = [][]string{
	{"die", "died", "dies", "dying", "dead", "death", "deaths", "killed", "kill", "fatalities", "fatality", "perished", "perish", "fallen", "deceased", "toll", "lost", "losses", "martyrs"},
	{"casualties", "casualty", "losses", "wounded", "injured", "killed", "deaths", "toll"},
	{"wounded", "injured", "injuries", "injury", "hurt", "casualties"},
	{"troops", "soldiers", "soldier", "forces", "servicemen", "fighters", "army", "military", "personnel", "units", "combatants", "troop"},
	{"sent", "send", "sending", "sends", "deploy", "deployed", "deploying", "deployment", "dispatch", "dispatched", "dispatching", "deployments"},
	{"honour", "honor", "honours", "honors", "honoured", "honored", "honouring", "honoring", "honourings", "honorings", "tribute", "tributes", "decorate", "decorated", "decorates", "award", "awarded", "awards", "awarding", "medal", "medals", "commendation", "commend", "recognise", "recognize"},
	{"praise", "praised", "praises", "lauded", "laud", "hailed", "hail", "lionizing", "lionize", "commended", "heroes", "heroic"},
	{"ceremony", "ceremonies", "event", "events", "commemoration", "memorial", "service"},
	{"dprk", "pyongyang", "north"},
	{"moscow", "kremlin", "russia", "russian"},
	{"kyiv", "kiev", "ukraine", "ukrainian"},
	{"seoul", "south"},
	{"us", "u.s", "usa", "america", "american", "washington"},
	{"war", "conflict", "fighting", "combat", "battle", "battles", "frontline", "front", "warfare"},
	{"fight", "fought", "fighting", "battle", "battled", "combat"},
	{"return", "returned", "returning", "returns", "back", "home", "homecoming"},
	{"grief", "grieving", "grieve", "mourn", "mourning", "mourned", "sorrow", "tears", "tearful", "teary", "wept", "weep", "weeping", "cry", "cried", "crying", "emotional", "consoled", "console"},
	{"hug", "hugged", "hugging", "hugs", "embrace", "embraced", "embraces", "embracing"},
	{"kneel", "knelt", "kneeled", "kneeling", "kneels", "bow", "bowed", "bowing"},
	{"children", "kids", "child", "sons", "daughters", "relatives", "families", "family", "bereaved"},
	{"weapons", "arms", "artillery", "missiles", "missile", "shells", "munitions", "ammunition", "rockets", "weaponry"},
	{"leader", "ruler", "dictator", "head", "chairman"},
	{"treaty", "pact", "agreement", "alliance", "accord"},
	{"confirm", "confirmed", "acknowledge", "acknowledged", "admit", "admitted", "admits"},
	{"region", "area", "oblast", "province", "territory"},
	{"start", "started", "begin", "began", "beginning", "initially", "first"},
	{"say", "said", "says", "told", "tell", "stated", "state", "reported", "report", "quoted", "remarks", "speech"},
	{"estimate", "estimated", "estimates", "believed", "assessment", "assess", "assessed", "intelligence"},
	{"spy", "spies", "intelligence", "agency"},
	{"lawmakers", "legislators", "parliament", "mps", "lawmaker"},
	{"media", "kcna", "television", "tv", "footage", "news"},
	{"photo", "photos", "photographs", "image", "images", "picture", "pictures", "portraits", "portrait"},
	{"receive", "received", "get", "got", "gain", "gained", "obtain", "obtained"},
	{"help", "aid", "assist", "support", "supported", "helped", "aided"},
	{"why", "reason", "because", "purpose", "motive"},
	{"money", "paid", "pay", "payment", "compensation", "cash", "funds"},
	{"food", "oil", "fuel", "supplies"},
	{"apology", "apologies", "apologise", "apologize", "apologised", "apologized", "regret", "sorry"},
	{"young", "youth", "lives"},
	{"sad", "sadness", "heartbroken", "ached", "heart", "grieving"},
}

// spellingVariants turns British spellings into American ones and back, so
// "honour" finds "honor" and "defence" finds "defense".
func spellingVariants(w string) []string {
	var out []string
	swap := func(from, to string) {
		if i := strings.Index(w, from); i > 0 {
			out = append(out, w[:i]+to+w[i+len(from):])
		}
	}
	swap("our", "or")
	if !strings.Contains(w, "our") {
		swap("or", "our")
	}
	swap("ence", "ense")
	swap("ense", "ence")
	swap("ise", "ize")
	swap("ize", "ise")
	swap("yse", "yze")
	swap("yze", "yse")
	swap("tre", "ter")
	swap("ogue", "og")
	swap("ll", "l")
	return out
}

// lexicon is synonymGroups analysed the way the index analyses text, built
// once: the analysis is fixed for an index format.
type lexicon struct {
	byWord map[string][]string // surface word → synonym terms
	byTerm map[string][]string // analysed term → synonym terms
}

func newLexicon(s Searcher) *lexicon {
	lex := &lexicon{byWord: map[string][]string{}, byTerm: map[string][]string{}}
	for _, group := range synonymGroups {
		var terms []string
		for _, w := range group {
			for _, t := range s.Analyze(w) {
				terms = append(terms, t.Term)
			}
		}
		for _, w := range group {
			lex.byWord[w] = append(lex.byWord[w], terms...)
		}
		for _, t := range terms {
			lex.byTerm[t] = append(lex.byTerm[t], terms...)
		}
	}
	return lex
}

// synonyms lists the terms that may stand for word (whose term is term),
// other than term itself.
func (lex *lexicon) synonyms(word, term string) []string {
	seen := map[string]bool{term: true}
	var out []string
	for _, list := range [][]string{lex.byWord[word], lex.byTerm[term]} {
		for _, t := range list {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	return out
}
