package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/cnbudget/cnbudget/normalize/batch"
	"github.com/cnbudget/cnbudget/schema"
)

// TestMain lets a test run the command in a child process (to kill it),
// and lets the test binary serve as convert's worker process (convert
// starts its workers from its own executable).
func TestMain(m *testing.M) {
	if os.Getenv("CNBUDGET_TEST_MAIN") == "1" || len(os.Args) > 1 && os.Args[1] == workerCommand {
		main()
		return
	}
	os.Exit(m.Run())
}

func readSample(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sampleVariant is the sample renamed to another department, so that
// many distinct documents can be made from it.
func sampleVariant(data []byte, i int) []byte {
	han := strings.NewReplacer("0", "零", "1", "一", "2", "二", "3", "三", "4", "四", "5", "五", "6", "六", "7", "七", "8", "八", "9", "九")
	name := "永清县第" + han.Replace(fmt.Sprint(i)) + "管理局"
	return bytes.ReplaceAll(data, []byte("永清县人力资源和社会保障局"), []byte(name))
}

// bombPDF is a one-page PDF whose content stream inflates to 100 MB.
func bombPDF(t *testing.T) []byte {
	t.Helper()
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zero := make([]byte, 1<<20)
	for i := 0; i < 100; i++ {
		zw.Write(zero)
	}
	zw.Close()
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>")
	obj(fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()))
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

func writeTestZip(t *testing.T, path string, members []struct {
	name string
	gbk  bool
	data []byte
}) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		h := &zip.FileHeader{Name: m.name, Method: zip.Deflate}
		if m.gbk {
			enc, err := simplifiedchinese.GBK.NewEncoder().String(m.name)
			if err != nil {
				t.Fatal(err)
			}
			h.Name, h.NonUTF8 = enc, true
		}
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(m.data)
	}
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeTarGz(t *testing.T, path string, name string, data []byte) {
	t.Helper()
	var buf bytes.Buffer
	gw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gw)
	tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg})
	tw.Write(data)
	tw.Close()
	gw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot hashes every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	return out
}

func manifestEntries(t *testing.T, dir string) map[string]schema.ManifestEntry {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]schema.ManifestEntry{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e schema.ManifestEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("manifest line %q: %v", sc.Text(), err)
		}
		name := batch.ItemName(e)
		if _, dup := out[name]; dup {
			t.Errorf("two records for %s", name)
		}
		out[name] = e
	}
	return out
}

