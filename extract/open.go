package extract

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"unicode/utf8"
)

// Options control how a document is read.
type Options struct {
	// Password is tried after the empty user password on encrypted PDFs.
	Password string
	// MaxPages refuses documents with more pages (0: no limit).
	MaxPages int
}

// ErrUnsupported is returned for inputs that are neither PDF nor text.
var ErrUnsupported = errors.New("not a PDF or text file")

// Open reads the file at path.
func Open(path string, opt Options) (*Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Read(path, data, opt)
}

// Read reads a document held in memory; name is used in messages.
func Read(name string, data []byte, opt Options) (*Document, error) {
	return ReadContext(context.Background(), name, data, opt)
}

// ReadContext is Read that gives up when ctx is done (a per-file timeout,
// an interrupted batch): it returns an error wrapping ctx.Err().
func ReadContext(ctx context.Context, name string, data []byte, opt Options) (*Document, error) {
	sum := sha256.Sum256(data)
	var doc *Document
	var err error
	switch Sniff(data) {
	case FormatPDF:
		doc, err = readPDF(ctx, name, data, opt)
	case FormatText:
		doc, err = ReadText(bytes.NewReader(data), name)
	default:
		return nil, fmt.Errorf("%s: %w", name, ErrUnsupported)
	}
	if err != nil {
		return nil, err
	}
	doc.Path = name
	doc.SHA256 = hex.EncodeToString(sum[:])
	doc.Size = int64(len(data))
	return doc, nil
}

// Sniff tells the format of data from its content: a PDF header in the
// first kilobyte, or UTF-8 text; "" for anything else (HTML pages count as
// text only if they are valid UTF-8; the stages after this one will find no
// tables in them).
func Sniff(data []byte) Format {
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("%PDF-")) {
		return FormatPDF
	}
	if len(data) == 0 {
		return ""
	}
	probe := data[:min(len(data), 64*1024)]
	// Cut a rune split by the probe boundary.
	for i := 0; i < 3 && len(probe) > 0 && !utf8.Valid(probe); i++ {
		probe = probe[:len(probe)-1]
	}
	if utf8.Valid(probe) && !bytes.ContainsRune(probe, 0) {
		return FormatText
	}
	return ""
}
