package talk

import (
	"strings"
	"unicode"
)

// dropWords may open or close a question without being part of it:
// "hey, who did Kim decorate?", "so how many died?", "when? thanks".
var dropWords = set("hi", "hello", "hey", "yo", "ok", "okay", "so", "please", "pls", "plz", "thanks", "thx",
	"storybot", "bot", "um", "uh", "hmm", "oh")

// separators end a small-talk segment: "hello! where …", "thanks, and …".
const separators = ",!.:;—–-"

// Strip removes small talk around a question ("Hello! Where was the
// ceremony?" asks "Where was the ceremony?"), which the answer engine would
// otherwise look up as if it were about the story. Only a leading or
// trailing segment that is small talk as a whole goes (up to a comma,
// "!" or the like), or a single greeting, filler or "please" at either
// end; the question itself is never touched. A message that would be left
// empty is returned as it is.
func Strip(msg string) string {
	s := strings.TrimSpace(msg)
	for {
		if i := strings.IndexAny(s, separators); i > 0 {
			seg, rest := s[:i], strings.TrimLeftFunc(strings.TrimLeft(s[i:], separators), unicode.IsSpace)
			if _, ok := smallTalk(seg); ok && hasLetters(rest) && !digitAround(s, i) {
				s = rest
				continue
			}
		}
		first, rest, ok := strings.Cut(s, " ")
		if ok && dropWords[strings.ToLower(strings.TrimRight(first, separators))] && hasLetters(rest) {
			s = strings.TrimSpace(rest)
			continue
		}
		break
	}
	for {
		body := strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '!' || r == '.' })
		i := strings.LastIndexAny(body, "?!.,")
		if i <= 0 {
			break
		}
		tail := strings.TrimSpace(body[i+1:])
		k, ok := smallTalk(tail)
		if !ok || tail == "" || (k != Thanks && k != Greeting && k != Goodbye) || !hasLetters(body[:i]) {
			break
		}
		s = strings.TrimRight(body[:i+1], ",")
	}
	if sp := strings.LastIndexByte(s, ' '); sp > 0 {
		last := strings.ToLower(strings.TrimRightFunc(s[sp+1:], func(r rune) bool { return !unicode.IsLetter(r) }))
		if dropWords[last] && last != "so" && hasLetters(s[:sp]) {
			// "how many died please?" keeps its question mark.
			mark := strings.TrimLeftFunc(s[sp+1:], unicode.IsLetter)
			s = strings.TrimRight(s[:sp], separators) + strings.TrimRight(mark, separators)
		}
	}
	if !hasLetters(s) {
		return strings.TrimSpace(msg)
	}
	return s
}

func hasLetters(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// digitAround reports a separator inside a number ("15,000", "3.5").
func digitAround(s string, i int) bool {
	return i > 0 && i+1 < len(s) && unicode.IsDigit(rune(s[i-1])) && unicode.IsDigit(rune(s[i+1]))
}
