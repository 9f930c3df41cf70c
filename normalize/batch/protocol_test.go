package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cnbudget "github.com/cnbudget/cnbudget"
	"github.com/cnbudget/cnbudget/extract/inputs"
	"github.com/cnbudget/cnbudget/normalize"
	"github.com/cnbudget/cnbudget/normalize/rules"
	"github.com/cnbudget/cnbudget/schema"
)

// TestWorkerReadsFiles speaks the worker protocol: a file of its own is
// read by the worker from its path (no content sent), a member of an
// archive comes with its content; a file gone since it was listed, or
// grown past the limit, or changed (not the content hashed when it was
// listed), is a failed record naming the reason, and the worker goes on
// with the next input.
func TestWorkerReadsFiles(t *testing.T) {
	r, err := rules.Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	sample, err := filepath.Abs(filepath.Join("..", "..", "samples", "jiangsu_party-office_2017_tables.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(content)
	hash := hex.EncodeToString(sum[:])
	tmp := t.TempDir()
	big := filepath.Join(tmp, "grown.pdf")
	if err := os.WriteFile(big, append([]byte("%PDF-1.4\n"), make([]byte, 1<<20)...), 0o644); err != nil {
		t.Fatal(err)
	}
	var in bytes.Buffer
	frame := func(v any) {
		b, _ := json.Marshal(v)
		writeFrame(&in, b)
	}
	out := t.TempDir()
	os.Mkdir(filepath.Join(out, "files"), 0o755)
	frame(hello{Out: out, Timeout: time.Minute, Limits: inputs.Limits{MaxBytes: 1 << 20}})
	frame(jobMsg{ID: 1, Path: sample, SHA256: hash, Type: "pdf", Size: int64(len(content)), Read: true})
	frame(jobMsg{ID: 2, Path: filepath.Join(tmp, "gone.pdf"), SHA256: "b2", Type: "pdf", Size: 10, Read: true})
	frame(jobMsg{ID: 3, Path: "archive.zip", Member: "in/the.pdf", SHA256: hash, Type: "pdf", Size: int64(len(content))})
	writeFrame(&in, content)
	frame(jobMsg{ID: 4, Path: big, SHA256: "d4", Type: "pdf", Size: 100, Read: true})
	frame(jobMsg{ID: 5, Path: sample, SHA256: "e5" + hash[2:], Type: "pdf", Size: int64(len(content)), Read: true})
	var res bytes.Buffer
	if err := ServeWorker(context.Background(), &in, &res, r, normalize.Options{ToolVersion: "test"}); err != nil {
		t.Fatal(err)
	}
	var got []resultMsg
	for {
		raw, err := readFrame(&res)
		if err != nil {
			break
		}
		var m resultMsg
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		got = append(got, m)
	}
	if len(got) != 5 {
		t.Fatalf("%d results, want 5", len(got))
	}
	for _, i := range []int{0, 2} {
		if e := got[i].Entry; e.Status != schema.StatusOK || e.Pages == 0 || got[i].Head == nil {
			t.Errorf("input %d: %s %q, %d pages", got[i].ID, e.Status, e.Reason, e.Pages)
		}
	}
	if e := got[1].Entry; e.Status != schema.StatusFailed || !strings.Contains(e.Reason, "gone.pdf") || e.ToolVersion != "test" {
		t.Errorf("a file gone: %s %q", e.Status, e.Reason)
	}
	// The limit is the hello's (1 MB): a file grown past it since it
	// was listed is refused as the parent refuses it.
	if e := got[3].Entry; e.Status != schema.StatusFailed || !strings.Contains(e.Reason, "too large") {
		t.Errorf("a grown file: %s %q", e.Status, e.Reason)
	}
	if e := got[4].Entry; e.Status != schema.StatusFailed || !strings.Contains(e.Reason, "changed since it was listed") || e.File != "" {
		t.Errorf("a changed file: %s %q %q", e.Status, e.Reason, e.File)
	}
}
