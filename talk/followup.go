package talk

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxRewritten bounds a rewritten question; past it the follow-up is asked
// as typed (the answer engine refuses very long questions anyway).
const MaxRewritten = 300

var (
	whWords = set("who", "whom", "whose", "what", "when", "where", "why", "how", "which")
	// quantifiers complete "how": "how many", "how long".
	howWords  = set("many", "much", "long", "often", "old", "far", "big", "large", "soon")
	doForms   = set("did", "do", "does")
	auxWords  = set("is", "are", "was", "were", "did", "do", "does", "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "'s")
	openers   = set("and", "but", "also", "plus", "so", "then", "ok", "okay", "now")
	bareExtra = set("many", "much", "long", "often", "old", "far", "exactly", "else", "so", "then", "not", "again", "though", "precisely", "and")
	// pronouns that refer back to what was asked before.
	referring = set("that", "this", "it", "he", "she", "they", "him", "her", "them", "those", "these", "so", "there", "his", "their", "its")
	// function words and verbs too generic to name a subject.
	generic = set("the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "about", "did", "do", "does",
		"is", "are", "was", "were", "be", "been", "has", "have", "had", "say", "said", "says", "tell", "told",
		"mean", "meant", "happen", "happened", "know", "report", "reported", "claim", "claimed", "confirm",
		"confirmed", "announce", "announced", "according", "exactly", "really", "again", "else", "then",
		"not", "also", "too", "why", "what", "who", "whom", "when", "where", "how", "which", "many", "much",
		"source", "proof", "evidence", "sure", "true", "come", "from", "write", "wrote", "written", "get", "got",
		"will", "would", "could", "can", "should", "make", "made", "take", "took", "go", "went", "start", "started",
		"end", "ended", "long", "ago", "one", "ones", "there", "the", "thing", "things", "more", "else")
	determiners = set("the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "some", "all", "each")
)

// FollowUp rewrites q as a whole question when it is elliptical, taking
// the missing subject from prev, the same reader's previous question; ok
// is false when q stands on its own (or prev is empty). Recognised: a
// question opened by "and", "but", "also"…; "what about X" and "how about
// X"; a bare question word ("when?", "how many?"); a question whose only
// subject is a pronoun ("who said that?"); "how many were …" with no noun.
func FollowUp(prev, q string) (rewritten string, ok bool) {
	pt, qt := tokens(prev), tokens(q)
	if len(pt) == 0 || len(qt) == 0 {
		return "", false
	}
	ql := lowered(qt)
	opened := false
	for len(ql) > 1 && openers[ql[0]] {
		qt, ql, opened = qt[1:], ql[1:], true
	}
	switch {
	case len(ql) >= 3 && (ql[0] == "what" || ql[0] == "how") && ql[1] == "about",
		len(ql) >= 3 && ql[0] == "what" && ql[1] == "of",
		len(ql) >= 3 && ql[0] == "same" && (ql[1] == "for" || ql[1] == "with"):
		return finish(about(pt, qt[2:], qt), prev)
	case len(ql) >= 4 && ql[0] == "same" && ql[1] == "question" && (ql[2] == "for" || ql[2] == "about"):
		return finish(about(pt, qt[3:], qt), prev)
	case isBareWh(ql):
		return finish(bareWh(pt, qt), prev)
	case len(ql) >= 3 && ql[0] == "how" && (ql[1] == "many" || ql[1] == "much") && lacksNoun(qt[2:]):
		return finish(headless(pt, qt[:2], qt[2:], qt), prev)
	case len(ql) >= 2 && ql[0] == "which" && lacksNoun(qt[1:]):
		return finish(headless(pt, qt[:1], qt[1:], qt), prev)
	case pronounOnly(ql):
		return finish(combine(pt, qt), prev)
	case opened && !whWords[ql[0]] && !auxWords[ql[0]]:
		// "and Russia?", "and the wounded?"
		return finish(about(pt, qt, qt), prev)
	case opened && contentWords(ql) < 2:
		// "and who was wounded?": too little of its own to stand alone.
		return finish(combine(pt, qt), prev)
	case opened:
		// "and how many soldiers were wounded?" stands on its own.
		return finish(qt, prev)
	}
	return "", false
}

// finish joins the rewritten words into a question, or gives up when it is
// too long or merely repeats prev.
func finish(ws []string, prev string) (string, bool) {
	if len(ws) == 0 {
		return "", false
	}
	s := strings.Join(ws, " ")
	s = strings.TrimRightFunc(s, func(r rune) bool { return r == '?' || r == '.' || r == '!' || unicode.IsSpace(r) }) + "?"
	if utf8.RuneCountInString(s) > MaxRewritten || strings.EqualFold(s, strings.TrimSpace(prev)) {
		return "", false
	}
	return s, true
}

// tokens splits s at spaces, keeping case, and trims the punctuation
// around each word (not inside: "15,000", "Kim's").
func tokens(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		f = strings.TrimFunc(f, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})
		if f != "" {
			out = append(out, strings.ReplaceAll(f, "’", "'"))
		}
	}
	return out
}

