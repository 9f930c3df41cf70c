package rules

import (
	"bufio"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dlclark/regexp2"

	"github.com/cnbudget/cnbudget"
)

func TestRequirements(t *testing.T) {
	for _, tc := range []struct {
		pat  string
		want string // the clauses, each sorted, in rune order, space-separated; "-" for nil
	}{
		{`收支总表`, "总 支 收 表"},
		{`^(?:.{0,12})(?<!一般公共预算)财政拨款基本支出(?:预算|决算)?表`, "出 基 拨 支 政 本 款 表 财"},
		{`收入(?:预算|决算)?(?:总|总体情况)?表`, "入 收 表"},
		{`(?:预算|决算)表`, "决预 算 表"},            // 算 in both branches; 预 or 决
		{`(?:部门|单位)表`, "单部 表"},              // 部 or 单
		{`(?:部门|.单位|\d)表`, "表"},             // a branch requires nothing
		{`三公[”"’]?经费.{0,24}表`, "三 公 经 表 费"}, // an optional class requires nothing
		{`[（(]单位[）)]`, "(（ )） 位 单"},
		{`[。；;]`, ";。；"},
		{`[^，]`, ""},
		{`[一-十]`, ""},
		{`[\d，]`, ""},
		{`[\-，]`, "-，"},
		{`合计{2}x*y+`, "y 合 计"},
		{`a{0,3}b{1,}c{x`, "b c x {"}, // {x is a literal
		{`(?<amount>\d+(?:\.\d+)?)万元`, "万 元"},
		{`\(续\)`, "( ) 续"},
		{`(?=总)计|总计`, "总计 计"},
		{`(?i)abc`, "-"},       // inline options: not followed
		{`(a)\1`, "-"},         // back-reference: not followed
		{`[a-z-[aeiou]]`, "-"}, // class subtraction
		{`a(b`, "-"},
	} {
		cs := requirements(tc.pat)
		var parts []string
		for _, c := range cs {
			parts = append(parts, string(c))
		}
		got := strings.Join(parts, " ")
		if cs == nil && tc.want == "-" {
			continue
		}
		if got != tc.want || tc.want == "-" {
			t.Errorf("requirements(%q) = %q, want %q", tc.pat, got, tc.want)
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
			// Lines are matched squeezed, as the rules do, or trimmed.
			for _, s := range []string{Squeeze(sc.Text()), strings.TrimSpace(sc.Text())} {
				tx := text(s)
				lines++
				for _, p := range pats {
					ok, err := p.MatchRunes(tx.runes())
					if err != nil || !ok {
						continue
					}
					matched++
					if !p.may(&tx) {
						t.Errorf("%s: pattern %q matches %q but its prefilter rejects it", f, p.String(), s)
					}
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

// FuzzRequirements checks on random patterns and texts that a text the
// pattern matches meets every clause requirements names, and fits the
// pattern's shape (its first rune and length when anchored).
func FuzzRequirements(f *testing.F) {
	f.Add(`(?:预算|决算)?表`, "2024年收入决算表")
	f.Add(`a{2,}(?<x>b|cb)`, "aacb")
	f.Add(`[（(]续[）)]`, "（续)")
	f.Add(`(?:部门|单位)[：:]`, "单位:")
	f.Add(`^\d{1,2}\s*[、.．](?!\d)`, "１、")
	f.Add(`^(?:合计|总计)$`, "合计\n")
	f.Fuzz(func(t *testing.T, pat, s string) {
		re, err := regexp2.Compile(pat, regexp2.None)
		if err != nil || len(pat) > 200 {
			return
		}
		// A pattern that backtracks without end is no question for the
		// prefilter: give up on it (a match error) instead of hanging.
		re.MatchTimeout = time.Second
		cs := requirements(pat)
		if ok, err := re.MatchString(s); err != nil || !ok {
			return
		}
		for _, c := range cs {
			if !strings.ContainsAny(s, string(c)) {
				t.Fatalf("%q matches %q, which has none of %q", pat, s, string(c))
			}
		}
		if tx, sh := text(s), shapeOf(pat); !sh.fits(tx.first, tx.n) {
			t.Fatalf("%q matches %q, which its shape %+v rejects", pat, s, sh)
		}
	})
}

// TestTitleKeys checks the rune set that lets a line be tried as a title:
// every title pattern of the default configuration requires one of a few
// runes (表, 况 …), so that a line holding none of them, as most lines of a
// document do, is not tried against the patterns at all; and that lines
// that are titles hold one.
func TestTitleKeys(t *testing.T) {
	r, err := Parse(cnbudget.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	ks := r.titleKeys
	if ks.all || len(ks.runes) == 0 || len(ks.runes) > 40 {
		t.Fatalf("title keys: all=%v, %d runes", ks.all, len(ks.runes))
	}
	for _, line := range []string{"部门收支总表", "2026年部门基本支出预算情况表", "一般公共预算“三公”经费支出表", "项目支出绩效自评表", "政府采购预算表"} {
		if !ks.may(line) {
			t.Errorf("%q holds no title key", line)
		}
		if k, _ := r.TitleMatch(line); k == "" {
			t.Errorf("%q: no title", line)
		}
	}
	for _, line := range []string{"社会保障和就业支出 1,234.56", "一、一般公共服务支出"} {
		if ks.may(line) {
			t.Errorf("%q may be a title", line)
		}
	}
	if p := newPattern(regexp2.MustCompile(`(?i)x`, 0), `(?i)x`); newKeySet([]*pattern{p}).may("y") != true {
		t.Error("a pattern the prefilter cannot read must let every line through")
	}
}

// TestShape checks the first runes and the longest match read from
// anchored patterns, and that what the syntax does not allow to narrow
// filters nothing.
func TestShape(t *testing.T) {
	for _, tc := range []struct {
		pat  string
		text string
		fits bool
	}{
		{`^[一二三四五六七八九十]{1,3}\s*[、.．]`, "三、支出", true},
		{`^[一二三四五六七八九十]{1,3}\s*[、.．]`, "（三）支出", false},
		{`^\d{1,2}\s*[、.．](?!\d)`, "12、", true},
		{`^\d{1,2}\s*[、.．](?!\d)`, "１、", true}, // .NET's \d: any decimal digit
		{`^\d{1,2}\s*[、.．](?!\d)`, "一、", false},
		{`^[（(]\s*(?:\d{1,2}|[一二三]{1,3})\s*[）)]`, "(1)", true},
		{`^[（(]\s*(?:\d{1,2}|[一二三]{1,3})\s*[）)]`, "1)", false},
		{`^(?:合计|总计|小计)$`, "合计", true},
		{`^(?:合计|总计|小计)$`, "合计\n", true},  // $ before a final newline
		{`^(?:合计|总计|小计)$`, "合计数值", false}, // longer than any match
		{`^(?:合计|总计|小计)$`, "", false},
		{`^(?:部门)?表\d{1,2}$`, "部门表12", true},
		{`^(?:部门)?表\d{1,2}$`, "部门表1234", false},
		{`^(?:部门)?表\d{1,2}$`, "表1", true},
		{`^\s*合计`, " 合计", true}, // white space or 合 first
		{`^\s*合计`, "x合计", false},
		{`合计$`, "总合计", true},      // not anchored at the start: no test
		{`^a|b`, "xb", true},      // one branch unanchored
		{`^(?=合)合计$`, "合计", true}, // a lookahead is dropped
		{`^(?i)ab$`, "AB", true},  // inline options: no test
		{`^\D`, "a", true},        // a negated class escape: no test
		{`^\p{Han}{2}$`, "合计", true},
		{`^\p{Han}{2}$`, "a合", false},
		{`^\p{Han}{2}$`, "合计数字", false},
		{`^[^\d]x`, "ax", true},
		{`^[^\d]x`, "1x", false},
		{`^(?<code>\d{3})\s+`, "123 a", true},
		{`^(?<code>\d{3})\s+`, "a123 ", false},
	} {
		sh, tx := shapeOf(tc.pat), text(tc.text)
		if got := sh.fits(tx.first, tx.n); got != tc.fits {
			t.Errorf("shapeOf(%q).fits(%q) = %v, want %v (shape %+v)", tc.pat, tc.text, got, tc.fits, sh)
		}
		// Soundness: a text the pattern matches always fits.
		re := regexp2.MustCompile(tc.pat, regexp2.None)
		if ok, _ := re.MatchString(tc.text); ok && !sh.fits(tx.first, tx.n) {
			t.Errorf("%q matches %q but its shape rejects it", tc.pat, tc.text)
		}
	}
}
