package answer

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
)

// Most of the question patterns are asked of every question and match
// few: "what did X say", "who wrote the X article". Go's regexp cannot
// skip ahead to a literal when a pattern opens with \b, so each one walks
// the whole question. A gate is the words one of which any match must
// hold, read from the pattern itself: a question holding none of them is
// known not to match without running it.

// gates remembers each pattern's gate (a []string; nil when it has none).
var gates sync.Map

// mayMatch reports whether re may match lower, a lower-cased question:
// false only when lower holds none of the words every match holds.
func mayMatch(re *regexp.Regexp, lower string) bool {
	g, ok := gates.Load(re)
	if !ok {
		g, _ = gates.LoadOrStore(re, gateOf(re))
	}
	needles := g.([]string)
	if needles == nil {
		return true
	}
	for _, n := range needles {
		if strings.Contains(lower, n) {
			return true
		}
	}
	return false
}

// match is re.MatchString(lower) for a lower-cased question, skipping the
// pattern when its gate says it cannot match.
func match(re *regexp.Regexp, lower string) bool {
	return mayMatch(re, lower) && re.MatchString(lower)
}

// gateOf reads re's gate: the strings one of which any match holds, in
// lower case, or nil when it cannot tell.
func gateOf(re *regexp.Regexp) []string {
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	return required(parsed.Simplify())
}

// required lists strings one of which every match of re holds, or nil.
// Of a sequence, it takes the part whose strings are longest (the
// rarest); of alternatives, the strings of each, if each has some.
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		s := string(re.Rune)
		if re.Flags&syntax.FoldCase != 0 {
			return []string{strings.ToLower(s)}
		}
		if strings.IndexFunc(s, unicode.IsUpper) >= 0 {
			return nil // never in a lower-cased question: do not tell
		}
		return []string{s}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		for _, sub := range re.Sub {
			if r := required(sub); r != nil && shortest(r) > shortest(best) {
				best = r
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			r := required(sub)
			if r == nil {
				return nil
			}
			all = append(all, r...)
		}
		return all
	}
	return nil
}

// shortest is the length of the shortest of ss, 0 for none.
func shortest(ss []string) int {
	if len(ss) == 0 {
		return 0
	}
	n := len(ss[0])
	for _, s := range ss[1:] {
		n = min(n, len(s))
	}
	return n
}
