package codes

import (
	"strings"
	"testing"
)

func TestDefaultList(t *testing.T) {
	l, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	e := l.Lookup("30101")
	if len(e) == 0 || e[0].Name != "基本工资" || e[0].Scheme != "dept_econ_exp" {
		t.Errorf("30101: %+v", e)
	}
	if l.Lookup("9999999") != nil {
		t.Error("an unknown code was found")
	}
}

func TestParse(t *testing.T) {
	l, err := Parse(strings.NewReader("scheme,code,name,level,year,confidence\ngov_func_exp,2080101,行政运行,项,2024,verified\n"))
	if err != nil {
		t.Fatal(err)
	}
	if e := l.Lookup("2080101"); len(e) != 1 || e[0].Name != "行政运行" || e[0].Confidence != "verified" {
		t.Errorf("lookup: %+v", e)
	}
	if _, err := Parse(strings.NewReader("a,b\n1,2\n")); err == nil {
		t.Error("a list without scheme, code and name parsed")
	}
	for code, want := range map[string]string{"208": "gov_func_exp", "30101": "dept_econ_exp", "50201": "gov_econ_exp", "1": "", "": ""} {
		if got := Scheme(code); got != want {
			t.Errorf("Scheme(%q) = %q, want %q", code, got, want)
		}
	}
}
