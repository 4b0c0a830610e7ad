// Package talk tells a question about the story from everything else a
// reader may type to a bot (greetings, thanks, "help", "sources", messages
// in another language), and fills in elliptical follow-up questions from
// the reader's previous one. It is plain Go with hand-written rules over
// whole messages: a single word inside a real question never decides.
package talk

import (
	"strings"
	"unicode"
)

// Kind is what a message is, as a whole.
type Kind int

// The kinds of message. Everything that is not recognised as small talk or
// as another language is a Question.
const (
	Question   Kind = iota
	Greeting        // "hi", "hello there", "good morning"
	Thanks          // "thanks", "ok great", "👍"
	Goodbye         // "bye", "see you"
	Help            // "help", "what can you do", "how does this work"
	Sources         // "sources", "what articles do you have"
	About           // "who made you", "are you a bot"
	NotEnglish      // Korean, Russian, French, …: the articles are English
	Timeline        // "timeline", "show me the timeline": the dated events in order
)

var kindNames = [...]string{"question", "greeting", "thanks", "goodbye", "help", "sources", "about", "not_english", "timeline"}

// String names the kind, for logs.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Classify says what msg is as a whole. Small talk is recognised only when
// every word of the message belongs to a known phrase ("hi, what can you
// do?" is Help; "what weapons would help modernize" is a Question).
func Classify(msg string) Kind {
	if k, ok := smallTalk(msg); ok {
		return k
	}
	if notEnglish(msg) {
		return NotEnglish
	}
	return Question
}

// words lowercases s and splits it into words of letters, digits and inner
// apostrophes; everything else separates words. Curly apostrophes count as
// straight ones.
func words(s string) []string {
	s = strings.ReplaceAll(strings.ToLower(s), "’", "'")
	f := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && !unicode.Is(unicode.Mn, r)
	})
	out := f[:0]
	for _, w := range f {
		if w = strings.Trim(w, "'"); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// phrases are the small-talk phrases, in words as words() makes them.
// Sources and Help win over the rest when a message mixes kinds ("hi, what
// sources do you use?" is Sources).
var phrases = map[Kind][]string{
	Greeting: {
		"hi", "hii", "hello", "helo", "hey", "heya", "hiya", "yo", "howdy", "greetings", "sup", "hallo",
		"good morning", "good afternoon", "good evening", "good day", "morning", "evening",
		"hi there", "hello there", "hey there", "what's up", "whats up", "wassup",
		"how are you", "how are you doing", "how r u", "how are u", "how's it going", "hows it going",
		"how do you do", "nice to meet you", "pleased to meet you", "are you there", "anyone there",
		"test", "testing",
	},
	Thanks: {
		"thanks", "thank you", "thank u", "thx", "ty", "tysm", "thanks a lot", "thank you so much",
		"thanks so much", "many thanks", "much appreciated", "appreciated", "cheers", "thanks again",
		"ok", "okay", "k", "kk", "cool", "great", "nice", "awesome", "perfect", "got it", "i see",
		"good", "very good", "good job", "well done", "good bot", "interesting", "makes sense",
		"that helps", "that's helpful", "very helpful", "helpful", "wow", "lol", "haha",
		"no thanks", "no thank you", "all good",
	},
	Goodbye: {
		"bye", "goodbye", "good bye", "bye bye", "see you", "see ya", "see you later", "later",
		"good night", "night", "farewell", "take care", "cya", "that's all", "that's it", "nothing else",
	},
	Help: {
		"help", "help me", "help please", "i need help", "can you help", "can you help me", "could you help me",
		"what can you do", "what can u do", "what do you do", "what are you for", "what are you able to do",
		"what can i ask", "what can i ask you", "what should i ask", "what should i ask you",
		"what do you know", "what do you know about", "what can you tell me", "what can you tell me about",
		"what questions can i ask", "what kind of questions can i ask", "any suggestions", "suggestions",
		"how do i use this", "how do i use you", "how does this work", "how do you work", "how does it work",
		"how to use", "how to use this", "how to use you", "how do i ask", "how do i ask a question",
		"commands", "command", "usage", "instructions", "menu", "start", "info", "options",
		"what is this", "what's this", "what is this bot", "what's this bot", "what is storybot",
		"what are your commands", "what commands are there", "show commands", "list commands",
		"what is the story", "what story", "which story", "what's the story", "what is this about",
		"what are you about", "what is it about", "tell me about yourself", "about",
	},
	Sources: {
		"sources", "source", "your sources", "list sources", "list the sources", "list your sources",
		"show sources", "show me the sources", "show me your sources", "what are your sources",
		"what are the sources", "what sources", "which sources", "what sources do you have",
		"what sources do you use", "which sources do you use", "what sources do you quote",
		"articles", "the articles", "your articles", "list articles", "list the articles", "show articles",
		"show me the articles", "what articles", "which articles", "what articles do you have",
		"what articles do you use", "which articles do you use", "what articles do you know",
		"what articles do you quote", "what are the articles", "what are your articles",
		"which outlets", "what outlets", "what newspapers", "which newspapers",
		"where do you get your information", "where does your information come from",
		"where do you get your info", "where is your information from", "what do you read",
		"what are you based on", "what is your source", "what's your source", "sources please",
	},
	Timeline: {
		"timeline", "the timeline", "show the timeline", "show timeline", "show me the timeline",
		"timeline please", "give me the timeline", "what's the timeline", "what is the timeline",
		"timeline of events", "the timeline of events", "show me the timeline of events",
	},
	About: {
		"who are you", "who r u", "what are you", "what is your name", "what's your name", "whats your name",
		"your name", "who made you", "who created you", "who built you", "who wrote you", "who coded you",
		"who programmed you", "who designed you", "who is your creator", "who's your creator",
		"who owns you", "who runs you", "who is behind you", "who's behind you", "who developed you",
		"are you a bot", "are you human", "are you a human", "are you real", "are you ai", "are you an ai",
		"are you a person", "are you chatgpt", "are you gpt", "are you an llm", "are you a robot",
		"is this a bot", "is this ai", "what model are you", "how do you work inside",
	},
}

// fillers may stand around small talk without making it a question:
// "hey storybot, thanks!", "help please".
var fillers = set("please", "pls", "plz", "storybot", "bot", "there", "um", "uh", "hmm", "well",
	"oh", "ah", "again", "just", "very", "really", "man", "buddy", "friend", "everyone", "guys",
	"dear", "sir", "mate")

// emoji that are small talk on their own.
var emojiTalk = map[string]Kind{
	"👋": Greeting, "🙋": Greeting, "👍": Thanks, "🙏": Thanks, "❤️": Thanks, "❤": Thanks, "👌": Thanks,
	"😊": Thanks, "🙂": Thanks, "💯": Thanks, "❓": Help, "?": Help, "??": Help, "???": Help,
}

// phraseIndex maps a phrase's first word to its phrases, longest first.
type phrase struct {
	words []string
	kind  Kind
}

var phraseIndex = func() map[string][]phrase {
	idx := map[string][]phrase{}
	for k, ps := range phrases {
		for _, p := range ps {
			w := words(p)
			idx[w[0]] = append(idx[w[0]], phrase{w, k})
		}
	}
	for _, ps := range idx {
		// Longest first, so "thank you so much" beats "thank you".
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j].words) > len(ps[j-1].words); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
	}
	return idx
}()

