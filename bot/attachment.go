package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// articleExts are the article formats the index accepts.
var articleExts = map[string]bool{".txt": true, ".md": true}

// fetchAttachment checks an uploaded article (extension, declared size),
// then downloads it, reading at most the size limit. Its errors are written
// for the admin who uploaded the file.
func (b *service) fetchAttachment(ctx context.Context, att *discordgo.MessageAttachment) ([]byte, error) {
	limit := b.cfg.MaxAttachment
	ext := strings.ToLower(path.Ext(att.Filename))
	if !articleExts[ext] {
		return nil, rejectf("%q is not a .txt or .md file.", CleanLine(att.Filename))
	}
	if int64(att.Size) > limit {
		return nil, rejectf("the file is %s; the limit is %s.", humanBytes(int64(att.Size)), humanBytes(limit))
	}
	u, err := url.Parse(att.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, rejectf("the attachment has no usable download link.")
	}
	if !b.attachOrigins[originOf(u)] {
		// Refused before connecting: the link is the sender's to choose.
		b.log.Warn("discord: refused an attachment link outside Discord's CDN", "host", u.Host)
		return nil, rejectf("the attachment's link is not on Discord's CDN.")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, rejectf("the attachment has no usable download link.")
	}
	// A plain client: the bot token must never go to the CDN.
	resp, err := b.download.Do(req)
	if err != nil {
		b.log.Warn("discord: download attachment", "err", b.redact(err))
		return nil, rejectf("I couldn't download the file. Please try again.")
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.log.Warn("discord: download attachment", "status", resp.StatusCode)
		return nil, rejectf("I couldn't download the file. Please try again.")
	}
	if resp.ContentLength > limit {
		return nil, rejectf("the file is %s; the limit is %s.", humanBytes(resp.ContentLength), humanBytes(limit))
	}
	// The declared size may lie: read one byte past the limit to find out.
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		b.log.Warn("discord: download attachment", "err", b.redact(err))
		return nil, rejectf("I couldn't download the file. Please try again.")
	}
	if int64(len(data)) > limit {
		return nil, rejectf("the file is larger than the %s limit.", humanBytes(limit))
	}
	return data, nil
}

// Discord's CDN hosts, which serve attachments.
var discordCDN = []string{"https://cdn.discordapp.com", "https://media.discordapp.net"}

// attachmentOrigins are the origins attachments may be downloaded from:
// Discord's CDN and, when set, DISCORD_API_URL's (a fake Discord in tests
// serves the files there).
func attachmentOrigins(apiURL string) map[string]bool {
	allowed := map[string]bool{}
	for _, o := range discordCDN {
		allowed[originOf(mustParse(o))] = true
	}
	if apiURL != "" {
		if u, err := url.Parse(apiURL); err == nil && u.Host != "" {
			allowed[originOf(u)] = true
		}
	}
	return allowed
}

// originOf is a URL's scheme, host and port, with the scheme's default
// port written out, so that equal origins compare equal.
func originOf(u *url.URL) string {
	if u == nil || u.Host == "" || u.User != nil {
		return ""
	}
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	switch {
	case port != "":
	case scheme == "https":
		port = "443"
	case scheme == "http":
		port = "80"
	default:
		return ""
	}
	return scheme + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// downloadClient is client, following redirects only within the origin
// first asked, and at most a few of them.
func downloadClient(client *http.Client) *http.Client {
	c := *client
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return errors.New("too many redirects")
		}
		if originOf(req.URL) != originOf(via[0].URL) {
			return fmt.Errorf("redirect to another host (%s)", req.URL.Host)
		}
		return nil
	}
	return &c
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// rejection is an error whose text is written for the admin, as a sentence.
type rejection string

func (r rejection) Error() string { return string(r) }

func rejectf(format string, args ...any) error {
	return rejection(fmt.Sprintf(format, args...))
}
