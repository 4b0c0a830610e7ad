package main

import (
	"context"
	"errors"
	"log/slog"
)

func runDiscord(ctx context.Context, cfg config, log *slog.Logger) error {
	return errors.New("discord mode is not available in this build")
}