func lowered(ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = strings.ToLower(t)
	}
	return out
}

// lacksNoun reports whether rest, what follows "how many" or "which",
// starts with a form of be or have and then goes on with no subject and
// little of its own: "were wounded", "have died in Kursk". "did it cost",
// "is a ream of paper" and "have accomplished climbing Everest" name
// their own subject.
func lacksNoun(rest []string) bool {
	if len(rest) < 2 || !beHave[strings.ToLower(rest[0])] {
		return false
	}
	next := rest[1]
	first, _ := utf8.DecodeRuneInString(next)
	if determiners[strings.ToLower(next)] || referring[strings.ToLower(next)] || unicode.IsUpper(first) || unicode.IsDigit(first) {
		return false
	}
	return contentWords(lowered(rest[1:])) <= 2
}

var beHave = set("is", "are", "was", "were", "has", "have", "had", "'s")

// isBareWh: "when?", "how many?", "why not?", "where exactly?".
func isBareWh(ql []string) bool {
	if len(ql) > 3 || !whWords[ql[0]] {
		return false
	}
	for _, w := range ql[1:] {
		if !bareExtra[w] && !whWords[w] {
			return false
		}
	}
	return true
}

// pronounOnly: a question with nothing but pronouns and generic words,
// one of which points back ("who said that?", "when did it happen?").
func pronounOnly(ql []string) bool {
	if !whWords[ql[0]] && !auxWords[ql[0]] && ql[0] != "says" && ql[0] != "according" {
		return false
	}
	refers := false
	for _, w := range ql {
		switch {
		case referring[w]:
			refers = true
		case generic[w], whWords[w], auxWords[w]:
		default:
			return false
		}
	}
	return refers
}

func contentWords(ql []string) int {
	n := 0
	for _, w := range ql {
		if !generic[w] && !referring[w] && !whWords[w] && !auxWords[w] && !englishWords[w] {
			n++
		}
	}
	return n
}

// frame is a wh-question cut into its parts: "how many" + "North Korean
// soldiers" + "were" + "killed".
type frame struct {
	wh, np []string
	aux    string
	rest   []string
}

// parse cuts a question into a frame; ok is false when it is not a
// wh-question with an auxiliary close after its question word.
func parse(pt []string) (frame, bool) {
	pl := lowered(pt)
	if len(pl) < 2 || !whWords[pl[0]] {
		return frame{}, false
	}
	i := 1
	if pl[0] == "how" && howWords[pl[1]] {
		i = 2
	}
	for j := i; j < len(pl) && j <= i+6; j++ {
		if auxWords[pl[j]] {
			if j+1 >= len(pl) && j == i {
				return frame{}, false // "what is?" has nothing to carry over
			}
			return frame{wh: pt[:i], np: pt[i:j], aux: pt[j], rest: pt[j+1:]}, true
		}
	}
	return frame{}, false
}

// inverted reports whether the frame's auxiliary comes before its subject
// ("where was the ceremony", "who did Kim decorate") rather than being the
// verb of the question word itself ("who was decorated").
func (f frame) inverted() bool {
	if doForms[strings.ToLower(f.aux)] {
		return true
	}
	if len(f.rest) == 0 {
		return false
	}
	r := f.rest[0]
	first, _ := utf8.DecodeRuneInString(r)
	return determiners[strings.ToLower(r)] || unicode.IsUpper(first) || unicode.IsDigit(first)
}

