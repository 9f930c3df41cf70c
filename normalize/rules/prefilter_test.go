package rules

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dlclark/regexp2"

	"github.com/cnbudget/cnbudget"
)

func TestRequiredRunes(t *testing.T) {
	for _, tc := range []struct {
		pat  string
		want string // the required runes, sorted; "-" for nil
	}{
		{`收支总表`, "总收支表"},
		{`^(?:.{0,12})(?<!一般公共预算)财政拨款基本支出(?:预算|决算)?表`, "出基拨支政本款表财"},
		{`(?:部门|单位)整体(?:支出|预算)?绩效目标(?:申报)?表`, "体整效标目绩表"},
		{`收入(?:预算|决算)?(?:总|总体情况)?表`, "入收表"},
		{`(?:预算|决算)表`, "算表"},            // 算 in both branches
		{`(?:部门|单位)表`, "表"},             // nothing shared
		{`三公[”"’]?经费.{0,24}表`, "三公经表费"}, // a class requires nothing
		{`[（(]单位[）)]`, "位单"},
		{`合计{2}x*y+`, "合计y"},
		{`a{0,3}b{1,}c{x`, "bc{x"}, // {x is a literal
		{`(?<amount>\d+(?:\.\d+)?)万元`, "万元"},
		{`\(续\)`, "()续"},
		{`(?=总)计|总计`, "计"},
		{`(?i)abc`, "-"},       // inline options: not followed
		{`(a)\1`, "-"},         // back-reference: not followed
		{`[a-z-[aeiou]]`, "-"}, // class subtraction
		{`a(b`, "-"},
	} {
		got := requiredRunes(tc.pat)
		want := []rune(tc.want)
		slices.Sort(want)
		if tc.want == "-" {
			want = nil
		}
		if !slices.Equal(got, want) {
			t.Errorf("requiredRunes(%q) = %q, want %q", tc.pat, string(got), string(want))
		}
	}
}

// configPatterns returns every pattern of the built-in configuration, found
// by walking the compiled Rules.
func configPatterns(t testing.TB) []*pattern {
	r, err := Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var out []*pattern
	ptype := reflect.TypeOf(&pattern{})
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				return
			}
			if v.Type() == ptype {
				out = append(out, (*pattern)(v.UnsafePointer()))
				return
			}
			walk(v.Elem())
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(r))
	if len(out) < 50 {
		t.Fatalf("found only %d patterns in the configuration", len(out))
	}
	return out
}

// TestPrefilterNeverRejectsAMatch runs every configured pattern over real
// text (the bundled sample, and poppler's text of every real document when
// ../shared is present) and checks that the prefilter lets through every
// line the pattern matches.
func TestPrefilterNeverRejectsAMatch(t *testing.T) {
	pats := configPatterns(t)
	files := []string{filepath.Join("..", "..", "samples", "yongqing_rsj_2024.txt")}
	real, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "corpus", "real", "*.txt"))
	if len(real) == 0 {
		t.Log("../shared/corpus/real not found: checking the bundled sample only")
	}
	files = append(files, real...)
	lines, matched := 0, 0
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			// Lines are matched squeezed, as the rules do.
			text := Squeeze(sc.Text())
			rs := []rune(text)
			m := maskOf(rs)
			lines++
			for _, p := range pats {
				ok, err := p.MatchRunes(rs)
				if err != nil || !ok {
					continue
				}
				matched++
				if !p.possible(m) {
					t.Errorf("%s: pattern %q matches %q but its prefilter rejects it", f, p.String(), text)
				}
			}
		}
		fh.Close()
	}
	if matched == 0 {
		t.Fatal("no pattern matched any line: nothing was checked")
	}
	t.Logf("%d patterns, %d lines, %d matches checked", len(pats), lines, matched)
}

// FuzzRequiredRunes checks on random patterns and texts that a text the
// pattern matches holds every rune requiredRunes names.
func FuzzRequiredRunes(f *testing.F) {
	f.Add(`(?:预算|决算)?表`, "2024年收入决算表")
	f.Add(`a{2,}(?<x>b|cb)`, "aacb")
	f.Add(`[（(]续[）)]`, "（续)")
	f.Fuzz(func(t *testing.T, pat, text string) {
		re, err := regexp2.Compile(pat, regexp2.None)
		if err != nil || len(pat) > 200 {
			return
		}
		need := requiredRunes(pat)
		if ok, err := re.MatchString(text); err != nil || !ok {
			return
		}
		for _, r := range need {
			if !strings.ContainsRune(text, r) {
				t.Fatalf("%q matches %q, which lacks the required rune %q", pat, text, r)
			}
		}
	})
}
