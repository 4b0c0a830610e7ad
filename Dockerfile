# syntax=docker/dockerfile:1
# Build a static binary, then run it as a non-root user in a minimal image
# with the articles baked in and the index on a volume.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY answer ./answer
COPY bot ./bot
COPY cmd ./cmd
COPY index ./index
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/bot ./cmd/bot

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/bot /bot
COPY seeds /seeds
ENV SEEDS_DIR=/seeds INDEX_DIR=/data/index
VOLUME /data
USER nonroot:nonroot
ENTRYPOINT ["/bot"]
