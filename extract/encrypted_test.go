package extract_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cnbudget/cnbudget/extract"
	"github.com/cnbudget/cnbudget/extract/pdf"
)

// TestEncryptedFiles opens files encrypted with RC4 (40 and 128 bits),
// AES-128 and AES-256 by qpdf: with the user or the owner password; with
// none or any password when only an owner password locks them; and says
// whether a password is missing or wrong when none opens them.
func TestEncryptedFiles(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "encrypted", "*.pdf"))
	if len(files) != 7 {
		t.Fatalf("%d encrypted fixtures", len(files))
	}
	for _, f := range files {
		ownerOnly := strings.Contains(f, "owner-only")
		for _, pw := range []string{"", "user1", "owner1", "wrong"} {
			doc, err := extract.Open(f, extract.Options{Password: pw})
			opens := ownerOnly || pw == "user1" || pw == "owner1"
			switch {
			case opens && err != nil:
				t.Errorf("%s with %q: %v", filepath.Base(f), pw, err)
			case opens && !strings.Contains(doc.Pages[0].Text(), "Budget 2024 encrypted sample"):
				t.Errorf("%s with %q: text %q", filepath.Base(f), pw, doc.Pages[0].Text())
			case !opens && !errors.Is(err, pdf.ErrEncrypted):
				t.Errorf("%s with %q: %v, want an encryption error", filepath.Base(f), pw, err)
			case !opens && pw == "" && !strings.Contains(err.Error(), "needs a password"):
				t.Errorf("%s without a password: %v", filepath.Base(f), err)
			case !opens && pw != "" && !strings.Contains(err.Error(), "password given does not open it"):
				t.Errorf("%s with a wrong password: %v", filepath.Base(f), err)
			}
		}
	}
}