// priority orders the kinds when a message mixes several.
var priority = map[Kind]int{Timeline: 7, Sources: 6, Help: 5, About: 4, Greeting: 3, Goodbye: 2, Thanks: 1}

// smallTalk reports whether every word of msg is part of a small-talk
// phrase or a filler, and which kind wins. The words are matched as
// sequences over the whole message (a small dynamic programme), so a
// phrase inside a longer question never matches.
func smallTalk(msg string) (Kind, bool) {
	trimmed := strings.TrimSpace(msg)
	if k, ok := emojiTalk[strings.TrimSpace(strings.ReplaceAll(trimmed, "\ufe0f", ""))]; ok {
		return k, true
	}
	if k, ok := emojiOnly(trimmed); ok {
		return k, true
	}
	w := words(trimmed)
	if len(w) == 0 || len(w) > 12 {
		return Question, false
	}
	// best[i] is the best kind covering w[i:], and whether it can be covered.
	type cover struct {
		kind   Kind
		ok     bool
		phrase bool // at least one real phrase, not fillers only
	}
	best := make([]cover, len(w)+1)
	best[len(w)] = cover{ok: true}
	for i := len(w) - 1; i >= 0; i-- {
		var c cover
		consider := func(k Kind, next int, isPhrase bool) {
			rest := best[next]
			if !rest.ok {
				return
			}
			cand := cover{kind: rest.kind, ok: true, phrase: rest.phrase || isPhrase}
			if isPhrase && (!rest.phrase || priority[k] > priority[rest.kind]) {
				cand.kind = k
			}
			if !c.ok || (cand.phrase && !c.phrase) || (cand.phrase == c.phrase && priority[cand.kind] > priority[c.kind]) {
				c = cand
			}
		}
		if fillers[w[i]] {
			consider(Question, i+1, false)
		}
		for _, p := range phraseIndex[w[i]] {
			if i+len(p.words) <= len(w) && equal(w[i:i+len(p.words)], p.words) {
				consider(p.kind, i+len(p.words), true)
			}
		}
		best[i] = c
	}
	switch c := best[0]; {
	case !c.ok:
		return Question, false
	case !c.phrase:
		// Only fillers ("storybot?", "please"): someone calling the bot.
		return Greeting, true
	default:
		return c.kind, true
	}
}

// emojiOnly classifies a message made only of emoji and punctuation by its
// first emoji with a meaning.
func emojiOnly(s string) (Kind, bool) {
	if s == "" {
		return Question, false
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return Question, false
		}
	}
	for _, r := range s {
		if k, ok := emojiTalk[string(r)]; ok && r != '?' {
			return k, true
		}
	}
	return Question, false
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
