package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storybot/storybot/answer"
	"github.com/storybot/storybot/bot"
)

// runIndex rebuilds the index, showing progress on stderr, and prints what
// was indexed.
func runIndex(ctx context.Context, cfg config, stdout io.Writer, out outputs) error {
	st, rep, err := openStore(ctx, cfg, out, true)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(stdout, "indexed %d articles, %d passages in %s\n", rep.Articles, rep.Passages, rep.Took.Round(time.Millisecond))
	fmt.Fprintf(stdout, "seeds: %s\nindex: %s\n", cfg.seeds, cfg.index)
	for _, sk := range rep.Skipped {
		fmt.Fprintf(stdout, "skipped %s: %s\n", sk.File, sk.Reason)
	}
	return nil
}

// maxLine bounds one line of input to ask; the rest of a longer line is
// read and dropped, and the question is refused as too long.
const maxLine = 64 << 10

// runAsk answers the question in cfg.args, or each line of stdin.
func runAsk(ctx context.Context, cfg config, stdin io.Reader, stdout io.Writer, out outputs) error {
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	st, engine, err := newEngine(ctx, cfg, out)
	if err != nil {
		if cfg.json {
			// Every line still gets its one line of reply, at once, which
			// says why nothing can be answered; the exit status says so
			// too, and the log says so before the first line is read.
			out.log.Error("cannot answer any question", "err", err)
			eachQuestion(ctx, cfg, stdin, func(q string) {
				writeJSON(w, q, answer.Result{}, fmt.Errorf("cannot answer: %w", err))
				w.Flush()
			})
		}
		return err
	}
	defer st.Close()
	if len(cfg.args) == 0 {
		// Questions stream in: ready the engine for them meanwhile, as
		// the chat and the bot do.
		defer warmUpUntilDone(ctx, st, engine)()
	}
	eachQuestion(ctx, cfg, stdin, func(q string) {
		res, err := engine.Ask(ctx, q)
		if cfg.json {
			writeJSON(w, q, res, err)
		} else {
			writeText(w, res, err)
		}
		w.Flush()
	})
	return nil
}

// eachQuestion calls ask with the question in cfg.args, or with each line
// of stdin until it ends or ctx is done.
func eachQuestion(ctx context.Context, cfg config, stdin io.Reader, ask func(string)) {
	if len(cfg.args) > 0 {
		ask(strings.Join(cfg.args, " "))
		return
	}
	r := bufio.NewReaderSize(stdin, 64<<10)
	for ctx.Err() == nil {
		line, err := readLine(r, maxLine)
		if errors.Is(err, io.EOF) && line == "" {
			return
		}
		ask(line)
		if err != nil {
			return
		}
	}
}

// readLine reads one line of any length, keeping at most limit bytes of
// it (a longer line keeps limit+1, so that it is still seen as too long).
func readLine(r *bufio.Reader, limit int) (string, error) {
	var b strings.Builder
	for {
		chunk, err := r.ReadSlice('\n')
		if b.Len() <= limit {
			b.Write(chunk[:min(len(chunk), limit+1-b.Len())])
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return strings.TrimRight(b.String(), "\r\n"), err
	}
}

// jsonLine is the contract of `ask --json`: one object per input line.
type jsonLine struct {
	Question string          `json:"question"`
	Answered bool            `json:"answered"`
	Answers  []answer.Answer `json:"answers"`
	// Confidence is the calibrated probability that the first quote
	// answers the question (0 when there is none).
	Confidence float64 `json:"confidence"`
	// Note says why a question was not answered, when there is more to
	// say than that the articles do not answer it.
	Note  string  `json:"note,omitempty"`
	Error *string `json:"error"`
}

func writeJSON(w io.Writer, raw string, res answer.Result, err error) {
	// The question is echoed as asked: cleaned of control characters, or
	// as given (capped) when it could not be asked.
	line := jsonLine{Question: res.Question, Answered: res.Answered, Answers: res.Answers, Confidence: res.Confidence, Note: res.Note}
	if line.Answers == nil {
		line.Answers = []answer.Answer{}
	}
	if err != nil {
		msg := err.Error()
		line.Error = &msg
		line.Question = shorten(strings.ToValidUTF8(raw, "\uFFFD"), answer.MaxQuestionRunes)
		line.Answered = false
		line.Answers = []answer.Answer{}
		line.Confidence = 0
		line.Note = ""
	}
	b, _ := json.Marshal(line)
	w.Write(append(b, '\n'))
}

// shorten cuts s to at most n runes.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// writeText prints an answer the way the Discord bot shows it.
func writeText(w io.Writer, res answer.Result, err error) {
	switch {
	case err != nil:
		fmt.Fprintf(w, "Sorry: %s\n\n", err)
	case !res.Answered && res.Note != "":
		fmt.Fprintf(w, "%s\n\n", res.Note)
	case !res.Answered:
		fmt.Fprintln(w, "The articles don't answer that. Try asking about the ceremony, the soldiers, or the numbers reported.")
		fmt.Fprintln(w)
	default:
		for k, a := range res.Answers {
			label := ""
			if a.Caption {
				label = "(photo caption) "
			}
			fmt.Fprintf(w, "%d. %s“%s”\n— %s\n\n", k+1, label, a.Quote, citation(a.Source))
		}
	}
}

// citation is "Outlet · Author · Date · Title", leaving out what is
// unknown; the title is shortened at a word, so an article whose title is
// its first sentence is not cited by a paragraph.
func citation(s answer.Source) string { return bot.SourceLine(s) }

// runChat is the console chat used when no Discord token is set.
func runChat(ctx context.Context, cfg config, stdin io.Reader, stdout io.Writer, out outputs) error {
	st, engine, err := newEngine(ctx, cfg, out)
	if err != nil {
		return err
	}
	defer st.Close()
	defer warmUpUntilDone(ctx, st, engine)()
	snap, release, err := st.Acquire()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "storybot: ask about the story in %d articles (%s). Type a question, \"help\", or \"quit\".\n", len(snap.Meta().Articles), cfg.seeds)
	release()
	conv := newConversation(engine.Ask, library{st}.Sources)
	conv.timeline = library{st}.Timeline
	r := bufio.NewReaderSize(stdin, 64<<10)
	for ctx.Err() == nil {
		fmt.Fprint(stdout, "> ")
		line, err := readLine(r, maxLine)
		q := strings.TrimSpace(line)
		switch {
		case q == "quit" || q == "exit" || (q == "" && err != nil):
			fmt.Fprintln(stdout)
			return nil
		case q != "":
			if conv.reply(ctx, stdout, q) {
				return nil
			}
		}
		if err != nil {
			return nil
		}
	}
	return nil
}