// bareWh: "when?" after "how many North Korean soldiers were killed?" is
// "when were North Korean soldiers killed?".
func bareWh(pt, qt []string) []string {
	f, ok := parse(pt)
	wh := qt
	if ql := lowered(qt); len(ql) > 1 && !(ql[0] == "how" && howWords[ql[1]]) {
		wh = qt[:1] // "where exactly" → "where"
	} else if len(ql) > 2 {
		wh = qt[:2]
	}
	whl := strings.ToLower(strings.Join(wh, " "))
	quantity := whl == "how many" || whl == "how much" || whl == "which" || whl == "what"
	switch {
	case !ok:
		return combine(pt, qt)
	case len(f.np) > 0 && quantity:
		return join(wh, f.np, []string{f.aux}, f.rest)
	case len(f.np) > 0 && doForms[strings.ToLower(f.aux)]:
		// "how many soldiers did Kim decorate" → "when did Kim decorate soldiers"
		return join(wh, []string{f.aux}, f.rest, f.np)
	case len(f.np) > 0:
		// "how many soldiers were killed" → "where were soldiers killed"
		return join(wh, []string{f.aux}, f.np, f.rest)
	case f.inverted():
		return join(wh, []string{f.aux}, f.rest)
	}
	return combine(pt, qt)
}

// headless: "how many were wounded?" after "how many North Korean soldiers
// were killed?" is "how many North Korean soldiers were wounded?".
func headless(pt, wh, rest, qt []string) []string {
	f, ok := parse(pt)
	if !ok || len(f.np) == 0 {
		return combine(pt, qt)
	}
	return join(wh, f.np, rest)
}

// about: "what about Putin?" after "what did Kim say about the soldiers?"
// is "what did Putin say about the soldiers?"; "what about civilians?"
// after "how many soldiers were killed?" is "how many civilians were
// killed?". Anything else is joined on: "…, and what about the wounded?".
func about(pt, x, qt []string) []string {
	if len(x) == 0 {
		return nil
	}
	if capitalised(x[0]) {
		if i, j := entity(pt); i >= 0 {
			last := strings.ToLower(x[len(x)-1])
			switch {
			case j < len(pt) && strings.EqualFold(pt[j], last):
				// "what about Russian soldiers?" after "how many North
				// Korean soldiers…": the noun is said again.
				return join(pt[:i], x, pt[j+1:])
			case demonym(pt[j-1]) == demonym(x[len(x)-1]):
				// A name for a name, an adjective for an adjective.
				return join(pt[:i], x, pt[j:])
			}
		}
	}
	if f, ok := parse(pt); ok && len(f.np) > 0 && len(x) <= 2 && plainNouns(x) {
		return join(f.wh, x, []string{f.aux}, f.rest)
	}
	return combine(pt, qt)
}

// plainNouns: words that can stand in for a noun phrase ("civilians",
// "wounded soldiers"), not names, pronouns or determiners.
func plainNouns(x []string) bool {
	for _, w := range x {
		l := strings.ToLower(w)
		if capitalised(w) || determiners[l] || referring[l] || englishWords[l] {
			return false
		}
	}
	return true
}

// combine joins the follow-up onto the previous question, which carries
// the subject: "how many soldiers died, and who said that?".
func combine(pt, qt []string) []string {
	prev := append([]string(nil), pt...)
	prev[len(prev)-1] += ","
	q := append([]string(nil), qt...)
	if w := strings.ToLower(q[0]); whWords[w] || auxWords[w] {
		q[0] = w // "…, and what about Russia?"
	}
	return join(prev, []string{"and"}, q)
}

// entity finds the first run of capitalised words after the first word
// (names: "Kim Jong Un", "Russia"); i is -1 when there is none.
func entity(pt []string) (i, j int) {
	i = -1
	for k := 1; k < len(pt); k++ {
		if capitalised(pt[k]) {
			if i < 0 {
				i = k
			}
			j = k + 1
		} else if i >= 0 {
			break
		}
	}
	return i, j
}

// demonym reports whether a capitalised word reads as an adjective of a
// people ("Korean", "Russian", "Chinese", "British") rather than a name.
func demonym(w string) bool {
	w = strings.ToLower(w)
	for _, suffix := range []string{"ian", "ean", "can", "ese", "ish", "ani", "eli"} {
		if strings.HasSuffix(w, suffix) && len(w) > len(suffix)+1 {
			return true
		}
	}
	return false
}

func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func join(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