// TestConvertBrokenInputs converts a folder of good and broken inputs:
// every input gets exactly one record with the right status, nothing but
// the output folder changes on disk.
func TestConvertBrokenInputs(t *testing.T) {
	root := t.TempDir()
	in := filepath.Join(root, "in")
	out := filepath.Join(root, "out")
	os.MkdirAll(filepath.Join(in, "copies"), 0o755)
	good := readSample(t)
	write := func(rel string, data []byte) {
		if err := os.WriteFile(filepath.Join(in, rel), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("sample.txt", good)
	write("copies/sample-again.txt", good)
	write("empty.pdf", nil)
	write("page.pdf", []byte("<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>not found</body></html>"))
	write("readme.txt", []byte("downloaded from the county website\n"))
	write("budget.xlsx", []byte("PK\x03\x04 a spreadsheet"))
	write("bomb.pdf", bombPDF(t))
	writeTestZip(t, filepath.Join(in, "archive.zip"), []struct {
		name string
		gbk  bool
		data []byte
	}{
		{"部门预算公开.txt", true, sampleVariant(good, 1)},
		{"../escape.pdf", false, []byte("%PDF-1.4\n%%EOF\n")},
	})
	writeTarGz(t, filepath.Join(in, "more.tar.gz"), "sub/unit.txt", sampleVariant(good, 2))
	want := map[string]string{
		"sample.txt":                 schema.StatusOK,
		"copies/sample-again.txt":    schema.StatusOK,
		"empty.pdf":                  schema.StatusFailed,
		"page.pdf":                   schema.StatusNotADisclosure,
		"readme.txt":                 schema.StatusNotADisclosure,
		"budget.xlsx":                schema.StatusSkipped,
		"bomb.pdf":                   schema.StatusFailed,
		"archive.zip!/部门预算公开.txt":    schema.StatusOK,
		"archive.zip!/../escape.pdf": schema.StatusSkipped,
		"more.tar.gz!/sub/unit.txt":  schema.StatusOK,
	}
	// The real corpus, when it is there: every PDF in one zip archive, and
	// beside it a truncated one and a narrative and its tables published
	// apart.
	real := filepath.Join("..", "..", "..", "shared", "corpus", "real")
	if pdfs, _ := filepath.Glob(filepath.Join(real, "*.pdf")); len(pdfs) > 0 {
		var members []struct {
			name string
			gbk  bool
			data []byte
		}
		for _, p := range pdfs {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			name := "real/" + filepath.Base(p)
			members = append(members, struct {
				name string
				gbk  bool
				data []byte
			}{name, false, data})
			// Scanned pages make a file partial; r031 has no text at all.
			status := schema.StatusOK
			switch {
			case strings.HasPrefix(filepath.Base(p), "r031_"):
				status = schema.StatusNoTextLayer
			case strings.HasPrefix(filepath.Base(p), "r058_"), strings.HasPrefix(filepath.Base(p), "r059_"), strings.HasPrefix(filepath.Base(p), "r065_"):
				status = schema.StatusPartial
			}
			want["real.zip!/"+name] = status
		}
		writeTestZip(t, filepath.Join(in, "real.zip"), members)
		for _, name := range []string{"r084_jiangsu_party-office_2017_dept-budget.pdf", "r085_jiangsu_party-office_2017_dept-budget-tables.pdf"} {
			data, err := os.ReadFile(filepath.Join(real, name))
			if err != nil {
				t.Fatal(err)
			}
			write(name, data)
			want[name] = schema.StatusOK
		}
		data, _ := os.ReadFile(filepath.Join(real, "r001_sh-putuo_justice_2026_dept-budget.pdf"))
		// A download cut at 40%: salvaged, partial, its lost pages named.
		write("truncated.pdf", data[:len(data)*4/10])
		want["truncated.pdf"] = schema.StatusPartial
	} else {
		t.Logf("the shared corpus is not at %s: real PDFs left out of this test", real)
	}
	before := snapshot(t, in)
	code, _, errs := runCLI(t, "convert", in, "-o", out, "-j", "2")
	if code != 1 {
		t.Errorf("exit %d, want 1 (some inputs failed); stderr:\n%s", code, errs)
	}
	entries := manifestEntries(t, out)
	if len(entries) != len(want) {
		t.Errorf("%d records for %d inputs", len(entries), len(want))
	}
	for rel, status := range want {
		e, ok := entries[filepath.Join(in, rel)]
		if !ok {
			e, ok = entries[inputsName(in, rel)]
		}
		if !ok {
			t.Errorf("no record for %s", rel)
			continue
		}
		if e.Status != status {
			t.Errorf("%s: status %s (%s), want %s", rel, e.Status, e.Reason, status)
		}
		if e.Status != schema.StatusOK && e.Reason == "" {
			t.Errorf("%s: status %s without a reason", rel, e.Status)
		}
		if e.Status == schema.StatusOK && e.Output == "" {
			t.Errorf("%s: no output file", rel)
		}
	}
	if e, ok := entries[filepath.Join(in, "truncated.pdf")]; ok && (!strings.Contains(e.Reason, "damaged file") || !strings.Contains(e.Reason, "could not be read")) {
		t.Errorf("truncated.pdf: reason %q does not say the file is damaged and which pages are lost", e.Reason)
	}
	a, b := entries[filepath.Join(in, "copies/sample-again.txt")], entries[filepath.Join(in, "sample.txt")]
	if a.DuplicateOf != "" || b.DuplicateOf != batch.ItemName(a) || a.Output != b.Output {
		t.Errorf("sample.txt is not recorded as a duplicate of its copy:\n%+v\n%+v", a, b)
	}
	if !strings.Contains(errs, "inputs:") || !strings.Contains(errs, "failed") {
		t.Errorf("no summary on stderr:\n%s", errs)
	}
	// Nothing changed among the inputs; the output folder holds the
	// manifest, files/, department documents and the run's lock only.
	if after := snapshot(t, in); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the inputs changed")
	}
	rootEntries, _ := os.ReadDir(root)
	if len(rootEntries) != 2 {
		t.Errorf("the run wrote beside its output: %v", rootEntries)
	}
	for rel := range snapshot(t, out) {
		switch {
		case rel == "manifest.jsonl", rel == ".lock", strings.HasPrefix(rel, "files"+string(filepath.Separator)) && strings.HasSuffix(rel, ".json"),
			!strings.Contains(rel, string(filepath.Separator)) && batch.IsGroupFile(rel):
		default:
			t.Errorf("unexpected output %s", rel)
		}
	}
	// The narrative and table PDFs of one department-year are one output.
	if e84, ok := entries[filepath.Join(in, "r084_jiangsu_party-office_2017_dept-budget.pdf")]; ok {
		e85 := entries[filepath.Join(in, "r085_jiangsu_party-office_2017_dept-budget-tables.pdf")]
		if e84.Output == "" || e84.Output != e85.Output {
			t.Errorf("r084 and r085 written to %q and %q, want one file", e84.Output, e85.Output)
		}
	}
}

func inputsName(dir, rel string) string {
	a, m, _ := strings.Cut(rel, "!/")
	return filepath.Join(dir, a) + "!/" + m
}

// outputs returns the bytes of every output but the manifest, and the
// manifest without its timings.
func outputs(t *testing.T, dir string) (map[string]string, string) {
	t.Helper()
	files := snapshot(t, dir)
	delete(files, "manifest.jsonl")
	var lines []string
	for _, e := range manifestEntries(t, dir) {
		e.Seconds = 0
		b, _ := json.Marshal(e)
		lines = append(lines, string(b))
	}
	sort.Strings(lines)
	return files, strings.Join(lines, "\n")
}

func variants(t *testing.T, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "in")
	os.MkdirAll(dir, 0o755)
	good := readSample(t)
	for i := 0; i < n; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("d%03d.txt", i)), sampleVariant(good, i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestConvertDeterministic: -j1 and -j2 write byte-identical outputs.
func TestConvertDeterministic(t *testing.T) {
	in := variants(t, 12)
	var files [2]map[string]string
	var man [2]string
	for k, j := range []string{"1", "2"} {
		out := filepath.Join(t.TempDir(), "out")
		if code, _, errs := runCLI(t, "convert", in, "-o", out, "-j", j, "-q"); code != 0 {
			t.Fatalf("-j %s: exit %d: %s", j, code, errs)
		}
		files[k], man[k] = outputs(t, out)
	}
	if len(files[0]) < 13 {
		t.Errorf("only %d outputs", len(files[0]))
	}
	if fmt.Sprint(files[0]) != fmt.Sprint(files[1]) || man[0] != man[1] {
		t.Errorf("-j1 and -j2 differ:\n%v\n%v", files[0], files[1])
	}
}

// TestConvertKillResume kills a run with SIGKILL at random moments, then
// interrupts one with SIGINT, and resumes: the outputs are byte-identical
// to those of a run that was never interrupted.
func TestConvertKillResume(t *testing.T) {
	if testing.Short() {
		t.Skip("kill and resume runs the command several times")
	}
	in := variants(t, 40)
	ref := filepath.Join(t.TempDir(), "ref")
	if code, _, errs := runCLI(t, "convert", in, "-o", ref, "-j", "2", "-q"); code != 0 {
		t.Fatalf("reference run: exit %d: %s", code, errs)
	}
	wantFiles, wantMan := outputs(t, ref)

	out := filepath.Join(t.TempDir(), "out")
	child := func(extra ...string) *exec.Cmd {
		args := append([]string{"convert", in, "-o", out, "-j", "2", "-q"}, extra...)
		cmd := exec.Command(os.Args[0], args...)
		cmd.Args[0] = "cnbudget"
		cmd.Path = os.Args[0]
		cmd.Env = append(os.Environ(), "CNBUDGET_TEST_MAIN=1")
		return cmd
	}
	rng := rand.New(rand.NewSource(1))
	for k := 0; k < 3; k++ {
		cmd := child("--resume")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(200+rng.Intn(600)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
	}
	// SIGINT: stops after the files in flight, exit code 130.
	cmd := child("--resume")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() != 130 || err == nil && !strings.Contains(stderr.String(), "inputs:") {
		t.Errorf("after SIGINT: %v\n%s", err, stderr.String())
	}
	if code, _, errs := runCLI(t, "convert", in, "-o", out, "-j", "2", "-q", "--resume"); code != 0 {
		t.Fatalf("resumed run: exit %d: %s", code, errs)
	}
	gotFiles, gotMan := outputs(t, out)
	if fmt.Sprint(gotFiles) != fmt.Sprint(wantFiles) {
		t.Errorf("resumed outputs differ from an uninterrupted run:\n got %v\nwant %v", gotFiles, wantFiles)
	}
	if gotMan != wantMan {
		t.Errorf("resumed manifest differs:\n%s\nwant\n%s", gotMan, wantMan)
	}
}

// TestShardsMerge converts in two shards and merges them: the result is
// the single run's.
func TestShardsMerge(t *testing.T) {
	in := variants(t, 10)
	good := readSample(t)
	os.WriteFile(filepath.Join(in, "dup.txt"), sampleVariant(good, 3), 0o644)
	ref := filepath.Join(t.TempDir(), "ref")
	if code, _, errs := runCLI(t, "convert", in, "-o", ref, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var dirs []string
	total := 0
	for i := 0; i < 2; i++ {
		d := filepath.Join(t.TempDir(), fmt.Sprintf("shard%d", i))
		if code, _, errs := runCLI(t, "convert", in, "-o", d, "-q", "--shard", fmt.Sprintf("%d/2", i)); code != 0 {
			t.Fatalf("shard %d: exit %d: %s", i, code, errs)
		}
		total += len(manifestEntries(t, d))
		dirs = append(dirs, d)
	}
	if total != 11 {
		t.Errorf("the shards recorded %d inputs, want 11", total)
	}
	merged := filepath.Join(t.TempDir(), "merged")
	if code, _, errs := runCLI(t, append([]string{"merge", "-o", merged}, dirs...)...); code != 0 {
		t.Fatalf("merge: exit %d: %s", code, errs)
	}
	wantFiles, wantMan := outputs(t, ref)
	gotFiles, gotMan := outputs(t, merged)
	if fmt.Sprint(gotFiles) != fmt.Sprint(wantFiles) || gotMan != wantMan {
		t.Errorf("merged shards differ from one run:\n%v\n%v\n%s\n%s", gotFiles, wantFiles, gotMan, wantMan)
	}
	if code, _, errs := runCLI(t, "convert", in, "-o", t.TempDir(), "--shard", "2/2"); code != 2 {
		t.Errorf("--shard 2/2: exit %d, want 2: %s", code, errs)
	}
}

// TestExport writes the facts of a run in the three formats.
func TestExport(t *testing.T) {
	in := variants(t, 2)
	out := filepath.Join(t.TempDir(), "out")
	if code, _, errs := runCLI(t, "convert", in, "-o", out, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	dir := t.TempDir()
	for _, f := range []string{"csv", "jsonl", "parquet"} {
		path := filepath.Join(dir, "facts."+f)
		if code, _, errs := runCLI(t, "export", out, "-f", f, "-o", path); code != 0 {
			t.Fatalf("export %s: exit %d: %s", f, code, errs)
		}
		for _, p := range []string{path, filepath.Join(dir, "facts_tables."+f)} {
			if fi, err := os.Stat(p); err != nil || fi.Size() < 100 {
				t.Errorf("%s: %v", p, err)
			}
		}
		// The samples are budgets: their form tables are there, empty.
		for _, p := range []string{filepath.Join(dir, "facts_forms."+f), filepath.Join(dir, "facts_indicators."+f)} {
			if _, err := os.Stat(p); err != nil {
				t.Error(err)
			}
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "facts.csv"))
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if !strings.HasPrefix(lines[0], "province,city,county,region_code,department,department_id") || len(lines) < 400 {
		t.Errorf("facts.csv: %d lines, header %q", len(lines), lines[0])
	}
	if code, _, _ := runCLI(t, "export", out, "-f", "xlsx", "-o", filepath.Join(dir, "x")); code != 2 {
		t.Errorf("unknown format: exit %d, want 2", code)
	}
	// A hive-partitioned dataset.
	ds := filepath.Join(dir, "dataset")
	if code, _, errs := runCLI(t, "export", out, "-f", "parquet", "--partition", "year,province", "-o", ds); code != 0 {
		t.Fatalf("partitioned export: exit %d: %s", code, errs)
	}
	parts, _ := filepath.Glob(filepath.Join(ds, "amounts", "year=*", "province=*", "part-0.parquet"))
	if len(parts) == 0 {
		t.Error("no partitioned amounts")
	}
	if code, _, _ := runCLI(t, "export", out, "-f", "csv", "--partition", "year", "-o", ds); code != 2 {
		t.Errorf("--partition with csv: exit %d, want 2", code)
	}
	if code, _, _ := runCLI(t, "export", out, "-f", "parquet", "--partition", "department", "-o", ds); code != 2 {
		t.Errorf("--partition by an unknown key: exit %d, want 2", code)
	}
}
